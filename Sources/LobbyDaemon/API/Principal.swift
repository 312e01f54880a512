import Foundation
import HTTPTypes
import Hummingbird
import LobbyAccounts
import LobbyQueue
import LobbySodium

/// Who is calling: resolved from the bearer token, a staff session's cookie, or the local Unix socket.
struct Principal: Sendable {
    let role: Role
    let operatorID: OperatorID?
    /// The staff session the request came with (nil for tokens and the socket).
    var session: StaffSession? = nil

    /// Whether the principal holds at least one of `roles` (admin holds all).
    func has(_ roles: Role...) -> Bool { role == .admin || roles.contains(role) }
}

/// Resolves tokens and session cookies to principals.
struct Authenticator: Sendable {
    let tokens: [String: APIToken]
    /// Requests over the Unix socket are trusted as admin (the socket's file permissions guard it).
    let trustsConnection: Bool
    /// Staff accounts and their sessions (nil: no roster, tokens only).
    var roster: Roster?
    /// The session cookie's name.
    static let cookieName = "lobby_session"
    /// The header that must carry the session's CSRF token on every state-changing request made with the cookie.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    init(tokens: [APIToken], trustsConnection: Bool, roster: Roster? = nil) {
        self.tokens = Dictionary(tokens.map { ($0.secret, $0) }, uniquingKeysWith: { a, _ in a })
        self.trustsConnection = trustsConnection
        self.roster = roster
    }

    func principal(_ request: Request) throws -> Principal {
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), let token = tokens[String(header.dropFirst(7))] else {
                throw APIError(.unauthorized, "invalid-token", "the bearer token is not valid")
            }
            return Principal(role: token.role, operatorID: token.operatorID)
        }
        if let secret = Self.sessionCookie(request) {
            guard let roster, let (session, role) = roster.session(secret: secret, now: QueueService.systemClock()) else {
                if roster?.endedWithDay(secret: secret) == true {
                    throw APIError(.unauthorized, "session-day-ended", "the session ended with the service day: sign in again")
                }
                throw APIError(.unauthorized, "session-expired", "the session has ended (signed out, idle too long, or the day ended): sign in again")
            }
            if ![.get, .head, .options].contains(request.method) {
                guard let sent = request.headers[Self.csrfHeader], !sent.isEmpty else {
                    throw APIError(.forbidden, "csrf-token-missing",
                                   "a request that changes something must carry the session's token in the X-CSRF-Token header (it is in the sign-in answer and in GET /api/v1/session)")
                }
                guard Sodium.equal(sent, session.csrfToken) else {
                    throw APIError(.forbidden, "csrf-token-invalid", "the X-CSRF-Token header does not match this session's token")
                }
            }
            let principalRole: Role = switch role {
            case .operator: .operator
            case .supervisor: .supervisor
            case .manager: .manager
            }
            return Principal(role: principalRole, operatorID: role == .operator ? OperatorID(session.name.rawValue) : nil, session: session)
        }
        if trustsConnection { return Principal(role: .admin, operatorID: nil) }
        throw APIError(.unauthorized, "missing-token", "send 'Authorization: Bearer <token>' (tokens are set in the configuration) or sign in (POST /api/v1/session/login)")
    }

    /// The session cookie's secret, if the request has one.
    static func sessionCookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix(cookieName + "=") {
                    let value = String(pair.dropFirst(cookieName.count + 1))
                    if !value.isEmpty { return value }
                }
            }
        }
        return nil
    }

    /// The principal, when it holds exactly one of `roles` (admin does not count unless listed):
    /// for what only the citizen's side may do, such as voting.
    func requireExactly(_ request: Request, _ roles: Role...) throws -> Principal {
        let p = try principal(request)
        guard roles.contains(p.role) else {
            throw APIError(.forbidden, "forbidden", "role '\(p.role.rawValue)' may not do this; only \(roles.map(\.rawValue).joined(separator: " or ")) may")
        }
        return p
    }

    func require(_ request: Request, _ roles: Role...) throws -> Principal {
        let p = try principal(request)
        guard p.role == .admin || roles.contains(p.role) else {
            throw APIError(.forbidden, "forbidden", "role '\(p.role.rawValue)' may not do this; needs \(roles.map(\.rawValue).joined(separator: " or "))")
        }
        return p
    }
}
