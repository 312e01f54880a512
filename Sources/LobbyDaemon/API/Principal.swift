import HTTPTypes
import Hummingbird
import LobbyQueue

/// Who is calling: resolved from the bearer token, or the local Unix socket.
struct Principal: Sendable {
    let role: Role
    let operatorID: OperatorID?

    /// Whether the principal holds at least one of `roles` (admin holds all).
    func has(_ roles: Role...) -> Bool { role == .admin || roles.contains(role) }
}

/// Resolves tokens to principals.
struct Authenticator: Sendable {
    let tokens: [String: APIToken]
    /// Requests over the Unix socket are trusted as admin (the socket's file permissions guard it).
    let trustsConnection: Bool

    init(tokens: [APIToken], trustsConnection: Bool) {
        self.tokens = Dictionary(tokens.map { ($0.secret, $0) }, uniquingKeysWith: { a, _ in a })
        self.trustsConnection = trustsConnection
    }

    func principal(_ request: Request) throws -> Principal {
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), let token = tokens[String(header.dropFirst(7))] else {
                throw APIError(.unauthorized, "invalid-token", "the bearer token is not valid")
            }
            return Principal(role: token.role, operatorID: token.operatorID)
        }
        if trustsConnection { return Principal(role: .admin, operatorID: nil) }
        throw APIError(.unauthorized, "missing-token", "send 'Authorization: Bearer <token>' (tokens are set in the configuration)")
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
