import LobbyWire

/// A piece of a byte stream on a compatibility bus: a complete frame or bytes that are none.
public enum WireChunk: Sendable, Equatable {
    /// A complete frame (checksum correct where the protocol has one).
    case frame([UInt8])
    /// Bytes that do not form a frame, with the reason.
    case noise([UInt8], reason: String)
}

/// What a device answered or sent on a compatibility bus, in the master's terms.
public enum CompatibilityInput: Sendable, Equatable {
    /// The device is there and has nothing to report (QSystem scan answer, FF 68 idle answer).
    case present(address: UInt8)
    /// A QSystem keypad key code (`01 ADDR KEY 07`).
    case key(address: UInt8, code: UInt8)
    /// An FF 68 frame from a device; `raw` is echoed back as the acknowledgement.
    case ff68(address: UInt8, function: UInt8, data: [UInt8], raw: [UInt8])

    /// The device's address.
    public var address: UInt8 {
        switch self {
        case .present(let address), .key(let address, _), .ff68(let address, _, _, _): address
        }
    }
}

/// Splits a byte stream of one protocol into frames and noise, resynchronising after damage.
public struct WireFrameSplitter: Sendable {
    /// The protocol of the stream.
    public let busProtocol: BusProtocol
    private var buffer: [UInt8] = []
    /// Longest Candle frame accepted (`01 ADDR BLINK` + 76 characters + `07`).
    static let candleMaximum = 80

    /// Creates a splitter.
    public init(busProtocol: BusProtocol) { self.busProtocol = busProtocol }

    /// Bytes held while a frame is incomplete.
    public var pendingCount: Int { buffer.count }

    /// Feeds bytes; returns the chunks completed by them.
    public mutating func consume(_ bytes: [UInt8]) -> [WireChunk] {
        buffer += bytes
        var chunks: [WireChunk] = []
        while let chunk = next() { chunks.append(chunk) }
        return merged(chunks)
    }

    /// Ends the stream (a gap on the line, a timeout): what is held is reported as noise.
    public mutating func flush() -> [WireChunk] {
        guard !buffer.isEmpty else { return [] }
        defer { buffer.removeAll() }
        return [.noise(buffer, reason: "incomplete frame")]
    }

    private mutating func take(_ count: Int) -> [UInt8] {
        let taken = Array(buffer.prefix(count))
        buffer.removeFirst(min(count, buffer.count))
        return taken
    }

    private mutating func next() -> WireChunk? {
        guard !buffer.isEmpty else { return nil }
        switch busProtocol {
        case .lobby: return nextLobby()
        case .candleQSystem: return nextCandle()
        case .ff68: return nextFF68()
        }
    }

    private mutating func nextLobby() -> WireChunk? {
        // Idle delimiters between frames are not noise.
        while buffer.first == 0 { buffer.removeFirst() }
        guard let end = buffer.firstIndex(of: 0) else {
            return buffer.count > FrameLimits.maxEncoded + 1 ? .noise(take(buffer.count), reason: "no delimiter") : nil
        }
        return .frame(take(end + 1))
    }

    private mutating func nextCandle() -> WireChunk? {
        guard let start = buffer.firstIndex(where: { (0x01...0x04).contains($0) }) else {
            return .noise(take(buffer.count), reason: "no frame start (01-04)")
        }
        if start > 0 { return .noise(take(start), reason: "no frame start (01-04)") }
        let fixed: Int? = switch buffer[0] {
        case 0x02, 0x03: 4
        case 0x04: 3
        default: nil
        }
        if let fixed {
            guard buffer.count >= fixed else { return nil }
            return buffer[fixed - 1] == 0x07 ? .frame(take(fixed)) : .noise(take(1), reason: "frame without end byte 07")
        }
        // 01 ADDR BLINK/KEY DATA… 07: the end is the first 07 after the third byte.
        let limit = min(buffer.count, Self.candleMaximum)
        if limit > 3, let end = buffer[3..<limit].firstIndex(of: 0x07) { return .frame(take(end + 1)) }
        return buffer.count >= Self.candleMaximum ? .noise(take(1), reason: "frame without end byte 07") : nil
    }

    private mutating func nextFF68() -> WireChunk? {
        guard let start = buffer.firstIndex(of: 0xFF) else { return .noise(take(buffer.count), reason: "no frame start (FF 68)") }
        if start > 0 { return .noise(take(start), reason: "no frame start (FF 68)") }
        guard buffer.count >= 5 else { return buffer.count >= 2 && buffer[1] != 0x68 ? .noise(take(1), reason: "no frame start (FF 68)") : nil }
        guard buffer[1] == 0x68, buffer[4] == 0x68, buffer[2] == buffer[3], buffer[2] >= 2 else {
            return .noise(take(1), reason: "bad FF 68 header")
        }
        let total = 7 + Int(buffer[2])
        guard buffer.count >= total else { return nil }
        if FF68Driver.parse(Array(buffer[0..<total])) != nil { return .frame(take(total)) }
        return .noise(take(1), reason: "FF 68 checksum or end byte wrong")
    }

    /// Joins adjacent noise chunks so one burst is reported once.
    private func merged(_ chunks: [WireChunk]) -> [WireChunk] {
        var result: [WireChunk] = []
        for chunk in chunks {
            if case .noise(let bytes, let reason) = chunk, case .noise(let previous, let previousReason)? = result.last {
                result[result.count - 1] = .noise(previous + bytes, reason: previousReason == reason ? reason : previousReason)
            } else {
                result.append(chunk)
            }
        }
        return result
    }
}

/// Reads frames of the compatibility protocols as the master's inputs.
public enum CompatibilityWire {
    /// The input a frame received from a device stands for; nil for frames devices do not send.
    public static func input(_ frame: [UInt8], busProtocol: BusProtocol, pollFunction: UInt8 = 0x00) -> CompatibilityInput? {
        switch busProtocol {
        case .lobby:
            return nil
        case .candleQSystem:
            if frame.count == 3 && frame[0] == 0x04 { return .present(address: frame[1]) }
            if frame.count == 4 && frame[0] == 0x01 { return .key(address: frame[1], code: frame[2]) }
            return nil
        case .ff68:
            guard let parsed = FF68Driver.parse(frame) else { return nil }
            // The host's own poll (no data) read back from an echoing adapter is not an answer.
            if parsed.function == pollFunction { return parsed.data.isEmpty ? nil : .present(address: parsed.address) }
            return .ff68(address: parsed.address, function: parsed.function, data: parsed.data, raw: Array(frame[0..<parsed.length]))
        }
    }
}
