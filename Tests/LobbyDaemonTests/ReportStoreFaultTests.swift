import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// reports.db on a failing disk (the fault shim makes every write to it fail with ENOSPC or EIO,
/// the journal beside it untouched): the queue keeps serving, reports answer 503 and /healthz
/// says why, and once writes succeed again the read model catches up with everything it missed.
@Suite("Faults: report store", .tags(.host), .serialized)
struct ReportStoreFaultTests {
    static let kiosk = "kiosk-token-123456"
    static let ticket = #"{"service": "passport", "print": false}"#

    static func health(_ d: DaemonProcess) throws -> String? {
        let h = try rawRequest(port: d.port, method: "GET", path: "/healthz", body: "", token: nil)
        return (h.json?["devices"] as? [String: String])?["reports"]
    }

    static func issued(_ d: DaemonProcess) throws -> (status: Int, issued: Int?, body: String) {
        let r = try d.client(token: ReportDaemonTests.manager).send("GET", "/api/v1/reports?by=service")
        return (r.status, (r.json?["overall"] as? [String: Any])?["issued"] as? Int, String(decoding: r.body, as: UTF8.self))
    }

    @Test("writes to reports.db fail: tickets are still issued, reports answer 503 with the reason, then catch up", arguments: ["ENOSPC", "EIO"])
    func failingReportStore(errno name: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/reports.db")
        let d = try StorageFaultTests.start(scratch, journal: scratch.path + "/journal.db", control: control)
        defer { d.stop() }
        try ReportDaemonTests.serveOne(d)
        #expect(try Self.issued(d).issued == 2)

        try control.set("write-error \(name)", "fsync-error \(name)")
        var acknowledged = 0
        for k in 0..<6 {
            let r = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "fault-\(k)")
            #expect(r.status == 201, "the queue stopped issuing tickets: \(r.status) \(String(decoding: r.body, as: UTF8.self))")
            if r.status == 201 { acknowledged += 1 }
        }
        #expect(control.count("write-error") > 0, "no write to reports.db was failed")
        try eventually("health names the failing report store") { try Self.health(d)?.hasPrefix("failing") == true }
        let failing = try Self.health(d) ?? ""
        #expect(failing.contains("reports.db") && failing.contains("cannot") && failing.contains("the queue is not affected"), "\(failing)")
        let refused = try Self.issued(d)
        #expect(refused.status == 503, "\(refused.status) \(refused.body)")
        #expect(refused.body.contains("reports-unavailable") && refused.body.contains("reports.db"), "\(refused.body)")
        #expect(d.process.isRunning, "lobbyd stopped: \(d.log.suffix(2000))")

        // The disk is back: the next report (or the next record) catches up with every ticket missed.
        try control.set()
        try eventually("the report counts every ticket again", seconds: 30) { try Self.issued(d).issued == 2 + acknowledged }
        try eventually("health is ok again") { try Self.health(d) == "ok" }
        let more = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: Self.kiosk, idempotencyKey: "after")
        #expect(more.status == 201)
        try eventually("a ticket after the recovery counts live") { try Self.issued(d).issued == 3 + acknowledged }
        #expect(!d.log.contains("Precondition failed") && !d.log.contains("Fatal error"))
    }
}
