import LobbyWire
import Testing

/// A synthetic 8×16 font for host tests: ASCII, a few Azerbaijani and Cyrillic letters, "→".
/// Glyph rows are derived from the code point so each glyph differs; space is blank.
struct TestFont: BitmapFont, Sendable {
    static let covered: [UInt32] = Array(0x20...0x7E) + [0x259, 0x18F, 0x15F, 0x41E, 0x43A, 0x43D, 0x43E, 0x2192]
    var glyphWidth: Int { 8 }
    var glyphHeight: Int { 16 }
    var fallbackGlyph: Int { Self.covered.count }

    func glyphIndex(for scalar: UInt32) -> Int? { Self.covered.firstIndex(of: scalar) }

    func row(_ row: Int, ofGlyph glyph: Int) -> UInt8 {
        if glyph == fallbackGlyph { return row == 0 || row == 15 ? 0xFF : 0x81 }
        let scalar = Self.covered[glyph]
        if scalar == 0x20 || row < 2 || row > 13 { return 0 }
        return UInt8(truncatingIfNeeded: scalar &* 29 &+ UInt32(row) &* 71) | 0x10
    }
}

/// What both device cores look like to the tests.
protocol WireDevice {
    mutating func receive(_ byte: UInt8, now: Ticks) -> EncodedFrame?
}
extension BoardCore: WireDevice {}
extension KeypadCore: WireDevice {}

/// A test master: numbers requests, sends them byte by byte, decodes the answers.
struct TestMaster {
    var sequence: UInt8 = 0x40
    var source = DeviceAddress.master

    /// The wire bytes of a new request (leading delimiter included, as masters send it).
    mutating func request(_ message: Message, to destination: DeviceAddress) -> [UInt8] {
        sequence &+= 1
        return [0] + message.frame(from: source, to: destination, sequence: SequenceNumber(sequence)).encoded().array
    }

    /// Feeds bytes to a device and returns every answer frame (decoded, CRC-checked).
    static func deliver<Device: WireDevice>(_ bytes: [UInt8], to device: inout Device, now: Ticks) -> [Frame] {
        var replies: [Frame] = []
        for byte in bytes {
            guard let reply = device.receive(byte, now: now) else { continue }
            for output in decodeAll(reply) {
                if case .frame(let frame) = output { replies.append(frame) } else { Issue.record("device sent a bad frame: \(output)") }
            }
        }
        return replies
    }

    /// Sends a new request and returns the single answer's message, or nil when silent.
    mutating func exchange<Device: WireDevice>(
        _ message: Message, with device: inout Device, at destination: DeviceAddress, now: Ticks = Ticks(0)
    ) -> Message? {
        let replies = Self.deliver(request(message, to: destination), to: &device, now: now)
        guard let reply = replies.first else { return nil }
        #expect(replies.count == 1)
        #expect(reply.header.sequence == SequenceNumber(sequence))
        #expect(reply.header.destination == source)
        return try? Message.decode(type: reply.header.type, payload: reply.payload)
    }
}
