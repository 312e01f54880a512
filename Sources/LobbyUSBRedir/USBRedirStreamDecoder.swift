/// A packet of the byte stream that is not valid.
public struct USBRedirProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Byte offset of the packet's header in the stream.
    public var offset: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `usbredir stream offset N: …`.
    public var description: String { "usbredir stream offset \(offset): \(message)" }
}

/// Cuts the byte stream from the guest into packets. The first packet (hello) always has a
/// 32-bit id; later ones have 64-bit ids once both sides announced that capability.
public struct USBRedirStreamDecoder: Sendable {
    /// Largest payload accepted (a bulk OUT transfer with 32-bit length can be big, but not this big).
    public static let maximumPayload = 16 * 1024 * 1024
    /// True once both sides have `sixtyFourBitIDs` (set by the owner after the hello exchange).
    public var sixtyFourBitIDs = false
    private var buffer: [UInt8] = []
    private var consumed = 0

    /// A decoder at the start of a stream.
    public init() {}

    /// Feeds bytes; returns the complete packets.
    public mutating func consume(_ bytes: some Sequence<UInt8>) throws(USBRedirProtocolError) -> [USBRedirPacket] {
        buffer += bytes
        var packets: [USBRedirPacket] = []
        while true {
            let headerSize = sixtyFourBitIDs ? 16 : 12
            guard buffer.count >= headerSize else { break }
            let length = Int(buffer.u32(at: 4))
            guard length <= Self.maximumPayload else {
                throw USBRedirProtocolError(offset: consumed, message: "payload length \(length) exceeds \(Self.maximumPayload)")
            }
            guard buffer.count >= headerSize + length else { break }
            let type = buffer.u32(at: 0)
            let id = sixtyFourBitIDs ? buffer.u64(at: 8) : UInt64(buffer.u32(at: 8))
            let packet = USBRedirPacket(type: type, id: id, payload: Array(buffer[headerSize..<headerSize + length]))
            buffer.removeFirst(headerSize + length)
            consumed += headerSize + length
            packets.append(packet)
            // The hello decides the id width of every later packet: stop here so the owner can
            // switch before the next header is read.
            if type == USBRedirPacketType.hello.rawValue { break }
        }
        return packets
    }

    /// True when bytes of an incomplete packet are held.
    public var hasPartialPacket: Bool { !buffer.isEmpty }

    /// Decodes packets already buffered (after the owner changed `sixtyFourBitIDs`).
    public mutating func drain() throws(USBRedirProtocolError) -> [USBRedirPacket] {
        var all: [USBRedirPacket] = []
        while true {
            let more = try consume([UInt8]())
            if more.isEmpty { return all }
            all += more
        }
    }
}
