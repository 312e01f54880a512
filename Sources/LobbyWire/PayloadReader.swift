/// Why a payload could not be turned into a message.
public enum MessageError: Error, Sendable, Equatable {
    /// The type byte is not one this code knows.
    case unknownType(MessageType)
    /// The payload ended before a field at `offset`.
    case truncated(type: MessageType, offset: Int)
    /// A field at `offset` holds a value outside its range.
    case invalidValue(type: MessageType, offset: Int)
    /// Bytes were left after the last field, starting at `offset`.
    case trailingBytes(type: MessageType, offset: Int)

    /// A short stable name used in test vectors and logs.
    public var code: StaticString {
        switch self {
        case .unknownType: "unknown-type"
        case .truncated: "truncated-field"
        case .invalidValue: "invalid-value"
        case .trailingBytes: "trailing-bytes"
        }
    }

    /// The payload offset the error is at (0 for an unknown type).
    public var offset: Int {
        switch self {
        case .unknownType: 0
        case .truncated(_, let offset), .invalidValue(_, let offset), .trailingBytes(_, let offset): offset
        }
    }

    /// The nack reason a device answers with for this error.
    public var nackReason: NackReason {
        switch self {
        case .unknownType: .unknownType
        default: .badPayload
        }
    }
}

/// Reads little-endian fields from a payload, throwing typed errors with offsets.
public struct PayloadReader {
    private let payload: Payload
    private let type: MessageType
    /// The offset of the next unread byte.
    public private(set) var offset = 0

    /// Starts reading `payload` of a message of `type`.
    public init(_ payload: Payload, type: MessageType) {
        self.payload = payload
        self.type = type
    }

    /// Bytes not read yet.
    public var remaining: Int { payload.count - offset }

    /// Reads one byte.
    public mutating func uint8() throws(MessageError) -> UInt8 {
        guard offset < payload.count else { throw .truncated(type: type, offset: offset) }
        defer { offset += 1 }
        return payload[offset]
    }

    /// Reads a little-endian 16-bit value.
    public mutating func uint16() throws(MessageError) -> UInt16 {
        let low = try uint8()
        let high = try uint8()
        return UInt16(low) | UInt16(high) << 8
    }

    /// Reads a little-endian 32-bit value.
    public mutating func uint32() throws(MessageError) -> UInt32 {
        let low = try uint16()
        let high = try uint16()
        return UInt32(low) | UInt32(high) << 16
    }

    /// Reads a little-endian 64-bit value.
    public mutating func uint64() throws(MessageError) -> UInt64 {
        let low = try uint32()
        let high = try uint32()
        return UInt64(low) | UInt64(high) << 32
    }

    /// Copies the next `count` bytes into `output`.
    public mutating func bytes<let n: Int>(_ count: Int, into output: inout FixedBytes<n>) throws(MessageError) {
        guard count <= remaining else { throw .truncated(type: type, offset: payload.count) }
        var index = 0
        while index < count {
            if !output.append(payload[offset + index]) { throw .invalidValue(type: type, offset: offset + index) }
            index += 1
        }
        offset += count
    }

    /// Throws `invalidValue` for the field just read (at `offset - width`).
    public func invalid(width: Int) -> MessageError {
        .invalidValue(type: type, offset: offset - width)
    }

    /// Marks every byte as read (after the payload was validated as a whole elsewhere).
    public mutating func skipRemaining() { offset = payload.count }

    /// Throws if unread bytes remain.
    public func finish() throws(MessageError) {
        if offset != payload.count { throw .trailingBytes(type: type, offset: offset) }
    }
}
