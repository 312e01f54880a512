import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The fault tier: a real lobbyd meets slow, failing, full and vanishing storage (through the
/// fault shim and small tmpfs mounts) and SIGKILL. After each: every acknowledged ticket is
/// there with its number, no number is held by two tickets, lobbyd did not crash, and health and
/// errors say what happened.
@Suite("Faults: storage", .tags(.host), .serialized)
struct StorageFaultTests {
    static let kiosk = "kiosk-token-123456"
    static let tech = "tech-token-1234567"
    static let ticket = #"{"service": "passport", "print": false}"#

    /// A lobbyd whose journal is `journal`, with the fault shim loaded.
    static func start(_ scratch: Scratch, journal: String, control: FaultControl?) throws -> DaemonProcess {
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: journal, socket: scratch.path + "/lobbyd.sock").write(toFile: config, atomically: true, encoding: .utf8)
        return try DaemonProcess(arguments: ["--config", config], environment: try control.map(FaultShim.environment) ?? [:], scratch: scratch)
    }

    /// Every ticket of today by id, read back through the API.
    static func tickets(_ d: DaemonProcess) throws -> [Int: String] {
        var out: [Int: String] = [:]
        var id = 1
        var misses = 0
        while misses < 5 {
            let r = try rawRequest(port: d.port, method: "GET", path: "/api/v1/tickets/\(id)", body: "", token: tech)
            if r.status == 200, let number = r.json?["number"] as? String {
                out[id] = number
                misses = 0
            } else {
                misses += 1
            }
            id += 1
        }
        return out
    }

    /// Checks what every fault test promises after restarting lobbyd on the same journal.
    static func checkAfterRestart(_ scratch: Scratch, journal: String, acknowledged: [String: (id: Int, number: String)]) throws {
        let d = try start(scratch, journal: journal, control: nil)
        defer { d.stop() }
        let found = try tickets(d)
        for (key, ack) in acknowledged {
            #expect(found[ack.id] == ack.number, "acknowledged ticket \(ack.number) (id \(ack.id), key \(key)) is missing after restart")
        }
        let numbers = Array(found.values)
        #expect(Set(numbers).count == numbers.count, "a number is held by two tickets: \(numbers.sorted())")
    }

    @Test("a repeat and a read wait for their original's slow fsync, and answer exactly it")
    func slowFsync() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        let d = try Self.start(scratch, journal: scratch.path + "/journal.db", control: control)
        defer { d.stop() }
        try control.set("fsync-delay-ms 1500")
        let started = Date()
        let original = PendingReply(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, key: "K1")
        usleep(300_000)
        let again = PendingReply(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, key: "K1")
        let read = PendingReply(port: d.port, method: "GET", path: "/api/v1/tickets/1", body: "", token: Self.kiosk)
        let first = try #require(original.wait())
        let repeated = try #require(again.wait())
        let shown = try #require(read.wait())
        #expect(first.status == 201)
        #expect(repeated.status == 200)
        #expect(repeated.json?["repeat"] as? Bool == true)
        let number = (first.json?["ticket"] as? [String: Any])?["number"] as? String
        #expect(number != nil)
        #expect((repeated.json?["ticket"] as? [String: Any])?["number"] as? String == number)
        #expect(shown.status == 200 && shown.json?["number"] as? String == number)
        // Neither answered before the original's fsync had passed (1.5 s were injected).
        #expect(try #require(again.finishedAt).timeIntervalSince(started) >= 1.4, "the repeat answered before its original was durable")
        #expect(try #require(read.finishedAt).timeIntervalSince(started) >= 1.4, "the read showed a ticket that was not durable")
        #expect(control.count("fsync-delay") > 0, "the shim injected no delay")
    }

    @Test("SIGKILL while the original's fsync is slow: the request id still makes exactly one ticket")
    func killDuringSlowFsync() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let journal = scratch.path + "/journal.db"
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        var acknowledged: [String: (id: Int, number: String)] = [:]
        do {
            let d = try Self.start(scratch, journal: journal, control: control)
            let k1 = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "K1")
            let t1 = try #require(k1.json?["ticket"] as? [String: Any])
            acknowledged["K1"] = (t1["id"] as! Int, t1["number"] as! String)
            try control.set("fsync-delay-ms 3000")
            let pending = PendingReply(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, key: "K2")
            let repeatPending = PendingReply(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, key: "K2")
            usleep(500_000)
            d.stop(signal: SIGKILL)
            #expect(pending.wait(seconds: 5)?.status == nil, "an answer came before the record was durable")
            #expect(repeatPending.wait(seconds: 5)?.status == nil, "the repeat was answered before its original was durable")
        }
        let d = try Self.start(scratch, journal: journal, control: nil)
        let k2 = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "K2")
        #expect(k2.status == 200 || k2.status == 201)
        let ids = try Self.tickets(d)
        d.stop()
        #expect(ids.count == 2, "K1 and exactly one ticket for K2: \(ids)")
        try Self.checkAfterRestart(scratch, journal: journal, acknowledged: acknowledged)
    }

    @Test("a full disk under four concurrent kiosks: 503 with the reason, no crash, nothing acknowledged lost, service resumes when space is freed",
          .enabled(if: runsAsRoot, "mounting tmpfs needs root"))
    func fullDisk() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let disk = try SmallDisk(path: scratch.path + "/disk", kilobytes: 2048)
        let journal = disk.path + "/journal.db"
        let d = try Self.start(scratch, journal: journal, control: nil)
        defer { d.stop() }
        try disk.fill(leaving: 96 * 1024)
        let tally = AnswerTally()
        DispatchQueue.concurrentPerform(iterations: 4) { kiosk in
            for i in 0..<60 {
                let key = "kiosk\(kiosk)-\(i)"
                // A double tap: the same key twice at once.
                let a = PendingReply(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, key: key)
                let b = PendingReply(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, key: key)
                tally.record(a.wait(), key: key)
                tally.record(b.wait(), key: key)
            }
        }
        var acknowledged = tally.acknowledged
        #expect(tally.unexpectedAnswers.isEmpty, "\(tally.unexpectedAnswers.prefix(3))")
        #expect(tally.unavailable > 0, "the disk never filled up")
        #expect(tally.keysWithTwoTickets.isEmpty, "keys answered with two tickets: \(tally.keysWithTwoTickets)")
        #expect(d.process.isRunning, "lobbyd stopped on a full disk: \(d.log.suffix(2000))")
        let health = try rawRequest(port: d.port, method: "GET", path: "/healthz", body: "", token: nil)
        #expect((health.json?["devices"] as? [String: String])?["journal"]?.hasPrefix("failing") == true, "healthz: \(String(decoding: health.body, as: UTF8.self))")
        #expect(health.json?["status"] as? String == "degraded")
        #expect(!d.log.contains("Precondition failed") && !d.log.contains("Fatal error"))
        // Space freed: the journal takes tickets again (after the back-off), and health recovers.
        disk.free()
        var resumed: HTTPClient.Reply?
        try eventually("a ticket is issued after space was freed", seconds: 30) {
            let r = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "after-\(UUID())")
            if r.status == 201 { resumed = r }
            return r.status == 201
        }
        if let t = resumed?.json?["ticket"] as? [String: Any] { acknowledged["after"] = (t["id"] as! Int, t["number"] as! String) }
        try eventually("health is ok again") {
            let h = try rawRequest(port: d.port, method: "GET", path: "/healthz", body: "", token: nil)
            return (h.json?["devices"] as? [String: String])?["journal"] == "ok"
        }
        d.stop()
        try Self.checkAfterRestart(scratch, journal: journal, acknowledged: acknowledged)
    }

    @Test("the journal's file system vanishes: commands get 503, the queue read so far stays, no empty journal is created",
          .enabled(if: runsAsRoot, "mounting tmpfs needs root"))
    func vanishingDisk() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let disk = try SmallDisk(path: scratch.path + "/disk", kilobytes: 4096)
        let d = try Self.start(scratch, journal: disk.path + "/journal.db", control: nil)
        defer { d.stop() }
        for i in 0..<5 {
            let r = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "v\(i)")
            #expect(r.status == 201)
        }
        try disk.vanish()
        let after = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "gone")
        #expect(after.status == 503, "\(after.status) \(String(decoding: after.body, as: UTF8.self))")
        #expect(after.json?["error"] as? String == "journal-unavailable")
        // Another attempt after the back-off still refuses (and never starts an empty journal).
        usleep(600_000)
        let again = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "gone-2")
        #expect(again.status == 503)
        let status = try rawRequest(port: d.port, method: "GET", path: "/api/v1/status", body: "", token: Self.tech)
        if status.status == 200 {
            #expect(status.json?["ticketsToday"] as? Int == 5, "the queue must never be replaced by an empty one")
        } else {
            #expect(status.status == 503)
        }
        #expect(!FileManager.default.fileExists(atPath: disk.path + "/journal.db"), "an empty journal was created where the file system vanished")
        #expect(d.process.isRunning)
    }

    @Test("injected write and fsync errors under load: 503s, one rebuild each, no crash, everything acknowledged survives")
    func injectedErrors() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let journal = scratch.path + "/journal.db"
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        let d = try Self.start(scratch, journal: journal, control: control)
        defer { d.stop() }
        let tally = AnswerTally()
        for (round, fault) in [["write-error EIO", "write-error-every 3"], ["fsync-error EIO"], ["write-error ENOSPC", "write-error-every 2"]].enumerated() {
            try control.set(fault[0], fault.count > 1 ? fault[1] : "")
            DispatchQueue.concurrentPerform(iterations: 4) { kiosk in
                for i in 0..<15 {
                    let key = "r\(round)-k\(kiosk)-\(i)"
                    tally.record(try? rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: key),
                                 key: key)
                }
            }
            try control.set()
        }
        let acknowledged = tally.acknowledged
        let failures = tally.unavailable
        #expect(tally.unexpectedAnswers.isEmpty, "\(tally.unexpectedAnswers.prefix(3))")
        #expect(failures > 0, "no fault reached lobbyd")
        #expect(d.process.isRunning, "lobbyd stopped: \(d.log.suffix(2000))")
        try eventually("lobbyd takes tickets again") {
            (try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "after-\(UUID())")).status == 201
        }
        let metrics = String(decoding: try rawRequest(port: d.port, method: "GET", path: "/metrics", body: "", token: nil).body, as: UTF8.self)
        #expect(metrics.contains("lobby_journal_write_failures_total"))
        d.stop()
        try Self.checkAfterRestart(scratch, journal: journal, acknowledged: acknowledged)
    }

    @Test("SIGKILL at random moments under four kiosks: every acknowledged ticket survives, no number twice")
    func killsUnderLoad() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let journal = scratch.path + "/journal.db"
        let tally = AnswerTally()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<5 {
            let d = try Self.start(scratch, journal: journal, control: nil)
            let delay = UInt32.random(in: 200_000...800_000, using: &generator)
            Thread.detachNewThread {
                usleep(delay)
                kill(d.process.processIdentifier, SIGKILL)
            }
            DispatchQueue.concurrentPerform(iterations: 4) { kiosk in
                var i = 0
                while d.process.isRunning {
                    let key = "round\(round)-k\(kiosk)-\(i)"
                    i += 1
                    tally.record(try? rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: key),
                                 key: key)
                }
            }
            d.stop(signal: SIGKILL)
        }
        let acknowledged = tally.acknowledged
        #expect(acknowledged.count > 10)
        try Self.checkAfterRestart(scratch, journal: journal, acknowledged: acknowledged)
    }
}
