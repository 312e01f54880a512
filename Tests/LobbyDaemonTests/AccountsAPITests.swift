import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The roster, staff sessions and lockout against a real lobbyd (Docs/Accounts.md).
@Suite("Accounts and sessions", .tags(.host), .serialized)
struct AccountsAPITests {
    @Test("the roster: accounts through the API and lobbyctl; unknown or disabled operators are refused at sign-in")
    func roster() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let env = ["LOBBY_SOCKET": d.socket]
        let tech = d.client(token: "tech-token-1234567")
        _ = try tech.send("POST", "/api/v1/windows/1/open", json: [:])
        // A typo is refused, with the reason, before it reaches the journal.
        let typo = try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "zaur"])
        #expect(typo.status == 404 && typo.json?["error"] as? String == "unknown-operator", "\(typo.json ?? [:])")
        #expect((typo.json?["message"] as? String)?.contains("no operator 'zaur' on the roster") == true)
        var (code, out) = try runTool("lobbyctl", ["window", "sign-in", "1", "--operator", "zaur", "--json"], environment: env)
        #expect(code == 1 && out.contains("unknown-operator"), "\(out)")
        // Added through lobbyctl (the PIN on standard input), the name is known.
        (code, out) = try runTool("lobbyctl", ["account", "add", "zaur", "--role", "operator", "--display-name", "Zaur Q."], environment: env, input: "482913\n")
        #expect(code == 0 && out.contains("added zaur"), "\(out)")
        (code, out) = try runTool("lobbyctl", ["account", "add", "Zaur", "--role", "operator"], environment: env, input: "482913\n")
        #expect(code == 2 && out.contains("starts with a lowercase letter"), "\(out)")
        (code, out) = try runTool("lobbyctl", ["account", "add", "nigar", "--role", "supervisor"], environment: env, input: "12345\n")
        #expect(code == 2 && out.contains("at least 8 are needed"), "\(out)")
        (code, out) = try runTool("lobbyctl", ["account", "add", "zaur", "--role", "operator"], environment: env, input: "482913\n")
        #expect(code == 1 && out.contains("exists already"), "\(out)")
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "zaur"]).status == 200)
        (code, out) = try runTool("lobbyctl", ["account", "list", "--json"], environment: env)
        let list = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        let accounts = list?["accounts"] as? [[String: Any]] ?? []
        #expect(accounts.map { $0["name"] as? String } == ["zaur"])
        #expect(accounts.first?["displayName"] as? String == "Zaur Q." && accounts.first?["passwordHash"] == nil)
        #expect(!out.contains("argon2"), "the hash never leaves lobbyd")
        // Disabled: refused at the next sign-in; enabled again: accepted.
        _ = try tech.send("POST", "/api/v1/windows/1/sign-out", json: [:])
        (code, out) = try runTool("lobbyctl", ["account", "disable", "zaur"], environment: env)
        #expect(code == 0 && out.contains("disabled"), "\(out)")
        let disabled = try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "zaur"])
        #expect(disabled.status == 409 && disabled.json?["error"] as? String == "account-disabled")
        (code, out) = try runTool("lobbyctl", ["account", "enable", "zaur"], environment: env)
        #expect(code == 0)
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "zaur"]).status == 200)
        // Operators named by configured tokens stay known; a supervisor's name is not an operator.
        #expect(try tech.send("POST", "/api/v1/windows/2/sign-in", json: ["operator": "alice"]).status == 200)
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        #expect(try tech.send("POST", "/api/v1/windows/2/sign-in", json: ["operator": "nigar"]).json?["error"] as? String == "not-an-operator")
        // The roster is the manager's: technicians and operators may not read it.
        #expect(try tech.send("GET", "/api/v1/accounts").status == 403)
        (code, out) = try runTool("lobbyctl", ["account", "remove", "nigar"], environment: env)
        #expect(code == 0)
        (code, out) = try runTool("lobbyctl", ["account", "remove", "nigar", "--json"], environment: env)
        #expect(code == 1 && out.contains("unknown-account"), "\(out)")
    }

    @Test("sessions: HttpOnly SameSite cookie, CSRF token on every change, sign-out, no votes, operators at their own window only")
    func sessions() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        try addAccount(d, "leyla", role: "operator", password: "482913")
        let http = d.client()
        let raw = try http.send("POST", "/api/v1/session/login", json: ["name": "nigar", "password": "floor-keeper-7"])
        let cookie = try #require(raw.headers["set-cookie"])
        #expect(cookie.hasPrefix("lobby_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"), "plain HTTP on loopback: a Secure cookie would not come back")
        let form = try http.send("POST", "/api/v1/session/login", json: ["name": "nigar", "password": "floor-keeper-7"], headers: ["Content-Type": "text/plain"])
        #expect(form.status == 415 && form.json?["error"] as? String == "json-required", "a cross-site form cannot sign in: \(form.status)")
        let nigar = try StaffLogin.login(http, "nigar", "floor-keeper-7")
        #expect(try nigar.send("GET", "/api/v1/session").json?["role"] as? String == "supervisor")
        // A change without the token, or with another session's, is refused; with it, done.
        let missing = try nigar.send("POST", "/api/v1/windows/1/open", json: [:], csrf: .some(nil))
        #expect(missing.status == 403 && missing.json?["error"] as? String == "csrf-token-missing")
        let wrong = try nigar.send("POST", "/api/v1/windows/1/open", json: [:], csrf: String(nigar.csrf.reversed()))
        #expect(wrong.status == 403 && wrong.json?["error"] as? String == "csrf-token-invalid")
        #expect(try nigar.send("GET", "/api/v1/windows").status == 200, "reading needs no token")
        #expect(try nigar.send("POST", "/api/v1/windows/1/open", json: [:]).status == 200)
        #expect(try nigar.send("POST", "/api/v1/windows/2/open", json: [:]).status == 200)
        // A supervisor signs operators in anywhere; an operator's session acts at its own window only.
        #expect(try nigar.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "bob"]).status == 200)
        let leyla = try StaffLogin.login(http, "leyla", "482913")
        let taken = try leyla.send("POST", "/api/v1/windows/1/sign-in", json: [:])
        #expect(taken.status == 409 && taken.json?["error"] as? String == "window-signed-in", "\(taken.json ?? [:])")
        #expect(try leyla.send("POST", "/api/v1/windows/2/sign-in", json: [:]).status == 200)
        #expect(try leyla.send("GET", "/api/v1/session").json?["window"] as? Int == 2)
        let elsewhere = try leyla.send("POST", "/api/v1/windows/1/call-next", json: [:])
        #expect(elsewhere.status == 403 && elsewhere.json?["error"] as? String == "not-your-window")
        let kiosk = d.client(token: "kiosk-token-123456")
        let ticket = try #require(try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false]).json?["ticket"] as? [String: Any])
        #expect(try leyla.send("POST", "/api/v1/windows/2/call-next", json: [:]).status == 200)
        #expect(try leyla.send("POST", "/api/v1/windows/2/finish", json: [:]).status == 200)
        // Staff sessions never vote, whatever the role.
        for staff in [leyla, nigar] {
            let vote = try staff.send("POST", "/api/v1/tickets/\(ticket["id"] as? Int ?? 0)/vote", json: ["score": 5])
            #expect(vote.status == 403 && vote.json?["error"] as? String == "forbidden")
        }
        // Signed out, the cookie opens nothing.
        let out = try nigar.send("POST", "/api/v1/session/logout", json: [:])
        #expect(out.status == 200 && out.headers["set-cookie"]?.contains("Max-Age=0") == true)
        let after = try nigar.send("GET", "/api/v1/windows")
        #expect(after.status == 401 && after.json?["error"] as? String == "session-expired")
        // Leyla changes her own PIN: the current one must be right; her other sessions end, this one goes on.
        let other = try StaffLogin.login(http, "leyla", "482913")
        let wrongCurrent = try leyla.send("POST", "/api/v1/session/password", json: ["current": "000000", "password": "918273"])
        #expect(wrongCurrent.status == 403 && wrongCurrent.json?["error"] as? String == "wrong-password")
        let weak = try leyla.send("POST", "/api/v1/session/password", json: ["current": "482913", "password": "12"])
        #expect(weak.status == 400 && weak.json?["error"] as? String == "weak-password")
        #expect(try leyla.send("POST", "/api/v1/session/password", json: ["current": "482913", "password": "918273"]).status == 200)
        #expect(try other.send("GET", "/api/v1/session").status == 401, "her other session ended")
        #expect(try leyla.send("GET", "/api/v1/session").status == 200, "this one goes on")
        #expect(try http.send("POST", "/api/v1/session/login", json: ["name": "leyla", "password": "482913"]).status == 401)
        _ = try StaffLogin.login(http, "leyla", "918273")
        let tokenCaller = try d.client(token: "tech-token-1234567").send("POST", "/api/v1/session/password", json: ["current": "a", "password": "b"])
        #expect(tokenCaller.status == 409 && tokenCaller.json?["error"] as? String == "no-session")
        // A new password set by a manager ends the account's sessions.
        _ = try d.socketClient().send("POST", "/api/v1/accounts/leyla/password", json: ["password": "739164"])
        #expect(try leyla.send("GET", "/api/v1/session").status == 401)
    }

    @Test("lockout: backoff after five failures, durable across a restart, lifted by account enable")
    func lockout() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var d = try startTestDaemon(scratch)
        try addAccount(d, "farid", role: "manager", password: "centre-manager-1")
        let http = d.client()
        func attempt(_ password: String) throws -> HTTPClient.Reply {
            try d.client().send("POST", "/api/v1/session/login", json: ["name": "farid", "password": password])
        }
        for n in 1...5 {
            let r = try attempt("wrong-\(n)")
            #expect(r.status == 401 && r.json?["error"] as? String == "invalid-credentials")
        }
        let unknown = try http.send("POST", "/api/v1/session/login", json: ["name": "nobody", "password": "whatever-123"])
        #expect(unknown.status == 401 && unknown.json?["error"] as? String == "invalid-credentials", "an unknown name answers as a wrong password")
        let sixth = try attempt("wrong-6")
        #expect(sixth.status == 429 && sixth.json?["error"] as? String == "account-locked")
        #expect(Int(sixth.headers["retry-after"] ?? "") ?? 0 > 20)
        let right = try attempt("centre-manager-1")
        #expect(right.status == 429, "while locked even the right password is refused (and not checked)")
        // The lock survives a restart of lobbyd.
        d.stop()
        d = try DaemonProcess(arguments: ["--config", scratch.path + "/lobby.yaml"], scratch: scratch)
        defer { d.stop() }
        let afterRestart = try attempt("centre-manager-1")
        #expect(afterRestart.status == 429, "\(afterRestart.json ?? [:])")
        let shown = try d.socketClient().send("GET", "/api/v1/accounts/farid").json?["account"] as? [String: Any]
        #expect(shown?["failedSignIns"] as? Int == 6 && shown?["lockedUntil"] is String)
        let (code, out) = try runTool("lobbyctl", ["account", "enable", "farid"], environment: ["LOBBY_SOCKET": d.socket])
        #expect(code == 0, "\(out)")
        let manager = try StaffLogin.login(d.client(), "farid", "centre-manager-1")
        #expect(try manager.send("GET", "/api/v1/accounts").status == 200, "a manager reads the roster")
        let own = try manager.send("DELETE", "/api/v1/accounts/farid")
        #expect(own.status == 409 && own.json?["error"] as? String == "own-account")
    }

    @Test("find a ticket by its number; waiting and parked lists per window and service; lobbyctl ticket show A002")
    func lookup() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let env = ["LOBBY_SOCKET": d.socket]
        let kiosk = d.client(token: "kiosk-token-123456")
        let tech = d.client(token: "tech-token-1234567")
        for service in ["passport", "birth", "passport", "birth"] {
            _ = try kiosk.send("POST", "/api/v1/tickets", json: ["service": service, "print": false])
        }
        let found = try kiosk.send("GET", "/api/v1/tickets/by-number/p002")
        #expect(found.status == 200 && found.json?["number"] as? String == "P002" && found.json?["state"] as? String == "waiting")
        #expect(found.json?["peopleAhead"] as? Int == 1)
        let missing = try kiosk.send("GET", "/api/v1/tickets/by-number/P099")
        #expect(missing.status == 404 && missing.json?["error"] as? String == "unknown-ticket")
        let asID = try kiosk.send("GET", "/api/v1/tickets/P002")
        #expect(asID.status == 400 && (asID.json?["message"] as? String)?.contains("by-number") == true)
        // Window 2 serves passports only; window 1 passports and birth certificates.
        func numbers(_ query: String) throws -> [String] {
            (try tech.send("GET", "/api/v1/tickets" + query).json?["tickets"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
        }
        #expect(try numbers("?window=2") == ["P001", "P002"])
        #expect(try numbers("?window=1&state=waiting") == ["P001", "P002", "B001", "B002"])
        #expect(try numbers("?service=birth") == ["B001", "B002"])
        _ = try tech.send("POST", "/api/v1/windows/2/open", json: [:])
        _ = try tech.send("POST", "/api/v1/windows/2/sign-in", json: ["operator": "alice"])
        _ = try tech.send("POST", "/api/v1/windows/2/call-next", json: [:])
        _ = try tech.send("POST", "/api/v1/windows/2/park", json: [:])
        #expect(try numbers("?window=2&state=parked") == ["P001"])
        #expect(try numbers("?window=1&state=parked") == [])
        #expect(try numbers("?window=2") == ["P002", "P001"], "waiting first, then parked")
        #expect(try tech.send("GET", "/api/v1/tickets?state=served").status == 400)
        #expect(try tech.send("GET", "/api/v1/tickets?window=9").json?["error"] as? String == "unknown-window")
        var (code, out) = try runTool("lobbyctl", ["ticket", "show", "B002"], environment: env)
        #expect(code == 0 && out.contains("B002 (id 4) birth — waiting"), "\(out)")
        (code, out) = try runTool("lobbyctl", ["ticket", "show", "B009", "--json"], environment: env)
        #expect(code == 1 && out.contains("unknown-ticket"), "\(out)")
        (code, out) = try runTool("lobbyctl", ["ticket", "list", "--window", "2", "--state", "parked"], environment: env)
        #expect(code == 0 && out.contains("P001") && !out.contains("P002"), "\(out)")
        (code, out) = try runTool("lobbyctl", ["ticket", "unpark", "P001"], environment: env)
        #expect(code == 0 && out.contains("unparked P001"), "\(out)")
        // Without printers a reprint says so.
        let reprint = try tech.send("POST", "/api/v1/tickets/2/reprint", json: [:])
        #expect(reprint.status == 409 && reprint.json?["error"] as? String == "no-printers")
    }

    @Test("reprint: lobbyctl ticket reprint A001 prints the ticket again on the demo's simulated printers")
    func reprint() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try DaemonProcess(arguments: ["--demo", "--port", "0", "--demo-speed", "1", "--fresh"],
                                  environment: ["LOBBY_DEMO_DIR": scratch.path + "/demo", "LOBBY_RUNTIME_DIR": scratch.path],
                                  scratch: scratch)
        defer { d.stop() }
        let socket = d.socketClient()
        let service = try #require((try socket.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]])?.first?["id"] as? String)
        let issued = try #require(try socket.send("POST", "/api/v1/tickets", json: ["service": service, "print": false]).json?["ticket"] as? [String: Any])
        let number = try #require(issued["number"] as? String)
        #expect(issued["delivery"] is NSNull, "not printed yet")
        let (code, out) = try runTool("lobbyctl", ["ticket", "reprint", number, "--json"], environment: ["LOBBY_SOCKET": d.socket])
        #expect(code == 0, "\(out)")
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], "\(out)")
        let ticket = try #require(reply["ticket"] as? [String: Any])
        #expect(ticket["number"] as? String == number)
        let delivery = try #require(ticket["delivery"] as? [String: Any], "\(ticket)")
        #expect(delivery["kind"] as? String == "printed", "\(delivery)")
    }
}
