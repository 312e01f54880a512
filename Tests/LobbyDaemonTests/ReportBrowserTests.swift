import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The report page in a browser, over real HTTP: a manager's session cookie opens it; a browser
/// without credentials is sent to the sign-in page with the way back; programs still get 401.
@Suite("Report page in a browser", .tags(.host), .serialized)
struct ReportBrowserTests {
    static let page = "/api/v1/reports?by=operator&format=html&lang=ru"
    static let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    @Test("a manager's session cookie opens the page; without credentials a browser is redirected to /login?next=…")
    func cookieAndRedirect() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        try ReportDaemonTests.serveOne(d)
        try addAccount(d, "samira", role: "manager", password: "monthly-review-9")
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        let http = d.client()

        // A browser with no session: 303 to the sign-in page, which can come back to the same report.
        let anonymous = try http.send("GET", Self.page, headers: ["Accept": Self.browser])
        #expect(anonymous.status == 303)
        let location = try #require(anonymous.headers["location"])
        #expect(location == "/login?next=/api/v1/reports%3Fby%3Doperator%26format%3Dhtml%26lang%3Dru", "\(location)")
        let next = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "next" }?.value)
        #expect(next == Self.page)
        // A program (no text/html in Accept) gets the usual 401 with its reason.
        let program = try http.send("GET", Self.page, headers: ["Accept": "application/json"])
        #expect(program.status == 401 && program.json?["error"] as? String == "missing-token")
        // An ended session in a browser: back to sign in as well.
        let ended = try http.send("GET", Self.page, headers: ["Accept": Self.browser, "Cookie": "lobby_session=not-a-session"])
        #expect(ended.status == 303)

        // The manager's cookie opens the page (no CSRF token is needed to read).
        let samira = try StaffLogin.login(http, "samira", "monthly-review-9")
        let opened = try http.send("GET", Self.page, headers: ["Accept": Self.browser, "Cookie": samira.cookie])
        #expect(opened.status == 200)
        #expect(opened.headers["content-type"]?.hasPrefix("text/html") == true)
        let html = String(decoding: opened.body, as: UTF8.self)
        #expect(html.contains("Отчёт об обслуживании") && html.contains("alice") && html.contains("<svg"))
        // Signed in but not a manager: refused, not redirected (signing in again would not help).
        let nigar = try StaffLogin.login(http, "nigar", "floor-keeper-7")
        let refused = try http.send("GET", Self.page, headers: ["Accept": Self.browser, "Cookie": nigar.cookie])
        #expect(refused.status == 403)
    }
}
