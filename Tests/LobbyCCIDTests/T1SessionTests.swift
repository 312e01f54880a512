import LobbyTestSupport
import Testing
@testable import LobbyCCID

@Suite("T=1 block protocol", .tags(.unit))
struct T1SessionTests {
    /// A block with NAD 0 and its LRC, written out independently of `T1Block`.
    static func block(_ pcb: UInt8, _ info: [UInt8] = []) -> [UInt8] {
        let body = [0x00, pcb, UInt8(info.count)] + info
        return body + [body.reduce(0, ^)]
    }

    static func send(_ bytes: [UInt8], _ multiplier: Int = 1) -> T1Action { .send(bytes, waitingTimeMultiplier: multiplier) }

    static let selectLDS1: [UInt8] = [0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]

    @Test func chainingBothWays() throws {
        var session = try T1Session(ifsc: 5)
        // Host chain: I(0,M) I(1,M) I(0) — each chained block acknowledged with R(N(R) = next N(S)).
        #expect(session.transmit(Self.selectLDS1) == Self.send(Self.block(0x20, [0x00, 0xA4, 0x04, 0x0C, 0x07])))
        #expect(session.received(Self.block(0x90)) == Self.send(Self.block(0x60, [0xA0, 0x00, 0x00, 0x02, 0x47])))
        #expect(session.received(Self.block(0x80)) == Self.send(Self.block(0x00, [0x10, 0x01])))
        // Card chain: I(0,M) → host R(1); I(1) completes.
        #expect(session.received(Self.block(0x20, [0x01, 0x02])) == Self.send(Self.block(0x90)))
        #expect(session.received(Self.block(0x40, [0x03, 0x90, 0x00])) == .completed([0x01, 0x02, 0x03, 0x90, 0x00]))
        #expect(session.isIdle)
        // Sequence numbers carry on: the next command starts with N(S) = 1.
        #expect(session.transmit([0x00, 0xB0, 0x00, 0x00]) == Self.send(Self.block(0x40, [0x00, 0xB0, 0x00, 0x00])))
        #expect(session.received(Self.block(0x00, [0x90, 0x00])) == .completed([0x90, 0x00]))
    }

    @Test func badChecksumAsksForTheBlockAgain() throws {
        var session = try T1Session()
        _ = session.transmit([0x00, 0xB0, 0x00, 0x00, 0x04])
        var corrupted = Self.block(0x00, [0x90, 0x00])
        corrupted[corrupted.count - 1] ^= 0xFF
        #expect(session.received(corrupted) == Self.send(Self.block(0x81)))   // R(0), EDC error
        #expect(session.received(Self.block(0x00, [0x90, 0x00])) == .completed([0x90, 0x00]))
    }

    @Test func timeoutAndProtocolErrorsSendOtherErrorRBlocks() throws {
        var session = try T1Session()
        _ = session.transmit([0x00, 0xB0, 0x00, 0x00, 0x04])
        #expect(session.timedOut() == Self.send(Self.block(0x82)))            // R(0), other error
        #expect(session.received(Self.block(0x40, [0x90, 0x00])) == Self.send(Self.block(0x82)))  // wrong N(S)
        #expect(session.received(Self.block(0x00, [0x90, 0x00])) == .completed([0x90, 0x00]))
    }

    @Test func cardRBlockRequestsRetransmission() throws {
        var session = try T1Session()
        let first = session.transmit([0x00, 0xB0, 0x00, 0x00, 0x04])
        // R(N(R) = 0) after our I(0): the card did not get it; the same I-block goes again.
        #expect(session.received(Self.block(0x81)) == first)
        #expect(session.received(Self.block(0x00, [0x6A, 0x82])) == .completed([0x6A, 0x82]))
    }

    @Test func repeatedErrorsLeadToResynchronisation() throws {
        var session = try T1Session(maximumRetries: 2)
        _ = session.transmit([0x00, 0xB0, 0x00, 0x00, 0x04])
        #expect(session.timedOut() == Self.send(Self.block(0x82)))
        #expect(session.timedOut() == Self.send(Self.block(0x82)))
        #expect(session.timedOut() == Self.send(Self.block(0xC0)))            // S(RESYNCH request)
        #expect(session.received(Self.block(0xE0)) == .failed(.resynchronised))
        #expect(session.isIdle)
        #expect(session.transmit([0x00]) == Self.send(Self.block(0x00, [0x00])))  // N(S) back to 0
    }

    @Test func failedResynchronisationGivesUp() throws {
        var session = try T1Session(maximumRetries: 0)
        _ = session.transmit([0x00])
        #expect(session.timedOut() == Self.send(Self.block(0xC0)))
        #expect(session.timedOut() == Self.send(Self.block(0xC0)))
        #expect(session.received([0xFF]) == Self.send(Self.block(0xC0)))
        #expect(session.timedOut() == .failed(.cardUnresponsive))
        #expect(session.isIdle)
    }

    @Test func waitingTimeExtensionAndIFSRequests() throws {
        var session = try T1Session()
        _ = session.transmit([0x00, 0xB0, 0x00, 0x00, 0x04])
        #expect(session.received(Self.block(0xC3, [0x03])) == Self.send(Self.block(0xE3, [0x03]), 3))
        #expect(session.received(Self.block(0xC1, [0x20])) == Self.send(Self.block(0xE1, [0x20])))
        #expect(session.ifsc == 32)
        #expect(session.received(Self.block(0x00, [0x90, 0x00])) == .completed([0x90, 0x00]))
    }

    @Test func ifsdNegotiation() throws {
        var session = try T1Session(ifsd: 254)
        #expect(session.negotiateIFSD() == Self.send(Self.block(0xC1, [0xFE])))
        #expect(session.received(Self.block(0xE1, [0x20])) == Self.send(Self.block(0xC1, [0xFE])))  // wrong answer: ask again
        #expect(session.received(Self.block(0xE1, [0xFE])) == .ifsdAccepted(254))
        #expect(session.isIdle)
    }

    @Test func misuse() throws {
        var session = try T1Session()
        #expect(session.transmit([]) == .failed(.invalidAPDU(length: 0)))
        _ = session.transmit([0x00])
        #expect(session.transmit([0x00]) == .failed(.busy))
        #expect(throws: T1Error.unsupportedErrorDetection) { try T1Session(errorDetection: .crc) }
        #expect(session.received(Self.block(0xC2)) == .failed(.abortedByCard))
        #expect(session.isIdle)
    }

    @Test func blockDecoding() throws {
        #expect(try T1Block(decoding: Self.block(0x60, [1])).kind == .information(sequence: 1, more: true))
        #expect(try T1Block(decoding: Self.block(0x92)).kind == .receiveReady(sequence: 1, error: .other))
        #expect(try T1Block(decoding: Self.block(0xE3, [1])).kind == .supervisory(.waitingTimeExtension, response: true))
        #expect(throws: CCIDDecodingError.truncated(what: "T=1 block", needed: 4, available: 3)) { try T1Block(decoding: [0, 0, 0]) }
        #expect(throws: CCIDDecodingError.lengthMismatch(what: "T=1 block LEN", declared: 2, actual: 1)) { try T1Block(decoding: [0, 0, 2, 1, 3]) }
        #expect(throws: CCIDDecodingError.invalidValue(what: "T=1 R-block PCB", offset: 1, value: 0x83)) { try T1Block(decoding: Self.block(0x83)) }
        #expect(throws: CCIDDecodingError.invalidValue(what: "T=1 I-block PCB", offset: 1, value: 0x01)) { try T1Block(decoding: Self.block(0x01)) }
        #expect(throws: CCIDDecodingError.lengthMismatch(what: "T=1 S-block LEN", declared: 1, actual: 0)) { try T1Block(decoding: Self.block(0xC1)) }
        #expect(throws: CCIDDecodingError.invalidValue(what: "T=1 S(IFS) size", offset: 3, value: 0)) { try T1Block(decoding: Self.block(0xC1, [0])) }
    }
}
