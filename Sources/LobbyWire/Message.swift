/// Every message of protocol version 1, requests from the master and replies from devices.
public enum Message: Sendable, Equatable {
    /// Reply: the request of this type was accepted.
    case ack(MessageType)
    /// Reply: the request of this type was refused; `detail` depends on the reason.
    case nack(MessageType, NackReason, detail: UInt8)
    /// Request: report status; optionally acknowledge events up to and including an id.
    case poll(acknowledgingThrough: EventID?)
    /// Reply to poll.
    case status(DeviceStatus)
    /// Request: identify yourself.
    case identifyRequest
    /// Reply to identify or search.
    case identifyReply(DeviceIdentity)
    /// Request: take `newAddress` if your serial is `serial`; others stay silent.
    case setAddress(serial: DeviceSerial, newAddress: DeviceAddress)
    /// Request to unassigned devices whose serial's top `bits` bits equal `prefix`'s: identify.
    case searchSerial(bits: UInt8, prefix: DeviceSerial)
    /// Request: blink (boards) or beep and blink (keypads) for `seconds`.
    case blinkIdentify(seconds: UInt8)
    /// Request: restart after the acknowledgement is sent.
    case reboot
    /// Board request: set the given lines.
    case showText(TextLines)
    /// Board request: blank all lines.
    case clear
    /// Board request: brightness 0 (off) ... 255 (full).
    case brightness(UInt8)
    /// Board request: show a test pattern.
    case testPattern(TestPattern)
    /// Board request: read `length` bytes of the frame buffer from `offset`.
    case readFrameBuffer(offset: UInt16, length: UInt8)
    /// Board reply: frame-buffer bytes.
    case frameBufferChunk(FrameBufferChunk)
    /// Keypad request: invite a vote for `ticket`, closing after `timeoutSeconds`.
    case voteStart(ticket: TicketReference, timeoutSeconds: UInt16)
    /// Keypad request: close the vote session without an event.
    case voteStop
    /// Keypad request: set the small display's text.
    case keypadText(TextLines)
    /// Keypad request: LEDs and beeper.
    case indicators(Indicators)
    /// Test images only: hold key `key` down for `holdCentiseconds` × 10 ms.
    case injectKey(key: UInt8, holdCentiseconds: UInt8)

    /// The type byte of this message.
    public var type: MessageType {
        switch self {
        case .ack: .ack
        case .nack: .nack
        case .poll: .poll
        case .status: .status
        case .identifyRequest: .identifyRequest
        case .identifyReply: .identifyReply
        case .setAddress: .setAddress
        case .searchSerial: .searchSerial
        case .blinkIdentify: .blinkIdentify
        case .reboot: .reboot
        case .showText: .showText
        case .clear: .clear
        case .brightness: .brightness
        case .testPattern: .testPattern
        case .readFrameBuffer: .readFrameBuffer
        case .frameBufferChunk: .frameBufferChunk
        case .voteStart: .voteStart
        case .voteStop: .voteStop
        case .keypadText: .keypadText
        case .indicators: .indicators
        case .injectKey: .injectKey
        }
    }

    /// The payload bytes of this message.
    public func payload() -> Payload {
        var out = Payload()
        appendPayload(to: &out)
        return out
    }

    /// Appends the payload bytes to `out` (e.g. a frame body being built in place).
    public func appendPayload<let n: Int>(to out: inout FixedBytes<n>) {
        switch self {
        case .ack(let type):
            out.append(type.rawValue)
        case .nack(let type, let reason, let detail):
            out.append(type.rawValue)
            out.append(reason.rawValue)
            out.append(detail)
        case .poll(let through):
            if let through { out.appendLittleEndian(through.rawValue) }
        case .status(let status):
            out.append(status.flags.rawValue)
            out.appendLittleEndian(status.uptimeSeconds)
            out.append(status.pendingEvents)
            out.append(UInt8(status.events.count))
            var index = 0
            while index < status.events.count {
                status.events[index].encode(into: &out)
                index += 1
            }
        case .identifyRequest, .reboot, .clear, .voteStop:
            break
        case .identifyReply(let identity):
            out.append(identity.kind.rawValue)
            out.append(identity.protocolVersion)
            out.append(identity.firmware.major)
            out.append(identity.firmware.minor)
            out.append(identity.firmware.patch)
            out.appendLittleEndian(identity.serial.rawValue)
            out.append(identity.geometry.lines)
            out.append(identity.geometry.columns)
            out.append(identity.geometry.glyphWidth)
            out.append(identity.geometry.glyphHeight)
            out.append(identity.capabilities)
        case .setAddress(let serial, let address):
            out.appendLittleEndian(serial.rawValue)
            out.append(address.rawValue)
        case .searchSerial(let bits, let prefix):
            out.append(bits)
            out.appendLittleEndian(prefix.rawValue)
        case .blinkIdentify(let seconds):
            out.append(seconds)
        case .showText(let lines), .keypadText(let lines):
            out.append(contentsOf: lines.payload)
        case .brightness(let level):
            out.append(level)
        case .testPattern(let pattern):
            out.append(pattern.rawValue)
        case .readFrameBuffer(let offset, let length):
            out.appendLittleEndian(offset)
            out.append(length)
        case .frameBufferChunk(let chunk):
            out.appendLittleEndian(chunk.width)
            out.appendLittleEndian(chunk.height)
            out.appendLittleEndian(chunk.offset)
            out.appendLittleEndian(chunk.totalBytes)
            out.append(contentsOf: chunk.data)
        case .voteStart(let ticket, let timeout):
            out.appendLittleEndian(ticket.rawValue)
            out.appendLittleEndian(timeout)
        case .indicators(let indicators):
            out.append(indicators.leds)
            out.append(indicators.blinkCentiseconds)
            out.append(indicators.beeps)
            out.append(indicators.beepCentiseconds)
        case .injectKey(let key, let hold):
            out.append(key)
            out.append(hold)
        }
    }

    /// Encodes this message as a complete wire frame into `output` (replacing its contents)
    /// without intermediate copies; returns false if it did not fit (never for valid messages).
    @discardableResult
    public func encodeFrame(
        from source: DeviceAddress, to destination: DeviceAddress, sequence: SequenceNumber,
        into output: inout EncodedFrame
    ) -> Bool {
        var body = FrameBody()
        body.append(FrameLimits.protocolVersion)
        body.append(destination.rawValue)
        body.append(source.rawValue)
        body.append(sequence.rawValue)
        body.append(type.rawValue)
        body.append(0)
        appendPayload(to: &body)
        let payloadLength = body.count - FrameLimits.headerLength
        guard payloadLength <= FrameLimits.maxPayload else { return false }
        body.set(UInt8(payloadLength), at: 5)
        body.appendLittleEndian(CRC16.checksum(body))
        output.removeAll()
        do throws(COBSError) {
            try COBS.encode(body, into: &output)
        } catch {
            output.removeAll()
            return false
        }
        return output.append(0)
    }

    /// A frame carrying this message.
    public func frame(from source: DeviceAddress, to destination: DeviceAddress, sequence: SequenceNumber) -> Frame {
        Frame(
            header: FrameHeader(destination: destination, source: source, sequence: sequence, type: type),
            payload: payload())
    }
}
