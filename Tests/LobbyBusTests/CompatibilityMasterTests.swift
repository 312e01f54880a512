import LobbyBus
import LobbyQueue
import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Compatibility master logic (no I/O)", .tags(.unit))
struct CompatibilityMasterTests {
    static func master(_ busProtocol: BusProtocol, _ devices: [(UInt8, BusDeviceRole)]) -> CompatibilityMaster {
        CompatibilityMaster(configuration: BusConfiguration(
            devices: devices.map { BusDeviceConfiguration(address: DeviceAddress($0.0), role: $0.1) }, busProtocol: busProtocol,
            compatibility: CompatibilityOptions(framePacing: 1000, answerTimeout: 1000, boardRefreshInterval: 10_000_000),
            minimumCallDisplay: 5_000_000, voteTimeoutSeconds: 60))
    }

    static func time(_ seconds: Double) -> BusTime { BusTime(microseconds: UInt64(seconds * 1_000_000)) }

    @Test("a second call waits for the first one's minimum display time; the board is refreshed later")
    func minimumDisplayAndRefresh() throws {
        var master = Self.master(.candleQSystem, [(0x25, .windowBoard(1))])
        master.portOpened(now: Self.time(0))
        master.notify(.called(window: 1, ticket: TicketID(1), number: "A1"), now: Self.time(0))
        master.notify(.called(window: 1, ticket: TicketID(2), number: "A2"), now: Self.time(0))
        guard case .send(let first) = master.nextStep(now: Self.time(0)) else { Issue.record("nothing sent"); return }
        #expect(first.frames == [CandleBoardDriver.text("A1", address: 0x25, blinkTimes: nil)])
        #expect(first.answerTimeout == nil && first.pacing == 1000)
        #expect(master.complete(first, outcome: CompatibilityOutcome(), now: Self.time(0.1), wallClock: Instant(milliseconds: 0))
            .contains(.boardPainted(DeviceAddress(0x25), BoardLayout.window(number: "A1", isRecall: false))))
        // Idle waits are capped at one second; nothing is due before the minimum display time.
        #expect(master.nextStep(now: Self.time(1)) == .idle(until: Self.time(2)))
        #expect(master.nextStep(now: Self.time(4.5)) == .idle(until: Self.time(5.1)))
        guard case .send(let second) = master.nextStep(now: Self.time(5.1)) else { Issue.record("A2 not sent"); return }
        #expect(second.frames == [CandleBoardDriver.text("A2", address: 0x25, blinkTimes: nil)])
        _ = master.complete(second, outcome: CompatibilityOutcome(), now: Self.time(5.2), wallClock: Instant(milliseconds: 0))
        #expect(master.nextStep(now: Self.time(14.5)) == .idle(until: Self.time(15.2)))
        guard case .send(let refresh) = master.nextStep(now: Self.time(15.2)) else { Issue.record("no refresh"); return }
        #expect(refresh.frames == second.frames)
    }

    @Test("a missing adapter echo means not delivered: the board goes offline and is written again")
    func missingEcho() {
        var master = Self.master(.candleQSystem, [(0x25, .windowBoard(1))])
        master.notify(.called(window: 1, ticket: TicketID(1), number: "A1"), now: Self.time(0))
        guard case .send(let request) = master.nextStep(now: Self.time(0)) else { return }
        let effects = master.complete(request, outcome: CompatibilityOutcome(echo: .missing), now: Self.time(0.1), wallClock: Instant(milliseconds: 0))
        #expect(effects == [.healthChanged(DeviceAddress(0x25), .offline)])
        #expect(master.reports.first?.isConverged == false)
        guard case .send(let again) = master.nextStep(now: Self.time(1.2)) else { Issue.record("not retried"); return }
        #expect(again.frames == request.frames)
    }

    @Test("keypads go offline after the configured unanswered polls in a row")
    func offlineAfterAttempts() {
        var master = Self.master(.ff68, [(0x07, .keypad(2))])
        var changes: [BusEffect] = []
        for step in 0..<3 {
            guard case .send(let poll) = master.nextStep(now: Self.time(Double(step))) else { Issue.record("no poll"); return }
            #expect(poll.frames == [FF68Driver.poll(address: 0x07)])
            changes += master.complete(poll, outcome: CompatibilityOutcome(), now: Self.time(Double(step) + 0.01), wallClock: Instant(milliseconds: 0))
        }
        #expect(changes == [.healthChanged(DeviceAddress(0x07), .offline)])
    }

    @Test("evaluator votes bind to the ticket finished at their window, within the vote time, once", arguments: [
        (0.0, true), (59.0, true), (61.0, false),
    ])
    func voteBinding(delay: Double, submitted: Bool) {
        var master = Self.master(.ff68, [(0x07, .keypad(2)), (0x08, .keypad(3))])
        master.notify(.serviceFinished(window: 2, ticket: TicketID(41)), now: Self.time(0))
        let vote = FF68Driver.frame(address: 0x07, function: 0x11, data: [0x00])
        let input = CompatibilityInput.ff68(address: 0x07, function: 0x11, data: [0x00], raw: vote)
        let effects = master.received([input], now: Self.time(delay), wallClock: Instant(milliseconds: 1000))
        let submissions = effects.compactMap { effect -> CommandRequest? in
            if case .submit(let request, _) = effect { return request }
            return nil
        }
        if submitted {
            #expect(submissions.map(\.command) == [.vote(VoteRequest(ticket: TicketID(41), score: 5, window: 2, castAt: Instant(milliseconds: 1000)))])
            #expect(submissions.first?.requestID == RequestID("ff68-07-vote-t41"))
        } else {
            #expect(submissions.isEmpty)
        }
        // The same bytes again right away are a re-delivery, not a second vote.
        #expect(master.received([input], now: Self.time(delay + 0.5), wallClock: Instant(milliseconds: 1500)).isEmpty)
    }
}
