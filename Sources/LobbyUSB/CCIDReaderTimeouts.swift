/// Time limits of the USB edge, in milliseconds.
public struct CCIDReaderTimeouts: Sendable, Hashable {
    /// Writing one PC_to_RDR message.
    public var write: Int
    /// The reader's answer to a command that does not reach the card (GetSlotStatus, SetParameters, PowerOff).
    public var control: Int
    /// The answer to a command the card must answer (PowerOn, XfrBlock), per T=1 waiting-time unit.
    /// Readers answer ICC_MUTE themselves after the card's waiting time; this limit catches a silent reader.
    public var card: Int

    /// Creates the limits.
    public init(write: Int = 1_000, control: Int = 2_000, card: Int = 5_000) {
        self.write = write
        self.control = control
        self.card = card
    }
}
