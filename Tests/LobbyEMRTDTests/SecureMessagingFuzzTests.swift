import LobbyCCID
import LobbyTestSupport
import Testing
@testable import LobbyEMRTD

/// Seeded fuzzing of the unwrap parser and the reader state machine: never trap; every altered protected response is refused.
@Suite("secure messaging fuzzing (seeded)", .tags(.unit))
struct SecureMessagingFuzzTests {
    static func randomBytes(_ rng: inout SeededGenerator, maximum: Int) -> [UInt8] {
        (0..<Int.random(in: 0...maximum, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static let published = [2, 3].map { AppendixDTests.bytes("protected_response\($0)") }

    @Test("random bytes: unwrap returns or throws a typed error, never traps")
    func randomInput() throws {
        var rng = SeededGenerator(seed: 0x9303)
        let start = try SecureMessagingErrorTests.sessionBeforeResponse2()
        var accepted = 0
        for _ in 0..<20_000 {
            var session = start
            var bytes = Self.randomBytes(&rng, maximum: 300)
            if Bool.random(using: &rng), bytes.count > 4 {
                // Plausible object structure: a known tag in front.
                bytes[0] = [0x87, 0x85, 0x99, 0x8E].randomElement(using: &rng)!
            }
            if (try? session.unwrap(bytes)) != nil { accepted += 1 }
            #expect(session.sendSequenceCounter == start.sendSequenceCounter + 1)
        }
        #expect(accepted == 0, "a random response passed the MAC")
    }

    @Test("every single-bit change of a published protected response is refused")
    func bitFlips() throws {
        for (index, good) in Self.published.enumerated() {
            let start = try SecureMessagingSession(encryptionKey: AppendixDTests.bytes("ks_enc"), macKey: AppendixDTests.bytes("ks_mac"),
                                                   sendSequenceCounter: SecureMessagingErrorTests.ssc + 3 + 2 * UInt64(index))
            var control = start
            #expect((try? control.unwrap(good)) != nil)
            for position in good.indices {
                for bit in 0..<8 {
                    var bytes = good
                    bytes[position] ^= 1 << bit
                    var session = start
                    #expect(throws: SecureMessagingError.self, "byte \(position) bit \(bit)") { try session.unwrap(bytes) }
                }
            }
        }
    }

    @Test("insertions, deletions and truncations never trap and are refused")
    func structuralMutations() throws {
        var rng = SeededGenerator(seed: 0xBAC)
        let start = try SecureMessagingErrorTests.sessionBeforeResponse2()
        let good = Self.published[0]
        for _ in 0..<5_000 {
            var bytes = good
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
            case 1: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
            default: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            }
            var session = start
            #expect(throws: SecureMessagingError.self) { try session.unwrap(bytes) }
        }
    }

    @Test("the reader state machine ends on any answers (random statuses and data), never traps")
    func readerNeverTraps() throws {
        var rng = SeededGenerator(seed: 0xD61)
        let key = try BACAccessKey(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940623")
        let statuses: [[UInt8]] = [[0x90, 0x00], [0x90, 0x00], [0x62, 0x82], [0x69, 0x82], [0x6A, 0x82], [0x6C, 0x10], [0x63, 0x00], [0x6D, 0x00]]
        for round in 0..<3_000 {
            var reader = EMRTDSecureReader(accessKey: round % 3 == 0 ? nil : key, terminalRandom: Self.randomBytes(&rng, maximum: 30),
                                           chunkSize: Int.random(in: 0...300, using: &rng))
            var action = reader.start()
            var steps = 0
            while case .send = action {
                steps += 1
                guard steps < 400 else { break }
                let body = Self.randomBytes(&rng, maximum: Bool.random(using: &rng) ? 8 : 60)
                action = reader.handle(response: body + statuses.randomElement(using: &rng)!)
            }
            #expect(steps < 400, "round \(round) did not end")
        }
    }
}
