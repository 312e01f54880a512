// Test helper for the journal crash test: applies a reproducible random command stream to a
// journal, printing "ack INDEX SEQUENCE" after each command is durable, until killed or done.
//
// Usage: lobby-crash-child JOURNAL SEED COUNT
import Foundation
import LobbyJournal
import LobbyQueue
import LobbyScenarios

/// Writes one line to standard output immediately (no buffering: the process may be killed).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// The index of the stream command a request id belongs to, nil for opening requests.
func index(of request: RequestID) -> Int? {
    guard let dash = request.rawValue.lastIndex(of: "-"), request.rawValue.hasPrefix("r") else { return nil }
    return Int(request.rawValue[request.rawValue.index(after: dash)...])
}

func run() -> Int32 {
    let args = CommandLine.arguments
    guard args.count == 4, let seed = UInt64(args[2]), let count = Int(args[3]) else {
        FileHandle.standardError.write(Data("usage: lobby-crash-child JOURNAL SEED COUNT\n".utf8))
        return 2
    }
    let config = ScenarioCentre.make(services: 6, windows: 5, numbering: NumberingRule(first: 1, last: 200, wraps: true))
    let stream = RandomCommandStream(configuration: config, seed: seed, start: Instant(seconds: 1_794_816_000 - 3600 * 4), stepMilliseconds: 5_000)
    var engine = try! QueueEngine(configuration: config)
    var lastRequest: RequestID?
    let opening: Journal.Opening
    do {
        opening = try Journal.open(path: args[1]) { record in
            try engine.replay(record)
            lastRequest = record.requestID
        }
    } catch {
        FileHandle.standardError.write(Data("cannot open journal: \(error)\n".utf8))
        return 1
    }
    if let damage = opening.damage { say("damage \(damage)") }
    let journal = opening.journal

    func submit(_ request: CommandRequest, at now: Instant, label: String) -> Bool {
        guard let result = try? engine.execute(request, now: now) else { return true }
        if let record = result.record {
            do { try journal.append([record]) } catch {
                FileHandle.standardError.write(Data("append failed: \(error)\n".utf8))
                return false
            }
            say("ack \(label) \(record.sequence)")
        } else {
            say("ack \(label) repeat")
        }
        return true
    }

    for r in stream.openingRequests() where !submit(r, at: stream.time(of: 0), label: "open") { return 1 }
    let resume = lastRequest.flatMap(index(of:)).map { $0 + 1 } ?? 0
    say("resume \(resume) at \(journal.lastSequence)")
    for i in resume..<max(resume, count) where !submit(stream.request(i), at: stream.time(of: i), label: String(i)) { return 1 }
    say("done \(journal.lastSequence)")
    return 0
}

exit(run())
