/// One usbredir packet: the type, the id the guest chose (echoed in answers), and the payload
/// (type-specific header plus data). All integers are little-endian.
public struct USBRedirPacket: Equatable, Sendable {
    /// The packet type (raw, so unknown types can be reported).
    public var type: UInt32
    /// The packet id.
    public var id: UInt64
    /// Type-specific header and data.
    public var payload: [UInt8]

    /// Creates a packet.
    public init(type: UInt32, id: UInt64 = 0, payload: [UInt8] = []) {
        self.type = type
        self.id = id
        self.payload = payload
    }

    /// Creates a packet of a known type.
    public init(_ type: USBRedirPacketType, id: UInt64 = 0, payload: [UInt8] = []) {
        self.init(type: type.rawValue, id: id, payload: payload)
    }

    /// The known type, nil for an unknown one.
    public var knownType: USBRedirPacketType? { USBRedirPacketType(rawValue: type) }

    /// The bytes on the wire: header (id of 32 or 64 bits) then payload.
    public func encoded(sixtyFourBitIDs: Bool) -> [UInt8] {
        var bytes = ByteWriter()
        bytes.u32(type)
        bytes.u32(UInt32(payload.count))
        if sixtyFourBitIDs { bytes.u64(id) } else { bytes.u32(UInt32(truncatingIfNeeded: id)) }
        bytes.bytes += payload
        return bytes.bytes
    }
}

/// Little-endian writer.
public struct ByteWriter: Sendable {
    /// What was written.
    public var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// One byte.
    public mutating func u8(_ value: UInt8) { bytes.append(value) }
    /// Two bytes, least significant first.
    public mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    /// Four bytes, least significant first.
    public mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
    /// Eight bytes, least significant first.
    public mutating func u64(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) } }
}

/// Little-endian reads from a payload; out-of-range reads give 0 (callers check lengths first).
extension Array where Element == UInt8 {
    /// The byte at `offset`, 0 when past the end.
    public func u8(at offset: Int) -> UInt8 { offset < count ? self[offset] : 0 }
    /// Two bytes at `offset`.
    public func u16(at offset: Int) -> UInt16 { UInt16(u8(at: offset)) | UInt16(u8(at: offset + 1)) << 8 }
    /// Four bytes at `offset`.
    public func u32(at offset: Int) -> UInt32 { UInt32(u16(at: offset)) | UInt32(u16(at: offset + 2)) << 16 }
    /// Eight bytes at `offset`.
    public func u64(at offset: Int) -> UInt64 { UInt64(u32(at: offset)) | UInt64(u32(at: offset + 4)) << 32 }
}
