import LobbyEscPos
import LobbyPrinting

/// An ESC/POS printer on USB as the usbredir "usb-host" side presents it to QEMU's `usb-redir`
/// device: answers the hello, announces the device, serves descriptors and printer-class
/// requests, takes job bytes from bulk OUT and answers `DLE EOT n` on bulk IN the way
/// `lobby-printer-sim` does (`EscPosStreamFramer` + `SimulatedPrinterCondition`).
///
/// Pure: bytes from the socket in, bytes for the socket and events out. Bulk IN requests wait
/// (like a device that NAKs) until a status answer is there or the guest cancels them.
public struct EmulatedUSBPrinter: Sendable {
    /// Something that happened, for the emulator's log and the tests.
    public enum Event: Equatable, Sendable {
        /// The guest's hello (its version text).
        case hello(String)
        /// A control request and how it was answered (`GET_DESCRIPTOR device 18 → 18 bytes`).
        case control(String)
        /// Job bytes from bulk OUT (status requests removed).
        case jobBytes([UInt8])
        /// A `DLE EOT n` request and the reply byte (nil: the printer is silent).
        case statusRequest(RealTimeStatusKind, UInt8?)
        /// A bulk IN request answered with this many bytes.
        case statusSent(Int)
        /// The guest cancelled a waiting bulk IN request.
        case cancelled(UInt64)
        /// Configuration selected.
        case configured(UInt8)
        /// The guest reset the device.
        case reset
        /// A bulk OUT transfer held unanswered (buffer full).
        case held(Int)
        /// A packet the printer does not handle.
        case ignored(String)
    }

    /// Capabilities this side announces.
    public static let capabilities: Set<USBRedirCapability> = [.connectDeviceVersion, .endpointInfoMaxPacketSize, .sixtyFourBitIDs, .thirtyTwoBitBulkLength]

    /// Who the printer is.
    public let identity: EmulatedPrinterIdentity
    /// Paper, cover, answering.
    public var condition = SimulatedPrinterCondition()
    /// When set, bulk OUT transfers are no longer answered once this many job bytes arrived (a
    /// printer whose buffer is full NAKs): the guest's write stalls until `releaseHeldData()`,
    /// a cancel or an unplug.
    public var holdAfterJobBytes: Int?
    /// Every job byte received so far (status requests removed).
    public internal(set) var jobBytes: [UInt8] = []
    /// Capabilities the guest announced (empty until its hello).
    public private(set) var peerCapabilities: Set<USBRedirCapability> = []
    /// True once the hello exchange is done and the device announced.
    public private(set) var isConnected = false

    private var decoder = USBRedirStreamDecoder()
    var framer = EscPosStreamFramer()
    var replyBytes: [UInt8] = []
    var waitingIn: [(id: UInt64, endpoint: UInt8, streamID: UInt32, length: Int)] = []
    var configuration: UInt8 = 0
    var heldOut: [USBRedirPacket] = []
    var droppedHeldData = false

    /// A printer that has not spoken yet.
    public init(identity: EmulatedPrinterIdentity) {
        self.identity = identity
    }

    /// Our hello, to send as soon as the socket is connected.
    public func hello(version: String = "lobby-usb-printer-sim 1") -> [UInt8] {
        var payload = Array(version.utf8.prefix(63))
        payload += [UInt8](repeating: 0, count: 64 - payload.count)
        var caps = ByteWriter()
        caps.u32(Self.capabilities.reduce(UInt32(0)) { $0 | 1 << UInt32($1.rawValue) })
        return USBRedirPacket(.hello, payload: payload + caps.bytes).encoded(sixtyFourBitIDs: false)
    }

    /// True when both sides have `capability`.
    public func negotiated(_ capability: USBRedirCapability) -> Bool {
        Self.capabilities.contains(capability) && peerCapabilities.contains(capability)
    }

    /// Feeds bytes from the guest; returns bytes to send back and what happened.
    public mutating func receive(_ bytes: [UInt8]) throws(USBRedirProtocolError) -> (output: [UInt8], events: [Event]) {
        var packets = try decoder.consume(bytes)
        var output: [UInt8] = []
        var events: [Event] = []
        while !packets.isEmpty {
            let packet = packets.removeFirst()
            let answers = handle(packet, events: &events)
            for answer in answers { output += answer.encoded(sixtyFourBitIDs: negotiated(.sixtyFourBitIDs)) }
            if packet.knownType == .hello {
                decoder.sixtyFourBitIDs = negotiated(.sixtyFourBitIDs)
                packets += try decoder.drain()
            }
        }
        return (output, events)
    }

    /// Stops holding and takes the held bulk OUT transfers; returns the answers to send. The
    /// command parser starts afresh when held data was cancelled meanwhile (the stream was cut,
    /// as when a printer's buffer is cleared).
    public mutating func releaseHeldData() -> (output: [UInt8], events: [Event]) {
        holdAfterJobBytes = nil
        var events: [Event] = []
        var output: [UInt8] = []
        let held = heldOut
        heldOut.removeAll()
        for packet in held {
            for answer in bulk(packet, events: &events) { output += answer.encoded(sixtyFourBitIDs: negotiated(.sixtyFourBitIDs)) }
        }
        if droppedHeldData { framer = EscPosStreamFramer() }
        droppedHeldData = false
        return (output, events)
    }

    /// A `device_disconnect` packet: the printer is unplugged (the connection stays).
    public mutating func unplug() -> [UInt8] {
        isConnected = false
        waitingIn.removeAll()
        heldOut.removeAll()
        replyBytes.removeAll()
        return USBRedirPacket(.deviceDisconnect).encoded(sixtyFourBitIDs: negotiated(.sixtyFourBitIDs))
    }

    // MARK: Packets

    private mutating func handle(_ packet: USBRedirPacket, events: inout [Event]) -> [USBRedirPacket] {
        let payload = packet.payload
        switch packet.knownType {
        case .hello:
            let version = String(decoding: payload.prefix(64).prefix { $0 != 0 }, as: UTF8.self)
            var caps: Set<USBRedirCapability> = []
            if payload.count >= 68 {
                let bits = payload.u32(at: 64)
                for capability in USBRedirCapability.allCases where bits & (1 << UInt32(capability.rawValue)) != 0 { caps.insert(capability) }
            }
            peerCapabilities = caps
            events.append(.hello(version))
            isConnected = true
            return [endpointInfo(), interfaceInfo(), deviceConnect()]
        case .setConfiguration:
            let value = payload.u8(at: 0)
            guard value <= 1 else { return [USBRedirPacket(.configurationStatus, id: packet.id, payload: [USBRedirStatus.stall.rawValue, configuration])] }
            configuration = value
            events.append(.configured(value))
            return [endpointInfo(), interfaceInfo(), USBRedirPacket(.configurationStatus, id: packet.id, payload: [USBRedirStatus.success.rawValue, value])]
        case .getConfiguration:
            return [USBRedirPacket(.configurationStatus, id: packet.id, payload: [USBRedirStatus.success.rawValue, configuration])]
        case .setAlternateSetting:
            let (interface, alternate) = (payload.u8(at: 0), payload.u8(at: 1))
            guard interface == 0, alternate == 0 else {
                return [USBRedirPacket(.alternateSettingStatus, id: packet.id, payload: [USBRedirStatus.stall.rawValue, interface, alternate])]
            }
            return [endpointInfo(), interfaceInfo(), USBRedirPacket(.alternateSettingStatus, id: packet.id, payload: [USBRedirStatus.success.rawValue, 0, 0])]
        case .getAlternateSetting:
            let interface = payload.u8(at: 0)
            let status = interface == 0 ? USBRedirStatus.success : .stall
            return [USBRedirPacket(.alternateSettingStatus, id: packet.id, payload: [status.rawValue, interface, 0])]
        case .reset:
            framer = EscPosStreamFramer()
            replyBytes.removeAll()
            events.append(.reset)
            return []
        case .cancelDataPacket:
            if let index = heldOut.firstIndex(where: { $0.id == packet.id }) {
                let held = heldOut.remove(at: index)
                droppedHeldData = true
                events.append(.cancelled(packet.id))
                return [bulkAnswer(id: held.id, endpoint: held.payload.u8(at: 0), streamID: held.payload.u32(at: 4), status: .cancelled)]
            }
            guard let index = waitingIn.firstIndex(where: { $0.id == packet.id }) else { return [] }
            let request = waitingIn.remove(at: index)
            events.append(.cancelled(packet.id))
            return [bulkAnswer(id: request.id, endpoint: request.endpoint, streamID: request.streamID, status: .cancelled, data: [])]
        case .controlPacket:
            return [control(packet, events: &events)]
        case .bulkPacket:
            return bulk(packet, events: &events)
        case .filterFilter, .filterReject, .deviceDisconnectAck:
            return []
        default:
            events.append(.ignored("packet type \(packet.type), \(payload.count) bytes"))
            return []
        }
    }

    private func endpointInfo() -> USBRedirPacket {
        var types = [UInt8](repeating: 255, count: 32)
        var packetSizes = [UInt16](repeating: 0, count: 32)
        for index in [0, 16] { types[index] = 0; packetSizes[index] = EmulatedPrinterIdentity.packetSize }
        for endpoint in [EmulatedPrinterIdentity.bulkOutEndpoint, EmulatedPrinterIdentity.bulkInEndpoint] {
            let index = Self.endpointIndex(endpoint)
            types[index] = 2
            packetSizes[index] = EmulatedPrinterIdentity.packetSize
        }
        var out = ByteWriter()
        out.bytes += types
        out.bytes += [UInt8](repeating: 0, count: 32)  // intervals
        out.bytes += [UInt8](repeating: 0, count: 32)  // every endpoint belongs to interface 0
        if negotiated(.endpointInfoMaxPacketSize) { for size in packetSizes { out.u16(size) } }
        return USBRedirPacket(.endpointInfo, payload: out.bytes)
    }

    private func interfaceInfo() -> USBRedirPacket {
        let (interfaceClass, subclass, interfaceProtocol) = identity.interfaceClassTriple
        func table(_ first: UInt8) -> [UInt8] { [first] + [UInt8](repeating: 0, count: 31) }
        var out = ByteWriter()
        out.u32(1)
        out.bytes += table(0) + table(interfaceClass) + table(subclass) + table(interfaceProtocol)
        return USBRedirPacket(.interfaceInfo, payload: out.bytes)
    }

    private func deviceConnect() -> USBRedirPacket {
        var out = ByteWriter()
        out.u8(1)  // full speed
        out.u8(0); out.u8(0); out.u8(0)
        out.u16(identity.vendorID); out.u16(identity.productID)
        if negotiated(.connectDeviceVersion) { out.u16(0x0100) }
        return USBRedirPacket(.deviceConnect, payload: out.bytes)
    }

    /// `usb_redir_ep_info` index: OUT endpoints 0-15, IN endpoints 16-31.
    static func endpointIndex(_ address: UInt8) -> Int { Int((address & 0x80) >> 3 | (address & 0x0F)) }
}
