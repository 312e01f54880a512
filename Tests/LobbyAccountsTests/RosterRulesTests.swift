import Foundation
import LobbyAccounts
import LobbyJournal
import LobbyQueue
import LobbySodium
import LobbyTestSupport
import Testing

/// The roster's pure rules: names, passwords and PINs, lockout backoff, session expiry.
@Suite("Roster rules", .tags(.unit))
struct RosterRulesTests {
    @Test("names are exact: lowercase, 2-32 characters, starting with a letter")
    func names() throws {
        #expect(try AccountName("aynur.m").rawValue == "aynur.m")
        for bad in ["Zaur", "zaur ", "z", "1zaur", "za ur", String(repeating: "a", count: 33), "zaür"] {
            #expect(throws: AccountError.self) { try AccountName(bad) }
        }
        do {
            _ = try AccountName("Zaur")
        } catch {
            #expect(error.description.contains("starts with a lowercase letter"))
        }
    }

    @Test("passwords have 8 characters; operators may use a PIN of 6 digits")
    func passwords() throws {
        let name = try AccountName("leyla")
        try PasswordRule.check("correct horse", name: name, role: .supervisor)
        try PasswordRule.check("482913", name: name, role: .operator)
        #expect(throws: AccountError.self) { try PasswordRule.check("482913", name: name, role: .supervisor) }
        #expect(throws: AccountError.self) { try PasswordRule.check("48291", name: name, role: .operator) }
        #expect(throws: AccountError.self) { try PasswordRule.check("111111", name: name, role: .operator) }
        #expect(throws: AccountError.self) { try PasswordRule.check("short", name: name, role: .manager) }
        #expect(throws: AccountError.self) { try PasswordRule.check("Leyla", name: name, role: .operator) }
        #expect(throws: AccountError.self) { try PasswordRule.check(String(repeating: "x", count: 129), name: name, role: .manager) }
    }

    @Test("lockout: five free failures, then 30 s doubling to 15 minutes")
    func lockout() {
        let policy = LockoutPolicy()
        #expect((1...5).map(policy.lockSeconds(afterFailures:)) == [0, 0, 0, 0, 0])
        #expect((6...12).map(policy.lockSeconds(afterFailures:)) == [30, 60, 120, 240, 480, 900, 900])
        #expect(policy.lockSeconds(afterFailures: 500) == 900)
        let now = Instant(seconds: 1_000)
        #expect(policy.lockedUntil(afterFailures: 6, at: now) == Instant(seconds: 1_030))
        #expect(policy.lockedUntil(afterFailures: 3, at: now) == nil)
    }

    @Test("a session ends when idle too long or at the day's end, whichever comes first")
    func sessionExpiry() throws {
        let s = StaffSession(digest: "d", name: try AccountName("leyla"), csrfToken: "c", createdAt: Instant(seconds: 0),
                             lastSeen: Instant(seconds: 100), dayEnd: Instant(seconds: 2_000))
        #expect(s.expiresAt(idleSeconds: 600) == Instant(seconds: 700))
        #expect(!s.hasExpired(at: Instant(seconds: 699), idleSeconds: 600))
        #expect(s.hasExpired(at: Instant(seconds: 700), idleSeconds: 600))
        #expect(s.expiresAt(idleSeconds: 3_600) == Instant(seconds: 2_000))
    }
}

/// Argon2id through libsodium and the accounts file.
@Suite("Password hashes and the accounts store", .tags(.unit))
struct AccountStoreTests {
    @Test("Argon2id: verifies the right secret only, salts every hash, records its parameters")
    func argon2() throws {
        let a = try Argon2id.minimal.hash("482913")
        let b = try Argon2id.minimal.hash("482913")
        #expect(a.hasPrefix("$argon2id$v=19$"))
        #expect(a != b, "each hash has its own salt")
        #expect(try Argon2id.verify("482913", hash: a))
        #expect(try !Argon2id.verify("482914", hash: a))
        #expect(try !Argon2id.verify("482913", hash: "not a hash"))
        #expect(Argon2id.interactive.needsRehash(a), "made with other parameters")
        #expect(!Argon2id.minimal.needsRehash(a))
        let interactive = try Argon2id.interactive.hash("correct horse")
        #expect(interactive.contains("m=65536,t=2,p=1"), "\(interactive)")
        #expect(try Argon2id.verify("correct horse", hash: interactive))
    }

    @Test("accounts and sessions survive reopening the file, which only its owner can read")
    func durable() throws {
        let dir = NSTemporaryDirectory() + "accounts-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/accounts.db"
        do {
            let store = try AccountStore(path: path)
            let account = Account(name: try AccountName("leyla"), role: .operator, displayName: "Leyla Ə.", passwordHash: try Argon2id.minimal.hash("482913"),
                                  createdAt: Instant(seconds: 5))
            #expect(try store.insert(account))
            #expect(try !store.insert(account), "a name is taken once")
            var locked = account
            locked.failures = 6
            locked.lockedUntil = Instant(seconds: 99)
            try store.update(locked)
            try store.insert(StaffSession(digest: "abc", name: account.name, csrfToken: "t", createdAt: Instant(seconds: 6),
                                          lastSeen: Instant(seconds: 6), dayEnd: Instant(seconds: 60)))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let reopened = try AccountStore(path: path)
        let leyla = try #require(try reopened.account(named: "leyla"))
        #expect(leyla.failures == 6 && leyla.lockedUntil == Instant(seconds: 99) && leyla.displayName == "Leyla Ə.")
        #expect(try reopened.sessions().map(\.digest) == ["abc"])
        #expect(try reopened.remove(named: "leyla"))
        #expect(try reopened.sessions().isEmpty, "removing an account ends its sessions")
        #expect(try reopened.all().isEmpty)
    }
}
