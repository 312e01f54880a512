import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// Session and lockout expiry follow the wall clock, which the fault shim moves under a running
/// lobbyd (as ClockFaultTests do): idle expiry, a request that keeps a session alive, the end of
/// the service day, and a lock that ends by itself.
@Suite("Sessions and locks over the clock", .tags(.host), .serialized)
struct SessionClockTests {
    static func iso(_ text: Any?) throws -> Date {
        try #require((text as? String).flatMap { try? Date($0, strategy: .iso8601) }, "not a time: \(String(describing: text))")
    }

    @Test("idle expiry after api.sessionIdleMinutes, kept alive by requests, ended by the day's end; a lock ends by itself")
    func expiry() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .replacingOccurrences(of: "  maxBodyBytes: 4096\n", with: "  maxBodyBytes: 4096\n  sessionIdleMinutes: 5\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", config], environment: try FaultShim.environment(control: control), scratch: scratch)
        defer { d.stop() }
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        let http = d.client()
        // Move to noon of the next service day, so that no step below crosses a midnight by chance.
        let first = try StaffLogin.login(http, "nigar", "floor-keeper-7")
        let dayEnd = try Self.iso(try first.send("GET", "/api/v1/session").json?["dayEnd"])
        let noon = Int64((dayEnd.timeIntervalSinceNow + 12 * 3600) * 1000)
        func at(minutes: Int64) throws { try control.set("clock-offset-ms \(noon + minutes * 60_000)") }
        try at(minutes: 0)
        #expect(try first.send("GET", "/api/v1/session").status == 401, "yesterday's session ended with its day")
        let session = try StaffLogin.login(http, "nigar", "floor-keeper-7")
        let shown = try #require(try session.send("GET", "/api/v1/session").json)
        #expect(shown["idleMinutes"] as? Int == 5)
        try at(minutes: 4)
        #expect(try session.send("GET", "/api/v1/session").status == 200, "4 minutes idle of 5")
        try at(minutes: 8)
        #expect(try session.send("GET", "/api/v1/session").status == 200, "the request at minute 4 kept it alive")
        try at(minutes: 14)
        let idle = try session.send("GET", "/api/v1/windows")
        #expect(idle.status == 401 && idle.json?["error"] as? String == "session-expired", "6 minutes idle: \(idle.status)")
        // The day's end ends a session that is not idle.
        let late = try StaffLogin.login(http, "nigar", "floor-keeper-7")
        let lateEnd = try Self.iso(try late.send("GET", "/api/v1/session").json?["dayEnd"])
        try control.set("clock-offset-ms \(Int64(lateEnd.timeIntervalSinceNow * 1000) + 60_000)")  // a minute past that midnight
        #expect(try late.send("GET", "/api/v1/session").status == 401, "ended at midnight")
        // A lock after six failures ends by itself after 30 seconds.
        try at(minutes: 30)
        for n in 0..<6 { _ = try http.send("POST", "/api/v1/session/login", json: ["name": "nigar", "password": "wrong-\(n)"]) }
        #expect(try http.send("POST", "/api/v1/session/login", json: ["name": "nigar", "password": "floor-keeper-7"]).status == 429)
        try control.set("clock-offset-ms \(noon + 30 * 60_000 + 31_000)")
        #expect(try http.send("POST", "/api/v1/session/login", json: ["name": "nigar", "password": "floor-keeper-7"]).status == 200,
                "the lock ended after 30 s")
    }
}
