import LobbyEscPos
import LobbyPrinting

/// Control and bulk transfers of the emulated printer.
extension EmulatedUSBPrinter {
    /// Answers one control request (descriptors, status, printer-class requests); others stall.
    mutating func control(_ packet: USBRedirPacket, events: inout [Event]) -> USBRedirPacket {
        let payload = packet.payload
        let (endpoint, request, requestType) = (payload.u8(at: 0), payload.u8(at: 1), payload.u8(at: 2))
        let (value, index, length) = (payload.u16(at: 4), payload.u16(at: 6), Int(payload.u16(at: 8)))
        var answer: [UInt8]?
        var name = format2(requestType) + "/" + String(request)
        switch (requestType, request) {
        case (0x80, 6):
            let (kind, descriptorIndex) = (UInt8(value >> 8), UInt8(value & 0xFF))
            switch kind {
            case 1: answer = identity.deviceDescriptor; name = "GET_DESCRIPTOR device"
            case 2: answer = identity.configurationDescriptor; name = "GET_DESCRIPTOR configuration"
            case 3: answer = identity.stringDescriptor(descriptorIndex); name = "GET_DESCRIPTOR string \(descriptorIndex)"
            default: name = "GET_DESCRIPTOR type \(kind)"
            }
        case (0x80, 0): answer = [1, 0]; name = "GET_STATUS device"
        case (0x81, 0), (0x82, 0): answer = [0, 0]; name = "GET_STATUS"
        case (0x00, 1), (0x01, 1), (0x02, 1), (0x00, 3), (0x01, 3), (0x02, 3): answer = []; name = request == 1 ? "CLEAR_FEATURE" : "SET_FEATURE"
        case (0xA1, 0) where identity.kind == .printerClass && index >> 8 == 0:
            answer = identity.deviceIDReply; name = "GET_DEVICE_ID"
        case (0xA1, 1) where identity.kind == .printerClass:
            // Port status: bit 3 not-error, bit 4 selected, bit 5 paper empty.
            let paperOut = condition.paper == .out
            answer = [0x10 | (paperOut ? 0x20 : 0) | (condition.prints ? 0x08 : 0)]; name = "GET_PORT_STATUS"
        case (0x21, 2) where identity.kind == .printerClass:
            answer = []; name = "SOFT_RESET"
        default:
            break
        }
        var header = Array(payload.prefix(10))
        header += [UInt8](repeating: 0, count: 10 - header.count)
        guard let data = answer else {
            events.append(.control("\(name) value \(value) index \(index) → stall"))
            header[3] = USBRedirStatus.stall.rawValue
            header[8] = 0; header[9] = 0
            return USBRedirPacket(.controlPacket, id: packet.id, payload: header)
        }
        let sent = requestType & 0x80 != 0 ? Array(data.prefix(length)) : []
        header[3] = USBRedirStatus.success.rawValue
        let actual = requestType & 0x80 != 0 ? sent.count : length
        header[8] = UInt8(actual & 0xFF); header[9] = UInt8(actual >> 8)
        events.append(.control("\(name) length \(length) → \(sent.count) bytes"))
        _ = endpoint
        return USBRedirPacket(.controlPacket, id: packet.id, payload: header + sent)
    }

    /// Takes bulk OUT data (job bytes and status requests) or queues a bulk IN request.
    mutating func bulk(_ packet: USBRedirPacket, events: inout [Event]) -> [USBRedirPacket] {
        let payload = packet.payload
        let headerSize = negotiated(.thirtyTwoBitBulkLength) ? 10 : 8
        let endpoint = payload.u8(at: 0)
        let streamID = payload.u32(at: 4)
        var length = Int(payload.u16(at: 2))
        if headerSize == 10 { length |= Int(payload.u16(at: 8)) << 16 }
        if endpoint == EmulatedPrinterIdentity.bulkOutEndpoint {
            if let limit = holdAfterJobBytes, jobBytes.count >= limit {
                heldOut.append(packet)
                events.append(.held(payload.count - headerSize))
                return []
            }
            let data = Array(payload.dropFirst(headerSize))
            for event in framer.consume(data) {
                switch event {
                case let .data(bytes):
                    jobBytes += bytes
                    events.append(.jobBytes(bytes))
                case let .statusRequest(kind):
                    let reply = condition.reply(to: kind)
                    if let reply { replyBytes.append(reply) }
                    events.append(.statusRequest(kind, reply))
                case let .transmitStatus(n):
                    // The emulation prints on receipt, so `GS r` is answered at once.
                    if let reply = condition.transmitStatusReply(n) { replyBytes.append(reply) }
                }
            }
            return [bulkAnswer(id: packet.id, endpoint: endpoint, streamID: streamID, status: .success, length: data.count)]
                + serveWaitingIn(events: &events)
        }
        if endpoint == EmulatedPrinterIdentity.bulkInEndpoint {
            waitingIn.append((packet.id, endpoint, streamID, length))
            return serveWaitingIn(events: &events)
        }
        events.append(.ignored("bulk packet for endpoint \(endpoint)"))
        return [bulkAnswer(id: packet.id, endpoint: endpoint, streamID: streamID, status: .stall, data: [])]
    }

    /// Answers waiting bulk IN requests while status bytes are there.
    private mutating func serveWaitingIn(events: inout [Event]) -> [USBRedirPacket] {
        var answers: [USBRedirPacket] = []
        while !waitingIn.isEmpty, !replyBytes.isEmpty {
            let request = waitingIn.removeFirst()
            let count = min(request.length, replyBytes.count)
            let data = Array(replyBytes.prefix(count))
            replyBytes.removeFirst(count)
            events.append(.statusSent(count))
            answers.append(bulkAnswer(id: request.id, endpoint: request.endpoint, streamID: request.streamID, status: .success, data: data))
        }
        return answers
    }

    /// A bulk answer: header (length = data count, or `length` for OUT) then the IN data.
    func bulkAnswer(id: UInt64, endpoint: UInt8, streamID: UInt32, status: USBRedirStatus, data: [UInt8] = [], length: Int? = nil) -> USBRedirPacket {
        let total = length ?? data.count
        var out = ByteWriter()
        out.u8(endpoint); out.u8(status.rawValue); out.u16(UInt16(total & 0xFFFF)); out.u32(streamID)
        if negotiated(.thirtyTwoBitBulkLength) { out.u16(UInt16(total >> 16)) }
        return USBRedirPacket(.bulkPacket, id: id, payload: out.bytes + data)
    }

    private func format2(_ value: UInt8) -> String {
        let digits = String(value, radix: 16)
        return "0x" + (digits.count == 1 ? "0" : "") + digits
    }
}
