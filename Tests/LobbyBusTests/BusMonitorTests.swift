import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbyQueue
import LobbySerial
import LobbyWire
import Synchronization
import LobbyTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Collects monitor frames from a tap.
final class FrameLog: Sendable {
    private let frames = Mutex<[MonitoredFrame]>([])
    func record(_ frame: MonitoredFrame) { frames.withLock { $0.append(frame) } }
    var all: [MonitoredFrame] { frames.withLock { $0 } }
}

@Suite("Bus monitor: decoded frames of the three protocols", .tags(.host))
struct BusMonitorTests {
    @Test("splitting byte streams into frames and noise", arguments: [
        (BusProtocol.candleQSystem, [0x55, 0x01, 0x25, 0x20, 0x41, 0x31, 0x07, 0x04, 0x05, 0x07] as [UInt8], ["noise 1", "frame 6", "frame 3"]),
        (.candleQSystem, [0x02, 0x25, 0x20, 0x07, 0x03, 0x25, 0x26, 0x09, 0x01, 0x05, 0x31, 0x07], ["frame 4", "noise 4", "frame 4"]),
        (.ff68, [0x00, 0xFF, 0x68, 0x03, 0x03, 0x68, 0x07, 0x11, 0x01, 0x19, 0x16, 0xFF], ["noise 1", "frame 10"]),
        (.ff68, [0xFF, 0x68, 0x03, 0x03, 0x68, 0x07, 0x11, 0x01, 0x00, 0x16, 0xFF, 0x68, 0x02, 0x02, 0x68, 0x07, 0x00, 0x07, 0x16], ["noise 10", "frame 9"]),
        (.lobby, [0x00, 0x00, 0x03, 0x11, 0x22, 0x00, 0x00], ["frame 4"]),
    ])
    func splitting(busProtocol: BusProtocol, bytes: [UInt8], expected: [String]) {
        var whole = WireFrameSplitter(busProtocol: busProtocol)
        let chunks = whole.consume(bytes)
        let described = chunks.map { chunk -> String in
            switch chunk {
            case .frame(let frame): "frame \(frame.count)"
            case .noise(let noise, _): "noise \(noise.count)"
            }
        }
        #expect(described == expected)
        // Fed byte by byte, the same frames come out and the same bytes are accounted for.
        var splitter = WireFrameSplitter(busProtocol: busProtocol)
        let pieces = Array(bytes.map { splitter.consume([$0]) }.joined())
        func frames(_ list: [WireChunk]) -> [[UInt8]] { list.compactMap { if case .frame(let f) = $0 { f } else { nil } } }
        func count(_ list: [WireChunk]) -> Int { list.reduce(0) { total, chunk in
            switch chunk {
            case .frame(let bytes), .noise(let bytes, _): total + bytes.count
            }
        } }
        #expect(frames(pieces) == frames(chunks))
        #expect(count(pieces) == count(chunks))
    }

    @Test("frames in words", arguments: [
        (BusProtocol.candleQSystem, [0x01, 0x25, 0x20, 0x41, 0x31, 0x32, 0x33, 0x07] as [UInt8], MonitoredFrame.Direction.sent, "text \"A123\" steady", UInt8?(0x25)),
        (.candleQSystem, [0x01, 0x25, 0x24, 0xC1, 0x39, 0x07], .sent, "text \"Б9\" blinking 3 times", 0x25),
        (.candleQSystem, [0x01, 0x05, 0x31, 0x07], .received, "key 0x31 call/recall", 0x05),
        (.candleQSystem, [0x01, 0x05, 0x32, 0x07], .sent, "keypad command 0x32 green", 0x05),
        (.candleQSystem, [0x04, 0x05, 0x07], .sent, "scan keypad", 0x05),
        (.candleQSystem, [0x02, 0x30, 0x23, 0x07], .sent, "brightness 3 (0 = max, 3 = min)", 0x30),
        (.ff68, [0xFF, 0x68, 0x02, 0x02, 0x68, 0x07, 0x00, 0x07, 0x16], .sent, "poll", 0x07),
        (.ff68, [0xFF, 0x68, 0x03, 0x03, 0x68, 0x07, 0x11, 0x01, 0x19, 0x16], .received, "evaluator key 1 data [0x01]", 0x07),
        (.ff68, [0xFF, 0x68, 0x03, 0x03, 0x68, 0x07, 0x11, 0x01, 0x19, 0x16], .sent, "evaluator key 1 data [0x01] (echo = acknowledgement)", 0x07),
        (.ff68, [0xFF, 0x68, 0x03, 0x03, 0x68, 0x07, 0x11, 0x01, 0x00, 0x16], .received, "undecodable: not an FF 68 frame", nil),
    ])
    func describing(busProtocol: BusProtocol, bytes: [UInt8], direction: MonitoredFrame.Direction, summary: String, address: UInt8?) {
        let described = FrameDescriber.describe(bytes, busProtocol: busProtocol, direction: direction)
        #expect(described.summary == summary)
        #expect(described.address == address)
    }

    @Test("text and JSON lines")
    func formatting() {
        let frame = MonitoredFrame(
            .frame([0x01, 0x25, 0x20, 0x41, 0x31, 0x07]), direction: .sent, microseconds: 42, wallClock: Instant(milliseconds: 1_772_442_904_120),
            bus: "/dev/ttyUSB0", busProtocol: .candleQSystem)
        #expect(BusMonitorFormat.text(frame) == "2026-03-02T09:15:04.120Z /dev/ttyUSB0 candle-qsystem > 0x25 text \"A1\" steady | 01 25 20 41 31 07")
        #expect(BusMonitorFormat.json(frame) == "{\"time\":\"2026-03-02T09:15:04.120Z\",\"ms\":1772442904120,\"us\":42,\"bus\":\"/dev/ttyUSB0\","
            + "\"protocol\":\"candle-qsystem\",\"dir\":\"sent\",\"address\":37,\"decoded\":true,\"message\":\"text \\\"A1\\\" steady\",\"hex\":\"01 25 20 41 31 07\"}")
        let noise = MonitoredFrame(
            .noise([0x12, 0x00], reason: "no frame start (FF 68)"), direction: .received, microseconds: 1, wallClock: Instant(milliseconds: 0),
            bus: "b", busProtocol: .ff68)
        #expect(BusMonitorFormat.text(noise) == "1970-01-01T00:00:00.000Z b ff68 < ---- ! undecodable 2 bytes: no frame start (FF 68) | 12 00")
        #expect(BusMonitorFormat.json(noise).contains("\"address\":null,\"decoded\":false"))
        #expect(BusMonitorFormat.timestamp(951_782_400_000) == "2000-02-29T00:00:00.000Z")
    }

    @Test("the runner's tap shows an FF 68 poll, the device's vote and the host's echo")
    func ff68Tap() async throws {
        let simulator = try CompatibleBusSimulator(ff68: true)
        defer { simulator.stop() }
        let evaluator = simulator.add(.ff68Device, address: 0x07)
        simulator.start()
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: compatConfiguration(.ff68, [(0x07, .keypad(2))]))
        let log = FrameLog()
        let token = fixture.service.runner.monitorTap.subscribe { log.record($0) }
        #expect(await eventually(within: 20) { log.all.contains { $0.direction == .received && $0.summary == "idle answer data [0x00]" } })
        simulator.queueFrame(evaluator, function: FF68Driver.evaluatorFunction, data: [0x02])
        #expect(await eventually(within: 20) { simulator.device(evaluator).pendingCount == 0 })
        fixture.service.runner.monitorTap.unsubscribe(token)
        let lines = log.all.map(BusMonitorFormat.text)
        #expect(log.all.contains { $0.direction == .sent && $0.summary == "poll" && $0.raw == FF68Driver.poll(address: 0x07) })
        #expect(log.all.contains { $0.direction == .received && $0.summary == "idle answer data [0x00]" })
        let vote = FF68Driver.frame(address: 0x07, function: 0x11, data: [0x02])
        let received = try #require(log.all.firstIndex { $0.direction == .received && $0.raw == vote })
        let echoed = try #require(log.all.lastIndex { $0.direction == .sent && $0.raw == vote })
        #expect(received < echoed, "\(lines.joined(separator: "\n"))")
        #expect(log.all.allSatisfy { $0.bus == simulator.portPath && $0.busProtocol == .ff68 })
        await fixture.stop()
    }

    @Test("the runner's stream shows Candle board text and QSystem keys")
    func candleStream() async throws {
        let simulator = try CompatibleBusSimulator(ff68: false)
        defer { simulator.stop() }
        simulator.add(.candleBoard, address: 0x25)
        let keypad = simulator.add(.qsystemKeypad, address: 0x05)
        simulator.start()
        let fixture = BusFixture(
            endpoint: .device(path: simulator.portPath), configuration: compatConfiguration(.candleQSystem, [(0x25, .windowBoard(1)), (0x05, .keypad(1))]))
        let stream = fixture.service.monitor()
        let reader = Task { () -> [MonitoredFrame] in
            var frames: [MonitoredFrame] = []
            for await frame in stream {
                frames.append(frame)
                if frames.contains(where: { $0.summary == "key 0x33 redirect" }) && frames.contains(where: { $0.summary == "text \"E005\" steady" }) { break }
            }
            return frames
        }
        fixture.notify.yield(.called(window: 1, ticket: TicketID(5), number: "E005"))
        simulator.pressKey(keypad, code: 0x33)
        let timeout = Task {
            try await Task.sleep(for: .seconds(20))
            reader.cancel()
        }
        let frames = await reader.value
        timeout.cancel()
        let text = try #require(frames.first { $0.summary == "text \"E005\" steady" })
        #expect(text.direction == .sent && text.address == 0x25 && text.raw == [0x01, 0x25, 0x20, 0x45, 0x30, 0x30, 0x35, 0x07])
        #expect(frames.contains { $0.direction == .received && $0.address == 0x05 && $0.raw == [0x01, 0x05, 0x33, 0x07] })
        await fixture.stop()
    }

    @Test("the runner's tap decodes Lobby protocol traffic with raw bytes")
    func lobbyTap() async throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        simulator.addBoard(address: DeviceAddress(0x11), serial: 0x3001)
        simulator.start()
        let configuration = BusConfiguration(devices: [BusDeviceConfiguration(address: DeviceAddress(0x11), role: .windowBoard(1))])
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        let log = FrameLog()
        fixture.service.runner.monitorTap.subscribe { log.record($0) }
        fixture.notify.yield(.called(window: 1, ticket: TicketID(1), number: "L001"))
        #expect(await eventually(within: 20) { log.all.contains { $0.direction == .received && $0.summary.contains("ack") } })
        #expect(log.all.contains { $0.direction == .sent && $0.summary.contains("0x00→0x11") && $0.raw.first == 0 && $0.raw.last == 0 })
        #expect(log.all.filter { $0.direction == .received }.allSatisfy { $0.isDecoded && $0.address == 0x11 && $0.raw.last == 0 })
        await fixture.stop()
    }

    @Test("a passive monitor decodes whatever travels on a port, noise included")
    func passive() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let monitor = try PassiveBusMonitor(endpoint: .device(path: pty.slavePath), baud: 9600, busProtocol: .ff68, gapMicroseconds: 30_000)
        defer { monitor.close() }
        let traffic = FF68Driver.poll(address: 0x03) + [0x13, 0x37] + FF68Driver.frame(address: 0x03, function: 0x11, data: [0x00])
            + [0xFF, 0x68, 0x04]
        _ = traffic.withUnsafeBytes { write(pty.masterDescriptor, $0.baseAddress, $0.count) }
        var frames: [MonitoredFrame] = []
        try monitor.run(until: MonotonicClock.microseconds() + 400_000) { frame in
            frames.append(frame)
            return true
        }
        #expect(frames.map(\.summary) == [
            "poll", "undecodable 2 bytes: no frame start (FF 68)", "evaluator key 0 data [0x00]", "undecodable 3 bytes: incomplete frame",
        ])
        #expect(frames.allSatisfy { $0.direction == .observed })
        #expect(frames.map(\.raw).joined().elementsEqual(traffic))
    }

    @Test("a passive monitor refuses a port a bus master holds")
    func passiveRefusesBusyPort() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let master = try SerialPort.open(.device(path: pty.slavePath), settings: SerialSettings(baud: 9600))
        defer { master.close() }
        #expect(throws: SerialPortError.inUse(port: pty.slavePath)) {
            _ = try PassiveBusMonitor(endpoint: .device(path: pty.slavePath), baud: 9600, busProtocol: .lobby)
        }
    }
}
