/// Whether a card is in a slot and powered (bStatus bits 1:0).
public enum ICCPresence: String, Sendable, Hashable {
    /// 0: card present and active.
    case presentActive
    /// 1: card present, not powered.
    case presentInactive
    /// 2: no card.
    case absent
}

/// The outcome of a command (bStatus bits 7:6 with bError).
public enum CCIDCommandOutcome: Sendable, Hashable {
    /// 0: processed without error.
    case processed
    /// 1: failed; the error says why.
    case failed(CCIDSlotError)
    /// 2: the card needs more time; wait bError × BWT/WWT more and read again.
    case timeExtension(multiplier: UInt8)
}

/// bStatus and bError of an RDR_to_PC message.
public struct CCIDSlotState: Sendable, Hashable {
    /// Card presence.
    public var presence: ICCPresence
    /// Command outcome.
    public var outcome: CCIDCommandOutcome

    /// Decodes bStatus/bError; `offset` is where bStatus sits (for error messages).
    public init(status: UInt8, error: UInt8, offset: Int) throws(CCIDDecodingError) {
        switch status & 0x03 {
        case 0: presence = .presentActive
        case 1: presence = .presentInactive
        case 2: presence = .absent
        default: throw .invalidValue(what: "bStatus card state (bits 1:0 = 3)", offset: offset, value: status)
        }
        switch status >> 6 {
        case 0: outcome = .processed
        case 1: outcome = .failed(CCIDSlotError(errorCode: error, presence: presence))
        case 2: outcome = .timeExtension(multiplier: error)
        default: throw .invalidValue(what: "bStatus command status (bits 7:6 = 3)", offset: offset, value: status)
        }
    }
}
