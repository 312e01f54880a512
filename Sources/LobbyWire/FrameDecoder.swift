/// An incremental frame decoder: feed bytes with `consume(_:)`, get frames and rejections.
///
/// COBS is undone on the fly into a fixed buffer; the `00` delimiter ends a frame. Noise,
/// truncation and oversized input only ever yield a rejection; the next delimiter always
/// resynchronises. Empty frames (two delimiters in a row) are silently skipped.
public struct FrameDecoder: Sendable {
    private var body = FrameBody()
    private var blockRemaining = 0
    private var lastCode: UInt8 = 0xFF
    private var started = false
    private var overflowed = false

    /// Creates a decoder waiting for the start of a frame.
    public init() {}

    /// Whether some bytes of an unfinished frame are buffered.
    public var isInsideFrame: Bool { started }

    /// Drops any partial frame (call after an inter-byte gap longer than the timeout).
    public mutating func reset() {
        body.removeAll()
        blockRemaining = 0
        lastCode = 0xFF
        started = false
        overflowed = false
    }

    /// Feeds one received byte; returns a result when the byte was a delimiter ending a frame.
    public mutating func consume(_ byte: UInt8) -> DecoderOutput? {
        var frame = Frame(header: FrameHeader(destination: .broadcast, source: .master, sequence: SequenceNumber(0), type: .ack), payload: Payload())
        switch consume(byte, into: &frame) {
        case .pending: return nil
        case .frame: return .frame(frame)
        case .rejected(let rejection): return .rejected(rejection)
        }
    }

    /// Feeds one received byte; a completed frame is written into `frame` (no copies on the
    /// way, which keeps the firmware's stack small).
    public mutating func consume(_ byte: UInt8, into frame: inout Frame) -> DecodeStatus {
        if byte == 0 {
            defer { reset() }
            guard started else { return .pending }
            if overflowed { return .rejected(.oversized) }
            if blockRemaining != 0 { return .rejected(.truncatedBlock(bodyBytes: body.count)) }
            return Self.validate(body, into: &frame)
        }
        started = true
        if overflowed { return .pending }
        if blockRemaining == 0 {
            // A block shorter than 254 data bytes stood for a `00` (none before the first).
            if lastCode != 0xFF { store(0) }
            lastCode = byte
            blockRemaining = Int(byte) - 1
        } else {
            store(byte)
            blockRemaining -= 1
        }
        return .pending
    }

    private mutating func store(_ byte: UInt8) {
        if !body.append(byte) { overflowed = true }
    }

    /// Checks length, CRC and version of a decoded body.
    public static func validate(_ body: FrameBody) -> DecoderOutput {
        var frame = Frame(header: FrameHeader(destination: .broadcast, source: .master, sequence: SequenceNumber(0), type: .ack), payload: Payload())
        switch validate(body, into: &frame) {
        case .frame: return .frame(frame)
        case .rejected(let rejection): return .rejected(rejection)
        case .pending: return .rejected(.tooShort(bodyBytes: body.count))
        }
    }

    /// Checks length, CRC and version of a decoded body and fills `frame` when it is valid.
    public static func validate(_ body: FrameBody, into frame: inout Frame) -> DecodeStatus {
        let minimum = FrameLimits.headerLength + FrameLimits.crcLength
        guard body.count >= minimum else { return .rejected(.tooShort(bodyBytes: body.count)) }
        let declared = body[5]
        let received = body.count - minimum
        guard Int(declared) == received else {
            return .rejected(.lengthMismatch(declared: declared, received: received))
        }
        var crc = CRC16()
        var index = 0
        while index < body.count - FrameLimits.crcLength {
            crc.update(body[index])
            index += 1
        }
        let stored = body.littleEndianUInt16(at: body.count - FrameLimits.crcLength) ?? 0
        guard stored == crc.value else {
            return .rejected(.crcMismatch(received: stored, computed: crc.value))
        }
        let header = FrameHeader(
            version: body[0], destination: DeviceAddress(body[1]), source: DeviceAddress(body[2]),
            sequence: SequenceNumber(body[3]), type: MessageType(body[4]))
        guard header.version == FrameLimits.protocolVersion else {
            return .rejected(.unsupportedVersion(header))
        }
        frame.header = header
        frame.crc = stored
        frame.payload.removeAll()
        index = FrameLimits.headerLength
        while index < body.count - FrameLimits.crcLength {
            frame.payload.append(body[index])
            index += 1
        }
        return .frame
    }
}
