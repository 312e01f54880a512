import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbySerial
import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Technician functions on a port", .tags(.host), .serialized)
struct TechnicianTests {
    @Test("scan, show, test pattern, identify, set-address by serial, keypad watch, monitor")
    func technicianSession() throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x12), serial: 0x00C0_FFEE)
        simulator.addBoard(address: .unassigned, serial: 0x0BAD_F00D)
        let keypad = simulator.addKeypad(address: DeviceAddress(0x14), serial: 0x0000_4B50)
        simulator.start()
        // A pty carries bytes at memory speed: 9600-baud deadlines only keep a loaded machine from
        // looking like a failing bus.
        let technician = try BusTechnician(endpoint: .device(path: simulator.portPath), baud: 9_600)
        defer { technician.close() }
        // The daemon cannot take the port while lobbyctl holds it.
        #expect(throws: SerialPortError.inUse(port: simulator.portPath)) { _ = try SerialPort.open(.device(path: simulator.portPath)) }

        let found = technician.scan(0x10...0x16)
        #expect(found.map(\.address) == [DeviceAddress(0x12), DeviceAddress(0x14), .unassigned])
        let listing = TechnicianFormat.text(found)
        #expect(listing.contains("0x12  window-board  serial 0000000000c0ffee  firmware 1.0.0  1x8"), "\(listing)")
        #expect(TechnicianFormat.json(found).hasPrefix("[{\"address\":\"0x12\",\"kind\":\"window-board\",\"serial\":\"0000000000c0ffee\",\"firmware\":\"1.0.0\""))

        // board show: the power-on screen "@12", read back in chunks, drawn and read as text.
        let image = try technician.readFrameBuffer(DeviceAddress(0x12))
        #expect(image.width == 64 && image.height == 16 && image.bytes.count == 128)
        #expect(image.rows == simulator.frameBufferRows(board))
        #expect(image.rows == expectedRows(centred: "@12", columns: 8))
        let art = TechnicianFormat.art(image, address: DeviceAddress(0x12))
        #expect(art.split(separator: "\n").count == 18 && art.contains("#"))
        #expect(art.hasSuffix("reads: \"@12\""), "\(art)")
        #expect(TechnicianFormat.json(image).hasSuffix(",\"text\":[\"@12\"]}"))

        let check = try technician.testPattern(DeviceAddress(0x12), .checkerboard)
        #expect(check.matches && check.differingPixels == 0 && check.width * check.height == 1024)
        #expect(try technician.testPattern(DeviceAddress(0x12), .allOn).matches)
        let text = TechnicianFormat.text(check, address: DeviceAddress(0x12), repaint: .atNextPoll)
        #expect(text.hasPrefix("board 0x12: test pattern checkerboard read back: matches (all 1024 pixels)"))
        // The board asks any master to repaint it after a test pattern (Protocol.md §12).
        guard case .status(let status) = try technician.request(.poll(acknowledgingThrough: nil), to: DeviceAddress(0x12)) else {
            Issue.record("no status")
            return
        }
        #expect(status.flags.contains(.needsRepaint))
        try technician.blink(DeviceAddress(0x12), seconds: 3)
        if case .board(let core, _) = simulator.device(board) { #expect(core.identifyBlinkUntil != nil) }

        let identity = try technician.setAddress(serial: DeviceSerial(0x0BAD_F00D), to: DeviceAddress(0x13))
        #expect(identity.serial == DeviceSerial(0x0BAD_F00D))
        #expect(technician.scan(0x13...0x13, includeUnassigned: true).map(\.address) == [DeviceAddress(0x13)])
        #expect(throws: TechnicianError.addressNotTaken(serial: DeviceSerial(0x1234), address: DeviceAddress(0x15), found: nil)) {
            _ = try technician.setAddress(serial: DeviceSerial(0x1234), to: DeviceAddress(0x15))
        }

        simulator.press(keypad, key: 6)
        usleep(100_000)
        var events: [KeypadEvent] = []
        try technician.watchKeypad(DeviceAddress(0x14), polls: 3) { events.append($0) }
        #expect(events.map(\.kind) == [.operatorKey(.recall)])
        #expect(TechnicianFormat.text(events[0]).hasPrefix("event 1: operator key recall"))
        #expect(TechnicianFormat.json(events[0], address: DeviceAddress(0x14)).hasPrefix("{\"address\":\"0x14\",\"event\":1"))

        var traffic: [BusTraffic] = []
        technician.link.monitor = { traffic.append($0) }
        _ = try technician.request(.poll(acknowledgingThrough: nil), to: DeviceAddress(0x12))
        technician.link.monitor = nil
        #expect(traffic.map(\.direction) == [.sent, .received])
        let sent = FrameDescriber.describe(traffic[0].raw, busProtocol: .lobby, direction: .sent)
        #expect(sent.summary.hasPrefix("0x01→0x12 seq ") && sent.summary.hasSuffix(" poll"), "\(sent.summary)")
        let received = FrameDescriber.describe(traffic[1].raw, busProtocol: .lobby, direction: .received)
        #expect(received.summary.contains("status needsRepaint, up "), "\(received.summary)")
    }

    @Test("set-address to the old address: every answer lost, the retries and the check by serial settle it")
    func setAddressWithLostAnswers() throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x20), serial: 0x5E71_A100)
        simulator.start()
        let technician = try BusTechnician(endpoint: .device(path: simulator.portPath), baud: 9_600)
        defer { technician.close() }
        #expect(technician.scan(0x20...0x20, includeUnassigned: false).count == 1)

        // The first answer is lost: the master's retry (same bytes, to the old address 0x20) is
        // answered by the device from 0x21 with the stored acknowledgement.
        simulator.loseAnswers(1)
        let before = simulator.counters.framesAnswered
        var identity = try technician.setAddress(serial: DeviceSerial(0x5E71_A100), to: DeviceAddress(0x21), from: DeviceAddress(0x20))
        #expect(identity.serial == DeviceSerial(0x5E71_A100))
        #expect(simulator.device(board).address == DeviceAddress(0x21))
        if case .board(let core, _) = simulator.device(board) { #expect(core.link.counters.duplicates == 1) }
        #expect(simulator.counters.framesAnswered - before == 3, "the lost ack, its repetition, the identify")

        // Every answer to the setAddress is lost: the master checks by serial at the new address.
        simulator.loseAnswers(3)
        identity = try technician.setAddress(serial: DeviceSerial(0x5E71_A100), to: DeviceAddress(0x22), from: DeviceAddress(0x21))
        #expect(identity.serial == DeviceSerial(0x5E71_A100))
        #expect(simulator.device(board).address == DeviceAddress(0x22))
        if case .board(let core, _) = simulator.device(board) { #expect(core.link.counters.duplicates == 3, "acted once, two retries answered from memory") }
    }
}
