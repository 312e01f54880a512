// A long randomized fault campaign against a real lobbyd (a benchmark, not a test):
//
//   lobby-fault-campaign kills N  [--dir D]   N rounds: start lobbyd, four kiosks and an operator
//                                               send commands, SIGKILL at a random moment, restart
//   lobby-fault-campaign faults N [--dir D]   N injected write or fsync faults (the fault shim)
//                                               under the same load, on one running lobbyd
//
// After every round it checks, through a restarted lobbyd, that every acknowledged ticket is
// there with its number, and it counts lost acknowledgements, numbers held by two tickets of a
// day, and crashes (lobbyd ending by itself, or a trap in its log). The shim is compiled from
// Tests/LobbyFaultTests/Shim with cc. Results go to standard output; Docs/Journal.md has figures.
import Foundation
import LobbyClient

struct Campaign {
    let lobbyd: String
    let dir: String
    let shim: String
    var acknowledged: [String: (id: Int, number: String, day: String)] = [:]
    var lost = 0
    var duplicates = 0
    var crashes = 0
    var unavailable = 0
    var faultsInjected = 0
    var rounds = 0
    var dayOffset = 0

    var config: String { dir + "/lobby.yaml" }
    var control: String { dir + "/faults" }

    static let kiosk = "kiosk-token-123456"
    static let tech = "tech-token-1234567"

    func writeConfiguration() throws {
        try """
        centre:
          name: {en: "Campaign"}
          timeZone: Asia/Baku
        agencies:
          - {id: ag, name: {en: "Agency"}}
        services:
          - {id: passport, agency: ag, name: {en: "Passport"}, prefix: P}
          - {id: birth, agency: ag, name: {en: "Birth"}, prefix: B}
        windows:
          - {number: 1, agency: ag, services: {passport: 1, birth: 1}}
        api:
          listen: 127.0.0.1:0
          socket: \(dir)/lobbyd.sock
          tokens:
            - {role: kiosk, token: \(Self.kiosk)}
            - {role: technician, token: \(Self.tech)}
        journal: \(dir)/journal.db
        """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// Starts lobbyd with the shim; returns the process, its client and its log pipe.
    func start() throws -> (Process, HTTPClient, LogCollector) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: lobbyd)
        p.arguments = ["--config", config]
        var env = ProcessInfo.processInfo.environment
        env["LD_PRELOAD"] = shim
        env["LOBBY_FAULTS"] = control
        p.environment = env
        let log = LogCollector()
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { h in log.append(h.availableData) }
        try p.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, p.isRunning {
            if let url = log.url { return (p, HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: nil, timeout: 20), log) }
            usleep(10_000)
        }
        throw CampaignError("lobbyd did not start: \(log.text.suffix(2000))")
    }

    func setFaults(_ lines: [String]) {
        let text = (["prefix \(dir)/journal", "clock-offset-ms \(dayOffset * 86_400_000)"] + lines).joined(separator: "\n") + "\n"
        try? text.write(toFile: control + ".new", atomically: false, encoding: .utf8)
        _ = rename(control + ".new", control)
    }

    /// Four kiosks issue tickets (each tap sent twice at once), an operator calls and finishes,
    /// until `keepGoing` says stop; returns the acknowledged tickets.
    func load(_ client: HTTPClient, round: Int, keepGoing: @escaping @Sendable () -> Bool) -> Tally {
        let tally = Tally()
        let kiosk = HTTPClient(endpoint: client.endpoint, token: Self.kiosk, timeout: 20)
        let tech = HTTPClient(endpoint: client.endpoint, token: Self.tech, timeout: 20)
        _ = try? tech.send("POST", "/api/v1/windows/1/open", json: [:])
        _ = try? tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "op"])
        DispatchQueue.concurrentPerform(iterations: 5) { worker in
            var i = 0
            while keepGoing() {
                i += 1
                if worker == 4 {
                    _ = try? tech.send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "r\(round)-call-\(i)"])
                    _ = try? tech.send("POST", "/api/v1/windows/1/finish", json: ["requestId": "r\(round)-finish-\(i)"])
                    continue
                }
                let key = "r\(round)-k\(worker)-\(i)"
                let service = i % 2 == 0 ? "passport" : "birth"
                let group = DispatchGroup()
                for _ in 0..<2 {
                    group.enter()
                    Thread.detachNewThread {
                        let body: [String: Any] = ["service": service, "print": false, "requestId": key]
                        tally.record(try? kiosk.send("POST", "/api/v1/tickets", json: body), key: key)
                        group.leave()
                    }
                }
                group.wait()
            }
        }
        return tally
    }

    /// Reads every ticket of today back and checks acknowledged tickets and numbers.
    mutating func verify(_ client: HTTPClient) throws {
        let tech = HTTPClient(endpoint: client.endpoint, token: Self.tech, timeout: 20)
        guard let day = try tech.send("GET", "/api/v1/status").json?["day"] as? String else { throw CampaignError("no status") }
        var seen: [Int: String] = [:]
        var misses = 0
        var id = (acknowledged.values.filter { $0.day == day }.map(\.id).min() ?? 1)
        while misses < 8 {
            let r = try tech.send("GET", "/api/v1/tickets/\(id)")
            if r.status == 200, let n = r.json?["number"] as? String { seen[id] = n; misses = 0 } else { misses += 1 }
            id += 1
        }
        for (key, a) in acknowledged where a.day == day && seen[a.id] != a.number {
            lost += 1
            print("LOST: \(key) → ticket \(a.id) \(a.number) (found \(seen[a.id] ?? "nothing"))")
        }
        let numbers = Array(seen.values)
        let twice = numbers.count - Set(numbers).count
        if twice > 0 { duplicates += twice; print("DUPLICATE numbers on \(day): \(numbers.sorted())") }
    }

    mutating func absorb(_ tally: Tally, day: String?) {
        for (key, a) in tally.acknowledged { acknowledged[key] = (a.id, a.number, day ?? a.day) }
        duplicates += tally.keysWithTwoTickets
        unavailable += tally.unavailable
    }

    static func crashed(_ log: LogCollector, _ p: Process, killed: Bool) -> Bool {
        let text = log.text
        if text.contains("Fatal error") || text.contains("Precondition failed") || text.contains("Illegal instruction") { return true }
        return !killed && !p.isRunning && p.terminationStatus != 0
    }

    mutating func kills(_ n: Int) throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<n {
            if round > 0 && round % 40 == 0 { dayOffset += 1 }  // a new service day before numbers run out
            setFaults([])
            let (p, client, log) = try start()
            let killAt = Date().addingTimeInterval(Double.random(in: 0.05...0.6, using: &generator))
            let pid = p.processIdentifier
            Thread.detachNewThread {
                Thread.sleep(until: killAt)
                kill(pid, SIGKILL)
            }
            let tally = load(client, round: round) { p.isRunning }
            p.waitUntilExit()
            if Self.crashed(log, p, killed: true) { crashes += 1; print("CRASH in round \(round): \(log.text.suffix(1500))") }
            absorb(tally, day: nil)
            let (q, c, l2) = try start()
            try verify(c)
            q.terminate()
            q.waitUntilExit()
            if Self.crashed(l2, q, killed: false) { crashes += 1 }
            rounds += 1
            if round % 50 == 49 { report("after \(round + 1) kills") }
        }
    }

    mutating func faults(_ n: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let kinds: [[String]] = [["write-error EIO"], ["write-error ENOSPC", "write-error-every 2"], ["write-error EIO", "write-error-every 3"],
                                 ["fsync-error EIO"], ["fsync-delay-ms 300"]]
        var (p, client, log) = try start()
        var round = 0
        let logPath = control + ".log"
        func injected() -> Int { ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").filter { !$0.hasPrefix("fsync-delay") }.count }
        while injected() < n {
            if round > 0 && round % 40 == 0 {
                dayOffset += 1
                setFaults([])
            }
            let kind = kinds.randomElement(using: &generator)!
            let stopAt = Date().addingTimeInterval(Double.random(in: 0.05...0.3, using: &generator))
            let windowAt = Date().addingTimeInterval(0.05)
            Thread.detachNewThread { [self] in
                Thread.sleep(until: windowAt)
                setFaults(kind)
            }
            let tally = load(client, round: round) { Date() < stopAt }
            setFaults([])
            absorb(tally, day: nil)
            // Back to normal: lobbyd must take commands again by itself (after its back-off).
            let kiosk = HTTPClient(endpoint: client.endpoint, token: Self.kiosk, timeout: 20)
            var resumed = false
            for attempt in 0..<200 where !resumed {
                resumed = (try? kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false, "requestId": "r\(round)-resume-\(attempt)"]))?.status == 201
                if !resumed { usleep(50_000) }
            }
            if !resumed { print("lobbyd did not resume after \(kind) in round \(round)") }
            if !p.isRunning || Self.crashed(log, p, killed: false) { crashes += 1; print("CRASH in round \(round): \(log.text.suffix(1500))") }
            if round % 25 == 24 || !p.isRunning {
                p.terminate()
                p.waitUntilExit()
                (p, client, log) = try start()
                try verify(client)
            }
            round += 1
            rounds = round
            faultsInjected = injected()
            if round % 50 == 0 { report("after \(round) rounds, \(faultsInjected) faults") }
        }
        p.terminate()
        p.waitUntilExit()
        (p, client, log) = try start()
        try verify(client)
        p.terminate()
        p.waitUntilExit()
    }

    func report(_ label: String) {
        print("\(label): rounds \(rounds), acknowledged \(acknowledged.count), lost \(lost), numbers twice \(duplicates), "
              + "crashes \(crashes), 503 answers \(unavailable), faults injected \(faultsInjected)")
    }
}

/// Answers collected by concurrent clients.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var acknowledged: [String: (id: Int, number: String, day: String)] = [:]
    private var numbers: [String: Set<String>] = [:]
    private(set) var unavailable = 0

    func record(_ reply: HTTPClient.Reply?, key: String) {
        guard let reply else { return }
        lock.lock()
        defer { lock.unlock() }
        if reply.status == 200 || reply.status == 201, let t = reply.json?["ticket"] as? [String: Any], let id = t["id"] as? Int,
           let number = t["number"] as? String, let day = t["day"] as? String {
            acknowledged[key] = (id, number, day)
            numbers[key, default: []].insert(number)
        } else if reply.status == 503 {
            unavailable += 1
        }
    }

    /// Keys answered with two different tickets.
    var keysWithTwoTickets: Int { lock.lock(); defer { lock.unlock() }; return numbers.values.filter { $0.count > 1 }.count }
}

/// lobbyd's output, and the URL it listens on once it says so.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    var url: String? {
        let t = text
        guard let r = t.range(of: "listening on http://") else { return nil }
        let rest = t[r.upperBound...]
        guard let end = rest.firstIndex(of: "/") else { return nil }
        return "http://" + rest[..<end]
    }
}

struct CampaignError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

func compileShim(root: String, into dir: String) throws -> String {
    let out = dir + "/lobby-fault-shim.so"
    let cc = Process()
    cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    cc.arguments = ["cc", "-shared", "-fPIC", "-O2", "-o", out, root + "/Tests/LobbyFaultTests/Shim/lobby-fault-shim.c", "-ldl"]
    try cc.run()
    cc.waitUntilExit()
    guard cc.terminationStatus == 0 else { throw CampaignError("the fault shim did not compile") }
    return out
}

let args = CommandLine.arguments
guard args.count >= 3, ["kills", "faults"].contains(args[1]), let n = Int(args[2]) else {
    FileHandle.standardError.write(Data("usage: lobby-fault-campaign kills|faults N [--dir DIR]\n".utf8))
    exit(64)
}
let binDir = URL(fileURLWithPath: args[0]).deletingLastPathComponent().path
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let dir = args.firstIndex(of: "--dir").map { args[$0 + 1] } ?? NSTemporaryDirectory() + "lobby-campaign-\(getpid())"
try? FileManager.default.removeItem(atPath: dir)
try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let started = Date()
do {
    var campaign = Campaign(lobbyd: binDir + "/lobbyd", dir: dir, shim: try compileShim(root: root, into: dir))
    try campaign.writeConfiguration()
    if args[1] == "kills" { try campaign.kills(n) } else { try campaign.faults(n) }
    campaign.report(String(format: "done in %.0f s", Date().timeIntervalSince(started)))
    exit(campaign.lost == 0 && campaign.duplicates == 0 && campaign.crashes == 0 ? 0 : 1)
} catch {
    print("campaign stopped: \(error)")
    exit(2)
}
