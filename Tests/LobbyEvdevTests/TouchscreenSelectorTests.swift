import Glibc
import LobbyEvdev
import LobbySystem
import LobbyTouch
import LobbyTestSupport
import Testing

@Suite(.tags(.unit))
struct TouchscreenSelectorTests {
    static func entry(_ number: Int, _ device: DeviceDescription) -> InputDeviceEntry {
        InputDeviceEntry(path: "/dev/input/event\(number)", description: device)
    }

    static func denied(_ number: Int, udev: [String: String] = [:]) -> InputDeviceEntry {
        InputDeviceEntry(path: "/dev/input/event\(number)", failure: .openFailed(path: "/dev/input/event\(number)", errno: EACCES),
                         udev: UdevDeviceRecord(properties: udev))
    }

    static func selectedPath(_ selection: TouchscreenSelector.Selection) -> String? {
        if case .touchscreen(let entry, _, _) = selection { entry.path } else { nil }
    }

    @Test(arguments: [
        // The direct multitouch panel beats the BTN_LEFT tablet with a lower number.
        ([entry(0, TestDevices.keyboard), entry(1, TestDevices.tablet), entry(4, TestDevices.multitouch)], "/dev/input/event4"),
        // BTN_TOUCH beats BTN_LEFT.
        ([entry(1, TestDevices.tablet), entry(2, TestDevices.resistive)], "/dev/input/event2"),
        // Same rank: the lower event number.
        ([entry(7, TestDevices.resistive), entry(3, TestDevices.resistive)], "/dev/input/event3"),
        // Touchpads are never chosen.
        ([entry(0, TestDevices.touchpad), entry(5, TestDevices.tablet)], "/dev/input/event5"),
    ])
    func ranksTouchscreens(entries: [InputDeviceEntry], expected: String) {
        #expect(Self.selectedPath(TouchscreenSelector.select(entries)) == expected)
    }

    @Test func aMatchListEntryComesFirst() throws {
        let list = try DeviceMatchList(parsing: "0627:0001 single-touch tablet used as a panel\n")
        let selection = TouchscreenSelector.select([Self.entry(4, TestDevices.multitouch), Self.entry(1, TestDevices.tablet)], matchList: list)
        #expect(selection == .touchscreen(Self.entry(1, TestDevices.tablet), .singleTouch(contactButton: .buttonLeft),
                                          basis: .configuration(list.entries[0])))
    }

    /// The eGalax controller's two nodes: the panel (pen tool) is chosen over its silent BTN_LEFT
    /// sibling with the lower number — by the quirk, and by the heuristic without it; a configured
    /// `tablet` line leaves neither.
    @Test func thePenReportingPanelBeatsItsSilentSibling() throws {
        let entries = [Self.entry(3, TestDevices.eGalaxSibling), Self.entry(4, TestDevices.eGalaxPen)]
        #expect(Self.selectedPath(TouchscreenSelector.select(entries)) == "/dev/input/event4")
        guard case .touchscreen(_, _, .quirk(let quirk)) = TouchscreenSelector.select(entries) else {
            Issue.record("expected the quirk to decide")
            return
        }
        #expect(quirk.line > 0)
        #expect(TouchDeviceClassifier.classify(TestDevices.eGalaxPen, quirks: DeviceMatchList())
                == .touchscreen(.singleTouch(contactButton: .touch), basis: .penController))
        let tablet = try DeviceMatchList(parsing: "0eef:0001 tablet")
        #expect(TouchscreenSelector.select(entries, matchList: tablet) == .none(.absent))
        // Unreadable: udev calls the panel a tablet, the quirk makes it a touchscreen worth an alarm.
        let denied = Self.denied(5, udev: ["ID_INPUT_TABLET": "1", "ID_VENDOR_ID": "0eef", "ID_MODEL_ID": "0001"])
        guard case .none(.error) = TouchscreenSelector.select([denied]) else {
            Issue.record("an unreadable listed panel is an error")
            return
        }
        #expect(TouchscreenSelector.select([denied], matchList: try DeviceMatchList(parsing: "0eef:* ignore")) == .none(.absent))
    }

    /// The monitor changes over only to a better kind of touchscreen, never for a lower number.
    @Test func aBetterKindTakesOverAnOpenDevice() throws {
        let sibling = Self.entry(3, TestDevices.eGalaxSibling), pen = Self.entry(4, TestDevices.eGalaxPen)
        #expect(TouchscreenSelector.betterThanCurrent([sibling, pen], currentPath: sibling.path, matchList: DeviceMatchList()))
        #expect(!TouchscreenSelector.betterThanCurrent([sibling, pen], currentPath: pen.path, matchList: DeviceMatchList()))
        // Same kind, lower number: stay.
        let other = Self.entry(1, TestDevices.resistive)
        #expect(!TouchscreenSelector.betterThanCurrent([other, Self.entry(5, TestDevices.resistive)], currentPath: "/dev/input/event5",
                                                      matchList: DeviceMatchList()))
        // A configured line outranks everything.
        let list = try DeviceMatchList(parsing: "0627:0001 touchscreen")
        #expect(TouchscreenSelector.betterThanCurrent([Self.entry(2, TestDevices.multitouch), Self.entry(7, TestDevices.tablet)],
                                                      currentPath: "/dev/input/event2", matchList: list))
        // The open device is gone from the list: whatever is best takes over.
        #expect(TouchscreenSelector.betterThanCurrent([pen], currentPath: sibling.path, matchList: DeviceMatchList()))
    }

    @Test func nothingUsableIsAbsent() {
        #expect(TouchscreenSelector.select([]) == .none(.absent))
        #expect(TouchscreenSelector.select([Self.entry(0, TestDevices.keyboard), Self.entry(2, TestDevices.touchpad)]) == .none(.absent))
    }

    @Test func unreadableNodesAreAnErrorOnlyWhenUdevSaysTouchscreen() {
        // A keyboard the daemon may not open is none of its business.
        #expect(TouchscreenSelector.select([Self.denied(0, udev: ["ID_INPUT_KEYBOARD": "1"])]) == .none(.absent))
        guard case .none(.error(let reason)) = TouchscreenSelector.select([Self.denied(3, udev: ["ID_INPUT_TOUCHSCREEN": "1"])]) else {
            Issue.record("expected an error")
            return
        }
        #expect(reason.hasPrefix("cannot open /dev/input/event3: Permission denied"))
        #expect(reason.hasSuffix("(is the daemon in the device's group?)"))
    }

    @Test func aConfiguredPathMustBeATouchscreen() {
        let path = "/dev/lobby/touchscreen"
        let keyboard = InputDeviceEntry(path: path, description: TestDevices.keyboard)
        #expect(TouchscreenSelector.select([keyboard], devicePath: path)
                == .none(.error(reason: "/dev/lobby/touchscreen (\"AT Translated Set 2 keyboard\" 0001:0001) is not a touchscreen: no absolute axes")))
        let missing = InputDeviceEntry(path: path, failure: .openFailed(path: path, errno: ENOENT))
        #expect(TouchscreenSelector.select([missing], devicePath: path) == .none(.absent))
        let panel = InputDeviceEntry(path: path, description: TestDevices.resistive)
        #expect(TouchscreenSelector.select([panel, Self.entry(1, TestDevices.multitouch)], devicePath: path)
                == .touchscreen(panel, .singleTouch(contactButton: .touch), basis: .capabilities))
    }

    @Test(arguments: [
        ("/dev/input/event0", 0), ("/dev/input/event12", 12), ("event3", 3),
        ("/dev/input/mouse0", nil), ("/dev/lobby/touchscreen", nil), ("/dev/input/event", nil), ("/dev/input/event1a", nil),
    ] as [(String, Int?)])
    func eventNumbers(path: String, number: Int?) {
        #expect(InputDeviceEntry.eventNumber(ofPath: path) == number)
    }

    @Test(arguments: [
        (1_000_000, 1_000_000, 0), (900_000, 1_000_000, 0), (1_000_001, 1_000_000, 1),
        (1_060_000, 1_000_000, 60), (1_060_500, 1_000_000, 61),
    ] as [(Int64, Int64, Int32)])
    func pollTimeoutsRoundUp(deadline: Int64, now: Int64, milliseconds: Int32) {
        #expect(MonotonicClock.pollTimeout(until: EventTime(microseconds: deadline), now: EventTime(microseconds: now)) == milliseconds)
    }
}
