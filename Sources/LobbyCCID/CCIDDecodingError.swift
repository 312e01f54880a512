/// Why bytes from a reader or card could not be decoded; every case says where.
public enum CCIDDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer bytes than needed: `needed` bytes from offset 0, `available` present.
    case truncated(what: String, needed: Int, available: Int)
    /// A byte at an offset has a value the format does not allow.
    case invalidValue(what: String, offset: Int, value: UInt8)
    /// A length field disagrees with the bytes present.
    case lengthMismatch(what: String, declared: Int, actual: Int)
    /// A message type the decoder does not know.
    case unknownMessageType(UInt8)
    /// A checksum (TCK, LRC, CRC) does not match.
    case checksumMismatch(what: String, expected: UInt16, actual: UInt16)

    /// A sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case let .truncated(what, needed, available):
            return "\(what) is truncated: needs \(needed) bytes, got \(available)"
        case let .invalidValue(what, offset, value):
            return "\(what) has invalid value 0x\(hex(value)) at byte offset \(offset)"
        case let .lengthMismatch(what, declared, actual):
            return "\(what) declares \(declared) bytes but \(actual) follow"
        case let .unknownMessageType(type):
            return "unknown CCID message type 0x\(hex(type)) at byte offset 0"
        case let .checksumMismatch(what, expected, actual):
            return "\(what) checksum is 0x\(String(actual, radix: 16, uppercase: true)), computed 0x\(String(expected, radix: 16, uppercase: true))"
        }
    }
}

/// Two uppercase hex digits.
func hex(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16, uppercase: true)
    return text.count == 1 ? "0" + text : text
}

/// Uppercase hex of bytes separated by spaces.
func hex(_ bytes: [UInt8]) -> String { bytes.map { hex($0) }.joined(separator: " ") }

/// Little-endian reads with bounds already checked by the caller.
extension Array where Element == UInt8 {
    func le16(at offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func le32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}

/// Little-endian byte encodings.
enum LittleEndian {
    static func bytes(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }
    static func bytes(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }
}
