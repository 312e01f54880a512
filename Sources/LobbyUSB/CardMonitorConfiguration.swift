import LobbyCard

/// What the card-reader monitor reads and how long it waits.
public struct CardMonitorConfiguration: Sendable {
    /// Applications read at every insertion, in order (default: the eMRTD MRZ).
    public var applications: [any CardApplication]
    /// USB time limits.
    public var timeouts: CCIDReaderTimeouts
    /// Re-enumeration interval in milliseconds: the safety net when hot-plug callbacks are missing.
    public var rescanMilliseconds: Int
    /// Slot polling interval (GetSlotStatus) for readers without an interrupt endpoint.
    public var pollMilliseconds: Int
    /// Power the card off after reading it.
    public var powerOffAfterReading: Bool

    /// Creates a configuration.
    public init(applications: [any CardApplication] = [EMRTDApplication()], timeouts: CCIDReaderTimeouts = CCIDReaderTimeouts(),
                rescanMilliseconds: Int = 2_000, pollMilliseconds: Int = 500, powerOffAfterReading: Bool = true) {
        self.applications = applications
        self.timeouts = timeouts
        self.rescanMilliseconds = rescanMilliseconds
        self.pollMilliseconds = pollMilliseconds
        self.powerOffAfterReading = powerOffAfterReading
    }
}
