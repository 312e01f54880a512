import LobbyQueue

/// Lockout with backoff after failed sign-ins: the first `freeFailures` cost nothing; each
/// further failure locks the account for `firstLockSeconds`, doubling per failure up to
/// `longestLockSeconds`. A success, a new password or `account enable` clears the count.
public struct LockoutPolicy: Sendable, Hashable {
    /// Failures in a row before the first lock.
    public var freeFailures = 5
    /// The first lock's length.
    public var firstLockSeconds: Int64 = 30
    /// The longest lock.
    public var longestLockSeconds: Int64 = 15 * 60

    /// The default policy (5 free failures, then 30 s, 60 s, 120 s … up to 15 minutes).
    public init() {}

    /// How long the account is locked after its `failures`-th failure in a row (0: not locked).
    public func lockSeconds(afterFailures failures: Int) -> Int64 {
        guard failures > freeFailures else { return 0 }
        let doublings = min(failures - freeFailures - 1, 30)
        return min(firstLockSeconds << Int64(doublings), longestLockSeconds)
    }

    /// Until when the account is locked after a failure at `now` that makes `failures` in a row (nil: not locked).
    public func lockedUntil(afterFailures failures: Int, at now: Instant) -> Instant? {
        let seconds = lockSeconds(afterFailures: failures)
        return seconds == 0 ? nil : now.adding(seconds: seconds)
    }
}
