/// An RDR_to_PC bulk-IN message (CCID 1.1 §6.2).
public struct CCIDResponse: Sendable, Hashable {
    /// The message kinds.
    public enum Kind: Sendable, Hashable {
        /// RDR_to_PC_DataBlock (0x80): ATR after IccPowerOn, the card's answer after XfrBlock; bChainParameter.
        case dataBlock(chainParameter: UInt8)
        /// RDR_to_PC_SlotStatus (0x81): bClockStatus.
        case slotStatus(clockStatus: UInt8)
        /// RDR_to_PC_Parameters (0x82): the parameters, nil when the command failed and no structure follows.
        case parameters(CCIDProtocolParameters?)
        /// RDR_to_PC_Escape (0x83).
        case escape
    }

    /// The message kind.
    public var kind: Kind
    /// bSlot.
    public var slot: UInt8
    /// bSeq.
    public var sequence: UInt8
    /// bStatus/bError.
    public var state: CCIDSlotState
    /// The data after the header.
    public var data: [UInt8]

    /// Decodes a bulk-IN message; throws on truncated, oversized or unknown input, never traps.
    public init(decoding bytes: [UInt8]) throws(CCIDDecodingError) {
        let header = try CCIDHeader(decoding: bytes)
        slot = header.slot
        sequence = header.sequence
        state = try CCIDSlotState(status: header.specific.0, error: header.specific.1, offset: 7)
        data = Array(bytes[CCIDHeader.length...])
        switch header.messageType {
        case 0x80: kind = .dataBlock(chainParameter: header.specific.2)
        case 0x81: kind = .slotStatus(clockStatus: header.specific.2)
        case 0x82:
            if data.isEmpty, case .failed = state.outcome {
                kind = .parameters(nil)
            } else {
                kind = .parameters(try CCIDProtocolParameters(protocolNumber: header.specific.2, bytes: data))
            }
        case 0x83: kind = .escape
        default: throw .unknownMessageType(header.messageType)
        }
    }

    /// The data when the command was processed (empty for a time extension: check `isTimeExtension` first); throws the slot error when it failed.
    public func payload() throws(CCIDSlotError) -> [UInt8] {
        switch state.outcome {
        case .processed: return data
        case .failed(let error): throw error
        case .timeExtension: return []
        }
    }

    /// True when the reader asks the host to keep waiting for the real answer.
    public var isTimeExtension: Bool {
        if case .timeExtension = state.outcome { return true }
        return false
    }

    /// True when this answers the command sent with `slot` and `sequence`.
    public func answers(slot: UInt8, sequence: UInt8) -> Bool { self.slot == slot && self.sequence == sequence }
}
