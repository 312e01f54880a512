import LobbyCCID

/// Why reading DG1 (plain or under BAC) stopped.
public enum EMRTDSecureReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Access denied: the chip needs BAC (or PACE) and no MRZ keys were given (6982).
    case accessControlRequired
    /// BAC failed: the chip refused the MRZ keys, or its authentication answer did not check out.
    case authenticationFailed(BACError)
    /// A protected response could not be verified or decoded (MAC, status, padding, objects).
    case secureMessaging(SecureMessagingError)
    /// The application or DG1 does not exist (6A82).
    case notFound
    /// Another status word.
    case status(StatusWord)
    /// DG1 bytes could not be decoded.
    case malformed(CCIDDecodingError)
    /// A response without status word.
    case invalidResponse(APDUError)

    /// A sentence for logs and lobbyctl (never card data or keys).
    public var description: String {
        switch self {
        case .accessControlRequired: return "the chip requires BAC/PACE and no MRZ keys were given"
        case .authenticationFailed(let error): return "BAC failed: \(error)"
        case .secureMessaging(let error): return "secure messaging failed: \(error)"
        case .notFound: return "the eMRTD application or DG1 was not found"
        case .status(let status): return "card answered \(status)"
        case .malformed(let error): return "DG1 is malformed: \(error)"
        case .invalidResponse(let error): return "\(error)"
        }
    }
}

/// What to do next when reading DG1 with `EMRTDSecureReader`.
public enum EMRTDSecureReadAction: Sendable, Hashable {
    /// Send this command APDU (already protected when a session runs) and pass the response bytes to `handle`.
    case send(CommandAPDU)
    /// DG1 was read: its bytes, the MRZ text, and how it was read.
    case finished(dg1: [UInt8], mrz: String, access: EMRTDAccess)
    /// Reading stopped.
    case failed(EMRTDSecureReadError)
}
