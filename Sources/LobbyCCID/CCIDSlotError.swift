/// A failed CCID command, from bError when bStatus bits 7:6 say "failed" (CCID 1.1 §6.2.6).
public enum CCIDSlotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0xFE ICC_MUTE: no card in the slot, or the card does not answer.
    case cardAbsentOrMute(ICCPresence)
    /// 0xFB HW_ERROR.
    case hardwareError
    /// 0xE0 CMD_SLOT_BUSY: another command is running on the slot.
    case slotBusy
    /// 0xFF CMD_ABORTED.
    case commandAborted
    /// 0xFD XFR_PARITY_ERROR.
    case parityError
    /// 0xFC XFR_OVERRUN.
    case overrun
    /// 0xF8 BAD_ATR_TS.
    case badATRTS
    /// 0xF7 BAD_ATR_TCK.
    case badATRTCK
    /// 0xF6 ICC_PROTOCOL_NOT_SUPPORTED.
    case protocolNotSupported
    /// 0xF5 ICC_CLASS_NOT_SUPPORTED.
    case classNotSupported
    /// 0xF4 PROCEDURE_BYTE_CONFLICT.
    case procedureByteConflict
    /// 0xF3 DEACTIVATED_PROTOCOL.
    case deactivatedProtocol
    /// 0xF2 BUSY_WITH_AUTO_SEQUENCE.
    case busyWithAutoSequence
    /// 0xF0 PIN_TIMEOUT.
    case pinTimeout
    /// 0xEF PIN_CANCELLED.
    case pinCancelled
    /// 0x00: command not supported.
    case commandNotSupported
    /// 0x01–0x7F: the command has a bad parameter at this byte offset.
    case badParameter(offset: UInt8)
    /// Any other bError value.
    case other(UInt8)

    /// Maps bError (and the slot's card presence, for 0xFE).
    public init(errorCode: UInt8, presence: ICCPresence) {
        switch errorCode {
        case 0xFE: self = .cardAbsentOrMute(presence)
        case 0xFB: self = .hardwareError
        case 0xE0: self = .slotBusy
        case 0xFF: self = .commandAborted
        case 0xFD: self = .parityError
        case 0xFC: self = .overrun
        case 0xF8: self = .badATRTS
        case 0xF7: self = .badATRTCK
        case 0xF6: self = .protocolNotSupported
        case 0xF5: self = .classNotSupported
        case 0xF4: self = .procedureByteConflict
        case 0xF3: self = .deactivatedProtocol
        case 0xF2: self = .busyWithAutoSequence
        case 0xF0: self = .pinTimeout
        case 0xEF: self = .pinCancelled
        case 0x00: self = .commandNotSupported
        case 0x01...0x7F: self = .badParameter(offset: errorCode)
        default: self = .other(errorCode)
        }
    }

    /// A sentence for logs and lobbyctl.
    public var description: String {
        switch self {
        case .cardAbsentOrMute(let presence):
            return presence == .absent ? "no card in the slot (ICC_MUTE)" : "the card does not answer (ICC_MUTE)"
        case .hardwareError: return "reader hardware error (HW_ERROR)"
        case .slotBusy: return "slot busy with another command (CMD_SLOT_BUSY)"
        case .commandAborted: return "command aborted (CMD_ABORTED)"
        case .parityError: return "parity error talking to the card (XFR_PARITY_ERROR)"
        case .overrun: return "buffer overrun (XFR_OVERRUN)"
        case .badATRTS: return "card answered with a bad ATR TS byte"
        case .badATRTCK: return "card answered with a bad ATR TCK byte"
        case .protocolNotSupported: return "card protocol not supported by the reader"
        case .classNotSupported: return "card voltage class not supported by the reader"
        case .procedureByteConflict: return "T=0 procedure byte conflict"
        case .deactivatedProtocol: return "protocol deactivated"
        case .busyWithAutoSequence: return "reader busy with an automatic sequence"
        case .pinTimeout: return "PIN entry timed out"
        case .pinCancelled: return "PIN entry cancelled"
        case .commandNotSupported: return "command not supported by the reader"
        case .badParameter(let offset): return "bad parameter at byte offset \(offset) of the command"
        case .other(let code): return "reader error 0x\(hex(code))"
        }
    }
}
