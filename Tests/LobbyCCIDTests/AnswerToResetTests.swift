import LobbyTestSupport
import Testing
@testable import LobbyCCID

@Suite("Answer-to-Reset", .tags(.unit))
struct AnswerToResetTests {
    /// PC/SC part 3 ATR of a contactless storage card: TD1 = 80 (TD2 follows, T=0), TD2 = 01 (T=1), 15 historical bytes, TCK 68.
    static let pcscT1: [UInt8] = [0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x68]
    /// Synthetic T=1 ATR: TA1 13, TB1 00, TD1 81, TD2 31 (TA3, TB3 for T=1), TA3 FE (IFSC 254), TB3 45, "LOBBY", TCK F7.
    static let syntheticT1: [UInt8] = [0x3B, 0xB5, 0x13, 0x00, 0x81, 0x31, 0xFE, 0x45, 0x4C, 0x4F, 0x42, 0x42, 0x59, 0xF7]

    @Test func pcscContactlessATR() throws {
        let atr = try AnswerToReset(bytes: Self.pcscT1)
        #expect(atr.convention == .direct)
        #expect(atr.indicatedProtocols == [0, 1])
        #expect(atr.offeredProtocols == [.t0, .t1])
        #expect(atr.historicalBytes == Array(Self.pcscT1[4..<19]))
        #expect(atr.checkByte == 0x68)
        #expect(atr.groups.count == 3)
        #expect(atr.groups[2].qualifyingProtocol == 1)
        #expect(atr.ifsc == 32)
        #expect(atr.errorDetection == .lrc)
        #expect(atr.clockRateConversion == 372)
        #expect(atr.bitRateAdjustment == 1)
    }

    @Test func syntheticT1ATR() throws {
        let atr = try AnswerToReset(bytes: Self.syntheticT1)
        #expect(atr.offeredProtocols == [.t1])
        #expect(atr.ifsc == 254)
        #expect(atr.blockWaitingInteger == 4)
        #expect(atr.characterWaitingInteger == 5)
        #expect(atr.bitRateAdjustment == 4)
        #expect(atr.historicalBytes == Array("LOBBY".utf8))
        #expect(atr.t1Parameters == .t1(findexDindex: 0x13, crcChecksum: false, inverseConvention: false, guardTime: 0,
                                       blockWaitingInteger: 4, characterWaitingInteger: 5, clockStop: 0, ifsc: 254, nad: 0))
    }

    /// T=0 ATRs: without any TD byte only T=0 is offered and TCK must be absent.
    @Test(arguments: [
        ([0x3B, 0x02, 0x14, 0x50] as [UInt8], [0x14, 0x50] as [UInt8], 372, 1),
        ([0x3B, 0x16, 0x96, 0x41, 0x73, 0x74, 0x72, 0x69, 0x64], Array("Astrid".utf8), 512, 32),
        ([0x3B, 0x65, 0x00, 0x00, 0x9C, 0x11, 0x01, 0x01, 0x03], [0x9C, 0x11, 0x01, 0x01, 0x03], 372, 1),
    ])
    func t0ATRs(bytes: [UInt8], historical: [UInt8], fi: Int, di: Int) throws {
        let atr = try AnswerToReset(bytes: bytes)
        #expect(atr.offeredProtocols == [.t0])
        #expect(atr.checkByte == nil)
        #expect(atr.historicalBytes == historical)
        #expect(atr.clockRateConversion == fi)
        #expect(atr.bitRateAdjustment == di)
        #expect(atr.waitingInteger == 10)
    }

    @Test func inverseConventionCaptureIsConverted() throws {
        // Invert and reverse every bit of 3F 02 14 50, as a line capture of an inverse-convention card shows it.
        func inverse(_ byte: UInt8) -> UInt8 { UInt8(String(String(~byte, radix: 2).reversed()).padding(toLength: 8, withPad: "0", startingAt: 0), radix: 2)! }
        let raw = [0x3F, 0x02, 0x14, 0x50].map(inverse)
        #expect(raw == [0x03, 0xBF, 0xD7, 0xF5])
        let atr = try AnswerToReset(bytes: raw)
        #expect(atr.convention == .inverse)
        #expect(atr.bytes == [0x3F, 0x02, 0x14, 0x50])
    }

    @Test func errors() {
        var badTCK = Self.pcscT1
        badTCK[19] = 0x69
        #expect(throws: CCIDDecodingError.checksumMismatch(what: "ATR TCK at byte offset 19", expected: 0x68, actual: 0x69)) {
            try AnswerToReset(bytes: badTCK)
        }
        #expect(throws: CCIDDecodingError.truncated(what: "ATR TCK", needed: 20, available: 19)) {
            try AnswerToReset(bytes: Array(Self.pcscT1.dropLast()))
        }
        #expect(throws: CCIDDecodingError.truncated(what: "ATR historical bytes", needed: 19, available: 10)) {
            try AnswerToReset(bytes: Array(Self.pcscT1.prefix(10)))
        }
        #expect(throws: CCIDDecodingError.truncated(what: "ATR TD2", needed: 4, available: 3)) {
            try AnswerToReset(bytes: [0x3B, 0x80, 0x80])
        }
        #expect(throws: CCIDDecodingError.invalidValue(what: "ATR TS", offset: 0, value: 0x3A)) {
            try AnswerToReset(bytes: [0x3A, 0x00])
        }
        #expect(throws: CCIDDecodingError.lengthMismatch(what: "ATR", declared: 4, actual: 6)) {
            try AnswerToReset(bytes: [0x3B, 0x02, 0x14, 0x50, 0x00, 0x00])
        }
        #expect(throws: CCIDDecodingError.truncated(what: "ATR", needed: 2, available: 0)) { try AnswerToReset(bytes: []) }
    }
}
