/// The device side of the link layer shared by boards and keypads.
///
/// Decodes frames addressed to the device, answers the messages every device shares
/// (identify, set address, search, unknown types and versions, malformed payloads),
/// de-duplicates retries by (source, sequence, CRC) and re-sends the stored answer. The
/// order of its checks is Protocol.md §5.1; a partial frame is dropped after an inter-byte
/// gap (§2.3).
public struct DeviceLink: Sendable {
    /// What the caller must do after a byte.
    public enum Step: Sendable, Equatable {
        /// Nothing (byte buffered, frame for someone else, or a broadcast).
        case none
        /// Send these bytes (an answer produced by the link itself or a repeated answer).
        case send(EncodedFrame)
        /// `request` holds a request for the device's own logic; answer with `respond(with:)`.
        case handle
    }

    /// A decoded request addressed to this device (or broadcast).
    public struct Request: Sendable, Equatable {
        /// The frame header.
        public var header: FrameHeader
        /// The frame CRC (identifies retries).
        public var crc: UInt16
        /// The message.
        public var message: Message
        /// Whether the request was broadcast (never answered).
        public var isBroadcast: Bool { header.destination == .broadcast }
    }

    /// Counters for diagnostics.
    public struct Counters: Sendable, Equatable {
        /// Frames with good CRC addressed to this device or broadcast.
        public var accepted: UInt32 = 0
        /// Frames rejected by the decoder (noise, CRC, truncation, size, version).
        public var rejected: UInt32 = 0
        /// Retries answered from the stored answer.
        public var duplicates: UInt32 = 0
    }

    /// The device's current bus address.
    public private(set) var address: DeviceAddress
    /// What the device reports on identify.
    public private(set) var identity: DeviceIdentity
    /// Diagnostic counters.
    public private(set) var counters = Counters()

    /// The request to handle after `consume` returned `.handle`.
    public private(set) var request = Request(
        header: FrameHeader(destination: .broadcast, source: .master, sequence: SequenceNumber(0), type: .poll),
        crc: 0, message: .identifyRequest)

    private var decoder = FrameDecoder()
    private var frame = Frame(
        header: FrameHeader(destination: .broadcast, source: .master, sequence: SequenceNumber(0), type: .poll),
        payload: Payload())
    private var hasLastRequest = false
    private var lastSource = DeviceAddress.master
    private var lastDestination = DeviceAddress.broadcast
    private var lastSequence = SequenceNumber(0)
    private var lastCRC: UInt16 = 0
    private var lastReply = EncodedFrame()
    private var lastByteAt: Ticks?
    private var gapTicks: UInt32

    /// Creates a link for a device with an identity and a starting address; `ticksPerSecond`
    /// is the rate of the `now` values given to `consume(_:now:)`.
    public init(identity: DeviceIdentity, address: DeviceAddress, ticksPerSecond: UInt32 = 1000) {
        self.identity = identity
        self.address = address
        gapTicks = Self.gapTicks(ticksPerSecond)
    }

    /// Ticks of the longest inter-byte gap that keeps a partial frame: 20 ms rounded up, so a
    /// gap shorter than 20 ms keeps it and one of 30 ms or more drops it even at 100 Hz (§2.3).
    static func gapTicks(_ ticksPerSecond: UInt32) -> UInt32 {
        max(1, (max(ticksPerSecond, 1) * 20 + 999) / 1000)
    }

    /// Back to the power-on state in place (no large temporaries): new identity and address,
    /// no partial frame, no remembered request.
    public mutating func restart(identity: DeviceIdentity, address: DeviceAddress, ticksPerSecond: UInt32) {
        self.identity = identity
        self.address = address
        gapTicks = Self.gapTicks(ticksPerSecond)
        decoder.reset()
        hasLastRequest = false
        lastReply.removeAll()
        lastByteAt = nil
        counters = Counters()
    }

    /// Drops a partial frame (as after an inter-byte gap).
    public mutating func resetDecoder() { decoder.reset() }

    /// Feeds one byte received at `now`: a partial frame is dropped first when the gap since
    /// the previous byte was too long (Protocol.md §2.3).
    public mutating func consume(_ byte: UInt8, now: Ticks) -> Step {
        if decoder.isInsideFrame, let last = lastByteAt, now.ticks(since: last) > gapTicks {
            decoder.reset()
            counters.rejected &+= 1
        }
        lastByteAt = now
        return step(byte)
    }

    /// Feeds one received byte (no inter-byte timing).
    public mutating func consume(_ byte: UInt8) -> Step { step(byte) }

    // One frame with the caller's: the answer (about 210 bytes) is not copied through a layer
    // of its own on the firmware's small stack.
    @inline(__always)
    private mutating func step(_ byte: UInt8) -> Step {
        switch decoder.consume(byte, into: &frame) {
        case .pending:
            return .none
        case .rejected(let rejection):
            counters.rejected &+= 1
            if case .unsupportedVersion(let header) = rejection, header.destination == address,
                header.source.isMaster
            {
                let reply = Message.nack(header.type, .unsupportedVersion, detail: FrameLimits.protocolVersion)
                var answer = EncodedFrame()
                reply.encodeFrame(from: address, to: header.source, sequence: header.sequence, into: &answer)
                return .send(answer)
            }
            return .none
        case .frame:
            return accept()
        }
    }

    /// Filters, de-duplicates and decodes the frame just received into `request`, in the
    /// order of Protocol.md §5.1.
    private mutating func accept() -> Step {
        let header = frame.header
        guard header.source.isMaster else { return .none }
        // A retry is recognised before the address filter: the retry of a setAddress goes to
        // the address the device had, and must get the stored answer (from the new address).
        if hasLastRequest && header.source == lastSource && header.sequence == lastSequence && frame.crc == lastCRC
            && header.destination == lastDestination
        {
            counters.accepted &+= 1
            counters.duplicates &+= 1
            if lastReply.count == 0 { return .none }
            return .send(lastReply)
        }
        guard header.destination == address || header.destination == .broadcast else { return .none }
        counters.accepted &+= 1
        request.header = header
        request.crc = frame.crc
        if let reason = refusal(of: header.type) { return refuse(reason) }
        if let error = decodeRequest() {
            // setAddress and searchSerial name the device that answers in their payload: a
            // device that cannot read it stays silent (several unassigned devices would collide).
            if header.type == .setAddress || header.type == .searchSerial { return stayQuiet() }
            return refuse(error.nackReason)
        }
        return answerShared()
    }

    /// Takes the request without answering it (remembered for retries).
    @inline(never)
    private mutating func stayQuiet() -> Step { finish(reply: nil) }

    /// Answers the request with a nack (its message value lives only in this frame).
    @inline(never)
    private mutating func refuse(_ reason: NackReason) -> Step {
        finish(reply: .nack(request.header.type, reason, detail: 0))
    }

    /// Why this device refuses a type before looking at its payload, or nil if it takes it.
    private func refusal(of type: MessageType) -> NackReason? {
        let hasTestHooks = identity.capabilities & DeviceIdentity.capabilityTestHooks != 0
        switch type.audience {
        case .unknown: return .unknownType
        case .master: return .unsupportedByDevice
        case .anyDevice: return nil
        case .board: return identity.kind.isBoard ? nil : .unsupportedByDevice
        case .keypad: return identity.kind.isBoard ? .unsupportedByDevice : nil
        case .testImages:
            if !hasTestHooks { return .unknownType }
            return identity.kind.isBoard ? .unsupportedByDevice : nil
        }
    }

    /// Decodes the frame's payload into `request.message`; returns the error if it fails.
    @inline(never)
    private mutating func decodeRequest() -> MessageError? {
        do throws(MessageError) {
            request.message = try Message.decode(type: frame.header.type, payload: frame.payload)
            return nil
        } catch {
            return error
        }
    }

    /// Answers the messages every device shares; leaves the rest to the device.
    @inline(never)
    private mutating func answerShared() -> Step {
        switch request.message {
        case .identifyRequest:
            return finish(reply: .identifyReply(identity))
        case .searchSerial(let bits, let prefix):
            let matches = address == .unassigned && identity.serial.matches(prefix: prefix, bits: bits)
            return finish(reply: matches ? .identifyReply(identity) : nil)
        case .setAddress(let serial, let newAddress):
            guard serial == identity.serial else { return finish(reply: nil) }
            address = newAddress
            return finish(reply: .ack(.setAddress))
        default:
            return .handle
        }
    }

    private mutating func finish(reply: Message?) -> Step {
        if let frame = respond(with: reply) { return .send(frame) }
        return .none
    }

    /// Records the answer to `request` (for retries) and returns the bytes to send, if any.
    ///
    /// Broadcast requests and `nil` replies are remembered as "answered with silence".
    public mutating func respond(with reply: Message?) -> EncodedFrame? {
        hasLastRequest = true
        lastSource = request.header.source
        lastDestination = request.header.destination
        lastSequence = request.header.sequence
        lastCRC = request.crc
        lastReply.removeAll()
        guard !request.isBroadcast, let reply else { return nil }
        reply.encodeFrame(from: address, to: request.header.source, sequence: request.header.sequence, into: &lastReply)
        return lastReply
    }
}
