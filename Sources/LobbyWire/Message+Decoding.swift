extension Message {
    /// Parses the payload of a frame of the given type.
    public static func decode(type: MessageType, payload: Payload) throws(MessageError) -> Message {
        var reader = PayloadReader(payload, type: type)
        let message = try decodeFields(type: type, payload: payload, reader: &reader)
        try reader.finish()
        return message
    }

    /// Reads the fields of a message; every case returns directly (one result slot).
    private static func decodeFields(
        type: MessageType, payload: Payload, reader: inout PayloadReader
    ) throws(MessageError) -> Message {
        switch type {
        case .ack:
            return .ack(MessageType(try reader.uint8()))
        case .nack:
            let acked = MessageType(try reader.uint8())
            guard let reason = NackReason(rawValue: try reader.uint8()) else { throw reader.invalid(width: 1) }
            return .nack(acked, reason, detail: try reader.uint8())
        case .poll:
            return .poll(acknowledgingThrough: reader.remaining == 0 ? nil : EventID(try reader.uint16()))
        case .status:
            return try decodeStatus(&reader)
        case .identifyRequest: return .identifyRequest
        case .reboot: return .reboot
        case .clear: return .clear
        case .voteStop: return .voteStop
        case .identifyReply:
            return try decodeIdentity(&reader)
        case .setAddress:
            let serial = DeviceSerial(try reader.uint64())
            let address = DeviceAddress(try reader.uint8())
            guard address.isAssignableDeviceAddress || address == .unassigned else { throw reader.invalid(width: 1) }
            return .setAddress(serial: serial, newAddress: address)
        case .searchSerial:
            let bits = try reader.uint8()
            guard bits <= 64 else { throw reader.invalid(width: 1) }
            return .searchSerial(bits: bits, prefix: DeviceSerial(try reader.uint64()))
        case .blinkIdentify:
            return .blinkIdentify(seconds: try reader.uint8())
        case .showText:
            let lines = try TextLines.decode(payload, type: type)
            reader.skipRemaining()
            return .showText(lines)
        case .keypadText:
            let lines = try TextLines.decode(payload, type: type)
            reader.skipRemaining()
            return .keypadText(lines)
        case .brightness:
            return .brightness(try reader.uint8())
        case .testPattern:
            guard let pattern = TestPattern(rawValue: try reader.uint8()) else { throw reader.invalid(width: 1) }
            return .testPattern(pattern)
        case .readFrameBuffer:
            let offset = try reader.uint16()
            let length = try reader.uint8()
            guard length >= 1 && Int(length) <= FrameBufferChunk.maxData else { throw reader.invalid(width: 1) }
            return .readFrameBuffer(offset: offset, length: length)
        case .frameBufferChunk:
            return try decodeChunk(&reader)
        case .voteStart:
            let ticket = TicketReference(try reader.uint32())
            let timeout = try reader.uint16()
            guard timeout > 0 else { throw reader.invalid(width: 2) }
            return .voteStart(ticket: ticket, timeoutSeconds: timeout)
        case .indicators:
            return .indicators(
                Indicators(
                    leds: try reader.uint8(), blinkCentiseconds: try reader.uint8(),
                    beeps: try reader.uint8(), beepCentiseconds: try reader.uint8()))
        case .injectKey:
            let key = try reader.uint8()
            guard key < 16 else { throw reader.invalid(width: 1) }
            return .injectKey(key: key, holdCentiseconds: try reader.uint8())
        default:
            throw .unknownType(type)
        }
    }

    // Large payloads are parsed in their own functions so that only one of them occupies
    // the (small) firmware stack at a time.

    @inline(never)
    private static func decodeStatus(_ reader: inout PayloadReader) throws(MessageError) -> Message {
        let flags = StatusFlags(rawValue: try reader.uint8())
        let uptime = try reader.uint32()
        let pending = try reader.uint8()
        let count = Int(try reader.uint8())
        guard count <= KeypadEventBatch.capacity, count <= Int(pending) else { throw reader.invalid(width: 1) }
        var events = KeypadEventBatch()
        var index = 0
        while index < count {
            events.append(try KeypadEvent.decode(from: &reader))
            index += 1
        }
        return .status(DeviceStatus(flags: flags, uptimeSeconds: uptime, pendingEvents: pending, events: events))
    }

    @inline(never)
    private static func decodeIdentity(_ reader: inout PayloadReader) throws(MessageError) -> Message {
        guard let kind = DeviceKind(rawValue: try reader.uint8()) else { throw reader.invalid(width: 1) }
        let protocolVersion = try reader.uint8()
        let firmware = FirmwareVersion(major: try reader.uint8(), minor: try reader.uint8(), patch: try reader.uint8())
        let serial = DeviceSerial(try reader.uint64())
        let geometry = DisplayGeometry(
            lines: try reader.uint8(), columns: try reader.uint8(),
            glyphWidth: try reader.uint8(), glyphHeight: try reader.uint8())
        let capabilities = try reader.uint8()
        return .identifyReply(
            DeviceIdentity(
                kind: kind, protocolVersion: protocolVersion, firmware: firmware, serial: serial,
                geometry: geometry, capabilities: capabilities))
    }

    @inline(never)
    private static func decodeChunk(_ reader: inout PayloadReader) throws(MessageError) -> Message {
        let width = try reader.uint16()
        let height = try reader.uint16()
        let offset = try reader.uint16()
        let total = try reader.uint16()
        var data = FixedBytes<192>()
        try reader.bytes(reader.remaining, into: &data)
        return .frameBufferChunk(
            FrameBufferChunk(width: width, height: height, offset: offset, totalBytes: total, data: data))
    }
}
