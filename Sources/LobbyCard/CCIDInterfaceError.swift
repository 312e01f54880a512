import LobbyCCID

/// Why a USB interface cannot be used as a CCID reader; every case says where.
public enum CCIDInterfaceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The interface class is neither 0x0B nor a vendor class carrying a CCID descriptor.
    case notSmartCardClass(UInt8)
    /// No 54-byte CCID class descriptor (type 0x21) after the interface or its endpoints.
    case missingClassDescriptor
    /// A descriptor in the class-specific bytes has a length that runs past the end (`offset` in `extra`).
    case malformedExtra(offset: Int, length: Int, available: Int)
    /// The CCID descriptor was found but could not be decoded.
    case invalidClassDescriptor(CCIDDecodingError)
    /// A required bulk endpoint is missing.
    case missingEndpoint(String)

    /// A sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case .notSmartCardClass(let code):
            return "interface class 0x\(HexText.byte(code)) is not a smart-card (CCID) interface"
        case .missingClassDescriptor:
            return "no CCID class descriptor (54 bytes, type 0x21) after the interface or endpoint descriptors"
        case let .malformedExtra(offset, length, available):
            return "class-specific descriptor at byte offset \(offset) declares \(length) bytes but only \(available) remain"
        case .invalidClassDescriptor(let error):
            return "CCID class descriptor is invalid: \(error)"
        case .missingEndpoint(let which):
            return "CCID interface has no \(which) endpoint"
        }
    }
}
