import LobbyEscPos
import LobbyPrinting
import LobbyUSBRedir
import LobbyTestSupport
import Testing

/// The usbredir side of the USB printer emulator, driven the way QEMU's usb-redir drives it.
@Suite(.tags(.unit)) struct EmulatedUSBPrinterTests {
    static let identity = EmulatedPrinterIdentity(kind: .printerClass, vendorID: 0x1209, productID: 0x0001, manufacturer: "Lobby",
                                                  product: "Sim", serialNumber: "S1", deviceID: "MFG:Lobby;CMD:ESC/POS;MDL:Sim;")
    /// QEMU's capabilities: connect version, filter, max packet size, 64-bit ids, 32-bit bulk length, bulk receiving.
    static let qemuCaps: UInt32 = 0b1111_0110

    static func guestHello(caps: UInt32 = qemuCaps) -> [UInt8] {
        var payload = Array("qemu usb-redir guest 7.2".utf8)
        payload += [UInt8](repeating: 0, count: 64 - payload.count)
        var writer = ByteWriter()
        writer.u32(caps)
        return USBRedirPacket(.hello, payload: payload + writer.bytes).encoded(sixtyFourBitIDs: false)
    }

    static func decode(_ bytes: [UInt8], sixtyFour: Bool = true) throws -> [USBRedirPacket] {
        var decoder = USBRedirStreamDecoder()
        decoder.sixtyFourBitIDs = sixtyFour
        return try decoder.consume(bytes)
    }

    static func control(id: UInt64, requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: UInt16) -> [UInt8] {
        var writer = ByteWriter()
        writer.u8(requestType & 0x80); writer.u8(request); writer.u8(requestType); writer.u8(0)
        writer.u16(value); writer.u16(index); writer.u16(length)
        return USBRedirPacket(.controlPacket, id: id, payload: writer.bytes).encoded(sixtyFourBitIDs: true)
    }

    static func bulk(id: UInt64, endpoint: UInt8, length: Int, data: [UInt8] = []) -> [UInt8] {
        var writer = ByteWriter()
        writer.u8(endpoint); writer.u8(0); writer.u16(UInt16(length & 0xFFFF)); writer.u32(0); writer.u16(UInt16(length >> 16))
        return USBRedirPacket(.bulkPacket, id: id, payload: writer.bytes + data).encoded(sixtyFourBitIDs: true)
    }

    /// A printer past the hello exchange.
    static func connected() throws -> EmulatedUSBPrinter {
        var printer = EmulatedUSBPrinter(identity: identity)
        _ = try printer.receive(guestHello())
        return printer
    }

    @Test func helloIsTheFirstPacketWithA32BitID() throws {
        let hello = EmulatedUSBPrinter(identity: Self.identity).hello()
        #expect(hello.count == 12 + 64 + 4)
        let packets = try Self.decode(hello, sixtyFour: false)
        #expect(packets.count == 1 && packets[0].knownType == .hello)
        // connect version (1), max packet size (4), 64-bit ids (5), 32-bit bulk length (6).
        #expect(packets[0].payload.u32(at: 64) == 0b0111_0010)
    }

    @Test func guestHelloAnnouncesEndpointsInterfaceThenDevice() throws {
        var printer = EmulatedUSBPrinter(identity: Self.identity)
        let (output, events) = try printer.receive(Self.guestHello())
        #expect(events == [.hello("qemu usb-redir guest 7.2")])
        let packets = try Self.decode(output)
        #expect(packets.map(\.knownType) == [.endpointInfo, .interfaceInfo, .deviceConnect])
        let endpoints = packets[0].payload
        #expect(endpoints.count == 96 + 64, "types, intervals, interfaces, max packet sizes")
        #expect(endpoints[0] == 0 && endpoints[16] == 0, "endpoint 0 is control both ways")
        #expect(endpoints[1] == 2 && endpoints[18] == 2, "bulk OUT 0x01 and bulk IN 0x82")
        #expect(endpoints[2] == 255)
        #expect(endpoints.u16(at: 96 + 2 * 18) == 64)
        #expect(Array(packets[1].payload.prefix(4)) == [1, 0, 0, 0])
        #expect(packets[1].payload[4 + 32] == 7 && packets[1].payload[4 + 64] == 1 && packets[1].payload[4 + 96] == 2)
        #expect(packets[2].payload == [1, 0, 0, 0, 0x09, 0x12, 0x01, 0x00, 0x00, 0x01])
    }

    @Test func withoutSixtyFourBitIDsTheHeaderStaysTwelveBytes() throws {
        var printer = EmulatedUSBPrinter(identity: Self.identity)
        let (output, _) = try printer.receive(Self.guestHello(caps: 0b0001_0010))
        #expect(!printer.negotiated(.sixtyFourBitIDs))
        let packets = try Self.decode(output, sixtyFour: false)
        #expect(packets.count == 3)
        #expect(packets[0].payload.count == 96 + 64)
    }

    @Test(arguments: [
        (UInt16(0x0100), 18, Array(identity.deviceDescriptor)),
        (0x0200, 9, Array(identity.configurationDescriptor.prefix(9))),
        (0x0200, 255, identity.configurationDescriptor),
        (0x0300, 255, [4, 3, 0x09, 0x04]),
        (0x0303, 255, [6, 3, 0x53, 0, 0x31, 0]),
    ])
    func descriptorsAreServedUpToTheRequestedLength(value: UInt16, length: Int, expected: [UInt8]) throws {
        var printer = try Self.connected()
        let (output, _) = try printer.receive(Self.control(id: 7, requestType: 0x80, request: 6, value: value, index: 0, length: UInt16(length)))
        let answer = try #require(try Self.decode(output).first)
        #expect(answer.knownType == .controlPacket && answer.id == 7)
        #expect(answer.payload[3] == 0, "success")
        #expect(Int(answer.payload.u16(at: 8)) == expected.count)
        #expect(Array(answer.payload.dropFirst(10)) == expected)
    }

    @Test func deviceDescriptorNamesTheIDsAndTheSerialString() {
        let descriptor = Self.identity.deviceDescriptor
        #expect(descriptor.count == 18)
        #expect(descriptor.u16(at: 8) == 0x1209 && descriptor.u16(at: 10) == 0x0001)
        #expect(descriptor[16] == 3)
        #expect(Self.identity.configurationDescriptor.count == 32)
        #expect(Self.identity.configurationDescriptor.u16(at: 2) == 32)
        var noSerial = Self.identity
        noSerial.serialNumber = nil
        #expect(noSerial.deviceDescriptor[16] == 0)
        #expect(noSerial.stringDescriptor(3) == nil)
    }

    @Test func getDeviceIDAnswersOnlyOnThePrinterClass() throws {
        var printer = try Self.connected()
        let (output, _) = try printer.receive(Self.control(id: 9, requestType: 0xA1, request: 0, value: 0, index: 0, length: 1024))
        let answer = try #require(try Self.decode(output).first)
        let text = Array(answer.payload.dropFirst(10))
        #expect(text.prefix(2) == [0, UInt8(2 + Self.identity.deviceID.utf8.count)])
        #expect(IEEE1284DeviceID(getDeviceIDReply: text)?.model == "Sim")

        var vendorIdentity = Self.identity
        vendorIdentity.kind = .vendorClass
        var vendor = EmulatedUSBPrinter(identity: vendorIdentity)
        _ = try vendor.receive(Self.guestHello())
        let (stall, events) = try vendor.receive(Self.control(id: 9, requestType: 0xA1, request: 0, value: 0, index: 0, length: 1024))
        #expect(try Self.decode(stall).first?.payload[3] == USBRedirStatus.stall.rawValue)
        #expect(events.count == 1)
    }

    @Test func setConfigurationResendsInfoBeforeTheStatus() throws {
        var printer = try Self.connected()
        let (output, events) = try printer.receive(USBRedirPacket(.setConfiguration, id: 3, payload: [1]).encoded(sixtyFourBitIDs: true))
        let packets = try Self.decode(output)
        #expect(packets.map(\.knownType) == [.endpointInfo, .interfaceInfo, .configurationStatus])
        #expect(packets[2].id == 3 && packets[2].payload == [0, 1])
        #expect(events == [.configured(1)])
    }

    @Test func jobBytesAreRecordedAndStatusRequestsAnsweredOnBulkIn() throws {
        var printer = try Self.connected()
        let job: [UInt8] = [0x1B, 0x40] + Array("A-042\n".utf8)
        let (outAnswer, events) = try printer.receive(Self.bulk(id: 20, endpoint: 0x01, length: job.count + 6, data: job + [0x10, 0x04, 0x01, 0x10, 0x04, 0x04]))
        #expect(printer.jobBytes == job)
        #expect(events == [.jobBytes(job), .statusRequest(.printer, 0x12), .statusRequest(.paperSensor, 0x12)])
        let ack = try #require(try Self.decode(outAnswer).first)
        #expect(ack.id == 20 && ack.payload.count == 10 && ack.payload.u16(at: 2) == UInt16(job.count + 6))
        let (inAnswer, _) = try printer.receive(Self.bulk(id: 21, endpoint: 0x82, length: 512))
        let reply = try #require(try Self.decode(inAnswer).first)
        #expect(reply.id == 21 && Array(reply.payload.dropFirst(10)) == [0x12, 0x12])
    }

    @Test func aBulkInRequestWaitsForTheAnswerOrIsCancelled() throws {
        var printer = try Self.connected()
        printer.condition.paper = .out
        let (nothing, _) = try printer.receive(Self.bulk(id: 30, endpoint: 0x82, length: 64))
        #expect(nothing.isEmpty, "no status yet: the request waits like a NAKing device")
        let (answers, _) = try printer.receive(Self.bulk(id: 31, endpoint: 0x01, length: 6, data: [0x10, 0x04, 0x01, 0x10, 0x04, 0x04]))
        let packets = try Self.decode(answers)
        #expect(packets.map(\.id) == [31, 30])
        #expect(Array(packets[1].payload.dropFirst(10)) == [0x1A, 0x7E], "the documented paper-out vector")

        printer.condition.answersStatus = false
        _ = try printer.receive(Self.bulk(id: 32, endpoint: 0x82, length: 64))
        let (cancelled, events) = try printer.receive(USBRedirPacket(.cancelDataPacket, id: 32).encoded(sixtyFourBitIDs: true))
        let answer = try #require(try Self.decode(cancelled).first)
        #expect(answer.id == 32 && answer.payload[1] == USBRedirStatus.cancelled.rawValue)
        #expect(events == [.cancelled(32)])
    }

    @Test func aDleEotInsideRasterDataIsJobData() throws {
        var printer = try Self.connected()
        let raster: [UInt8] = [0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x03, 0x00, 0x10, 0x04, 0x01]
        _ = try printer.receive(Self.bulk(id: 40, endpoint: 0x01, length: raster.count, data: raster))
        #expect(printer.jobBytes == raster)
    }

    @Test func heldDataIsAnsweredOnReleaseOrCancel() throws {
        var printer = try Self.connected()
        printer.holdAfterJobBytes = 2
        _ = try printer.receive(Self.bulk(id: 50, endpoint: 0x01, length: 2, data: [0x41, 0x42]))
        let (held, events) = try printer.receive(Self.bulk(id: 51, endpoint: 0x01, length: 1, data: [0x43]))
        #expect(held.isEmpty && events == [.held(1)])
        _ = try printer.receive(Self.bulk(id: 52, endpoint: 0x01, length: 1, data: [0x44]))
        let (cancel, _) = try printer.receive(USBRedirPacket(.cancelDataPacket, id: 52).encoded(sixtyFourBitIDs: true))
        #expect(try Self.decode(cancel).first?.payload[1] == USBRedirStatus.cancelled.rawValue)
        let (released, _) = printer.releaseHeldData()
        #expect(try Self.decode(released).map(\.id) == [51])
        #expect(printer.jobBytes == [0x41, 0x42, 0x43])
        // The stream was cut inside a raster command: after the release the parser starts afresh.
        printer.holdAfterJobBytes = 3
        _ = try printer.receive(Self.bulk(id: 60, endpoint: 0x01, length: 8, data: [0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00]))
        _ = try printer.receive(Self.bulk(id: 61, endpoint: 0x01, length: 1, data: [0xFF]))
        _ = try printer.receive(USBRedirPacket(.cancelDataPacket, id: 61).encoded(sixtyFourBitIDs: true))
        _ = printer.releaseHeldData()
        let (_, afterRelease) = try printer.receive(Self.bulk(id: 62, endpoint: 0x01, length: 3, data: [0x10, 0x04, 0x01]))
        #expect(afterRelease.contains(.statusRequest(.printer, 0x12)))
    }

    @Test func packetsSplitAcrossReadsAreReassembled() throws {
        var printer = EmulatedUSBPrinter(identity: Self.identity)
        let stream = Self.guestHello() + Self.control(id: 1, requestType: 0x80, request: 6, value: 0x0100, index: 0, length: 18)
        var output: [UInt8] = []
        for byte in stream { output += try printer.receive([byte]).output }
        #expect(try Self.decode(Array(output.dropFirst(0))).count == 4)
    }

    @Test func anOversizedLengthIsAProtocolError() {
        var decoder = USBRedirStreamDecoder()
        var writer = ByteWriter()
        writer.u32(101); writer.u32(UInt32(USBRedirStreamDecoder.maximumPayload + 1)); writer.u32(0)
        #expect(throws: USBRedirProtocolError(offset: 0, message: "payload length 16777217 exceeds 16777216")) { try decoder.consume(writer.bytes) }
    }

    @Test(arguments: [
        ("paper-out", "paper-out"), ("cover-open", "cover-open"), ("offline", "offline"), ("paper-low", "paper-low"), ("normal", "normal"),
    ])
    func commandsChangeTheCondition(line: String, name: String) throws {
        var current = SimulatedPrinterCondition()
        current.isCoverOpen = line == "normal"
        guard case let .condition(condition) = try EmulatedPrinterCommand(line: line, current: current) else {
            Issue.record("not a condition command")
            return
        }
        #expect(condition.name == name)
    }

    @Test func otherCommands() throws {
        #expect(try EmulatedPrinterCommand(line: "hold-after 10", current: .init()) == .hold(afterJobBytes: 10))
        #expect(try EmulatedPrinterCommand(line: "release", current: .init()) == .hold(afterJobBytes: nil))
        #expect(try EmulatedPrinterCommand(line: "unplug", current: .init()) == .unplug)
        #expect(throws: EmulatedPrinterCommandError(line: "jam")) { try EmulatedPrinterCommand(line: "jam", current: .init()) }
        #expect(throws: EmulatedPrinterCommandError(line: "hold-after x")) { try EmulatedPrinterCommand(line: "hold-after x", current: .init()) }
    }
}
