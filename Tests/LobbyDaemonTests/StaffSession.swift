import Foundation
import LobbyClient
import LobbyTestSupport

/// A signed-in person's session as a browser holds it: the cookie and the CSRF token.
struct StaffLogin {
    let cookie: String
    let csrf: String
    let client: HTTPClient

    /// Signs in over `client` (TCP); throws with lobbyd's answer when refused.
    static func login(_ client: HTTPClient, _ name: String, _ password: String) throws -> StaffLogin {
        let reply = try client.send("POST", "/api/v1/session/login", json: ["name": name, "password": password])
        guard reply.status == 200, let set = reply.headers["set-cookie"], let csrf = reply.json?["csrfToken"] as? String else {
            throw TestFailure("sign-in as \(name) refused: \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
        }
        return StaffLogin(cookie: String(set.split(separator: ";")[0]), csrf: csrf, client: client)
    }

    /// Sends with the cookie, and with the CSRF token unless `csrf` says otherwise.
    func send(_ method: String, _ path: String, json: [String: Any]? = nil, csrf: String?? = .none) throws -> HTTPClient.Reply {
        var headers = ["Cookie": cookie]
        switch csrf {
        case .none: headers["X-CSRF-Token"] = self.csrf
        case .some(let value?): headers["X-CSRF-Token"] = value
        case .some(nil): break
        }
        return try client.send(method, path, json: json, headers: headers)
    }
}

/// Adds an account over the trusted socket (as `lobbyctl account add` on the machine does).
func addAccount(_ d: DaemonProcess, _ name: String, role: String, password: String) throws {
    let reply = try d.socketClient().send("POST", "/api/v1/accounts", json: ["name": name, "role": role, "password": password])
    guard reply.status == 201 else { throw TestFailure("cannot add \(name): \(reply.status) \(String(decoding: reply.body, as: UTF8.self))") }
}
