import LobbyProbeSupport
import Foundation
import LobbyEvdev
import LobbyTouch
import Synchronization

/// The pen-panel scenario: uinput devices shaped like an eGalax kiosk controller under
/// hid-generic — the panel's node with `BTN_TOOL_PEN` + `BTN_TOUCH` + `ABS_X`/`ABS_Y` and no
/// properties, and its silent `BTN_LEFT` sibling — are found by the monitor on a real kernel;
/// the panel is chosen and taps on it come out at the expected pixels. An unlisted controller
/// of the same shape is a touchscreen by the heuristic, a pen tablet is refused, and a
/// configured `tablet` line refuses the eGalax.
enum PenPanelScenario {
    static let eGalax = DeviceIdentity(bus: 0x03, vendor: 0x0eef, product: 0x0001, version: 0x0210)
    static let xRange = AbsoluteAxisInfo(minimum: 30, maximum: 4040)
    static let yRange = AbsoluteAxisInfo(minimum: 60, maximum: 4035)
    /// `MSC_SCAN`: the HID usage the controller reports with each frame.
    static let mscScan: UInt16 = 0x04

    static func device(_ name: String, _ identity: DeviceIdentity, keys: [KeyCode], extraAxes: [AbsoluteAxis: AbsoluteAxisInfo] = [:],
                       miscellaneous: Set<UInt16> = [mscScan]) -> DeviceDescription {
        let axes = extraAxes.merging([.x: xRange, .y: yRange]) { first, _ in first }
        return DeviceDescription(name: name, identity: identity, supportedEvents: [
            .key: Set(keys.map(\.rawValue)), .absolute: Set(axes.keys.map(\.rawValue)), .miscellaneous: miscellaneous,
        ], absoluteAxes: axes)
    }

    /// The panel's node, as the recording of the real controller describes it.
    static let panel = device("eGalax Inc. USB TouchController Touchscreen", eGalax, keys: [.toolPen, .touch])
    /// The same interface's other node: mouse buttons, never an event.
    static let sibling = device("eGalax Inc. USB TouchController", eGalax, keys: [.buttonLeft, .buttonRight])
    /// A controller of the same shape that no quirk lists.
    static let unlisted = device("Lab Pen-Reporting Touch Controller", DeviceIdentity(bus: 0x03, vendor: 0x1209, product: 0x0002, version: 1),
                                 keys: [.toolPen, .touch])
    /// A graphics tablet: pressure, tilt, eraser and side buttons, tool serial numbers.
    static let tablet = device("Lab Pen Tablet", DeviceIdentity(bus: 0x03, vendor: 0x1209, product: 0x0003, version: 1),
                               keys: [.toolPen, .toolRubber, .touch, .stylus, .stylus2],
                               extraAxes: [.pressure: AbsoluteAxisInfo(minimum: 0, maximum: 2047),
                                           .tiltX: AbsoluteAxisInfo(minimum: -64, maximum: 63), .tiltY: AbsoluteAxisInfo(minimum: -64, maximum: 63)],
                               miscellaneous: [0x00])

    /// The screen pixel of a raw panel position (libinput's normalisation on 1080 × 1920).
    static func expectedPixel(x: Int32, y: Int32) -> (x: Double, y: Double) {
        (xRange.normalize(Double(x)) * 1080, yRange.normalize(Double(y)) * 1920)
    }

    static func run() async -> Int32 {
        do {
            try await monitored()
            try classified()
        } catch {
            ProbeOutput.check("pen panel", false, "\(error)")
        }
        return ProbeOutput.summary()
    }

    /// The monitor (lobbyd's touchscreen path) with the default configuration.
    static func monitored() async throws {
        let watch = Mutex(TouchWatch(format: .text))
        let inbox = Inbox(TouchscreenMonitor(configuration: TouchscreenConfiguration(udevDataDirectory: "/nonexistent")).updates()) { update in
            let line = watch.withLock { $0.line(for: update) }
            ProbeOutput.say("UPDATE " + line)
        }
        _ = await inbox.next(within: 5) { if case .health = $0 { true } else { false } }
        // The silent sibling first: it gets the lower event number, as on the real controller.
        let silent = try UinputDevice(sibling)
        let pen = try UinputDevice(panel)
        let opened = await inbox.next(within: 5) { update in
            if case .opened(let device) = update { device.path == pen.devicePath } else { false }
        }
        if case .opened(let device)? = opened {
            let isQuirk = if case .quirk(let entry) = device.basis { entry.matchers == [.vendorProduct(eGalax.vendorProduct)] } else { false }
            ProbeOutput.check("the eGalax panel is chosen over its silent sibling (built-in quirk 0eef:0001)",
                              device.touchProtocol == .singleTouch(contactButton: .touch) && isQuirk,
                              "opened \(device.path) \(device.touchProtocol), \(device.basis)")
        } else {
            ProbeOutput.check("the eGalax panel is chosen over its silent sibling (built-in quirk 0eef:0001)", false,
                              "the monitor did not open \(pen.devicePath); last update \(String(describing: opened))")
        }
        _ = await inbox.next(within: 1) { if case .health = $0 { true } else { false } }
        for (x, y) in [(2035 as Int32, 2047 as Int32), (600, 3500)] {
            try tap(pen, x: x, y: y)
            let expected = expectedPixel(x: x, y: y)
            let check = "tap on the pen panel at raw \(x),\(y) is pixel \(ProbeOutput.point(expected.x, expected.y))"
            let found = await inbox.next(within: 3) { if case .gesture(.tap) = $0 { true } else { false } }
            if case .gesture(.tap(let tap))? = found {
                ProbeOutput.check(check, abs(tap.x - expected.x) < 0.01 && abs(tap.y - expected.y) < 0.01, "got \(ProbeOutput.point(tap.x, tap.y))")
            } else {
                ProbeOutput.check(check, false, "no tap within 3 s")
            }
        }
        await inbox.close()
        withExtendedLifetime(silent) {}
    }

    /// A tap as the controller sends it: `MSC_SCAN`, `BTN_TOUCH`, the position; 120 ms later the lift.
    static func tap(_ device: UinputDevice, x: Int32, y: Int32) throws {
        try device.write(.miscellaneous, code: mscScan, value: 0x000d_0042)
        try device.write(.key, code: KeyCode.touch.rawValue, value: 1)
        try device.write(.absolute, code: AbsoluteAxis.x.rawValue, value: x)
        try device.write(.absolute, code: AbsoluteAxis.y.rawValue, value: y)
        try device.synchronize()
        usleep(120_000)
        try device.write(.miscellaneous, code: mscScan, value: 0x000d_0042)
        try device.write(.key, code: KeyCode.touch.rawValue, value: 0)
        try device.synchronize()
    }

    /// Discovery and selection on the real nodes: the heuristic, a tablet, a configured class.
    static func classified() throws {
        let devices = try [UinputDevice(panel), UinputDevice(unlisted), UinputDevice(tablet)]
        let entries = InputDeviceDiscovery.scan(directory: "/dev/input", udevDataDirectory: "/nonexistent", probeGrab: false)
        for line in TouchList.text(entries).split(separator: "\n") { ProbeOutput.say("LIST " + line) }
        func classification(of device: UinputDevice, matchList: DeviceMatchList = DeviceMatchList()) -> TouchDeviceClassifier.Classification? {
            entries.first { $0.path == device.devicePath }?.description.map { TouchDeviceClassifier.classify($0, matchList: matchList) }
        }
        let heuristic = classification(of: devices[1])
        ProbeOutput.check("an unlisted pen-reporting controller is a touchscreen by the heuristic",
                          heuristic == .touchscreen(.singleTouch(contactButton: .touch), basis: .penController), "got \(String(describing: heuristic))")
        let refused = classification(of: devices[2])
        let refusedText = refused.map { "\($0)" } ?? "nothing"
        ProbeOutput.check("a pen tablet with pressure, tilt and side buttons is refused",
                          refusedText.hasPrefix("not a touchscreen: pen tools without INPUT_PROP_DIRECT (graphics tablet: BTN_TOOL_RUBBER"),
                          refusedText)
        let configured = try DeviceMatchList(parsing: "0eef:0001 tablet   the configuration overrides the quirk")
        let selection = TouchscreenSelector.select(entries, matchList: configured)
        let forced = classification(of: devices[0], matchList: configured).map { "\($0)" } ?? "nothing"
        if case .touchscreen(let chosen, _, _) = selection {
            ProbeOutput.check("configuration '0eef:0001 tablet' refuses the eGalax panel; the unlisted controller is chosen",
                              chosen.path == devices[1].devicePath && forced.contains("a graphics tablet (match line 1: 0eef:0001 tablet)"),
                              "chose \(chosen.path); the eGalax: \(forced)")
        } else {
            ProbeOutput.check("configuration '0eef:0001 tablet' refuses the eGalax panel; the unlisted controller is chosen", false,
                              "nothing chosen; the eGalax: \(forced)")
        }
    }
}
