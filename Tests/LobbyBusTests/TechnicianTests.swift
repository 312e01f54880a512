import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbySerial
import LobbyWire
import Testing

@Suite("Technician functions on a port", .serialized)
struct TechnicianTests {
    @Test("scan, show, test pattern, identify, set-address by serial, keypad watch, monitor")
    func technicianSession() throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x12), serial: 0x00C0_FFEE)
        simulator.addBoard(address: .unassigned, serial: 0x0BAD_F00D)
        let keypad = simulator.addKeypad(address: DeviceAddress(0x14), serial: 0x0000_4B50)
        simulator.start()
        let technician = try BusTechnician(endpoint: .device(path: simulator.portPath))
        defer { technician.close() }
        // The daemon cannot take the port while lobbyctl holds it.
        #expect(throws: SerialPortError.inUse(port: simulator.portPath)) { _ = try SerialPort.open(.device(path: simulator.portPath)) }

        let found = technician.scan(0x10...0x16)
        #expect(found.map(\.address) == [DeviceAddress(0x12), DeviceAddress(0x14), .unassigned])
        let listing = TechnicianFormat.text(found)
        #expect(listing.contains("0x12  window-board  serial 0000000000c0ffee"))
        #expect(TechnicianFormat.json(found).hasPrefix("[{\"address\":18,\"kind\":\"window-board\",\"serial\":\"0000000000c0ffee\""))

        // board show: the power-on screen "@12", read back in chunks and drawn as text art.
        let image = try technician.readFrameBuffer(DeviceAddress(0x12))
        #expect(image.width == 64 && image.height == 16 && image.bytes.count == 128)
        #expect(image.rows == simulator.frameBufferRows(board))
        #expect(image.rows == expectedRows(centred: "@12", columns: 8))
        let art = TechnicianFormat.art(image)
        #expect(art.split(separator: "\n").count == 16 && art.contains("#"))

        #expect(try technician.testPattern(DeviceAddress(0x12), .checkerboard))
        #expect(try technician.testPattern(DeviceAddress(0x12), .allOn))
        try technician.blink(DeviceAddress(0x12), seconds: 3)
        if case .board(let core, _) = simulator.device(board) { #expect(core.identifyBlinkUntil != nil) }

        let identity = try technician.setAddress(serial: DeviceSerial(0x0BAD_F00D), to: DeviceAddress(0x13))
        #expect(identity.serial == DeviceSerial(0x0BAD_F00D))
        #expect(technician.scan(0x13...0x13, includeUnassigned: true).map(\.address) == [DeviceAddress(0x13)])
        #expect(throws: TechnicianError.noAnswer(DeviceAddress(0x15))) {
            _ = try technician.setAddress(serial: DeviceSerial(0x1234), to: DeviceAddress(0x15))
        }

        simulator.press(keypad, key: 6)
        usleep(100_000)
        var events: [KeypadEvent] = []
        try technician.watchKeypad(DeviceAddress(0x14), polls: 3) { events.append($0) }
        #expect(events.map(\.kind) == [.operatorKey(.recall)])
        #expect(TechnicianFormat.text(events[0]).hasPrefix("event 1: operator key recall"))

        var traffic: [BusTraffic] = []
        technician.link.monitor = { traffic.append($0) }
        _ = try technician.request(.poll(acknowledgingThrough: nil), to: DeviceAddress(0x12))
        technician.link.monitor = nil
        #expect(traffic.map(\.direction) == [.sent, .received])
        #expect(TechnicianFormat.text(traffic[0]).contains("0x01→0x12"))
        #expect(TechnicianFormat.json(traffic[1]).contains("\"src\":18,\"dst\":1"))
    }
}
