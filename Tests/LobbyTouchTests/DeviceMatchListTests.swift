import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct DeviceMatchListTests {
    @Test func builtInQuirksParseAndNameTheEGalaxControllers() throws {
        _ = try TouchQuirks.parsed.get()
        let quirks = TouchQuirks.builtIn
        #expect(quirks.origin == .quirks)
        for product: UInt16 in [0x0001, 0x0002] {
            let entry = try #require(quirks.entry(for: VendorProductID(vendor: 0x0eef, product: product)))
            #expect(entry.deviceClass == .touchscreen && entry.forcedProtocol == .singleTouch)
        }
        // The WeTab's multitouch eGalax is classified by its capabilities, not by a quirk.
        #expect(quirks.entry(for: VendorProductID(vendor: 0x0eef, product: 0x72a1)) == nil)
    }

    @Test func linesOldAndNew() throws {
        let list = try DeviceMatchList(parsing: """
            04e7:0020   single-touch   Elo 2700 (BTN_LEFT, udev calls it a mouse)
            0eef:72a1
            056a:*      tablet         every Wacom
            name:"Lab Keyboard #2" ignore   # a '#' inside quotes is part of the name
            name:Exact 1209:0001 touchscreen auto
            """)
        #expect(list.entries.map(\.description) == [
            "04e7:0020 touchscreen single-touch", "0eef:72a1 touchscreen", "056a:* tablet", "name:\"Lab Keyboard #2\" ignore",
            "name:\"Exact\" 1209:0001 touchscreen",
        ])
        #expect(list.entries.map(\.line) == [1, 2, 3, 4, 5])
        #expect(list.entries[0].remark == "Elo 2700 (BTN_LEFT, udev calls it a mouse)")
        #expect(list.entries[2].remark == "every Wacom")
        #expect(list.entries[3].remark.isEmpty)
        let keyboard = TestDevices.device(name: "Lab Keyboard #2")
        #expect(list.entry(for: keyboard)?.deviceClass == .ignore)
        #expect(list.entry(for: VendorProductID(vendor: 0x056a, product: 0x0357))?.deviceClass == .tablet)
        // An entry that needs a name never matches a device known only by its VID:PID.
        #expect(list.entry(for: VendorProductID(vendor: 0x1209, product: 0x0001)) == nil)
        #expect(list.entry(for: TestDevices.device(name: "Exact", vendor: 0x1209, product: 0x0001)) == list.entries[4])
        #expect(list.entry(for: TestDevices.device(name: "Exactly", vendor: 0x1209, product: 0x0001)) == nil)
    }

    @Test(arguments: [
        ("eGalax*", "eGalax Inc. USB TouchController Touchscreen", true),
        ("*Touchscreen", "eGalax Inc. USB TouchController Touchscreen", true),
        ("*Touch*Touch*", "eGalax Inc. USB TouchController Touchscreen", true),
        ("eGalax Inc. USB TouchController", "eGalax Inc. USB TouchController Touchscreen", false),
        ("*", "", true),
        ("a*b", "ab", true),
        ("a*b", "acb", true),
        ("a*b", "acbc", false),
        ("egalax*", "eGalax Inc.", false),
    ])
    func nameWildcards(pattern: String, name: String, expected: Bool) {
        #expect(DeviceMatcher.name(pattern).matches(TestDevices.device(name: name)) == expected)
    }

    @Test(arguments: [
        ("0eef:72a1 sideways", 1,
         "unknown class or protocol 'sideways' (expected one of touchscreen, tablet, ignore, auto, single-touch, multitouch-a, multitouch-b)"),
        ("\n0eef-72a1", 2, "'0eef-72a1' is not a match (expected vvvv:pppp, vvvv:* or name:TEXT, e.g. 0eef:0001)"),
        ("0eef:72a1\n0EEF:72A1 auto", 2, "0eef:72a1 is already listed on line 1"),
        ("12345:0001", 1, "'12345:0001' is not a match (expected vvvv:pppp, vvvv:* or name:TEXT, e.g. 0eef:0001)"),
        ("tablet 0eef:0001", 1, "'tablet' is not a match (expected vvvv:pppp, vvvv:* or name:TEXT, e.g. 0eef:0001)"),
        ("0eef:0001 tablet single-touch", 1, "a protocol ('single-touch') goes only with touchscreen, not with 'tablet'"),
        ("name:\"eGalax Inc touchscreen", 1, "unterminated quote in \"eGalax Inc touchscreen"),
        ("name: touchscreen", 1, "'name:' is not a match (expected vvvv:pppp, vvvv:* or name:TEXT, e.g. 0eef:0001)"),
        ("0eef:* touchscreen\n\n0eef:* ignore", 3, "0eef:* is already listed on line 1"),
    ])
    func errorsNameTheLine(text: String, line: Int, message: String) {
        #expect(throws: DeviceMatchList.ParseError(line: line, message: message)) {
            try DeviceMatchList(parsing: text)
        }
    }
}
