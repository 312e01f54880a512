import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Idempotency and races", .tags(.unit))
struct IdempotencyTests {
    @Test("a repeated issue request returns the first ticket and creates no second")
    func doubleTap() throws {
        var h = Harness(smallCentre())
        let first = try h.run(.issueTicket(TicketRequest(service: "a")), id: "kiosk1-tap-7")
        h.advance(seconds: 1)
        let second = try h.run(.issueTicket(TicketRequest(service: "a")), id: "kiosk1-tap-7")
        #expect(first.outcome == second.outcome)
        #expect(first.record != nil)
        #expect(second.isRepeat)
        #expect(h.state.tickets.count == 1)
        #expect(h.state.lastSequence == 1)
    }

    @Test("a repeated call-next returns the same citizen and calls nobody else")
    func doubleCall() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        let u = try h.issue("a")
        let first = try h.run(.callNext(window: 1), id: "w1-click")
        let again = try h.run(.callNext(window: 1), id: "w1-click")
        #expect(first.outcome == .ticket(t))
        #expect(again.outcome == .ticket(t))
        #expect(h.ticket(u).state == .waiting)
    }

    @Test("a request id reused for another command is refused")
    func reusedID() throws {
        var h = Harness(smallCentre())
        _ = try h.run(.issueTicket(TicketRequest(service: "a")), id: "x")
        expectError(.requestIDReused("x", firstCommand: "issueTicket")) { try h.run(.issueTicket(TicketRequest(service: "b")), id: "x") }
    }

    @Test("two windows calling at the same instant never get the same citizen")
    func simultaneousCalls() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        h.openWindow(3)
        let t = try h.issue("a")
        let c1 = try h.run(.callNext(window: 1))
        expectError(.queueEmpty(3)) { try h.run(.callNext(window: 3)) }
        #expect(c1.outcome == .ticket(t))
        let u = try h.issue("a")
        let v = try h.issue("b")
        try h.run(.finishService(window: 1))
        let a = try h.callNext(1)
        let b = try h.callNext(3)
        #expect(Set([a, b]) == Set([u, v]))
    }

    @Test("request ids are remembered across replay")
    func replayRemembers() throws {
        var h = Harness(smallCentre())
        let r = try h.run(.issueTicket(TicketRequest(service: "a")), id: "once")
        var replayed = try QueueEngine(configuration: smallCentre())
        try replayed.replay(r.record!)
        let again = try replayed.execute(CommandRequest("once", .issueTicket(TicketRequest(service: "a"))), now: h.now)
        #expect(again.isRepeat)
        #expect(again.outcome == r.outcome)
    }

    @Test("yesterday's request id after midnight answers the ticket's record: number and final state")
    func repeatAfterMidnight() throws {
        var h = Harness(smallCentre())
        let waiting = try h.run(.issueTicket(TicketRequest(service: "a")), id: "tap-waiting").outcome.ticket!
        let served = try h.run(.issueTicket(TicketRequest(service: "a")), id: "tap-served").outcome.ticket!
        h.openWindow(1)
        #expect(try h.run(.callNext(window: 1), id: "call").outcome == .ticket(waiting))
        _ = try h.run(.finishService(window: 1))
        h.advance(seconds: 13 * 3600)  // 01:00 the next day
        let again = try h.run(.issueTicket(TicketRequest(service: "a")), id: "tap-served")
        #expect(again.isRepeat)
        #expect(again.outcome == .ticket(served))
        #expect(h.state.tickets[served] == nil, "the ticket is no longer one of today")
        let record = try #require(h.state.pastTicket(served))
        #expect(record.number.description == "A002")
        #expect(record.state == .expired)
        let done = try #require(h.state.pastTicket(waiting))
        #expect(done.number.description == "A001")
        #expect(done.state == .done)
        #expect(h.state.pastTicket(TicketID(99)) == nil)
        // The day after, the id is forgotten: it makes a new ticket.
        h.advance(seconds: 24 * 3600)
        #expect(try h.run(.issueTicket(TicketRequest(service: "a")), id: "tap-served").isRepeat == false)
    }
}
