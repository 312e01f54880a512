import Dispatch
import Foundation
import LobbyAccounts
import LobbyJournal
import LobbyQueue
import LobbySodium

/// The centre's people (Docs/Accounts.md): accounts and their sessions, kept in `accounts.db`
/// beside the journal. One lock serialises the store; password hashes run one at a time on a
/// thread of their own, so sign-ins never stall the request threads and 60 operators signing in
/// at opening time never hold 60 × 64 MiB at once.
final class Roster: @unchecked Sendable {
    private let store: AccountStore
    private let lock = NSLock()
    /// Live sessions by the digest of their secret (loaded from the store at start).
    private var sessions: [String: StaffSession] = [:]
    /// Digests of sessions that ended with their service day (today's only), so that the next
    /// request with one is told why (the consoles say "the working day has ended").
    private var endedWithDay: Set<String> = []
    /// Operators named by configured operator tokens: known without an account.
    let tokenOperators: Set<String>
    /// Argon2id parameters for new hashes.
    let hashing: Argon2id
    let lockout: LockoutPolicy
    /// A session ends after this long without a request.
    let idleSeconds: Int64
    private let hashQueue = DispatchQueue(label: "lobby.password-hashing")
    /// Verified against for unknown names, so an unknown name costs as long as a wrong password
    /// (made at the first such sign-in, so that lobbyd does not spend 64 MiB at every start).
    private var decoyHash: String?

    /// Opens (creating) the store at `path`.
    init(path: String, tokenOperators: Set<String>, hashing: Argon2id = .interactive, lockout: LockoutPolicy = LockoutPolicy(),
         idleSeconds: Int64) throws {
        store = try AccountStore(path: path)
        self.tokenOperators = tokenOperators
        self.hashing = hashing
        self.lockout = lockout
        self.idleSeconds = idleSeconds
        for s in try store.sessions() { sessions[s.digest] = s }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs a password hash on the hashing thread.
    private func hashWork<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            hashQueue.async { c.resume(with: Result { try work() }) }
        }
    }

    // MARK: Accounts

    /// Every account, by name.
    func all() throws -> [Account] { try locked { try store.all() } }

    /// The account named `name`.
    func account(_ name: String) throws -> Account {
        guard let a = try locked({ try store.account(named: name) }) else { throw AccountError.unknownAccount(name) }
        return a
    }

    /// Adds an account with `password` (checked by `PasswordRule`, then hashed).
    func add(name text: String, role: AccountRole, displayName: String?, password: String, now: Instant) async throws -> Account {
        let name = try AccountName(text)
        try PasswordRule.check(password, name: name, role: role)
        if try locked({ try store.account(named: name.rawValue) }) != nil { throw AccountError.accountExists(name.rawValue) }
        let hashing = hashing
        let hash = try await hashWork { try hashing.hash(password) }
        let account = Account(name: name, role: role, displayName: displayName, passwordHash: hash, createdAt: now)
        guard try locked({ try store.insert(account) }) else { throw AccountError.accountExists(name.rawValue) }
        return account
    }

    /// Changes an account in place; `endSessions` signs its sessions out.
    private func change(_ name: String, endSessions: Bool, _ edit: (inout Account) -> Void) throws -> Account {
        try locked {
            guard var a = try store.account(named: name) else { throw AccountError.unknownAccount(name) }
            edit(&a)
            try store.update(a)
            if endSessions { try dropSessions(of: name) }
            return a
        }
    }

    private func dropSessions(of name: String) throws {
        try store.endSessions(of: name)
        sessions = sessions.filter { $0.value.name.rawValue != name }
    }

    /// Disables an account (its sessions end; window sign-in refuses it).
    func disable(_ name: String) throws -> Account { try change(name, endSessions: true) { $0.disabled = true } }

    /// Enables an account and lifts any lockout.
    func enable(_ name: String) throws -> Account {
        try change(name, endSessions: false) {
            $0.disabled = false
            $0.failures = 0
            $0.lockedUntil = nil
        }
    }

    /// Sets a new password (checked, hashed), lifts any lockout and ends the account's sessions.
    func setPassword(_ name: String, _ password: String) async throws -> Account {
        let current = try account(name)
        try PasswordRule.check(password, name: current.name, role: current.role)
        let hashing = hashing
        let hash = try await hashWork { try hashing.hash(password) }
        return try change(name, endSessions: true) {
            $0.passwordHash = hash
            $0.failures = 0
            $0.lockedUntil = nil
        }
    }

    /// A signed-in person's own new password: `current` must be right (a wrong one counts as a
    /// failed sign-in, so a session left open cannot be used to guess); the account's other
    /// sessions end, this one goes on.
    func changeOwnPassword(_ session: StaffSession, current: String, new password: String, now: Instant) async throws -> Account {
        let account = try self.account(session.name.rawValue)
        if let until = account.lockedUntil, until > now {
            throw SignInRefusal(code: "account-locked", message: "too many failed attempts: the account is locked until \(until.seconds) (Unix time)")
        }
        let hash = account.passwordHash
        guard try await hashWork({ try Argon2id.verify(current, hash: hash) }) else {
            let lockout = lockout
            _ = try change(account.name.rawValue, endSessions: false) {
                $0.failures += 1
                $0.lockedUntil = lockout.lockedUntil(afterFailures: $0.failures, at: now)
            }
            throw SignInRefusal(code: "wrong-password", message: "the current password is wrong")
        }
        try PasswordRule.check(password, name: account.name, role: account.role)
        let hashing = hashing
        let newHash = try await hashWork { try hashing.hash(password) }
        let updated = try change(account.name.rawValue, endSessions: false) {
            $0.passwordHash = newHash
            $0.failures = 0
            $0.lockedUntil = nil
        }
        try locked {
            try store.endSessions(of: account.name.rawValue, except: session.digest)
            sessions = sessions.filter { $0.value.name != account.name || $0.key == session.digest }
        }
        return updated
    }

    /// Removes an account and its sessions.
    func remove(_ name: String) throws {
        guard try locked({ try store.remove(named: name) }) else { throw AccountError.unknownAccount(name) }
        locked { sessions = sessions.filter { $0.value.name.rawValue != name } }
    }

    /// Whether `name` may sign in at a window: an enabled operator account, or an operator named by
    /// a configured token. The refusal says why.
    func checkOperator(_ name: String) throws {
        if let a = try locked({ try store.account(named: name) }) {
            guard a.role == .operator else {
                throw SignInRefusal(code: "not-an-operator", message: "'\(name)' is a \(a.role.rawValue) account, not an operator: only operators sign in at windows")
            }
            guard !a.disabled else {
                throw SignInRefusal(code: "account-disabled", message: "the account '\(name)' is disabled (lobbyctl account enable \(name))")
            }
            return
        }
        guard tokenOperators.contains(name) else {
            throw SignInRefusal(code: "unknown-operator",
                                message: "no operator '\(name.prefix(40))' on the roster; names are exact (lobbyctl account list shows them, lobbyctl account add makes one)")
        }
    }

    // MARK: Sign-in and sessions

    /// The outcome of a sign-in attempt.
    enum LoginResult: Sendable {
        /// Signed in: the cookie's secret and the session.
        case success(secret: String, session: StaffSession, account: Account)
        /// Wrong name or password (the same answer for both).
        case invalid
        /// Locked until then.
        case locked(until: Instant)
        /// Right password, but the account is disabled.
        case disabled
    }

    /// Checks `password` for `name`; counts failures and locks with backoff; on success makes a session that ends at `dayEnd` at the latest.
    func login(name: String, password: String, now: Instant, dayEnd: Instant) async throws -> LoginResult {
        let found = try locked { try store.account(named: name) }
        guard let account = found else {
            let hashing = hashing
            let decoy: String
            if let made = locked({ decoyHash }) {
                decoy = made
            } else {
                decoy = try await hashWork { try hashing.hash(try Sodium.randomToken()) }
                locked { decoyHash = decoy }
            }
            _ = try await hashWork { try Argon2id.verify(password, hash: decoy) }
            return .invalid
        }
        if let until = account.lockedUntil, until > now { return .locked(until: until) }
        let hash = account.passwordHash
        let matches = try await hashWork { try Argon2id.verify(password, hash: hash) }
        guard matches else {
            let lockout = lockout
            let after = try change(name, endSessions: false) {
                $0.failures += 1
                $0.lockedUntil = lockout.lockedUntil(afterFailures: $0.failures, at: now)
            }
            return after.lockedUntil.map { .locked(until: $0) } ?? .invalid
        }
        guard !account.disabled else { return .disabled }
        var rehashed: String?
        if hashing.needsRehash(hash) {
            let hashing = hashing
            rehashed = try await hashWork { try hashing.hash(password) }
        }
        let updated = try change(name, endSessions: false) {
            $0.failures = 0
            $0.lockedUntil = nil
            if let rehashed { $0.passwordHash = rehashed }
        }
        let secret = try Sodium.randomToken()
        let session = StaffSession(digest: try Sodium.digest(secret), name: account.name, csrfToken: try Sodium.randomToken(),
                                   createdAt: now, lastSeen: now, dayEnd: dayEnd)
        try locked {
            try store.insert(session)
            sessions[session.digest] = session
        }
        return .success(secret: secret, session: session, account: updated)
    }

    /// The live session whose cookie secret is `secret`, with its account's role; an expired one is ended.
    func session(secret: String, now: Instant) -> (StaffSession, AccountRole)? {
        guard let digest = try? Sodium.digest(secret) else { return nil }
        return locked {
            guard var s = sessions[digest] else { return nil }
            guard !s.hasExpired(at: now, idleSeconds: idleSeconds), let a = try? store.account(named: s.name.rawValue), !a.disabled else {
                if now >= s.dayEnd {
                    if endedWithDay.count > 10_000 { endedWithDay.removeAll() }
                    endedWithDay.insert(digest)
                }
                sessions[digest] = nil
                try? store.endSession(digest)
                return nil
            }
            if now.seconds(since: s.lastSeen) >= 30 {  // kept to the half minute: no write per request
                s.lastSeen = now
                sessions[digest] = s
                try? store.touch(digest, lastSeen: now)
            }
            return (s, a.role)
        }
    }

    /// Whether the session of `secret` ended because its service day ended (asked after
    /// `session(secret:now:)` found none).
    func endedWithDay(secret: String) -> Bool {
        guard let digest = try? Sodium.digest(secret) else { return false }
        return locked { endedWithDay.contains(digest) }
    }

    /// Ends the session (sign-out).
    func logout(_ session: StaffSession) throws {
        try locked {
            sessions[session.digest] = nil
            try store.endSession(session.digest)
        }
    }
}

/// Why a window sign-in names no operator the roster knows.
struct SignInRefusal: Error {
    let code: String
    let message: String
}
