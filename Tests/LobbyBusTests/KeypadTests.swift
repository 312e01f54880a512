import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbyQueue
import LobbySerial
import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Keypads over a pty: votes and operator keys", .tags(.host), .serialized)
struct KeypadTests {
    static let keypadSerial: UInt64 = 0x4B50_0000_0000_0042

    private func keypadBus(window: WindowID = 7) throws -> (BusSimulator, BusConfiguration) {
        let simulator = try BusSimulator()
        simulator.addKeypad(address: DeviceAddress(0x41), serial: Self.keypadSerial)
        simulator.start()
        let configuration = BusConfiguration(
            devices: [BusDeviceConfiguration(address: DeviceAddress(0x41), role: .keypad(window, transferTarget: "passport"))],
            voteTimeoutSeconds: 30)
        return (simulator, configuration)
    }

    private func voteOpen(_ simulator: BusSimulator) -> Bool {
        if case .keypad(let core, _) = simulator.device(0) { return core.isVoting }
        return false
    }

    @Test("a vote reaches the sink once, bound to the ticket and window, and leaves the keypad")
    func voteOnce() async throws {
        let (simulator, configuration) = try keypadBus()
        defer { simulator.stop() }
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.sink.beUnavailable(times: 1)  // the first submission is not decided: it must come again
        fixture.notify.yield(.serviceFinished(window: 7, ticket: TicketID(1234)))
        #expect(await eventually(within: 30) { voteOpen(simulator) })
        let pressed = BusRunner.systemWallClock()
        simulator.press(0, key: 3)  // vote key "4"
        #expect(await eventually(within: 30) { fixture.sink.votes.count == 1 })
        #expect(await eventually(within: 30) {
            if case .keypad(let core, _) = simulator.device(0) { return core.events.count == 0 }
            return false
        })
        let vote = try #require(fixture.sink.votes.first)
        #expect(vote.ticket == TicketID(1234))
        #expect(vote.score == 4)
        #expect(vote.window == 7)
        let castAt = try #require(vote.castAt)
        #expect(abs(castAt.milliseconds - pressed.milliseconds) <= 1500)
        // Submitted twice (unavailable, then accepted), always under the same request id.
        let ids = Set(fixture.sink.submissions.map(\.request.requestID))
        #expect(fixture.sink.submissions.count == 2)
        #expect(ids == [RequestID("keypad-4b50000000000042-e1-vote-t1234-s4")])
        await fixture.stop()
    }

    @Test("an event whose acknowledgement never reached the keypad is re-delivered after a restart, with the same request id")
    func lostAcknowledgement() async throws {
        let (simulator, configuration) = try keypadBus()
        defer { simulator.stop() }
        let first = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        first.sink.hold(seconds: 0.5)
        first.notify.yield(.serviceFinished(window: 7, ticket: TicketID(99)))
        #expect(await eventually(within: 30) { voteOpen(simulator) })
        simulator.press(0, key: 0)  // vote "1"
        // The daemon stops before the keypad got the acknowledgement.
        #expect(await eventually(within: 30) { first.log.count { if case .effect(.submit) = $0 { return true } else { return false } } == 1 })
        await first.stop()
        let pending: Int = {
            if case .keypad(let core, _) = simulator.device(0) { return core.events.count }
            return -1
        }()
        #expect(pending == 1)
        let second = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        #expect(await eventually(within: 30) { second.sink.votes.count == 1 })
        let firstIDs = first.sink.submissions.map(\.request.requestID)
        let secondIDs = second.sink.submissions.map(\.request.requestID)
        #expect(secondIDs.count == 1)
        if !firstIDs.isEmpty { #expect(firstIDs == secondIDs) }
        #expect(second.sink.votes.first?.score == 1)
        #expect(await eventually(within: 30) {
            if case .keypad(let core, _) = simulator.device(0) { return core.events.count == 0 }
            return false
        })
        await second.stop()
    }

    @Test("votes cast while the bus is down arrive afterwards with the time they were cast")
    func outage() async throws {
        let (simulator, configuration) = try keypadBus()
        defer { simulator.stop() }
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        fixture.notify.yield(.serviceFinished(window: 7, ticket: TicketID(555)))
        #expect(await eventually(within: 30) { voteOpen(simulator) })
        simulator.setSilent(true)
        #expect(await eventually(within: 30) { fixture.report(0x41)?.health.state == .offline })
        let pressed = BusRunner.systemWallClock()
        simulator.press(0, key: 4)  // vote "5"
        try await Task.sleep(for: .seconds(2.5))
        #expect(fixture.sink.votes.isEmpty)
        simulator.setSilent(false)
        #expect(await eventually(within: 30) { fixture.sink.votes.count == 1 })
        let vote = try #require(fixture.sink.votes.first)
        let delivered = BusRunner.systemWallClock()
        let castAt = try #require(vote.castAt)
        #expect(vote.score == 5 && vote.ticket == TicketID(555))
        #expect(abs(castAt.milliseconds - pressed.milliseconds) <= 1500, "cast \(castAt), pressed \(pressed)")
        #expect(delivered.milliseconds - castAt.milliseconds >= 2000)
        await fixture.stop()
    }

    @Test("operator keys become window commands, each once", arguments: [
        (5, QueueCommand.callNext(window: 7)), (6, .recall(window: 7)), (7, .noShow(window: 7)), (8, .finishService(window: 7)),
        (9, .transfer(window: 7, to: "passport", position: .back)),
    ])
    func operatorKeys(key: Int, command: QueueCommand) async throws {
        let (simulator, configuration) = try keypadBus()
        defer { simulator.stop() }
        let fixture = BusFixture(endpoint: .device(path: simulator.portPath), configuration: configuration)
        #expect(await eventually(within: 30) { fixture.report(0x41)?.health.state == .online })
        simulator.press(0, key: key)
        #expect(await eventually(within: 30) { fixture.sink.applied.count == 1 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(fixture.sink.applied == [command])
        #expect(fixture.sink.submissions.count == 1)
        await fixture.stop()
    }
}
