import LobbyWire

/// The health of one device as the bus master sees it.
public enum HealthState: String, Sendable, Equatable {
    /// Not yet contacted since the master started.
    case unknown
    /// Answers cleanly.
    case online
    /// Answers, but needed retries or saw damaged frames recently.
    case degraded
    /// Gave up after every attempt; probed with backoff.
    case offline
}

/// Counters and state of one device.
public struct DeviceHealth: Sendable, Equatable {
    /// Current state.
    public private(set) var state: HealthState = .unknown
    /// When the device last answered (master's monotonic clock).
    public private(set) var lastSeen: BusTime?
    /// Transactions started.
    public private(set) var transactions = 0
    /// Extra attempts (same bytes) beyond the first.
    public private(set) var retries = 0
    /// Transactions that got no valid answer after every attempt.
    public private(set) var timeouts = 0
    /// Damaged frames (CRC, COBS, length) received while waiting for this device.
    public private(set) var crcErrors = 0
    /// Valid frames with an unparseable payload, or nacks.
    public private(set) var protocolErrors = 0
    /// Extra valid answers to one request (a second device on the same address).
    public private(set) var duplicateAnswers = 0
    /// Restarts detected (uptime went down or needsRepaint appeared).
    public private(set) var restarts = 0
    /// Set when answers look like two devices talking at once on this address.
    public private(set) var addressConflictSuspected = false
    /// Probe schedule while offline.
    public private(set) var backoff = OfflineBackoff()
    /// When the next offline probe is due.
    public private(set) var nextProbe = BusTime(microseconds: 0)

    private var cleanInARow = 0
    private var garbledInARow = 0

    /// Creates the health of a device not yet contacted.
    public init() {}

    /// Records a finished transaction; returns true when the device came back (was unknown or offline).
    public mutating func record(
        answered: Bool, attempts: Int, damagedFrames: Int, extraAnswers: Int, protocolError: Bool,
        now: BusTime, recoverAfter: Int
    ) -> Bool {
        transactions += 1
        retries += max(0, attempts - 1)
        crcErrors += damagedFrames
        duplicateAnswers += extraAnswers
        if protocolError { protocolErrors += 1 }
        if extraAnswers > 0 { addressConflictSuspected = true }
        if answered {
            garbledInARow = 0
            let cameBack = state == .offline || state == .unknown
            lastSeen = now
            backoff = OfflineBackoff()
            if attempts > 1 || damagedFrames > 0 || protocolError {
                cleanInARow = 0
                state = .degraded
            } else {
                cleanInARow += 1
                if state != .degraded || cleanInARow >= recoverAfter { state = .online }
            }
            if cleanInARow >= recoverAfter * 3 { addressConflictSuspected = false }
            return cameBack
        }
        timeouts += 1
        cleanInARow = 0
        // Every attempt drew damaged bytes and none a valid frame: several devices answer at once.
        if damagedFrames >= attempts {
            garbledInARow += 1
            if garbledInARow >= 2 { addressConflictSuspected = true }
        } else {
            garbledInARow = 0
        }
        if state == .offline { backoff.probeFailed() }
        state = .offline
        nextProbe = now.adding(UInt64(backoff.nextDelaySeconds) * 1_000_000)
        return false
    }

    /// Records a detected restart of the device.
    public mutating func recordRestart() { restarts += 1 }

    /// Forgets the offline backoff (the port was reopened: probe at once).
    public mutating func probeSoon(now: BusTime) {
        if state == .offline { nextProbe = now }
    }
}
