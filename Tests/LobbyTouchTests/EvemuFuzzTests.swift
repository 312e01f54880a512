import Foundation
import LobbyLabSupport
import LobbyTestSupport
import Testing
@testable import LobbyTouch

/// Property-based check of the evemu parser and the replay behind it: random and mutated
/// recordings (lines dropped, repeated up to thousands of times, fields replaced by extreme or
/// malformed values, bytes flipped, lines invented) never trap; they parse into masks a kernel
/// could report, or fail with a line inside the text; what parses replays or is refused with a
/// reason. `LOBBY_FUZZ_RUNS` sets the number of cases (default 1,000; the libFuzzer target in
/// scripts/fuzz-evemu.sh runs millions).
@Suite(.tags(.unit)) struct EvemuFuzzTests {
    static var runs: Int { ProcessInfo.processInfo.environment["LOBBY_FUZZ_RUNS"].flatMap(Int.init) ?? 1_000 }

    /// Real and synthetic recordings, shortened so each case stays cheap.
    static let corpus: [[Substring]] = [
        Recordings.wetabEvent, Recordings.wetabProp, Recordings.n4Desc + Recordings.n4Events, Recordings.egalaxPen,
    ].map { Array($0.split(separator: "\n", omittingEmptySubsequences: false).prefix(150)) }

    static let tags = ["N:", "I:", "P:", "B:", "A:", "L:", "S:", "E:", "#", "X:", ""]
    static let tokens = ["0", "00", "ff", "FF", "100", "-1", "-2147483648", "2147483647", "2147483648", "65535", "65536", "0x3f",
                         "ffffffff", "1.000001", "99999999999999.999999", ".5", "1.", "", "-", "+7", "0001", "014a", "2f", "39", "3f", "40",
                         "\"", "#", "é", "\u{0}"]

    static func token(_ random: inout SeededGenerator) -> String {
        if Bool.random(using: &random) { return tokens.randomElement(using: &random)! }
        return String(Int64.random(in: -3_000_000_000...3_000_000_000, using: &random), radix: Bool.random(using: &random) ? 16 : 10)
    }

    static func inventedLine(_ random: inout SeededGenerator) -> Substring {
        let fields = (0..<Int.random(in: 0...10, using: &random)).map { _ in token(&random) }
        return Substring(([tags.randomElement(using: &random)!] + fields).joined(separator: " "))
    }

    static func mutate(_ lines: [Substring], _ random: inout SeededGenerator) -> [Substring] {
        var lines = lines
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = lines.isEmpty ? 0 : Int.random(in: 0..<lines.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !lines.isEmpty:
                lines.remove(at: index)
            case 1 where !lines.isEmpty:
                // Repeat a line, sometimes past every mask's bound (the reported 1,024-line crash).
                let count = Int.random(in: 0..<6, using: &random) > 0 ? Int.random(in: 1...20, using: &random) : Int.random(in: 1_000...2_100, using: &random)
                lines.insert(contentsOf: Array(repeating: lines[index], count: count), at: index)
            case 2 where !lines.isEmpty:
                var fields = lines[index].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                fields[Int.random(in: 0..<fields.count, using: &random)] = token(&random)
                lines[index] = Substring(fields.joined(separator: " "))
            case 3 where !lines.isEmpty:
                var bytes = Array(lines[index].utf8)
                if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1 << Int.random(in: 0..<8, using: &random)) }
                lines[index] = Substring(String(decoding: bytes, as: UTF8.self))
            case 4:
                lines.insert(inventedLine(&random), at: index)
            case 5 where lines.count > 1:
                lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
            default:
                lines = Array(lines.prefix(index))
            }
        }
        return lines
    }

    @Test func mutatedAndRandomRecordingsNeverTrap() throws {
        var random = SeededGenerator(seed: 0x5EED_0001)
        var parsed = 0, refused = 0, replayed = 0
        for run in 0..<Self.runs {
            let lines = run % 10 == 9
                ? (0..<Int.random(in: 1...30, using: &random)).map { _ in Self.inventedLine(&random) }
                : Self.mutate(Self.corpus[run % Self.corpus.count], &random)
            let text = lines.joined(separator: Bool.random(using: &random) ? "\n" : "\r\n")
            do {
                let recording = try EvemuParser.parse(text)
                parsed += 1
                if let device = recording.device {
                    #expect(device.properties.allSatisfy { $0.rawValue <= EvdevLimits.maximumProperty }, "run \(run)")
                    for (type, codes) in device.supportedEvents {
                        let highest = EvdevLimits.maximumCode(of: type).map(Int.init) ?? -1
                        #expect(codes.allSatisfy { Int($0) <= highest }, "run \(run): \(type) codes beyond the kernel's maximum")
                    }
                    if (try? TouchReplay.replay(recording: recording)) != nil { replayed += 1 }
                }
            } catch {
                refused += 1
                let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
                #expect((1...max(1, lineCount)).contains(error.line), "run \(run): line \(error.line) of \(lineCount): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        print("evemu fuzz: \(Self.runs) cases, \(parsed) parsed (\(replayed) replayed to the end), \(refused) refused with a line")
        #expect(parsed + refused == Self.runs)
        #expect(parsed > 0 && refused > 0 && replayed > 0, "the mutations should reach every outcome")
    }
}
