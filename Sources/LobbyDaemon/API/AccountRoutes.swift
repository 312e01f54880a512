import Foundation
import HTTPTypes
import Hummingbird
import LobbyAccounts
import LobbyQueue

/// The roster routes (manager and admin): list, add, disable, enable, set a password, remove
/// (Docs/Accounts.md). Password hashes never leave lobbyd.
extension APIRoutes {
    /// Adds the roster routes under /api/v1/accounts.
    func addAccountRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/api/v1/accounts") { req, _ in
            _ = try self.auth.require(req, .manager)
            let roster = try self.rosterOrFail()
            let now = QueueService.systemClock()
            return JSON.response(["accounts": try await Self.accountCall { try roster.all().map { Self.accountObject($0, now: now) } }])
        }
        router.post("/api/v1/accounts") { req, _ in
            _ = try self.auth.require(req, .manager)
            let roster = try self.rosterOrFail()
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["name", "role", "password", "displayName"])
            let roleText = try body.requiredString("role")
            let now = QueueService.systemClock()
            let account = try await Self.accountCall {
                guard let role = AccountRole(rawValue: roleText) else { throw AccountError.invalidRole(roleText) }
                return try await roster.add(name: try body.requiredString("name"), role: role, displayName: try body.string("displayName"),
                                            password: try body.requiredString("password"), now: now)
            }
            return JSON.response(["account": Self.accountObject(account, now: now)], status: .created)
        }
        router.get("/api/v1/accounts/:name") { req, ctx in
            _ = try self.auth.require(req, .manager)
            let roster = try self.rosterOrFail()
            let name = ctx.parameters.get("name") ?? ""
            return JSON.response(["account": Self.accountObject(try await Self.accountCall { try roster.account(name) }, now: QueueService.systemClock())])
        }
        let changes: [(String, @Sendable (Roster, String) throws -> Account)] = [("disable", { try $0.disable($1) }), ("enable", { try $0.enable($1) })]
        for (path, change) in changes {
            router.post("/api/v1/accounts/:name/\(path)") { req, ctx in
                _ = try self.auth.require(req, .manager)
                let roster = try self.rosterOrFail()
                _ = try await JSONBody.read(req, limit: self.maxBody, allowed: [])
                let name = ctx.parameters.get("name") ?? ""
                return JSON.response(["account": Self.accountObject(try await Self.accountCall { try change(roster, name) }, now: QueueService.systemClock())])
            }
        }
        router.post("/api/v1/accounts/:name/password") { req, ctx in
            _ = try self.auth.require(req, .manager)
            let roster = try self.rosterOrFail()
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["password"])
            let name = ctx.parameters.get("name") ?? ""
            let password = try body.requiredString("password")
            let account = try await Self.accountCall { try await roster.setPassword(name, password) }
            return JSON.response(["account": Self.accountObject(account, now: QueueService.systemClock())])
        }
        router.delete("/api/v1/accounts/:name") { req, ctx in
            let p = try self.auth.require(req, .manager)
            let roster = try self.rosterOrFail()
            let name = ctx.parameters.get("name") ?? ""
            if p.session?.name.rawValue == name {
                throw APIError(.conflict, "own-account", "a manager cannot remove their own account while signed in with it")
            }
            try await Self.accountCall { try roster.remove(name) }
            return JSON.response(["removed": name])
        }
    }

    /// The roster, or 503 when its store could not be opened.
    func rosterOrFail() throws -> Roster {
        guard let roster else { throw APIError(.serviceUnavailable, "accounts-unavailable", "the accounts store could not be opened; see the daemon's log") }
        return roster
    }

    /// Runs a roster call, turning its refusals into API errors.
    static func accountCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let e as AccountError {
            let status: HTTPResponse.Status = switch e {
            case .unknownAccount: .notFound
            case .accountExists: .conflict
            case .invalidName, .weakPassword, .invalidRole: .badRequest
            }
            throw APIError(status, e.code, e.description)
        }
    }

    /// An account as the API shows it (never its hash).
    static func accountObject(_ a: Account, now: Instant) -> [String: Any] {
        [
            "name": a.name.rawValue, "role": a.role.rawValue, "displayName": a.displayName ?? NSNull(), "disabled": a.disabled,
            "failedSignIns": a.failures, "lockedUntil": a.isLocked(at: now) ? JSON.iso(a.lockedUntil) : NSNull(),
            "createdAt": JSON.iso(a.createdAt),
        ]
    }
}
