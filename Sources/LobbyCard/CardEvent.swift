/// What the card-reader monitor reports to the daemon and to `lobbyctl card watch`.
public enum CardEvent: Sendable, Hashable {
    /// A CCID reader was found and opened.
    case readerAdded(CardReaderInfo)
    /// A reader went away (unplugged, or closed after a fatal error).
    case readerRemoved(CardReaderInfo)
    /// A CCID device was found but cannot be used (permissions, claimed by another driver, bad descriptor).
    case readerUnusable(USBDeviceIdentity, problem: String)
    /// A card was inserted into a slot.
    case cardInserted(reader: CardReaderInfo, slot: Int)
    /// The card left the slot.
    case cardRemoved(reader: CardReaderInfo, slot: Int)
    /// The card was read; `milliseconds` from the insertion notice to the end of the reading.
    case cardIdentified(reader: CardReaderInfo, slot: Int, identity: CardIdentity, milliseconds: Double)
    /// Powering or reading the card failed.
    case cardFailed(reader: CardReaderInfo, slot: Int, error: CardReaderError)
}
