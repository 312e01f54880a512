import LobbyTestSupport
import Testing
@testable import LobbyCCID

@Suite("CCID class descriptors of real readers", .tags(.unit))
struct CCIDClassDescriptorTests {
    static let files = ["ACS_ACR39U_ICC_Reader.txt", "ACS_ACR3901U_ICC_Reader.txt", "ACS_ACR1252IMP_Reader.txt"]

    @Test(arguments: [
        ("ACS_ACR39U_ICC_Reader.txt", 0, CCIDExchangeLevel.tpdu),
        ("ACS_ACR3901U_ICC_Reader.txt", 0, .shortAPDU),
        ("ACS_ACR1252IMP_Reader.txt", 0, .extendedAPDU),
        ("ACS_ACR1252IMP_Reader.txt", 1, .shortAPDU),
    ])
    func exchangeLevels(file: String, interface: Int, level: CCIDExchangeLevel) throws {
        let dump = try ReaderDump.load(file)[interface]
        let descriptor = try CCIDClassDescriptor(bytes: dump.bytes)
        #expect(descriptor.exchangeLevel == level)
    }

    @Test(arguments: files)
    func everyFieldMatchesTheDump(file: String) throws {
        for dump in try ReaderDump.load(file) {
            #expect(dump.bytes.count == CCIDClassDescriptor.length)
            let descriptor = try CCIDClassDescriptor(bytes: dump.bytes)
            #expect(descriptor.ccidRelease == dump.bcdCCID)
            #expect(UInt32(descriptor.maximumSlotIndex) == dump.number("bMaxSlotIndex"))
            #expect(descriptor.maximumMessageLength == dump.number("dwMaxCCIDMessageLength"))
            #expect(descriptor.maximumIFSD == dump.number("dwMaxIFSD"))
            #expect(descriptor.defaultClockKHz == dump.number("dwDefaultClock"))
            #expect(descriptor.maximumClockKHz == dump.number("dwMaximumClock"))
            #expect(descriptor.maximumDataRate == dump.number("dwMaxDataRate"))
            #expect(descriptor.features == dump.number("dwFeatures"))
            #expect(UInt32(descriptor.classGetResponse) == dump.number("bClassGetResponse"))
            // The dump's own wording of protocols, voltages and exchange level agrees with the decoded bits.
            #expect(descriptor.protocols.map { "T=\($0.rawValue)" } == dump.protocolLines)
            #expect(descriptor.voltages.map(\.rawValue) == dump.voltageLines)
            let levelLine = try #require(dump.featureLines.first { $0.contains("level exchange") })
            let expectedWording: [CCIDExchangeLevel: String] = [
                .tpdu: "TPDU level exchange", .shortAPDU: "Short APDU level exchange",
                .extendedAPDU: "Short and Extended APDU level exchange",
            ]
            #expect(levelLine.hasSuffix(expectedWording[descriptor.exchangeLevel] ?? "?"), "\(dump.product) \(dump.interface)")
            #expect(descriptor.slotCount == 1)
            #expect(descriptor.negotiatesPPSAutomatically)
        }
    }

    @Test func knownNumbers() throws {
        let picc = try CCIDClassDescriptor(bytes: ReaderDump.load("ACS_ACR1252IMP_Reader.txt")[0].bytes)
        #expect(picc.maximumMessageLength == 522)
        #expect(picc.maximumPayload == 512)
        #expect(picc.protocols == [.t1])
        #expect(picc.exchangesIFSDAutomatically)
        let acr39 = try CCIDClassDescriptor(bytes: ReaderDump.load("ACS_ACR39U_ICC_Reader.txt")[0].bytes)
        #expect(acr39.maximumMessageLength == 271)
        #expect(acr39.protocols == [.t0, .t1])
        #expect(acr39.voltages == [.volts5_0, .volts3_0, .volts1_8])
        #expect(acr39.maximumClockKHz == 16_000)
        #expect(!acr39.exchangesIFSDAutomatically)
    }

    @Test func rejectsShortOrForeignDescriptors() throws {
        let good = try ReaderDump.load("ACS_ACR39U_ICC_Reader.txt")[0].bytes
        #expect(throws: CCIDDecodingError.truncated(what: "CCID class descriptor", needed: 54, available: 53)) {
            try CCIDClassDescriptor(bytes: Array(good.prefix(53)))
        }
        var wrongType = good
        wrongType[1] = 0x24
        #expect(throws: CCIDDecodingError.invalidValue(what: "CCID class descriptor bDescriptorType", offset: 1, value: 0x24)) {
            try CCIDClassDescriptor(bytes: wrongType)
        }
        var character = good
        character[42] = 0
        #expect(try CCIDClassDescriptor(bytes: character).exchangeLevel == .character)
    }
}
