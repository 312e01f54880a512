import LobbyQueue
import LobbyWire

/// Which protocol a bus speaks (chosen per bus in the configuration).
public enum BusProtocol: String, Sendable, Equatable {
    /// Lobby protocol v1 (Docs/Protocol.md): acknowledged, checked, read back.
    case lobby
    /// Candle boards and QSystem keypads: no checksum, no acknowledgement (57600 or 19200 baud).
    case candleQSystem = "candle-qsystem"
    /// `FF 68 …` callers and evaluators (9600 baud); the host echoes every frame as its ack.
    case ff68

    /// Parses a configuration name: `lobby`, `candle` (also `candle-qsystem`, `qsystem`), `ff68`.
    public init?(configurationName name: String) {
        switch name.lowercased() {
        case "lobby": self = .lobby
        case "candle", "candle-qsystem", "qsystem": self = .candleQSystem
        case "ff68", "ff-68": self = .ff68
        default: return nil
        }
    }

    /// The usual baud rate of the protocol's devices (Candle boards: 57600 by jumper, or 19200).
    public var defaultBaud: UInt32 {
        switch self {
        case .lobby: 115_200
        case .candleQSystem: 57_600
        case .ff68: 9_600
        }
    }
}

/// A board protocol without acknowledgements: frames to write, paced by sleeping.
public protocol BoardDriver: Sendable {
    /// The frames that make the board at `address` show `content` (top line only on one-line boards).
    func frames(showing content: BoardContent, at address: UInt8) -> [[UInt8]]
    /// Microseconds to wait after each frame (the board cannot say it is done).
    var pacingMicroseconds: UInt64 { get }
}

/// A keypad protocol: bytes from the keypad in, events out; commands to it encoded.
public protocol KeypadDriver: Sendable {
    /// Feeds received bytes; returns complete inputs (and what to write back, if anything).
    mutating func consume(_ bytes: [UInt8]) -> [CompatibilityKeypadInput]
}

/// What a compatibility keypad reported.
public struct CompatibilityKeypadInput: Sendable, Equatable {
    /// The keypad's address.
    public var address: UInt8
    /// The event in Lobby's terms.
    public var kind: KeypadEventKind
    /// Bytes the host must send back (the FF 68 echo), empty when none.
    public var reply: [UInt8]
}

/// Candle RS-485 window boards: `01 ADDR BLINK DATA… 07`, no checksum, no answer.
public struct CandleBoardDriver: BoardDriver {
    /// Why a Candle frame cannot be built.
    public enum Refusal: Error, Sendable, Equatable {
        /// Addresses are 0x20...0x7F.
        case addressOutOfRange(UInt8)
        /// `03 FF NEW 07` gives every board the same address: only with exactly one board attached.
        case broadcastReaddressWithSeveralBoards
    }

    /// Pause after a frame; the boards have no flow control (the old driver slept 200-300 ms).
    public var pacingMicroseconds: UInt64

    /// Creates the driver.
    public init(pacingMicroseconds: UInt64 = 250_000) { self.pacingMicroseconds = pacingMicroseconds }

    /// One frame per board: line 0 of the content, blinking if its attributes say so.
    public func frames(showing content: BoardContent, at address: UInt8) -> [[UInt8]] {
        let line = content.line(0)
        return [Self.text(line.text, address: address, blinkTimes: line.attributes.contains(.blink) ? 0 : nil)]
    }

    /// `01 ADDR BLINK DATA… 07`: `blinkTimes` nil = steady (0x20), 0 = blink (0x21), n = blink n times (0x21 + n, at most 0x7F).
    public static func text(_ text: String, address: UInt8, blinkTimes: Int?) -> [UInt8] {
        let blink: UInt8
        if let times = blinkTimes { blink = UInt8(min(0x21 + max(times, 0), 0x7F)) } else { blink = 0x20 }
        return [0x01, address, blink] + text.unicodeScalars.map(segmentCode) + [0x07]
    }

    /// Brightness `02 ADDR 20(max)…23(min) 07`; `level` 0 = max … 3 = min.
    public static func brightness(_ level: Int, address: UInt8) -> [UInt8] { [0x02, address, UInt8(0x20 + min(max(level, 0), 3)), 0x07] }

    /// Set address `03 OLD NEW 07`; the broadcast form only when exactly one board is attached.
    public static func setAddress(from old: UInt8, to new: UInt8, boardsAttached: Int) throws(Refusal) -> [UInt8] {
        guard (0x20...0x7F).contains(new) else { throw .addressOutOfRange(new) }
        if old == 0xFF {
            guard boardsAttached == 1 else { throw .broadcastReaddressWithSeveralBoards }
        } else if !(0x20...0x7F).contains(old) {
            throw .addressOutOfRange(old)
        }
        return [0x03, old, new, 0x07]
    }

    /// The byte a 7-segment board draws for a character: digits, Latin letters and space as
    /// ASCII, Cyrillic as cp1251, arrows as `<` `>`, everything else as `-`.
    public static func segmentCode(_ scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x20, 0x2D, 0x3C, 0x3E: UInt8(scalar.value)
        case 0x410...0x44F: UInt8(scalar.value - 0x410 + 0xC0)
        case 0x401: 0xA8
        case 0x451: 0xB8
        case 0x2192: 0x3E
        case 0x2190: 0x3C
        default: 0x2D
        }
    }

    /// Parses one frame (for tests and `bus monitor`): address, blink byte and the data.
    public static func parse(_ frame: [UInt8]) -> (address: UInt8, blink: UInt8, data: [UInt8])? {
        guard frame.count >= 4, frame.first == 0x01, frame.last == 0x07 else { return nil }
        return (frame[1], frame[2], Array(frame[3..<(frame.count - 1)]))
    }
}

/// QSystem operator keypads: `01 ADDR KEY 07` from the keypad, commands `01 ADDR CMD 07`.
public struct QSystemKeypadDriver: KeypadDriver {
    private var buffer: [UInt8] = []

    /// Creates the driver.
    public init() {}

    /// Feeds bytes; every complete `01 ADDR KEY 07` becomes an operator key.
    public mutating func consume(_ bytes: [UInt8]) -> [CompatibilityKeypadInput] {
        buffer += bytes
        var inputs: [CompatibilityKeypadInput] = []
        while let start = buffer.firstIndex(of: 0x01) {
            buffer.removeFirst(start)
            guard buffer.count >= 4 else { break }
            if buffer[3] == 0x07, let kind = Self.kind(forKey: buffer[2]) {
                inputs.append(CompatibilityKeypadInput(address: buffer[1], kind: kind, reply: []))
                buffer.removeFirst(4)
            } else {
                buffer.removeFirst()
            }
        }
        if buffer.count > 64 { buffer.removeAll() }
        return inputs
    }

    /// Key codes 31 call/recall, 32 start, 33 redirect, 34 no-show/finish.
    public static func kind(forKey key: UInt8) -> KeypadEventKind? {
        switch key {
        case 0x31: .operatorKey(.callNext)
        case 0x32: .keyPressed(0x32)
        case 0x33: .operatorKey(.transfer)
        case 0x34: .operatorKey(.finish)
        default: nil
        }
    }

    /// LED/beeper command `01 ADDR CMD 07` (30 off, 31 red, 32 green, 33…36 blink, 37…3D with beep).
    public static func command(_ command: UInt8, address: UInt8) -> [UInt8] { [0x01, address, command, 0x07] }

    /// The 3-character display `01 ADDR BLINK c1 c2 c3 07`.
    public static func display(_ text: String, address: UInt8, blink: Bool) -> [UInt8] {
        var characters = Array(text.unicodeScalars.prefix(3).map(CandleBoardDriver.segmentCode))
        while characters.count < 3 { characters.append(0x20) }
        return [0x01, address, blink ? 0x21 : 0x20] + characters + [0x07]
    }

    /// Bus scan `04 ADDR 07`.
    public static func scan(address: UInt8) -> [UInt8] { [0x04, address, 0x07] }
}

/// `FF 68 L L 68 ADDR FUNC DATA… CS 16` callers and evaluators; L counts ADDR, FUNC and DATA,
/// CS = (ADDR + FUNC + ΣDATA) mod 256. The host echoes every frame it accepts as the ack.
public struct FF68Driver: KeypadDriver {
    /// Evaluator function code: DATA[0] 0…3.
    public static let evaluatorFunction: UInt8 = 0x11
    private var buffer: [UInt8] = []

    /// Creates the driver.
    public init() {}

    /// The poll the host sends to one device (function `pollFunction`, no data); a device
    /// answers with its oldest unacknowledged frame or with an idle answer (Docs/Bus-compat.md).
    public static func poll(address: UInt8, function: UInt8 = 0x00) -> [UInt8] { frame(address: address, function: function, data: []) }

    /// Encodes a frame.
    public static func frame(address: UInt8, function: UInt8, data: [UInt8]) -> [UInt8] {
        let length = UInt8(truncatingIfNeeded: 2 + data.count)
        let checksum = data.reduce(address &+ function) { $0 &+ $1 }
        return [0xFF, 0x68, length, length, 0x68, address, function] + data + [checksum, 0x16]
    }

    /// Parses one complete frame at the start of `bytes`: (address, function, data, frame length).
    public static func parse(_ bytes: [UInt8]) -> (address: UInt8, function: UInt8, data: [UInt8], length: Int)? {
        guard bytes.count >= 9, bytes[0] == 0xFF, bytes[1] == 0x68, bytes[4] == 0x68, bytes[2] == bytes[3], bytes[2] >= 2 else { return nil }
        let total = 7 + Int(bytes[2])
        guard bytes.count >= total, bytes[total - 1] == 0x16 else { return nil }
        let body = Array(bytes[5..<(5 + Int(bytes[2]))])
        guard body.reduce(0, &+) == bytes[total - 2] else { return nil }
        return (body[0], body[1], Array(body[2...]), total)
    }

    /// Lobby score (1…5) per evaluator key DATA[0] = 0…3. An assumption (0 = most satisfied) to
    /// check against the installed evaluators; the neutral 3 has no key.
    public var scores: [UInt8] = [5, 4, 2, 1]

    /// Feeds bytes; an evaluator frame becomes a vote (score from `scores`, ticket reference 0:
    /// these evaluators know no ticket, the caller binds the window's last served ticket) with
    /// the echo as reply; other valid frames are echoed only.
    public mutating func consume(_ bytes: [UInt8]) -> [CompatibilityKeypadInput] {
        buffer += bytes
        var inputs: [CompatibilityKeypadInput] = []
        while let start = buffer.firstIndex(of: 0xFF) {
            buffer.removeFirst(start)
            if buffer.count < 5 { break }
            // Resynchronise on anything that is not a frame header (noise containing FF).
            guard buffer[1] == 0x68, buffer[4] == 0x68, buffer[2] == buffer[3], buffer[2] >= 2 else {
                buffer.removeFirst()
                continue
            }
            if buffer.count < 7 + Int(buffer[2]) { break }
            guard let frame = Self.parse(buffer) else {
                buffer.removeFirst()
                continue
            }
            let echo = Array(buffer[0..<frame.length])
            buffer.removeFirst(frame.length)
            if frame.function == Self.evaluatorFunction, let value = frame.data.first, value <= 3 {
                inputs.append(CompatibilityKeypadInput(address: frame.address, kind: .vote(ticket: TicketReference(0), score: scores[Int(value)]), reply: echo))
            } else {
                inputs.append(CompatibilityKeypadInput(address: frame.address, kind: .keyPressed(frame.function), reply: echo))
            }
        }
        if buffer.count > 512 { buffer.removeAll() }
        return inputs
    }
}
