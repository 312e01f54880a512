import LobbyTestSupport
import Testing
@testable import LobbyCCID

@Suite("CCID, ATR, T=1 fuzzing (seeded)", .tags(.unit))
struct CCIDFuzzTests {
    static func randomBytes(_ rng: inout SeededGenerator, maximum: Int = 80) -> [UInt8] {
        (0..<Int.random(in: 0...maximum, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let position = Int.random(in: 0...out.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where position < out.count: out[position] = UInt8.random(in: 0...255, using: &rng)
            case 1 where position < out.count: out.remove(at: position)
            default: out.insert(UInt8.random(in: 0...255, using: &rng), at: position)
            }
        }
        return out
    }

    @Test func decodersNeverTrapAndKeepTheirInvariants() {
        var rng = SeededGenerator(seed: 0xCC1D)
        let seeds: [[UInt8]] = [
            AnswerToResetTests.pcscT1, AnswerToResetTests.syntheticT1, [0x3B, 0x02, 0x14, 0x50],
            [0x80, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0x3B, 0x02, 0x14, 0x50], [0x82, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0x11, 0, 0, 0x0A, 0],
            APDUTests.dg1, [0x50, 0x03],
        ]
        for round in 0..<20_000 {
            let bytes = round % 2 == 0 ? Self.randomBytes(&rng) : Self.mutate(seeds.randomElement(using: &rng)!, &rng)
            if let atr = try? AnswerToReset(bytes: bytes) {
                let interfaceCount = atr.groups.reduce(0) { $0 + [$1.ta, $1.tb, $1.tc, $1.td].compactMap { $0 }.count }
                #expect(atr.bytes.count == 2 + interfaceCount + atr.historicalBytes.count + (atr.checkByte == nil ? 0 : 1))
                if atr.indicatedProtocols.contains(where: { $0 != 0 }) { #expect(atr.checkByte != nil) }
                #expect(atr.offeredProtocols.count <= 2 && !atr.indicatedProtocols.isEmpty)
            }
            if let response = try? CCIDResponse(decoding: bytes) {
                #expect(response.data.count == bytes.count - CCIDHeader.length)
                #expect(Int(bytes.le32(at: 1)) == response.data.count)
            }
            _ = try? CCIDInterruptMessage(decoding: bytes, slotCount: Int(bytes.first ?? 1))
            if let block = try? T1Block(decoding: bytes) { #expect(block.encoded == bytes) }
            if let object = try? BERTLV(parsing: bytes) { #expect(object.totalLength <= bytes.count) }
            if let mrz = try? LDS1.mrz(fromDG1: bytes) { #expect(mrz.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }) }
            _ = try? CCIDClassDescriptor(bytes: bytes + [UInt8](repeating: 0, count: 54))
        }
    }

    /// A T=1 session fed random card behaviour always sends well-formed blocks within IFSC and ends idle or waiting.
    @Test func t1SessionSurvivesAHostileCard() throws {
        var rng = SeededGenerator(seed: 0x71)
        for _ in 0..<2_000 {
            let ifsc = Int.random(in: 1...40, using: &rng)
            var session = try T1Session(ifsc: ifsc, maximumRetries: Int.random(in: 0...3, using: &rng))
            let apdu = (0..<Int.random(in: 1...120, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var action = session.transmit(apdu)
            for _ in 0..<60 {
                guard case .send(let bytes, let multiplier) = action else { break }
                let block = try #require(try? T1Block(decoding: bytes))
                #expect(block.information.count <= max(ifsc, 254))
                #expect(multiplier >= 1)
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: action = session.timedOut()
                case 1: action = session.received(Self.randomBytes(&rng, maximum: 8))
                default:
                    // A well-formed random block from the card.
                    let pcbs: [UInt8] = [0x00, 0x40, 0x20, 0x60, 0x80, 0x90, 0x81, 0x92, 0xC3, 0xC1, 0xE0, 0xC2]
                    let pcb = pcbs.randomElement(using: &rng)!
                    let info: [UInt8]
                    switch pcb {
                    case 0xC3, 0xC1: info = [UInt8.random(in: 1...254, using: &rng)]
                    case 0x80...0xBF, 0xE0, 0xC2: info = []
                    default: info = Self.randomBytes(&rng, maximum: 10)
                    }
                    let body = [0x00, pcb, UInt8(info.count)] + info
                    action = session.received(body + [body.reduce(0, ^)])
                }
            }
            switch action {
            case .completed, .failed, .ifsdAccepted: #expect(session.isIdle)
            case .send: #expect(!session.isIdle)
            }
        }
    }
}
