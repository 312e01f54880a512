import LobbyCCID

/// Why talking to a reader or its card failed; the cases the daemon and lobbyctl tell apart.
public enum CardReaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No card in the slot (bStatus says absent, or it was removed during the exchange).
    case cardAbsent
    /// A card is present but does not answer (ICC_MUTE, or no answer within the response time while present).
    case cardMute(String)
    /// The reader disappeared (LIBUSB_ERROR_NO_DEVICE), possibly in the middle of an exchange.
    case readerUnplugged
    /// The reader itself did not answer within the time limit (`operation`, milliseconds).
    case timeout(operation: String, milliseconds: Int)
    /// A USB transfer failed (libusb error name and the operation).
    case usb(operation: String, code: Int32, name: String)
    /// The reader reported a failed command.
    case slot(CCIDSlotError)
    /// The reader sent bytes that are not a valid CCID message.
    case malformedResponse(CCIDDecodingError)
    /// The card's ATR could not be parsed.
    case invalidATR(CCIDDecodingError)
    /// No way to exchange APDUs with this reader and card.
    case unsupported(CardExchangePlan.Problem)
    /// The T=1 link failed.
    case t1(T1Error)
    /// The T=0 exchange failed.
    case t0(T0Exchange.Problem)
    /// The command cannot be encoded for this reader.
    case apdu(APDUError)
    /// The device cannot be opened or claimed (permissions, another driver); errno-like detail.
    case access(String)

    /// A short machine-friendly name (`mute`, `absent`, `unplugged`, …) for lobbyctl and probe lines.
    public var kind: String {
        switch self {
        case .cardAbsent: return "absent"
        case .cardMute: return "mute"
        case .readerUnplugged: return "unplugged"
        case .timeout: return "timeout"
        case .usb: return "usb"
        case .slot: return "slot"
        case .malformedResponse: return "malformed"
        case .invalidATR: return "atr"
        case .unsupported: return "unsupported"
        case .t1: return "t1"
        case .t0: return "t0"
        case .apdu: return "apdu"
        case .access: return "access"
        }
    }

    /// A sentence for logs and lobbyctl (never contains card data).
    public var description: String {
        switch self {
        case .cardAbsent: return "no card in the reader"
        case .cardMute(let detail): return "the card does not answer (\(detail))"
        case .readerUnplugged: return "the reader was unplugged"
        case let .timeout(operation, milliseconds): return "the reader did not answer \(operation) within \(milliseconds) ms"
        case let .usb(operation, code, name): return "USB \(operation) failed: \(name) (\(code))"
        case .slot(let error): return "reader reported: \(error)"
        case .malformedResponse(let error): return "reader sent a malformed message: \(error)"
        case .invalidATR(let error): return "the card's ATR is invalid: \(error)"
        case .unsupported(let problem): return "\(problem)"
        case .t1(let error): return "T=1: \(error)"
        case .t0(let problem): return "T=0: \(problem)"
        case .apdu(let error): return "\(error)"
        case .access(let detail): return "cannot use the reader: \(detail)"
        }
    }

    /// True when the reader is gone and must be closed.
    public var readerIsGone: Bool { self == .readerUnplugged }
}
