import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// Reports from a real lobbyd: live, across restarts, with a rebuilt store, over HTTP and lobbyctl.
@Suite("Reports in lobbyd", .tags(.host), .serialized)
struct ReportDaemonTests {
    static let manager = "manager-token-12345"

    /// Serves one passport ticket at window 1 (alice) with a vote of 4, and cancels a birth ticket.
    static func serveOne(_ d: DaemonProcess) throws {
        let tech = d.client(token: "tech-token-1234567"), kiosk = d.client(token: "kiosk-token-123456")
        let alice = d.client(token: "alice-token-123456")
        _ = try tech.send("POST", "/api/v1/windows/1/open", json: [:])
        #expect(try alice.send("POST", "/api/v1/windows/1/sign-in", json: [:]).status == 200)
        let ticket = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false]).json?["ticket"] as? [String: Any]
        let id = try #require(ticket?["id"] as? Int)
        let birth = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "birth", "print": false]).json?["ticket"] as? [String: Any]
        #expect(try kiosk.send("POST", "/api/v1/tickets/\(try #require(birth?["id"] as? Int))/cancel", json: [:]).status == 200)
        #expect(try alice.send("POST", "/api/v1/windows/1/call-next", json: [:]).status == 200)
        #expect(try alice.send("POST", "/api/v1/windows/1/finish", json: [:]).status == 200)
        #expect(try kiosk.send("POST", "/api/v1/tickets/\(id)/vote", json: ["score": 4, "window": 1]).status == 200)
    }

    static func report(_ d: DaemonProcess, _ query: String = "by=operator") throws -> [String: Any] {
        let reply = try d.client(token: manager).send("GET", "/api/v1/reports?" + query)
        try #require(reply.status == 200, "\(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
        return try #require(reply.json)
    }

    @Test("a finished ticket counts at once; the report survives a restart and a deleted store")
    func liveAndRestart() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var d = try startTestDaemon(scratch)
        try Self.serveOne(d)
        func check(_ r: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
            let overall = r["overall"] as? [String: Any] ?? [:]
            #expect(overall["issued"] as? Int == 2, sourceLocation: sourceLocation)
            #expect(overall["served"] as? Int == 1 && overall["cancelled"] as? Int == 1, sourceLocation: sourceLocation)
            #expect(overall["votes"] as? [Int] == [0, 0, 0, 1, 0], sourceLocation: sourceLocation)
            let rows = r["rows"] as? [[String: Any]] ?? []
            #expect(rows.compactMap { $0["key"] as? String } == ["alice", "-"], sourceLocation: sourceLocation)
            let alice = rows.first?["figures"] as? [String: Any] ?? [:]
            #expect((alice["satisfied"] as? [String: Any])?["count"] as? Int == 1, sourceLocation: sourceLocation)
            #expect((rows.first?["mix"] as? [String: Any])?["satisfiedDifference"] as? Double == 0, sourceLocation: sourceLocation)
        }
        check(try Self.report(d))
        d.stop()
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/reports.db"))
        d = try startTestDaemon(scratch)
        check(try Self.report(d))
        d.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch.path + "/reports.db" + suffix) }
        d = try startTestDaemon(scratch)
        defer { d.stop() }
        check(try Self.report(d))
        // More traffic after the restart is counted too.
        let kiosk = d.client(token: "kiosk-token-123456")
        _ = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false])
        let after = try Self.report(d, "by=service")
        #expect((after["overall"] as? [String: Any])?["issued"] as? Int == 3)
        #expect((after["overall"] as? [String: Any])?["open"] as? Int == 1)
    }

    @Test("CSV, roles and precise refusals")
    func csvRolesAndRefusals() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        try Self.serveOne(d)
        let csv = try d.client(token: Self.manager).send("GET", "/api/v1/reports?by=service&format=csv")
        #expect(csv.status == 200)
        #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        let lines = String(decoding: csv.body, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasPrefix("row,issued,served,noShows,cancelled,") == true)
        #expect(lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).count }.allSatisfy { $0 == 42 })
        #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == ["birth", "passport", "total", "previous"])
        #expect(lines.contains { $0.hasPrefix("total,2,1,0,1,0,0,0,0,") })
        for token in ["tech-token-1234567", "kiosk-token-123456", "alice-token-123456"] {
            let refused = try d.client(token: token).send("GET", "/api/v1/reports")
            #expect(refused.status == 403 && refused.json?["error"] as? String == "forbidden")
        }
        #expect(try d.socketClient().send("GET", "/api/v1/reports?by=hour").status == 200)
        // The page: self-contained, charts as SVG, no script, in the asked language.
        for (lang, word) in [("az", "Xidmət hesabatı"), ("ru", "Отчёт об обслуживании"), ("en", "Service report")] {
            let page = try d.client(token: Self.manager).send("GET", "/api/v1/reports?by=operator&format=html&lang=\(lang)")
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(html.contains("<html lang=\"\(lang)\">") && html.contains(word))
            #expect(html.components(separatedBy: "<svg ").count == 4, "three charts")
            #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "nothing external")
            #expect(!html.contains("<script"))
            #expect(html.contains("<td>alice</td><td>1</td><td>1</td>"), "\(html)")
        }
        let bad: [(String, String)] = [
            ("by=colour", "'by' must be one of service, agency, window, operator, hour, got 'colour'"),
            ("from=2026-02-30", "'from': 2026-02-30 does not exist: February 2026 has 28 days"),
            ("from=2026-03-02&to=2026-03-01", "'from' (2026-03-02) must not be after 'to' (2026-03-01)"),
            ("from=2000-01-01&to=2099-12-31", "a report covers at most 3660"),
            ("format=xml", "'format' must be json, csv, html or xlsx, got 'xml'"),
            ("format=html&lang=de", "'lang' must be az, ru or en, got 'de'"),
        ]
        for (query, message) in bad {
            let reply = try d.client(token: Self.manager).send("GET", "/api/v1/reports?" + query)
            #expect(reply.status == 400 && reply.json?["error"] as? String == "invalid-parameter", "\(query)")
            #expect((reply.json?["message"] as? String)?.contains(message) == true, "\(query): \(reply.json?["message"] ?? "")")
        }
    }

    @Test("lobbyctl report prints the table and CSV")
    func lobbyctl() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        try Self.serveOne(d)
        let (code, text) = try runTool("lobbyctl", ["report", "--socket", d.socket, "--by", "operator"])
        #expect(code == 0, "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Report ") == true && lines.first?.contains("by operator") == true, "\(text)")
        #expect(lines.contains { $0.hasPrefix("alice") && $0.contains("100 % of 1") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("total") }, "\(text)")
        let (csvCode, csv) = try runTool("lobbyctl", ["report", "--socket", d.socket, "--by", "window", "--csv"])
        #expect(csvCode == 0)
        #expect(csv.hasPrefix("row,issued,"), "\(csv)")
        #expect(csv.contains("\r\n1,1,1,"), "\(csv)")
        let file = scratch.path + "/report.xlsx"
        let (xlsxCode, xlsxText) = try runTool("lobbyctl", ["report", "--socket", d.socket, "--by", "agency", "--xlsx", file])
        #expect(xlsxCode == 0 && xlsxText.contains("wrote \(file)"), "\(xlsxText)")
        let workbook = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(workbook.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) && workbook.count > 1000, "a ZIP archive")
        let pdf = scratch.path + "/report.pdf"
        let (pdfCode, pdfText) = try runTool("lobbyctl", ["report", "--socket", d.socket, "--by", "operator", "--pdf", pdf, "--language", "ru"])
        #expect(pdfCode == 0 && pdfText.contains("wrote \(pdf) (2 pages)"), "\(pdfText)")
        let document = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(document.prefix(5) == Data("%PDF-".utf8) && document.count > 1000, "a PDF")
        let (badLanguage, badText) = try runTool("lobbyctl", ["report", "--socket", d.socket, "--pdf", pdf, "--language", "de"])
        #expect(badLanguage != 0 && badText.contains("--language must be az, ru or en"), "\(badText)")
        let (denied, message) = try runTool("lobbyctl", ["report", "--url", d.url, "--token", "tech-token-1234567"])
        #expect(denied == 4, "\(message)")
    }
}
