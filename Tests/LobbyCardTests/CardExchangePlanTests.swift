import LobbyCCID
import LobbyCard
import LobbyTestSupport
import Testing

/// Choosing APDU, T=1 or T=0 exchange from reader descriptor and ATR.
@Suite(.tags(.unit))
struct CardExchangePlanTests {
    static let t1Only: [UInt8] = [0x3B, 0x85, 0x81, 0x31, 0xFE, 0x45, 0x4C, 0x4F, 0x42, 0x42, 0x59, 0xD4]
    static let t0Only: [UInt8] = [0x3B, 0x05, 0x4C, 0x4F, 0x42, 0x42, 0x59]
    /// T=0 and T=1 offered, IFSC 0x20 (TD1 = 80: T=0 + TD2; TD2 = 31: TA3 TB3, T=1).
    static let both: [UInt8] = {
        let body: [UInt8] = [0x80, 0x80, 0x31, 0x20, 0x45]
        return [0x3B] + body + [body.reduce(0, ^)]
    }()
    /// T=1 with CRC (TC3 bit 1).
    static let crc: [UInt8] = {
        let body: [UInt8] = [0x80, 0x81, 0x51, 0xFE, 0x01]
        return [0x3B] + body + [body.reduce(0, ^)]
    }()

    static func descriptor(_ file: String) throws -> CCIDClassDescriptor { try CCIDClassDescriptor(bytes: DescriptorDump.load(file).bytes) }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reader: String
        var atr: [UInt8]
        var plan: CardExchangePlan
        var notAdvertised: Bool
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "short APDU reader ignores the ATR", reader: "ACS_ACR3901U_ICC_Reader.txt", atr: t1Only, plan: .apdu(extended: false), notAdvertised: false),
        Case(name: "extended APDU reader", reader: "ACS_ACR1252IMP_Reader.txt", atr: t0Only, plan: .apdu(extended: true), notAdvertised: false),
        Case(name: "TPDU reader, T=1 card", reader: "ACS_ACR39U_ICC_Reader.txt", atr: t1Only, plan: .t1(ifsc: 254), notAdvertised: false),
        Case(name: "TPDU reader, T=0 card", reader: "ACS_ACR39U_ICC_Reader.txt", atr: t0Only, plan: .t0, notAdvertised: false),
        Case(name: "TPDU reader, card offering T=0 then T=1 takes the first", reader: "ACS_ACR39U_ICC_Reader.txt", atr: both, plan: .t0, notAdvertised: false),
    ]

    @Test("plans", arguments: cases)
    func plans(_ case_: Case) throws {
        let descriptor = try Self.descriptor(case_.reader)
        let plan = try CardExchangePlan.choose(descriptor: descriptor, atr: AnswerToReset(bytes: case_.atr))
        #expect(plan == case_.plan)
        #expect(CardExchangePlan.protocolNotAdvertised(plan, descriptor: descriptor) == case_.notAdvertised)
    }

    @Test("QEMU's reader lists only T=0 but configures itself from the ATR: a T=1 card is run at T=1, flagged")
    func qemuT1() throws {
        let descriptor = try CCIDClassDescriptor(bytes: DescriptorDump.qemuBytes())
        let plan = try CardExchangePlan.choose(descriptor: descriptor, atr: AnswerToReset(bytes: Self.t1Only))
        #expect(plan == .t1(ifsc: 254))
        #expect(CardExchangePlan.protocolNotAdvertised(plan, descriptor: descriptor))
        #expect(try CardExchangePlan.choose(descriptor: descriptor, atr: AnswerToReset(bytes: Self.both)) == .t0)
    }

    @Test("without automatic configuration an unlisted protocol is refused; CRC is refused")
    func refusals() throws {
        var bytes = try DescriptorDump.qemuBytes()
        bytes[40] &= ~0x02  // dwFeatures without "automatic parameter configuration based on ATR"
        let strict = try CCIDClassDescriptor(bytes: bytes)
        #expect(throws: CardExchangePlan.Problem.noUsableProtocol([1, 1])) {  // TD1 and TD2 both say T=1
            try CardExchangePlan.choose(descriptor: strict, atr: AnswerToReset(bytes: Self.t1Only))
        }
        let acr39 = try Self.descriptor("ACS_ACR39U_ICC_Reader.txt")
        #expect(throws: CardExchangePlan.Problem.t1CRCNotSupported) {
            try CardExchangePlan.choose(descriptor: acr39, atr: AnswerToReset(bytes: Self.crc))
        }
    }
}
