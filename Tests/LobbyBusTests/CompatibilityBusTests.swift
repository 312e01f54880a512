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

/// Fast timing for ptys: short pacing, generous answer deadlines for a loaded machine.
func compatConfiguration(
    _ busProtocol: BusProtocol, _ devices: [(UInt8, BusDeviceRole)], minimumCallDisplay: UInt64 = 300_000,
    refresh: UInt64 = 10_000_000, adapterEcho: Bool = false, callerKeys: [UInt8: OperatorKey] = [:]
) -> BusConfiguration {
    let options = CompatibilityOptions(
        framePacing: 10_000, answerTimeout: 150_000, boardRefreshInterval: refresh, adapterEcho: adapterEcho, ff68CallerKeys: callerKeys)
    return BusConfiguration(
        devices: devices.map { BusDeviceConfiguration(address: DeviceAddress($0.0), role: $0.1) }, busProtocol: busProtocol,
        compatibility: options, keypadPollInterval: 50_000, minimumCallDisplay: minimumCallDisplay)
}

@Suite("Compatibility buses on simulated Candle, QSystem and FF 68 devices", .tags(.host), .serialized)
struct CompatibilityBusTests {
    @Test("calls reach Candle window and hall boards, each call visible for the minimum display time")
    func candleCalls() async throws {
        let simulator = try CompatibleBusSimulator(ff68: false)
        defer { simulator.stop() }
        let window = simulator.add(.candleBoard, address: 0x25)
        let hall = simulator.add(.candleBoard, address: 0x26)
        simulator.start()
        let configuration = compatConfiguration(.candleQSystem, [(0x25, .windowBoard(1)), (0x26, .hallBoard)])
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.notify.yield(.called(window: 1, ticket: TicketID(1), number: "A001"))
        fixture.notify.yield(.called(window: 1, ticket: TicketID(2), number: "A002", isRecall: false))
        #expect(await eventually(within: 20) { simulator.text(window) == "A002" })
        #expect(await eventually(within: 20) { simulator.text(hall) == "A002  >1" })
        let shown = simulator.history(window).filter { !$0.text.isEmpty }
        let first = try #require(shown.first { $0.text == "A001" })
        let second = try #require(shown.first { $0.text == "A002" })
        #expect(second.at - first.at >= 300_000, "A001 was visible \(second.at - first.at) µs")
        #expect(await eventually(within: 10) { fixture.report(0x25)?.isConverged == true })
        #expect(fixture.report(0x25)?.health.state == .online)
        // A recall blinks.
        fixture.notify.yield(.called(window: 1, ticket: TicketID(2), number: "A002", isRecall: true))
        #expect(await eventually(within: 20) { simulator.device(window).blink == 0x21 })
        #expect(fixture.log.count { if case .effect(.boardPainted(DeviceAddress(0x25), _)) = $0 { true } else { false } } >= 2)
        await fixture.stop()
    }

    @Test("a QSystem key reaches the sink once, also when the queue was unavailable at first")
    func qsystemKeys() async throws {
        let simulator = try CompatibleBusSimulator(ff68: false)
        defer { simulator.stop() }
        let keypad = simulator.add(.qsystemKeypad, address: 0x05)
        simulator.start()
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: compatConfiguration(.candleQSystem, [(0x05, .keypad(3))]))
        #expect(await eventually(within: 20) { fixture.report(0x05)?.health.state == .online })
        #expect(await eventually(within: 20) { simulator.text(keypad) == "3  " })
        fixture.sink.beUnavailable(times: 1)
        simulator.pressKey(keypad, code: 0x31)
        #expect(await eventually(within: 20) { fixture.sink.applied.count == 1 })
        try await Task.sleep(for: .milliseconds(300))
        let submissions = fixture.sink.submissions
        #expect(submissions.count == 2)
        #expect(Set(submissions.map(\.request.requestID)).count == 1)
        #expect(fixture.sink.applied == [.callNext(window: 3)])
        #expect(await eventually(within: 10) { fixture.report(0x05)?.pendingEvents == 0 })
        await fixture.stop()
    }

    @Test("an FF 68 vote is bound to the ticket just finished at the window and counted once despite a lost echo")
    func ff68Vote() async throws {
        let simulator = try CompatibleBusSimulator(ff68: true)
        defer { simulator.stop() }
        let evaluator = simulator.add(.ff68Device, address: 0x07)
        simulator.start()
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: compatConfiguration(.ff68, [(0x07, .keypad(2))]))
        #expect(await eventually(within: 20) { fixture.report(0x07)?.health.state == .online })
        fixture.notify.yield(.serviceFinished(window: 2, ticket: TicketID(41)))
        try await Task.sleep(for: .milliseconds(200))
        simulator.loseEchoes(evaluator)
        simulator.queueFrame(evaluator, function: FF68Driver.evaluatorFunction, data: [0x01])
        #expect(await eventually(within: 20) { simulator.device(evaluator).pendingCount == 0 })
        #expect(await eventually(within: 10) { fixture.sink.votes.count == 1 })
        let vote = try #require(fixture.sink.votes.first)
        #expect(vote.ticket == TicketID(41) && vote.score == 4 && vote.window == 2)
        #expect(fixture.sink.submissions.count == 1)
        // The device sent the frame at least twice (the first echo was lost) and saw one echo.
        #expect(simulator.device(evaluator).echoesReceived == 1)
        // A second vote for the same service has no ticket left to rate: reported, not submitted.
        try await Task.sleep(for: .seconds(2.2))
        simulator.queueFrame(evaluator, function: FF68Driver.evaluatorFunction, data: [0x00])
        #expect(await eventually(within: 20) {
            fixture.log.count { if case .effect(.keypadEvent(_, _, .noCommand)) = $0 { true } else { false } } == 1
        })
        #expect(fixture.sink.submissions.count == 1)
        await fixture.stop()
    }

    @Test("FF 68 caller function codes configured as operator keys become queue commands")
    func ff68CallerKeys() async throws {
        let simulator = try CompatibleBusSimulator(ff68: true)
        defer { simulator.stop() }
        let caller = simulator.add(.ff68Device, address: 0x09)
        simulator.start()
        let configuration = compatConfiguration(.ff68, [(0x09, .keypad(4, transferTarget: nil))], callerKeys: [0x21: .callNext, 0x24: .finish])
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        simulator.queueFrame(caller, function: 0x21, data: [])
        simulator.queueFrame(caller, function: 0x24, data: [])
        simulator.queueFrame(caller, function: 0x30, data: [0x01])
        #expect(await eventually(within: 20) { fixture.sink.applied.count == 2 })
        #expect(Set(fixture.sink.applied.map(\.name)) == ["callNext", "finishService"])
        #expect(await eventually(within: 10) { simulator.device(caller).pendingCount == 0 })
        #expect(fixture.sink.submissions.count == 2)
        await fixture.stop()
    }

    @Test("a keypad that stops answering goes offline, comes back online and gets its display again")
    func keypadOfflineAndBack() async throws {
        let simulator = try CompatibleBusSimulator(ff68: false)
        defer { simulator.stop() }
        let keypad = simulator.add(.qsystemKeypad, address: 0x06)
        simulator.start()
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: compatConfiguration(.candleQSystem, [(0x06, .keypad(7))]))
        #expect(await eventually(within: 20) { simulator.text(keypad) == "7  " })
        simulator.setSilent(keypad, true)
        #expect(await eventually(within: 20) { fixture.report(0x06)?.health.state == .offline })
        let seen = try #require(fixture.report(0x06)?.health.lastSeen)
        simulator.powerCycle(keypad)
        simulator.setSilent(keypad, false)
        #expect(await eventually(within: 20) { fixture.report(0x06)?.health.state == .online })
        #expect(await eventually(within: 20) { simulator.text(keypad) == "7  " })
        #expect((fixture.report(0x06)?.health.lastSeen ?? seen) > seen)
        #expect(fixture.log.count { $0 == .effect(.healthChanged(DeviceAddress(0x06), .offline)) } == 1)
        await fixture.stop()
    }

    @Test("a power-cycled Candle board is repainted by the periodic refresh")
    func boardRefresh() async throws {
        let simulator = try CompatibleBusSimulator(ff68: false)
        defer { simulator.stop() }
        let board = simulator.add(.candleBoard, address: 0x30)
        simulator.start()
        let configuration = compatConfiguration(.candleQSystem, [(0x30, .windowBoard(5))], refresh: 700_000)
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.notify.yield(.called(window: 5, ticket: TicketID(9), number: "B009"))
        #expect(await eventually(within: 20) { simulator.text(board) == "B009" })
        simulator.powerCycle(board)
        let lost = MonotonicClock.microseconds()
        #expect(simulator.text(board) == "")
        #expect(await eventually(within: 20) { simulator.text(board) == "B009" })
        let back = try #require(simulator.history(board).last { $0.text == "B009" })
        #expect(back.at - lost <= 700_000 + 500_000)
        await fixture.stop()
    }

    @Test("noise and garbage on the line neither crash nor block the bus; votes still arrive")
    func noise() async throws {
        let simulator = try CompatibleBusSimulator(ff68: true)
        defer { simulator.stop() }
        let evaluator = simulator.add(.ff68Device, address: 0x0A)
        simulator.start()
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: compatConfiguration(.ff68, [(0x0A, .keypad(6))]))
        #expect(await eventually(within: 20) { fixture.report(0x0A)?.health.state == .online })
        var generator = SystemRandomNumberGenerator()
        simulator.inject((0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        simulator.inject([0xFF, 0x68, 0x05, 0x05, 0x68, 0x0A, 0x11, 0x01])  // truncated frame
        simulator.inject([0xFF, 0x68, 0x03, 0x03, 0x68, 0x0A, 0x11, 0x01, 0x00, 0x16])  // bad checksum
        simulator.setNoise(rate: 0.3, seed: 11)
        fixture.notify.yield(.serviceFinished(window: 6, ticket: TicketID(77)))
        try await Task.sleep(for: .milliseconds(200))
        simulator.queueFrame(evaluator, function: FF68Driver.evaluatorFunction, data: [0x03])
        #expect(await eventually(within: 30) { fixture.sink.votes.count == 1 })
        #expect(fixture.sink.votes.first?.ticket == TicketID(77))
        #expect(fixture.sink.votes.first?.score == 1)
        // Noise during a poll's answer counts against the device and degrades it.
        #expect(await eventually(within: 30) { (fixture.report(0x0A)?.health.crcErrors ?? 0) > 0 })
        #expect(await eventually(within: 30) { fixture.log.count { $0 == .effect(.healthChanged(DeviceAddress(0x0A), .degraded)) } >= 1 })
        simulator.setNoise(rate: 0)
        #expect(await eventually(within: 30) { fixture.report(0x0A)?.health.state == .online })
        await fixture.stop()
    }

    @Test("with an adapter that echoes its own bytes, frames are verified and stripped")
    func adapterEcho() async throws {
        let simulator = try CompatibleBusSimulator(ff68: false, echoesMaster: true)
        defer { simulator.stop() }
        let board = simulator.add(.candleBoard, address: 0x21)
        let keypad = simulator.add(.qsystemKeypad, address: 0x03)
        simulator.start()
        let configuration = compatConfiguration(.candleQSystem, [(0x21, .windowBoard(1)), (0x03, .keypad(1))], adapterEcho: true)
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.notify.yield(.called(window: 1, ticket: TicketID(3), number: "C003"))
        #expect(await eventually(within: 20) { simulator.text(board) == "C003" })
        simulator.pressKey(keypad, code: 0x34)
        #expect(await eventually(within: 20) { fixture.sink.applied == [.finishService(window: 1)] })
        #expect(fixture.report(0x21)?.health.state == .online)
        #expect(fixture.report(0x03)?.health.state == .online)
        await fixture.stop()
    }

    @Test("the port disappears and comes back: reopened, the board repainted")
    func portReconnect() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-compat-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("rs485-candle").path
        let first = try CompatibleBusSimulator(ff68: false)
        first.add(.candleBoard, address: 0x22)
        first.start()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.portPath)
        let fixture = BusFixture(endpoint: .device(path: link), configuration: compatConfiguration(.candleQSystem, [(0x22, .windowBoard(2))]))
        fixture.notify.yield(.called(window: 2, ticket: TicketID(4), number: "D004"))
        #expect(await eventually(within: 20) { first.text(0) == "D004" })
        first.stop()
        try FileManager.default.removeItem(atPath: link)
        #expect(await eventually(within: 30) { !fixture.service.runner.isPortOpen })
        let second = try CompatibleBusSimulator(ff68: false)
        defer { second.stop() }
        second.add(.candleBoard, address: 0x22)
        second.start()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second.portPath)
        #expect(await eventually(within: 30) { second.text(0) == "D004" })
        #expect(fixture.log.count { if case .portOpened = $0 { true } else { false } } == 2)
        await fixture.stop()
    }
}
