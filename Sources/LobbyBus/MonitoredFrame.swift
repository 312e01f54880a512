import LobbyQueue
import LobbyWire

/// One frame (or one burst of undecodable bytes) seen on a bus, for the bus monitor.
public struct MonitoredFrame: Sendable, Equatable {
    /// Which way the bytes travelled.
    public enum Direction: String, Sendable, Equatable {
        /// Written by the master (this process).
        case sent
        /// Read by the master (devices' answers and unsolicited frames).
        case received
        /// Seen by a passive monitor: the direction is inferred from the content where possible.
        case observed
    }

    /// Direction.
    public var direction: Direction
    /// Monotonic time of the observation in microseconds.
    public var microseconds: UInt64
    /// Wall-clock time of the observation.
    public var wallClock: Instant
    /// The bus (its port as configured).
    public var bus: String
    /// The protocol the bytes were decoded with.
    public var busProtocol: BusProtocol
    /// The device address the frame is to or from, when it names one.
    public var address: UInt8?
    /// The decoded message in words, or why the bytes could not be decoded.
    public var summary: String
    /// The bytes as they travelled.
    public var raw: [UInt8]
    /// Whether the bytes formed a valid frame of the protocol.
    public var isDecoded: Bool

    /// Creates a record.
    public init(
        direction: Direction, microseconds: UInt64, wallClock: Instant, bus: String, busProtocol: BusProtocol,
        address: UInt8?, summary: String, raw: [UInt8], isDecoded: Bool
    ) {
        self.direction = direction
        self.microseconds = microseconds
        self.wallClock = wallClock
        self.bus = bus
        self.busProtocol = busProtocol
        self.address = address
        self.summary = summary
        self.raw = raw
        self.isDecoded = isDecoded
    }

    /// A record of a chunk of the byte stream, decoded with `busProtocol`.
    public init(
        _ chunk: WireChunk, direction: Direction, microseconds: UInt64, wallClock: Instant, bus: String, busProtocol: BusProtocol
    ) {
        switch chunk {
        case .frame(let bytes):
            let described = FrameDescriber.describe(bytes, busProtocol: busProtocol, direction: direction)
            self.init(
                direction: direction, microseconds: microseconds, wallClock: wallClock, bus: bus, busProtocol: busProtocol,
                address: described.address, summary: described.summary, raw: bytes, isDecoded: described.isDecoded)
        case .noise(let bytes, let reason):
            self.init(
                direction: direction, microseconds: microseconds, wallClock: wallClock, bus: bus, busProtocol: busProtocol,
                address: nil, summary: "undecodable \(bytes.count) byte\(bytes.count == 1 ? "" : "s"): \(reason)", raw: bytes,
                isDecoded: false)
        }
    }
}

/// Turns the frames of the three protocols into words (pure).
public enum FrameDescriber {
    /// The address, a summary and whether `bytes` is a valid frame of `busProtocol`.
    public static func describe(_ bytes: [UInt8], busProtocol: BusProtocol, direction: MonitoredFrame.Direction)
        -> (address: UInt8?, summary: String, isDecoded: Bool)
    {
        switch busProtocol {
        case .lobby: lobby(bytes)
        case .candleQSystem: candle(bytes, direction: direction)
        case .ff68: ff68(bytes, direction: direction)
        }
    }

    static func lobby(_ bytes: [UInt8]) -> (address: UInt8?, summary: String, isDecoded: Bool) {
        var decoder = FrameDecoder()
        var output: DecoderOutput?
        for byte in bytes {
            if let produced = decoder.consume(byte) { output = produced }
        }
        switch output {
        case .frame(let frame)?:
            let header = frame.header
            let message: String
            do throws(MessageError) {
                message = try Message.decode(type: header.type, payload: frame.payload).description
            } catch {
                message = "\(header.type) with an undecodable payload: \(error.code) at byte \(error.offset)"
            }
            let device = header.source.isMaster ? header.destination : header.source
            return (device.rawValue, "\(header.source)→\(header.destination) seq \(header.sequence.rawValue) \(message)", true)
        case .rejected(let rejection)?:
            return (nil, "undecodable: \(rejection)", false)
        case nil:
            return (nil, "undecodable: no frame delimiter", false)
        }
    }

    static func candle(_ bytes: [UInt8], direction: MonitoredFrame.Direction) -> (address: UInt8?, summary: String, isDecoded: Bool) {
        guard bytes.count >= 3, bytes.last == 0x07 else { return (nil, "undecodable: not a Candle/QSystem frame", false) }
        let address = bytes[1]
        switch (bytes[0], bytes.count) {
        case (0x04, 3):
            let what = switch direction {
            case .received: "keypad present (scan answer)"
            case .sent: "scan keypad"
            case .observed: "scan keypad (or its answer)"
            }
            return (address, what, true)
        case (0x02, 4):
            return (address, "brightness \(bytes[2] &- 0x20) (0 = max, 3 = min)", true)
        case (0x03, 4):
            return (address, "set address \(hex(bytes[1])) → \(hex(bytes[2]))", true)
        case (0x01, 4):
            let code = bytes[2]
            if direction == .received { return (address, "key \(hex(code)) \(keyName(code))", true) }
            if direction == .sent { return (address, "keypad command \(hex(code)) \(commandName(code))", true) }
            return (address, "key \(hex(code)) \(keyName(code)) (from a keypad) or command \(commandName(code)) (to a keypad)", true)
        case (0x01, _):
            let text = String(String.UnicodeScalarView(bytes[3..<(bytes.count - 1)].map(segmentCharacter)))
            return (address, "text \"\(text)\" \(blinkName(bytes[2]))", true)
        default:
            return (nil, "undecodable: not a Candle/QSystem frame", false)
        }
    }

    static func ff68(_ bytes: [UInt8], direction: MonitoredFrame.Direction) -> (address: UInt8?, summary: String, isDecoded: Bool) {
        guard let frame = FF68Driver.parse(bytes) else { return (nil, "undecodable: not an FF 68 frame", false) }
        let data = frame.data.map(hex).joined(separator: " ")
        let what: String
        switch frame.function {
        case 0x00 where frame.data.isEmpty: what = "poll"
        case 0x00: what = "idle answer"
        case FF68Driver.evaluatorFunction: what = "evaluator key \(frame.data.first.map(String.init) ?? "?")"
        default: what = "function \(hex(frame.function))"
        }
        let echo = direction == .sent && frame.function != 0x00 ? " (echo = acknowledgement)" : ""
        return (frame.address, what + (data.isEmpty ? "" : " data [\(data)]") + echo, true)
    }

    /// Two hex digits with `0x`.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }

    static func segmentCharacter(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xC0...0xFF: Unicode.Scalar(UInt32(byte) - 0xC0 + 0x410) ?? "?"
        case 0xA8: "Ё"
        case 0xB8: "ё"
        case 0x20...0x7E: Unicode.Scalar(byte)
        default: "?"
        }
    }

    static func blinkName(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: "steady"
        case 0x21: "blinking"
        default: "blinking \(Int(byte) - 0x21) times"
        }
    }

    static func keyName(_ code: UInt8) -> String {
        switch code {
        case 0x31: "call/recall"
        case 0x32: "start"
        case 0x33: "redirect"
        case 0x34: "no-show/finish"
        default: "unknown"
        }
    }

    static func commandName(_ code: UInt8) -> String {
        switch code {
        case 0x30: "off"
        case 0x31: "red"
        case 0x32: "green"
        case 0x33, 0x34: "blink 200 ms"
        case 0x35, 0x36: "blink 500 ms"
        case 0x37...0x3D: "with beep"
        default: "unknown"
        }
    }
}
