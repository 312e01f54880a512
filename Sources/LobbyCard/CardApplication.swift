import LobbyCCID
import LobbyEMRTD
import LobbyMRZ

/// One card application the daemon can read for identification (the eMRTD MRZ today; others can be added).
public protocol CardApplication: Sendable {
    /// A short stable name (`emrtd`) for lobbyctl and the API.
    var name: String { get }
    /// Reads what the application offers; channel failures (card pulled, reader unplugged) are thrown,
    /// application answers (not present, access refused) are returned.
    func read<Channel: CardChannel>(from channel: inout Channel) throws(CardReaderError) -> CardApplicationReading
}

/// What one application gave.
public struct CardApplicationReading: Sendable, Hashable {
    /// The outcomes.
    public enum Outcome: Sendable, Hashable {
        /// The machine-readable zone was read (eMRTD DG1) and parsed; kept in memory only.
        case machineReadableZone(MRZDocument)
        /// Access denied: the card needs BAC or PACE before it shows the data (6982) and no MRZ keys were given.
        case accessControlRequired
        /// BAC failed: the chip refused the MRZ keys (wrong MRZ) or its authentication answer did not check out.
        case basicAccessControlFailed(String)
        /// Secure messaging broke after BAC succeeded (MAC mismatch, wrong status, bad padding).
        case secureMessagingFailed(String)
        /// The application or its file is not on the card (6A82).
        case notPresent
        /// The card answered with another status word.
        case refused(StatusWord)
        /// The data read is not what the application defines (e.g. DG1 malformed).
        case malformed(String)
    }

    /// The application's name (`emrtd`).
    public var application: String
    /// What happened.
    public var outcome: Outcome
    /// How the data was read (plain, or under BAC); nil when nothing was read or the application does not say.
    public var access: EMRTDAccess?

    /// Creates a reading.
    public init(application: String, outcome: Outcome) {
        self.application = application
        self.outcome = outcome
        self.access = nil
    }

    /// Creates a reading that says how the data was read.
    public init(application: String, outcome: Outcome, access: EMRTDAccess?) {
        self.application = application
        self.outcome = outcome
        self.access = access
    }
}
