import LobbyCCID

/// Why a secure-messaging command could not be wrapped or a response could not be unwrapped.
public enum SecureMessagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The response has fewer than 2 bytes.
    case responseTooShort(Int)
    /// The chip answered an error status without secure-messaging objects (the session is over).
    case unprotectedStatus(StatusWord)
    /// A data object's tag or length is cut short or invalid at `offset` of the response data.
    case malformedObject(offset: Int, reason: String)
    /// A data object that is not allowed here (`tag` at `offset`).
    case unexpectedObject(tag: UInt8, offset: Int)
    /// A mandatory data object is missing (`99` status, `8E` checksum).
    case missingObject(tag: UInt8)
    /// The checksum DO'8E' does not match: wrong session keys, wrong counter, or altered bytes.
    case macMismatch
    /// The protected status DO'99' differs from the plain status word.
    case statusMismatch(protected: StatusWord, plain: StatusWord)
    /// DO'87' does not start with the padding-content indicator 01.
    case paddingIndicator(UInt8)
    /// The decrypted data is not a whole number of blocks or its padding is broken.
    case decryption(EMRTDCryptoError)
    /// The command cannot be protected (data too long for the APDU).
    case commandTooLong(Int)

    /// A sentence saying what is wrong and where (never data bytes).
    public var description: String {
        switch self {
        case .responseTooShort(let count): return "secure-messaging response of \(count) bytes has no status word"
        case .unprotectedStatus(let status): return "the chip answered \(status) without secure messaging"
        case let .malformedObject(offset, reason): return "secure-messaging object at byte \(offset): \(reason)"
        case let .unexpectedObject(tag, offset): return "unexpected secure-messaging object \(hexByte(tag)) at byte \(offset)"
        case .missingObject(let tag): return "secure-messaging object \(hexByte(tag)) is missing"
        case .macMismatch: return "secure-messaging checksum (DO 8E) does not match"
        case let .statusMismatch(protected, plain): return "protected status \(protected) differs from the plain status \(plain)"
        case .paddingIndicator(let value): return "DO 87 padding indicator is \(hexByte(value)), expected 01"
        case .decryption(let error): return "secure-messaging data: \(error)"
        case .commandTooLong(let count): return "command data of \(count) bytes is too long to protect"
        }
    }
}

/// Two upper-case hex digits.
func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
