import Foundation
import LobbyJournal
import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

/// The path of an executable built by this package, beside the test bundle.
func builtExecutable(_ name: String) throws -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
    let path = dir.appendingPathComponent(name).path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw CrashTestError("\(path) is missing: build the package first (`swift build --build-tests`)")
    }
    return path
}

struct CrashTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

@Suite("Crash safety", .tags(.host), .serialized)
struct CrashTests {
    static let seed: UInt64 = 2026
    static let config = ScenarioCentre.make(services: 6, windows: 5, numbering: NumberingRule(first: 1, last: 200, wraps: true))
    static let stream = RandomCommandStream(configuration: config, seed: seed, start: Instant(seconds: 1_794_816_000 - 3600 * 4), stepMilliseconds: 5_000)

    /// Starts the child, kills it with SIGKILL after `delay`, returns its acknowledgements.
    func runChild(_ exe: String, journal: String, count: Int, killAfter delay: Double?) throws -> [(label: String, sequence: UInt64?)] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = [journal, String(Self.seed), String(count)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        if let delay {
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "ack" else { return nil }
            return (String(parts[1]), UInt64(parts[2]))
        }
    }

    @Test("SIGKILL at random moments never loses an acknowledged command nor reuses a number")
    func killRepeatedly() throws {
        let exe = try builtExecutable("lobby-crash-child")
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        var rng = SplitMix64(seed: 77)
        var acknowledged: [UInt64: String] = [:]  // sequence → request label
        let total = 4_000
        var kills = 0
        for round in 0..<30 {
            let delay = 0.05 + Double(rng.next() % 250) / 1000
            let acks = try runChild(exe, journal: path, count: total, killAfter: round == 29 ? nil : delay)
            kills += round == 29 ? 0 : 1
            for a in acks { if let s = a.sequence { acknowledged[s] = a.label } }

            // Rebuild from disk and compare with a fresh engine fed the same commands directly.
            var rebuilt = try QueueEngine(configuration: Self.config)
            var onDisk: [UInt64: String] = [:]
            var lastIndex = -1
            let opening = try Journal.open(path: path) { r in
                try rebuilt.replay(r)
                onDisk[r.sequence] = r.requestID.rawValue
                if r.requestID.rawValue.hasPrefix("r"), let i = Int(r.requestID.rawValue.split(separator: "-").last!) { lastIndex = i }
            }
            _ = opening
            for (seq, label) in acknowledged {
                let expected = label == "open" ? nil : "r\(Self.seed)-\(label)"
                #expect(onDisk[seq] != nil, "acknowledged record \(seq) (\(label)) lost after kill \(round)")
                if let expected { #expect(onDisk[seq] == expected, "record \(seq) holds \(onDisk[seq] ?? "-"), acknowledged \(expected)") }
            }
            // The same commands fed directly: the opening requests that reached the disk (they are
            // the first records), then the stream up to the last command on disk.
            var direct = try QueueEngine(configuration: Self.config)
            let openingOnDisk = onDisk.values.filter { !$0.hasPrefix("r") }.count
            for r in Self.stream.openingRequests().prefix(openingOnDisk) { _ = try? direct.execute(r, now: Self.stream.time(of: 0)) }
            if lastIndex >= 0 {
                for i in 0...lastIndex { _ = try? direct.execute(Self.stream.request(i), now: Self.stream.time(of: i)) }
            }
            #expect(rebuilt.state == direct.state, "state rebuilt after kill \(round) differs from the commands' state")
            var numbers = Set<String>()
            for t in rebuilt.state.tickets.values {
                #expect(numbers.insert("\(t.day)/\(t.number.prefix)/\(t.number.cycle)/\(t.number.value)").inserted, "number \(t.number) issued twice")
            }
        }
        #expect(kills == 29)
        #expect(acknowledged.count > 500, "the child should have made progress, acknowledged \(acknowledged.count)")
    }
}
