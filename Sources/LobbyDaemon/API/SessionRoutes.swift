import Foundation
import HTTPTypes
import Hummingbird
import LobbyAccounts
import LobbyQueue

/// Staff sign-in (Docs/Accounts.md): a session in an HttpOnly, SameSite=Strict cookie, with a
/// CSRF token that every state-changing request made with the cookie must carry in `X-CSRF-Token`.
extension APIRoutes {
    /// Adds sign-in, sign-out and who-am-I under /api/v1/session.
    func addSessionRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/api/v1/session/login") { req, _ in
            let roster = try self.rosterOrFail()
            // A cross-site form can post text/plain that looks like JSON, never application/json
            // (that needs a CORS preflight lobbyd does not grant): no sign-in from another site.
            guard req.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                throw APIError(.unsupportedMediaType, "json-required", "sign-in takes a JSON body sent with 'Content-Type: application/json'")
            }
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["name", "password"])
            let name = try body.requiredString("name")
            let password = try body.requiredString("password")
            let now = QueueService.systemClock()
            let dayEnd = try await self.queue.read { $0.calendar.dayInterval(containing: now).end }
            switch try await roster.login(name: name, password: password, now: now, dayEnd: dayEnd) {
            case .invalid:
                throw APIError(.unauthorized, "invalid-credentials", "the name or the password is wrong")
            case .disabled:
                throw APIError(.forbidden, "account-disabled", "the account '\(name)' is disabled; a manager can enable it (lobbyctl account enable \(name))")
            case .locked(let until):
                let seconds = max(1, until.seconds(since: now))
                var response = APIError(.tooManyRequests, "account-locked",
                                        "too many failed sign-ins: '\(name.prefix(40))' is locked for another \(seconds) s (until \(JSON.iso(until))); a manager can lift it with lobbyctl account enable").response
                response.headers[.retryAfter] = "\(seconds)"
                return response
            case .success(let secret, let session, let account):
                var response = JSON.response(self.sessionObject(session, role: account.role, displayName: account.displayName, window: nil))
                let secure = req.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "; Secure" : ""
                response.headers[.setCookie] = "\(Authenticator.cookieName)=\(secret); Path=/; HttpOnly; SameSite=Strict\(secure)"
                return response
            }
        }
        router.post("/api/v1/session/logout") { req, _ in
            let p = try self.auth.principal(req)
            _ = try await JSONBody.read(req, limit: self.maxBody, allowed: [])
            guard let session = p.session else { return JSON.response(["signedOut": false]) }
            try self.rosterOrFail().logout(session)
            var response = JSON.response(["signedOut": true])
            response.headers[.setCookie] = "\(Authenticator.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            return response
        }
        router.post("/api/v1/session/password") { req, _ in
            let p = try self.auth.principal(req)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["current", "password"])
            let current = try body.requiredString("current")
            let password = try body.requiredString("password")
            guard let session = p.session else {
                throw APIError(.conflict, "no-session", "only a signed-in person changes their own password; a manager sets others' (POST /api/v1/accounts/NAME/password)")
            }
            let roster = try self.rosterOrFail()
            do {
                let account = try await Self.accountCall {
                    try await roster.changeOwnPassword(session, current: current, new: password, now: QueueService.systemClock())
                }
                return JSON.response(["account": Self.accountObject(account, now: QueueService.systemClock())])
            } catch let refusal as SignInRefusal {
                throw APIError(refusal.code == "account-locked" ? .tooManyRequests : .forbidden, refusal.code, refusal.message)
            }
        }
        router.get("/api/v1/session") { req, _ in
            let p = try self.auth.principal(req)
            let window = try await self.queue.read { e in
                p.operatorID.flatMap { op in e.state.windows.first { $0.value.signedIn == op }?.key.rawValue }
            }
            guard let session = p.session else {
                var o: [String: Any] = ["role": p.role.rawValue, "name": p.operatorID?.rawValue ?? NSNull(), "window": window ?? NSNull()]
                o["session"] = false
                return JSON.response(o)
            }
            let account = try? self.rosterOrFail().account(session.name.rawValue)
            return JSON.response(self.sessionObject(session, role: account?.role ?? .operator, displayName: account?.displayName, window: window))
        }
    }

    /// A session as the API shows it (with its CSRF token: only its own browser can read it).
    func sessionObject(_ s: StaffSession, role: AccountRole, displayName: String?, window: Int?) -> [String: Any] {
        [
            "session": true, "name": s.name.rawValue, "role": role.rawValue, "displayName": displayName ?? NSNull(),
            "csrfToken": s.csrfToken, "expiresAt": JSON.iso(s.expiresAt(idleSeconds: roster?.idleSeconds ?? 3600)),
            "dayEnd": JSON.iso(s.dayEnd), "idleMinutes": Int((roster?.idleSeconds ?? 3600) / 60), "window": window ?? NSNull(),
        ]
    }
}
