import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbyQueue
import LobbySerial
import LobbyWire
import LobbyTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Faults on the bus", .tags(.host), .serialized)
struct FaultTests {
    @Test("dropped, corrupted, delayed bytes and noise: health degrades, content converges, health recovers")
    func faultInjection() async throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xFA_0001)
        simulator.addKeypad(address: DeviceAddress(0x41), serial: 0xFA_0002)
        simulator.start()
        let configuration = BusConfiguration(
            devices: [
                BusDeviceConfiguration(address: DeviceAddress(0x11), role: .windowBoard(1)),
                BusDeviceConfiguration(address: DeviceAddress(0x41), role: .keypad(1)),
            ], minimumCallDisplay: 100_000)
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        #expect(await eventually(within: 30) { fixture.report(0x11)?.health.state == .online && fixture.report(0x41)?.health.state == .online })
        simulator.setFaults(
            FaultInjection(dropRate: 0.01, corruptRate: 0.01, noiseRate: 0.1, delayRate: 0.1, delayMicroseconds: 60_000), seed: 7)
        for number in 1...5 {
            fixture.notify.yield(.called(window: 1, ticket: TicketID(UInt64(number)), number: "F00\(number)"))
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(await eventually(within: 45) { simulator.boardText(board) == "F005" })
        let faulty = try #require(fixture.report(0x11))
        let keypad = try #require(fixture.report(0x41))
        #expect(faulty.health.retries + keypad.health.retries > 0)
        #expect(faulty.health.crcErrors + keypad.health.crcErrors > 0)
        simulator.setFaults(.none)
        #expect(await eventually(within: 45) { fixture.report(0x11)?.health.state == .online && fixture.report(0x41)?.health.state == .online })
        let states = fixture.log.all.compactMap { entry -> HealthState? in
            if case .effect(.healthChanged(_, let state)) = entry.event { return state }
            return nil
        }
        #expect(states.contains(.degraded))
        await fixture.stop()
    }

    @Test("a device that never answers goes offline; the others on the bus are unaffected")
    func silentDevice() async throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xFA_0003)
        simulator.start()
        let configuration = BusConfiguration(devices: [
            BusDeviceConfiguration(address: DeviceAddress(0x30), role: .windowBoard(9)),
            BusDeviceConfiguration(address: DeviceAddress(0x11), role: .windowBoard(1)),
        ])
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.notify.yield(.called(window: 9, ticket: TicketID(1), number: "X001"))
        fixture.notify.yield(.called(window: 1, ticket: TicketID(2), number: "Y002"))
        #expect(await eventually(within: 30) { simulator.boardText(board) == "Y002" })
        #expect(await eventually(within: 30) { fixture.report(0x30)?.health.state == .offline })
        let missing = try #require(fixture.report(0x30))
        #expect(missing.health.timeouts >= 1)
        #expect(missing.health.lastSeen == nil)
        #expect(fixture.report(0x11)?.health.state == .online)
        // Calls keep flowing to the answering board while the other is offline.
        fixture.notify.yield(.called(window: 1, ticket: TicketID(3), number: "Y003"))
        #expect(await eventually(within: 30) { simulator.boardText(board) == "Y003" })
        await fixture.stop()
    }

    @Test("two devices answering on one address (garbled answers) are reported")
    func addressConflict() async throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        simulator.addBoard(address: DeviceAddress(0x12), serial: 0x1111_0000_0000_0001)
        simulator.addBoard(address: DeviceAddress(0x12), serial: 0x2222_0000_0000_0002)
        let good = simulator.addBoard(address: DeviceAddress(0x13), serial: 0xFA_0004)
        simulator.start()
        let configuration = BusConfiguration(devices: [
            BusDeviceConfiguration(address: DeviceAddress(0x12), role: .windowBoard(1)),
            BusDeviceConfiguration(address: DeviceAddress(0x13), role: .windowBoard(2)),
        ])
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.notify.yield(.called(window: 2, ticket: TicketID(5), number: "Z005"))
        #expect(await eventually(within: 30) { fixture.report(0x12)?.health.addressConflictSuspected == true })
        // The event log is filled asynchronously: wait for the effect, then check it came once.
        #expect(await eventually(within: 30) { fixture.log.count { $0 == .effect(.addressConflict(DeviceAddress(0x12))) } >= 1 })
        #expect(fixture.log.count { $0 == .effect(.addressConflict(DeviceAddress(0x12))) } == 1)
        #expect((fixture.report(0x12)?.health.crcErrors ?? 0) >= 2)
        #expect(await eventually(within: 30) { simulator.boardText(good) == "Z005" })
        await fixture.stop()
    }

    @Test("the port disappears and comes back: the master reopens it and repaints")
    func portReconnect() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bus-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("rs485-test").path
        let first = try BusSimulator()
        first.addBoard(address: DeviceAddress(0x11), serial: 0xFA_0005)
        first.start()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.portPath)
        let configuration = BusConfiguration(devices: [BusDeviceConfiguration(address: DeviceAddress(0x11), role: .windowBoard(4))])
        let fixture = BusFixture(endpoint: .device(path: link), configuration: configuration)
        fixture.notify.yield(.called(window: 4, ticket: TicketID(8), number: "R008"))
        #expect(await eventually(within: 30) { first.boardText(0) == "R008" })
        // Unplug: the adapter's node goes away.
        first.stop()
        try FileManager.default.removeItem(atPath: link)
        #expect(await eventually(within: 30) { !fixture.service.runner.isPortOpen })
        #expect(await eventually(within: 30) { fixture.log.count { if case .portUnavailable(.deviceGone) = $0 { return true } else { return false } } >= 1 })
        // Plug in again (a new node with a board that lost its content).
        let second = try BusSimulator()
        defer { second.stop() }
        second.addBoard(address: DeviceAddress(0x11), serial: 0xFA_0005)
        second.start()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second.portPath)
        #expect(await eventually(within: 30) { second.boardText(0) == "R008" })
        #expect(fixture.log.count { if case .portOpened = $0 { return true } else { return false } } == 2)
        await fixture.stop()
    }
}
