import LobbyQueue

/// One person on the roster, as stored (the password hash never leaves lobbyd).
public struct Account: Sendable, Hashable {
    /// The login name (an operator's name is its operator id in the journal).
    public let name: AccountName
    /// What the person may do.
    public var role: AccountRole
    /// The name to show ("Aynur M."), optional.
    public var displayName: String?
    /// The encoded Argon2id hash of the password or PIN.
    public var passwordHash: String
    /// A disabled account cannot sign in and is refused at window sign-in.
    public var disabled: Bool
    /// Failed sign-ins in a row.
    public var failures: Int
    /// Locked until then after too many failures (nil: not locked).
    public var lockedUntil: Instant?
    /// When the account was made.
    public let createdAt: Instant

    /// An account from its parts.
    public init(name: AccountName, role: AccountRole, displayName: String? = nil, passwordHash: String, disabled: Bool = false,
                failures: Int = 0, lockedUntil: Instant? = nil, createdAt: Instant) {
        self.name = name
        self.role = role
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
    }

    /// Whether the account is locked at `now`.
    public func isLocked(at now: Instant) -> Bool { lockedUntil.map { $0 > now } ?? false }
}

/// A signed-in person's session, as stored (the secret itself only as its digest).
public struct StaffSession: Sendable, Hashable {
    /// BLAKE2b digest of the cookie's secret.
    public let digest: String
    /// Whose session it is.
    public let name: AccountName
    /// The token every state-changing request of this session must carry (header `X-CSRF-Token`).
    public let csrfToken: String
    /// When it began.
    public let createdAt: Instant
    /// The last request seen (kept to the minute).
    public var lastSeen: Instant
    /// The end of the service day it began on: it ends then whatever happens.
    public let dayEnd: Instant

    /// A session from its parts.
    public init(digest: String, name: AccountName, csrfToken: String, createdAt: Instant, lastSeen: Instant, dayEnd: Instant) {
        self.digest = digest
        self.name = name
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeen = lastSeen
        self.dayEnd = dayEnd
    }

    /// When it ends at the latest if no request comes: idle expiry or the day's end, whichever is first.
    public func expiresAt(idleSeconds: Int64) -> Instant { min(lastSeen.adding(seconds: idleSeconds), dayEnd) }

    /// Whether it has ended at `now`.
    public func hasExpired(at now: Instant, idleSeconds: Int64) -> Bool { now >= expiresAt(idleSeconds: idleSeconds) }
}
