/// The device side of the link layer shared by boards and keypads.
///
/// Decodes frames addressed to the device, answers the messages every device shares
/// (identify, set address, search, unknown types and versions, malformed payloads),
/// de-duplicates retries by (source, sequence, CRC) and re-sends the stored answer.
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
    public let identity: DeviceIdentity
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
    private var lastSequence = SequenceNumber(0)
    private var lastCRC: UInt16 = 0
    private var lastReply = EncodedFrame()

    /// Creates a link for a device with an identity and a starting address.
    public init(identity: DeviceIdentity, address: DeviceAddress) {
        self.identity = identity
        self.address = address
    }

    /// Drops a partial frame after an inter-byte gap.
    public mutating func resetDecoder() { decoder.reset() }

    /// Feeds one received byte.
    public mutating func consume(_ byte: UInt8) -> Step {
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

    /// Filters, de-duplicates and decodes the frame just received into `request`.
    private mutating func accept() -> Step {
        let header = frame.header
        guard header.source.isMaster, header.destination == address || header.destination == .broadcast else {
            return .none
        }
        counters.accepted &+= 1
        if hasLastRequest && header.source == lastSource && header.sequence == lastSequence && frame.crc == lastCRC {
            counters.duplicates &+= 1
            if header.destination == .broadcast || lastReply.count == 0 { return .none }
            return .send(lastReply)
        }
        request.header = header
        request.crc = frame.crc
        if let error = decodeRequest() {
            return finish(reply: .nack(header.type, error.nackReason, detail: 0))
        }
        return answerShared()
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
        case .ack, .nack, .status, .identifyReply, .frameBufferChunk:
            return finish(reply: .nack(request.header.type, .unsupportedByDevice, detail: 0))
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
        lastSequence = request.header.sequence
        lastCRC = request.crc
        lastReply.removeAll()
        guard !request.isBroadcast, let reply else { return nil }
        reply.encodeFrame(from: address, to: request.header.source, sequence: request.header.sequence, into: &lastReply)
        return lastReply
    }
}
