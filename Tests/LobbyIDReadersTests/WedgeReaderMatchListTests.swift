import LobbyIDReaders
import LobbyTouch
import LobbyTestSupport
import Testing

@Suite("Wedge reader match list", .tags(.unit))
struct WedgeReaderMatchListTests {
    static let identity = DeviceIdentity(bus: 3, vendor: 0x1209, product: 0x4d52, version: 1)

    @Test func parsesVendorProductAndNameEntries() throws {
        let list = try WedgeReaderMatchList(parsing: """
            # readers of this centre
            1209:4d52   synthetic lab reader
            name:Passport OCR   # a model that reports a generic id

            0DB5:13A
            """)
        #expect(list.entries.count == 3)
        #expect(list.entries[0] == .init(match: .vendorProduct(VendorProductID(vendor: 0x1209, product: 0x4d52)), remark: "synthetic lab reader"))
        #expect(list.entries[1].match == .name("Passport OCR"))
        #expect(list.entries[2].match == .vendorProduct(VendorProductID(vendor: 0x0db5, product: 0x013a)))
        #expect(list.summary == "1209:4d52, name:Passport OCR, 0db5:013a")
    }

    @Test(arguments: [
        ("1209", 1, "'1209' is neither a vendor:product pair like 0db5:013a nor name:TEXT"),
        ("# comment\nname:", 2, "'name:' needs a part of the device name after it"),
        ("1209:4d52\n\n1209:4D52 again", 3, "1209:4d52 is already listed on line 1"),
        ("12345:1", 1, "'12345:1' is neither a vendor:product pair like 0db5:013a nor name:TEXT"),
    ])
    func rejectsBadLinesWithTheirNumber(text: String, line: Int, message: String) {
        #expect(throws: WedgeReaderMatchList.ParseError(line: line, message: message)) { try WedgeReaderMatchList(parsing: text) }
    }

    @Test(arguments: [
        ("1209:4d52", "Anything", true),
        ("1209:4d53", "Lobby Lab MRZ Reader", false),
        ("name:mrz reader", "Lobby Lab MRZ Reader", true),
        ("name:MRZ", "Generic USB Keyboard", false),
    ])
    func matchesByIdentityOrNamePart(match: String, deviceName: String, expected: Bool) throws {
        let parsed = try #require(WedgeReaderMatchList.parseMatch(Substring(match)))
        #expect(parsed.matches(name: deviceName, identity: Self.identity) == expected)
    }
}
