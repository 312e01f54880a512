import LobbyCCID
import LobbyCard
import LobbyTestSupport
import Testing

/// APDUs over T=0 TPDUs: Le handling, 61xx GET RESPONSE, 6Cxx retry.
@Suite(.tags(.unit))
struct T0ExchangeTests {
    /// Runs an exchange against scripted card answers; returns the TPDUs sent and the result.
    static func run(_ command: CommandAPDU, answers: [[UInt8]]) -> (sent: [[UInt8]], result: T0Exchange.Action) {
        var exchange = T0Exchange(command: command)
        var sent: [[UInt8]] = []
        var action = exchange.start()
        var remaining = answers
        while case .send(let tpdu) = action {
            sent.append(tpdu)
            guard !remaining.isEmpty else { return (sent, action) }
            action = exchange.received(remaining.removeFirst())
        }
        return (sent, action)
    }

    @Test("case 2: READ BINARY sent with P3 = Le, answer passed through")
    func case2() {
        let (sent, result) = Self.run(.readBinary(offset: 4, length: 3), answers: [[1, 2, 3, 0x90, 0x00]])
        #expect(sent == [[0x00, 0xB0, 0x00, 0x04, 0x03]])
        #expect(result == .completed([1, 2, 3, 0x90, 0x00]))
    }

    @Test("case 4: Le dropped, 61xx answered with GET RESPONSE of min(Le, xx), data collected")
    func case4() {
        let command = CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x00, data: [0xA0, 0x01], le: 256)
        let (sent, result) = Self.run(command, answers: [[0x61, 0x04], [9, 8, 0x61, 0x02], [7, 6, 0x90, 0x00]])
        #expect(sent == [[0x00, 0xA4, 0x04, 0x00, 0x02, 0xA0, 0x01], [0x00, 0xC0, 0x00, 0x00, 0x04], [0x00, 0xC0, 0x00, 0x00, 0x02]])
        #expect(result == .completed([9, 8, 7, 6, 0x90, 0x00]))
    }

    @Test("6Cxx repeats the TPDU with the exact length")
    func wrongLength() {
        let (sent, result) = Self.run(.readBinary(offset: 0, length: 256), answers: [[0x6C, 0x10], Array(repeating: 0x41, count: 16) + [0x90, 0x00]])
        #expect(sent == [[0x00, 0xB0, 0x00, 0x00, 0x00], [0x00, 0xB0, 0x00, 0x00, 0x10]])
        #expect(result == .completed(Array(repeating: 0x41, count: 16) + [0x90, 0x00]))
    }

    @Test("case 1 gets P3 = 0; errors: short answer, endless 61xx, extended command")
    func edges() {
        #expect(Self.run(CommandAPDU(ins: 0x44, p1: 0, p2: 0), answers: [[0x90, 0x00]]).sent == [[0x00, 0x44, 0x00, 0x00, 0x00]])
        #expect(Self.run(.readBinary(offset: 0, length: 4), answers: [[0x90]]).result == .failed(.responseTooShort(1)))
        let endless = Self.run(.readBinary(offset: 0, length: 4), answers: Array(repeating: [0x61, 0x01], count: 70))
        #expect(endless.result == .failed(.tooManyResponses))
        let extended = CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: Array(repeating: 0, count: 300))
        #expect(Self.run(extended, answers: []).result == .failed(.invalidCommand(.needsExtendedLength)))
    }
}
