import Foundation
import LobbyAccounts
import LobbyQueue

/// The roster and its sessions in their own SQLite file beside the journal (`accounts.db`,
/// mode 0600; Decision 0051): rows that change in place, kept apart from the journal's
/// append-only records. Not thread-safe: one owner serialises calls.
public final class AccountStore {
    private let db: SQLiteDatabase
    /// The file.
    public var path: String { db.path }

    /// Opens (creating if needed) the store at `path`.
    public init(path: String) throws(JournalError) {
        let existed = FileManager.default.fileExists(atPath: path)
        db = try SQLiteDatabase(path: path)
        if !existed { chmod(path, 0o600) }
        try db.execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS accounts(
              name TEXT PRIMARY KEY, role TEXT NOT NULL, display_name TEXT, password_hash TEXT NOT NULL,
              disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,
              created_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS sessions(
              digest TEXT PRIMARY KEY, name TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,
              csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL, day_end INTEGER NOT NULL);
            PRAGMA foreign_keys=ON;
            """)
    }

    private static let columns = "name, role, display_name, password_hash, disabled, failures, locked_until, created_at"

    private func account(_ s: SQLiteStatement) -> Account? {
        guard let name = try? AccountName(s.text(0) ?? ""), let role = AccountRole(rawValue: s.text(1) ?? "") else { return nil }
        let locked = s.int64(6)
        return Account(name: name, role: role, displayName: s.text(2), passwordHash: s.text(3) ?? "", disabled: s.int64(4) != 0,
                       failures: Int(s.int64(5)), lockedUntil: locked == 0 ? nil : Instant(milliseconds: locked),
                       createdAt: Instant(milliseconds: s.int64(7)))
    }

    /// Every account, by name.
    public func all() throws(JournalError) -> [Account] {
        let s = try db.prepare("SELECT \(Self.columns) FROM accounts ORDER BY name")
        var out: [Account] = []
        while try s.step() { if let a = account(s) { out.append(a) } }
        return out
    }

    /// The account named `name`, if any.
    public func account(named name: String) throws(JournalError) -> Account? {
        let s = try db.prepare("SELECT \(Self.columns) FROM accounts WHERE name = ?")
        s.bind(1, name)
        return try s.step() ? account(s) : nil
    }

    /// Adds `account`; false when one of that name exists.
    public func insert(_ a: Account) throws(JournalError) -> Bool {
        if try account(named: a.name.rawValue) != nil { return false }
        let s = try db.prepare("INSERT INTO accounts(\(Self.columns)) VALUES(?, ?, ?, ?, ?, ?, ?, ?)")
        bind(s, a)
        _ = try s.step()
        return true
    }

    /// Writes every field of `account` (found by its name).
    public func update(_ a: Account) throws(JournalError) {
        let s = try db.prepare("""
            UPDATE accounts SET role = ?2, display_name = ?3, password_hash = ?4, disabled = ?5, failures = ?6, locked_until = ?7
            WHERE name = ?1
            """)
        bind(s, a)
        _ = try s.step()
    }

    private func bind(_ s: SQLiteStatement, _ a: Account) {
        s.bind(1, a.name.rawValue)
        s.bind(2, a.role.rawValue)
        if let d = a.displayName { s.bind(3, d) }
        s.bind(4, a.passwordHash)
        s.bind(5, a.disabled ? 1 : 0)
        s.bind(6, Int64(a.failures))
        s.bind(7, a.lockedUntil?.milliseconds ?? 0)
        s.bind(8, a.createdAt.milliseconds)
    }

    /// Removes the account and its sessions; false when there was none.
    public func remove(named name: String) throws(JournalError) -> Bool {
        guard try account(named: name) != nil else { return false }
        try endSessions(of: name)
        let s = try db.prepare("DELETE FROM accounts WHERE name = ?")
        s.bind(1, name)
        _ = try s.step()
        return true
    }

    // MARK: Sessions

    /// Every stored session (lobbyd keeps them in memory after start).
    public func sessions() throws(JournalError) -> [StaffSession] {
        let s = try db.prepare("SELECT digest, name, csrf_token, created_at, last_seen, day_end FROM sessions")
        var out: [StaffSession] = []
        while try s.step() {
            guard let name = try? AccountName(s.text(1) ?? "") else { continue }
            out.append(StaffSession(digest: s.text(0) ?? "", name: name, csrfToken: s.text(2) ?? "", createdAt: Instant(milliseconds: s.int64(3)),
                                    lastSeen: Instant(milliseconds: s.int64(4)), dayEnd: Instant(milliseconds: s.int64(5))))
        }
        return out
    }

    /// Stores a new session.
    public func insert(_ session: StaffSession) throws(JournalError) {
        let s = try db.prepare("INSERT OR REPLACE INTO sessions(digest, name, csrf_token, created_at, last_seen, day_end) VALUES(?, ?, ?, ?, ?, ?)")
        s.bind(1, session.digest)
        s.bind(2, session.name.rawValue)
        s.bind(3, session.csrfToken)
        s.bind(4, session.createdAt.milliseconds)
        s.bind(5, session.lastSeen.milliseconds)
        s.bind(6, session.dayEnd.milliseconds)
        _ = try s.step()
    }

    /// Records a session's last request.
    public func touch(_ digest: String, lastSeen: Instant) throws(JournalError) {
        let s = try db.prepare("UPDATE sessions SET last_seen = ? WHERE digest = ?")
        s.bind(1, lastSeen.milliseconds)
        s.bind(2, digest)
        _ = try s.step()
    }

    /// Ends one session.
    public func endSession(_ digest: String) throws(JournalError) {
        let s = try db.prepare("DELETE FROM sessions WHERE digest = ?")
        s.bind(1, digest)
        _ = try s.step()
    }

    /// Ends every session of `name`, but the one whose digest is `kept`.
    public func endSessions(of name: String, except kept: String = "") throws(JournalError) {
        let s = try db.prepare("DELETE FROM sessions WHERE name = ? AND digest != ?")
        s.bind(1, name)
        s.bind(2, kept)
        _ = try s.step()
    }
}
