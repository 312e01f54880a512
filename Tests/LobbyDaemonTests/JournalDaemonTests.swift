import Foundation
import LobbyClient
import LobbyJournal
import LobbyTestSupport
import Testing

/// A real lobbyd meets a damaged journal: it refuses to start and says why; the technician checks
/// and recovers with lobbyctl; numbering continues after what was lost; a flipped byte in the
/// write-ahead log after a crash is restored and reported.
@Suite("Faults: a damaged journal at start", .tags(.host), .serialized)
struct JournalDaemonTests {
    static func lobbydExit(_ config: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Built.executable("lobbyd"))
        p.arguments = ["--config", config]
        let out = Pipe()
        p.standardError = out
        p.standardOutput = out
        try p.run()
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { usleep(50_000) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test("damage refuses the start (exit 65); check names it; recover keeps the intact records and numbering continues past the lost ones")
    func refuseCheckRecover() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let journal = scratch.path + "/journal.db"
        var d = try startTestDaemon(scratch)
        var numbers: [String] = []
        for i in 0..<12 {
            let r = try d.client(token: APITests.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport", "requestId": "t\(i)", "print": false])
            numbers.append(try #require((r.json?["ticket"] as? [String: Any])?["number"] as? String))
        }
        d.stop()
        let db = try SQLiteDatabase(path: journal)
        try db.execute("UPDATE journal SET body = X'00' WHERE seq = 5")
        let config = scratch.path + "/lobby.yaml"
        let (code, text) = try Self.lobbydExit(config)
        #expect(code == 65)
        #expect(text.contains("damaged at record 5") && text.contains("lobbyctl journal recover"), "\(text)")
        let checked = try LobbyctlJSONContractTests.lobbyctl(.init(arguments: ["journal", "check", "--config", config, "--json"]), environment: [:])
        #expect(checked.status == 1)
        let error = try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any]
        #expect(error?["code"] as? String == "journal-damaged", "\(checked.stdout)")
        let report = error?["result"] as? [String: Any]
        #expect(report?["intact"] as? Bool == false)
        #expect((report?["damage"] as? [String: Any])?["sequence"] as? Int == 5)
        var (ctl, out) = try runTool("lobbyctl", ["journal", "recover", "--config", config])
        #expect(ctl == 64 && out.contains("--accept-loss"), "recover without --accept-loss must refuse: \(out)")
        // Not while lobbyd holds the journal: a second process cannot take its lock.
        (ctl, out) = try runTool("lobbyctl", ["journal", "recover", "--config", config, "--accept-loss"])
        #expect(ctl == 0, "\(out)")
        #expect(out.contains("kept records 1…4"))
        let copies = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix("journal.db.damaged-at-5") }
        #expect(!copies.isEmpty)
        (ctl, _) = try runTool("lobbyctl", ["journal", "check", "--config", config])
        #expect(ctl == 0)
        d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { d.stop() }
        #expect((try runTool("lobbyctl", ["journal", "recover", "--config", config, "--accept-loss"])).0 == 1,
                "recover must refuse while lobbyd runs on the journal")
        let next = try d.client(token: APITests.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false])
        let number = try #require((next.json?["ticket"] as? [String: Any])?["number"] as? String)
        #expect(!numbers.contains(number), "\(number) was already given before the damage")
        #expect(number == "P013")
    }

    @Test("a second lobbyd on the same journal is refused")
    func secondWriter() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let other = scratch.path + "/other.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/other.sock").write(toFile: other, atomically: true, encoding: .utf8)
        let (code, text) = try Self.lobbydExit(other)
        #expect(code != 0)
        #expect(text.contains("another process uses this journal"), "\(text)")
    }

    @Test("a flipped byte in the write-ahead log after a crash: restored exactly, nothing lost, health says so")
    func walFlipAfterCrash() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var d = try startTestDaemon(scratch)
        var issued: [Int: String] = [:]
        for i in 0..<20 {
            let r = try d.client(token: APITests.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport", "requestId": "w\(i)", "print": false])
            let t = try #require(r.json?["ticket"] as? [String: Any])
            issued[t["id"] as! Int] = t["number"] as? String
        }
        d.stop(signal: SIGKILL)
        let wal = scratch.path + "/journal.db-wal"
        let size = try FileManager.default.attributesOfItem(atPath: wal)[.size] as! Int
        #expect(size > 32 + 4120, "the crash left no write-ahead log")
        let h = try #require(FileHandle(forUpdatingAtPath: wal))
        try h.seek(toOffset: UInt64(size / 2))
        let byte = try #require(try h.read(upToCount: 1)).first!
        try h.seek(toOffset: UInt64(size / 2))
        try h.write(contentsOf: [byte ^ 0x10])
        try h.close()
        d = try DaemonProcess(arguments: ["--config", scratch.path + "/lobby.yaml"], scratch: scratch)
        defer { d.stop() }
        let tech = d.client(token: APITests.tech)
        for (id, number) in issued {
            #expect(try tech.send("GET", "/api/v1/tickets/\(id)").json?["number"] as? String == number)
        }
        let health = try tech.send("GET", "/healthz").json?["devices"] as? [String: String]
        #expect(health?["journal"]?.hasPrefix("repaired at start") == true, "\(health ?? [:])")
    }
}
