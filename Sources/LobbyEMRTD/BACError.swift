import LobbyCCID

/// Why the BAC mutual authentication failed.
public enum BACError: Error, Sendable, Hashable, CustomStringConvertible {
    /// GET CHALLENGE did not return 8 bytes.
    case challengeLength(Int)
    /// A terminal random value (RND.IFD 8 bytes, K.IFD 16 bytes) has the wrong length.
    case randomLength(what: String, expected: Int, actual: Int)
    /// The card refused EXTERNAL AUTHENTICATE (6300 and the like): the MRZ keys do not match the chip.
    case refused(StatusWord)
    /// The card's answer is not 40 bytes (32 cryptogram + 8 MAC).
    case answerLength(Int)
    /// The card's MAC over its cryptogram is wrong.
    case answerMACMismatch
    /// The decrypted answer does not echo RND.IFD (offset 8) or RND.IC (offset 0).
    case nonceMismatch(offset: Int)
    /// A cryptographic primitive refused its input.
    case crypto(EMRTDCryptoError)

    /// A sentence saying what is wrong (never key or nonce bytes).
    public var description: String {
        switch self {
        case .challengeLength(let count): return "GET CHALLENGE returned \(count) bytes, expected 8"
        case let .randomLength(what, expected, actual): return "\(what) has \(actual) bytes, expected \(expected)"
        case .refused(let status): return "the chip refused EXTERNAL AUTHENTICATE (\(status)): the MRZ keys do not match"
        case .answerLength(let count): return "EXTERNAL AUTHENTICATE answer has \(count) bytes, expected 40"
        case .answerMACMismatch: return "the MAC of the chip's authentication answer is wrong"
        case .nonceMismatch(let offset): return "the chip's decrypted answer does not echo the nonce at byte \(offset)"
        case .crypto(let error): return "\(error)"
        }
    }
}
