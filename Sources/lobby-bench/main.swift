// Benchmarks of the queue engine and journal (not tests). See Docs/Performance.md.
//
//   lobby-bench durable [COMMANDS]        durable commands per second, one command per transaction
//                                         and with group commit; p50/p99 latency of one durable command
//   lobby-bench startup EVENTS            builds a journal of EVENTS records, then times a fresh
//                                         process opening and replaying it, with its RSS
//   lobby-bench replay PATH               (used by startup) open and replay PATH, print time and RSS
//   lobby-bench estimates [DAYS]          error of the wait shown on arrival against the actual wait
//                                         over DAYS simulated days per centre, per service
import Foundation
import LobbyJournal
import LobbyQueue
import LobbyScenarios

func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return -1 }
    return kb / 1024
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// Valid records from a random stream (refused commands skipped).
func makeRecords(_ count: Int) -> (CentreConfiguration, [JournalRecord]) {
    let config = ScenarioCentre.make(services: 12, windows: 10, numbering: NumberingRule(first: 1, last: 999, wraps: true))
    let stream = RandomCommandStream(configuration: config, seed: 9, start: Instant(seconds: 1_794_816_000 - 8 * 3600), stepMilliseconds: 3_000)
    var engine = try! QueueEngine(configuration: config)
    var out: [JournalRecord] = []
    out.reserveCapacity(count)
    for r in stream.openingRequests() { out.append(try! engine.execute(r, now: stream.time(of: 0)).record!) }
    var i = 0
    while out.count < count {
        if let rec = (try? engine.execute(stream.request(i), now: stream.time(of: i)))?.record { out.append(rec) }
        i += 1
    }
    return (config, out)
}

func tempPath(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "lobby-bench-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}

func durable(_ count: Int) throws {
    let (config, records) = makeRecords(count)
    _ = config
    // 1. One command per transaction: the latency a lone client sees.
    let single = tempPath("single.db")
    let j1 = try Journal.open(path: single) { _ in }.journal
    var latencies: [Double] = []
    let t0 = monotonicNanos()
    for r in records {
        let s = monotonicNanos()
        try j1.append([r])
        latencies.append(Double(monotonicNanos() - s) / 1e6)
    }
    let singleRate = Double(count) / (Double(monotonicNanos() - t0) / 1e9)
    latencies.sort()
    // 2. Group commit: what the queue actor does when many clients wait (batches of 64).
    let grouped = tempPath("grouped.db")
    let j2 = try Journal.open(path: grouped) { _ in }.journal
    let t1 = monotonicNanos()
    var i = 0
    while i < records.count {
        try j2.append(Array(records[i..<min(records.count, i + 64)]))
        i += 64
    }
    let groupRate = Double(count) / (Double(monotonicNanos() - t1) / 1e9)
    // 3. The pure engine alone (no disk), for comparison.
    let stream = RandomCommandStream(configuration: config, seed: 9, start: Instant(seconds: 1_794_816_000 - 8 * 3600), stepMilliseconds: 3_000)
    var engine = try QueueEngine(configuration: config)
    for r in stream.openingRequests() { _ = try engine.execute(r, now: stream.time(of: 0)) }
    let t2 = monotonicNanos()
    for k in 0..<count { _ = try? engine.execute(stream.request(k), now: stream.time(of: k)) }
    let engineRate = Double(count) / (Double(monotonicNanos() - t2) / 1e9)
    print(String(format: "durable, 1 command per transaction: %.0f commands/s, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                 singleRate, percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.last ?? 0))
    print(String(format: "durable, group commit of 64:        %.0f commands/s", groupRate))
    print(String(format: "engine only (no journal):            %.0f commands/s", engineRate))
    try? FileManager.default.removeItem(atPath: (single as NSString).deletingLastPathComponent)
}

func startup(_ count: Int) throws {
    let path = tempPath("startup.db")
    let (_, records) = makeRecords(count)
    let j = try Journal.open(path: path) { _ in }.journal
    var i = 0
    while i < records.count {
        try j.append(Array(records[i..<min(records.count, i + 5_000)]))
        i += 5_000
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("journal of \(count) records: \(size / 1024) KiB")
    for run in 1...3 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["replay", path]
        try p.run()
        p.waitUntilExit()
        _ = run
    }
    if ProcessInfo.processInfo.environment["LOBBY_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) } else { print("kept \(path)") }
}

func replay(_ path: String) throws {
    let rssBefore = residentMegabytes()
    let config = ScenarioCentre.make(services: 12, windows: 10, numbering: NumberingRule(first: 1, last: 999, wraps: true))
    var engine = try QueueEngine(configuration: config)
    let t0 = monotonicNanos()
    let horizon = Journal.lastRecordTime(path: path)?.adding(seconds: -QueueEngine.requestMemorySpanSeconds)
    let opening = try Journal.open(path: path) { try engine.replay($0, requestHorizon: horizon) }
    let ms = Double(monotonicNanos() - t0) / 1e6
    let t1 = monotonicNanos()
    _ = try Journal.open(path: path) { _ in }
    print(String(format: "  (of which reading and decoding alone: %.1f ms)", Double(monotonicNanos() - t1) / 1e6))
    print(String(format: "open + replay of %d records: %.1f ms; RSS %.1f MB after (%.1f MB before); %d tickets in today's state, %d in history",
                 opening.recordCount, ms, residentMegabytes(), rssBefore, engine.state.tickets.count, engine.state.history.count))
}

func estimates(_ days: Int) {
    let centres = [("specialist (8 services, 6 windows of 3 weighted services)", ScenarioCentre.make(services: 8, windows: 6)),
                   ("generalist (20 services, 4 windows serving all)", ScenarioCentre.generalist(services: 20, windows: 4))]
    for (name, config) in centres {
        for load in [0.7, 0.95] {
            var current: [SimulatedDay.Visit] = [], legacy: [SimulatedDay.Visit] = []
            let t0 = monotonicNanos()
            var estimates = 0
            for d in 0..<days {
                let day = SimulatedDay(configuration: config, seed: UInt64(d + 1), start: Instant(seconds: 1_794_816_000 - 3 * 3600), load: load)
                current += day.run { engine, service, priority, now in
                    estimates += 1
                    return engine.estimator.estimateForNewTicket(service: service, priority: priority, in: engine.state, now: now).expectedWaitSeconds
                }
                legacy += day.run { engine, service, _, _ in CapacityShareFormula.wait(for: service, in: engine) }
            }
            let ms = Double(monotonicNanos() - t0) / 1e6
            let now = EstimateError(current), old = EstimateError(legacy)
            print("\(name), load \(load), \(days) days, \(now.visits) visits:")
            print(String(format: "  |shown - actual| p50 %.1f min, p90 %.1f min (capacity-share formula: p50 %.1f min, p90 %.1f min)",
                         Double(now.median) / 60, Double(now.p90) / 60, Double(old.median) / 60, Double(old.p90) / 60))
            let per = now.medianPerService.keys.sorted().map { s in
                s.rawValue + String(format: " %.1f/%.1f", Double(now.medianPerService[s]!) / 60, Double(old.medianPerService[s] ?? 0) / 60)
            }
            print("  p50 per service, min (now/before): " + per.joined(separator: ", "))
            print(String(format: "  time to play the days with both formulas, incl. %d estimates played forward: %.0f ms", estimates, ms))
        }
    }
}

let args = CommandLine.arguments
do {
    switch args.dropFirst().first {
    case "durable": try durable(args.count > 2 ? Int(args[2]) ?? 20_000 : 20_000)
    case "startup": try startup(args.count > 2 ? Int(args[2]) ?? 100_000 : 100_000)
    case "replay" where args.count > 2: try replay(args[2])
    case "estimates": estimates(args.count > 2 ? Int(args[2]) ?? 20 : 20)
    default:
        print("usage: lobby-bench durable [COMMANDS] | startup EVENTS | replay PATH | estimates [DAYS]")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
