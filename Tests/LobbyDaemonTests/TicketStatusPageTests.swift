import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The ticket status page a QR code opens, through a real lobbyd over HTTP, and in headless
/// Chromium: the page's own script shows the call without a reload.
@Suite("Ticket status page", .tags(.host), .serialized)
struct TicketStatusPageTests {
    static let tech = "tech-token-1234567"

    func text(_ reply: HTTPClient.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    /// Issues a ticket in `language`; returns its page address (path).
    func issue(_ d: DaemonProcess, _ language: String, _ id: String) throws -> String {
        let reply = try d.client(token: "kiosk-token-123456").send("POST", "/api/v1/tickets",
                                                                 json: ["service": "passport", "language": language, "requestId": id])
        let code = try #require((reply.json?["ticket"] as? [String: Any])?["trackingCode"] as? String)
        return "/t/" + code.replacingOccurrences(of: "-", with: "")
    }

    @Test("the page names the centre, service and windows and tells position, wait and the call in the ticket's language", arguments: [
        ("az", "Sınaq", "Pasport", "Xidmət pəncərələri: 1, 2", "Sizdən əvvəl: 1", "1 nömrəli pəncərəyə yaxınlaşın"),
        ("ru", "Тест", "Паспорт", "Окна обслуживания: 1, 2", "Перед вами: 1", "Подойдите к окну № 1"),
        ("en", "Test", "Passport", "Service windows: 1, 2", "People ahead of you: 1", "Please go to window 1"),
    ])
    func wording(language: String, centre: String, service: String, windows: String, ahead: String, called: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let first = try issue(d, language, "first")
        let second = try issue(d, language, "second")
        let page = d.client()
        let waiting = text(try page.send("GET", second))
        for expected in [centre, service, windows, "P002"] { #expect(waiting.contains(expected), "\(expected) missing: \(waiting)") }
        #expect(waiting.contains(ahead), "\(waiting)")
        #expect(!waiting.contains("~0") && !waiting.contains(" 0 min") && !waiting.contains("0 мин") && !waiting.contains("0 dəq"))
        #expect(!waiting.contains("http-equiv=\"refresh\" content=\"20\""), "no 20 s meta refresh")
        let tech = d.client(token: Self.tech)
        _ = try tech.send("POST", "/api/v1/windows/1/open")
        _ = try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"])
        #expect(try d.client(token: "alice-token-123456").send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "c1"]).status == 200)
        let calledPage = text(try page.send("GET", first))
        #expect(calledPage.contains(called), "\(calledPage)")
    }

    @Test("in headless Chromium the live part changes to the call by itself, without reloading the page")
    func liveInChromium() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let path = try issue(d, "en", "live")
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        probe.arguments = [Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/status_page_probe.py").path,
                           "\(d.url)\(path)", "Please go to window 1", "20", scratch.path + "/chrome-profile"]
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        let ready = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        #expect(ready.hasPrefix("READY") && ready.contains("You are next"), "\(ready)")
        let tech = d.client(token: Self.tech)
        _ = try tech.send("POST", "/api/v1/windows/1/open")
        _ = try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"])
        #expect(try d.client(token: "alice-token-123456").send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "c1"]).status == 200)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        #expect(report["found"] as? Bool == true, "\(report)")
        #expect(report["reloaded"] as? Bool == false, "\(report)")
    }
}
