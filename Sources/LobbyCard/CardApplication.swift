import LobbyCCID
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
        /// The card needs BAC or PACE before it shows the data (6982).
        case accessControlRequired
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

    /// Creates a reading.
    public init(application: String, outcome: Outcome) {
        self.application = application
        self.outcome = outcome
    }
}
