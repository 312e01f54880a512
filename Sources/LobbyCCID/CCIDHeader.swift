/// The 10-byte header shared by every CCID bulk message: type, LE32 length, slot, sequence, 3 specific bytes.
public struct CCIDHeader: Sendable, Hashable {
    /// Header size.
    public static let length = 10

    /// bMessageType.
    public var messageType: UInt8
    /// dwLength: bytes after the header.
    public var dataLength: UInt32
    /// bSlot.
    public var slot: UInt8
    /// bSeq.
    public var sequence: UInt8
    /// The three message-specific bytes (offsets 7–9).
    public var specific: (UInt8, UInt8, UInt8)

    /// Creates a header.
    public init(messageType: UInt8, dataLength: UInt32, slot: UInt8, sequence: UInt8, specific: (UInt8, UInt8, UInt8)) {
        self.messageType = messageType
        self.dataLength = dataLength
        self.slot = slot
        self.sequence = sequence
        self.specific = specific
    }

    /// Reads a header and checks that exactly `dwLength` bytes follow it.
    public init(decoding bytes: [UInt8]) throws(CCIDDecodingError) {
        guard bytes.count >= Self.length else { throw .truncated(what: "CCID message header", needed: Self.length, available: bytes.count) }
        messageType = bytes[0]
        dataLength = bytes.le32(at: 1)
        slot = bytes[5]
        sequence = bytes[6]
        specific = (bytes[7], bytes[8], bytes[9])
        let following = bytes.count - Self.length
        if UInt64(following) < UInt64(dataLength) {
            throw .truncated(what: "CCID message", needed: Self.length + Int(clamping: dataLength), available: bytes.count)
        }
        if UInt64(following) > UInt64(dataLength) {
            throw .lengthMismatch(what: "CCID message dwLength", declared: Int(dataLength), actual: following)
        }
    }

    /// The 10 header bytes.
    public var bytes: [UInt8] {
        [messageType] + LittleEndian.bytes(dataLength) + [slot, sequence, specific.0, specific.1, specific.2]
    }

    /// Compares all fields.
    public static func == (lhs: CCIDHeader, rhs: CCIDHeader) -> Bool { lhs.bytes == rhs.bytes }

    /// Hashes all fields.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
