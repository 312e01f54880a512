import LobbyEvdev
import LobbyIDReaders
import LobbyTouch
import Glibc
import LobbyTestSupport
import Testing

@Suite("Wedge reader selection", .tags(.unit))
struct WedgeReaderSelectorTests {
    static func keyboard(_ name: String, vendor: UInt16, product: UInt16, keys: [UInt16]) -> DeviceDescription {
        DeviceDescription(name: name, identity: DeviceIdentity(bus: 3, vendor: vendor, product: product, version: 1),
                          supportedEvents: [.synchronization: [0, 1], .key: Set(keys)])
    }

    static let typingKeys: [UInt16] = Array(1...58)
    static let kioskKeyboard = InputDeviceEntry(path: "/dev/input/event0",
                                                description: keyboard("AT Translated Set 2 keyboard", vendor: 1, product: 1, keys: typingKeys))
    static let reader = InputDeviceEntry(path: "/dev/input/event4",
                                         description: keyboard("Lobby Lab MRZ Reader", vendor: 0x1209, product: 0x4d52, keys: typingKeys))
    /// The same USB device's consumer-control interface: keys, but none that type.
    static let readerConsumerControl = InputDeviceEntry(
        path: "/dev/input/event5", description: keyboard("Lobby Lab MRZ Reader Consumer Control", vendor: 0x1209, product: 0x4d52, keys: [113, 114, 115]))
    static let matchReader = WedgeReaderSource(matches: WedgeReaderMatchList([.vendorProduct(VendorProductID(vendor: 0x1209, product: 0x4d52))]))

    @Test func takesOnlyTheMatchingTypingNode() {
        let selection = WedgeReaderSelector.select([Self.kioskKeyboard, Self.reader, Self.readerConsumerControl], source: Self.matchReader)
        #expect(selection.nodes.map(\.path) == ["/dev/input/event4"])
        #expect(selection.unreadable.isEmpty)
    }

    @Test func neverTakesAnUnmatchedKeyboard() {
        let selection = WedgeReaderSelector.select([Self.kioskKeyboard], source: Self.matchReader)
        #expect(selection.nodes.isEmpty)
        #expect(selection.missingReason == "no input device matches 1209:4d52")
        let unconfigured = WedgeReaderSelector.select([Self.kioskKeyboard, Self.reader], source: WedgeReaderSource())
        #expect(unconfigured.nodes.isEmpty)
        #expect(unconfigured.missingReason.hasPrefix("no reader configured"))
    }

    @Test func explainsANonTypingMatch() {
        let selection = WedgeReaderSelector.select([Self.readerConsumerControl], source: Self.matchReader)
        #expect(selection.nodes.isEmpty)
        #expect(selection.missingReason.contains("only non-typing interfaces match 1209:4d52"))
        #expect(selection.missingReason.contains("/dev/input/event5"))
    }

    @Test func leavesOpenNodesOut() {
        let selection = WedgeReaderSelector.select([Self.reader], source: Self.matchReader, alreadyOpen: ["/dev/input/event4"])
        #expect(selection.nodes.isEmpty)
    }

    @Test func aNamedPathIsUsedWhateverItsIdentity() {
        let source = WedgeReaderSource(devicePath: "/dev/input/event0")
        #expect(WedgeReaderSelector.select([Self.kioskKeyboard], source: source).nodes.map(\.path) == ["/dev/input/event0"])
        let missing = WedgeReaderSelector.select([], source: WedgeReaderSource(devicePath: "/dev/lobby/mrz-reader"))
        #expect(missing.missingReason == "/dev/lobby/mrz-reader does not exist")
    }

    @Test func reportsAnUnreadableReaderButNotAnUnreadableStranger() {
        let denied = EvdevError.openFailed(path: "/dev/input/event4", errno: EACCES)
        let tagged = InputDeviceEntry(path: "/dev/input/event4", failure: denied,
                                      udev: UdevDeviceRecord(properties: ["ID_VENDOR_ID": "1209", "ID_MODEL_ID": "4d52"]))
        let stranger = InputDeviceEntry(path: "/dev/input/event0", failure: .openFailed(path: "/dev/input/event0", errno: EACCES),
                                        udev: UdevDeviceRecord(properties: ["ID_VENDOR_ID": "0001", "ID_MODEL_ID": "0001"]))
        let selection = WedgeReaderSelector.select([stranger, tagged], source: Self.matchReader)
        #expect(selection.nodes.isEmpty)
        #expect(selection.unreadable.count == 1)
        #expect(selection.unreadable.first?.contains("cannot open /dev/input/event4") == true)
        #expect(selection.unreadable.first?.contains("74-lobby-mrz-readers.rules") == true)
        let gone = InputDeviceEntry(path: "/dev/input/event4", failure: .openFailed(path: "/dev/input/event4", errno: ENOENT))
        #expect(WedgeReaderSelector.select([gone], source: Self.matchReader).unreadable.isEmpty)
    }
}
