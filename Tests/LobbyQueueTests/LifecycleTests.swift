import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Ticket lifecycle", .tags(.unit))
struct LifecycleTests {
    @Test("a ticket goes waiting → called → serving → done")
    func happyPath() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        #expect(h.ticket(t).state == .waiting)
        #expect(h.number(t) == "A001")
        #expect(try h.callNext(1) == t)
        #expect(h.ticket(t).state == .called)
        #expect(h.state.windows[1]?.current == t)
        h.advance(seconds: 30)
        try h.run(.startService(window: 1))
        #expect(h.ticket(t).state == .serving)
        h.advance(seconds: 200)
        try h.run(.finishService(window: 1))
        #expect(h.ticket(t).state == .done)
        #expect(h.ticket(t).servedBy == "op1")
        #expect(h.state.windows[1]?.current == nil)
        #expect(h.state.observedService["a"]?.seconds == [200])
    }

    @Test("finish straight from called counts service from the call")
    func finishFromCalled() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        _ = try h.callNext(1)
        h.advance(seconds: 90)
        try h.run(.finishService(window: 1))
        #expect(h.ticket(t).startedAt == h.ticket(t).calledAt)
        #expect(h.state.observedService["a"]?.seconds == [90])
    }

    /// Every action on the window's current ticket, from each state it may be in.
    @Test("transition table", arguments: [
        // (setup steps after call, command, expected state or error code)
        ([], "recall", "called"),
        ([], "noShow", "noShow"),
        ([], "start", "serving"),
        ([], "finish", "done"),
        ([], "park", "parked"),
        ([], "transfer", "waiting"),
        (["start"], "recall", "invalid-transition"),
        (["start"], "noShow", "invalid-transition"),
        (["start"], "start", "invalid-transition"),
        (["start"], "finish", "done"),
        (["start"], "park", "parked"),
        (["start"], "transfer", "waiting"),
        (["finish"], "recall", "no-current-ticket"),
        (["finish"], "finish", "no-current-ticket"),
        (["noShow"], "start", "no-current-ticket"),
        (["park"], "finish", "no-current-ticket"),
    ])
    func transitions(setup: [String], action: String, expected: String) throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        _ = try h.callNext(1)
        func command(_ name: String) -> QueueCommand {
            switch name {
            case "recall": .recall(window: 1)
            case "noShow": .noShow(window: 1)
            case "start": .startService(window: 1)
            case "finish": .finishService(window: 1)
            case "park": .park(window: 1)
            default: .transfer(window: 1, to: "b", position: .back)
            }
        }
        for step in setup { try h.run(command(step)) }
        do {
            try h.run(command(action))
            #expect(h.ticket(t).state.rawValue == expected)
        } catch {
            #expect(code(of: error) == expected)
            #expect(TicketState(rawValue: expected) == nil, "expected state \(expected), got error \(error)")
        }
    }

    @Test("recall is bounded by the configured limit")
    func recallLimit() throws {
        var h = Harness(smallCentre(recallLimit: 2))
        h.openWindow(1)
        let t = try h.issue("a")
        _ = try h.callNext(1)
        try h.run(.recall(window: 1))
        try h.run(.recall(window: 1))
        #expect(h.ticket(t).recallCount == 2)
        expectError(.recallLimitReached(h.ticket(t).number, limit: 2)) { try h.run(.recall(window: 1)) }
        try h.run(.noShow(window: 1))
        #expect(h.ticket(t).state == .noShow)
    }

    @Test("transfer keeps number and issue time; front goes before the line, back after")
    func transfer() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        h.openWindow(2)
        let b1 = try h.issue("b")
        let b2 = try h.issue("b")
        let a1 = try h.issue("a")
        let issued = h.ticket(a1).issuedAt
        h.advance(seconds: 60)
        #expect(try h.callNext(1) == a1)  // weight 3 × 60 s beats weight 1 × 60 s
        h.advance(seconds: 60)
        try h.run(.transfer(window: 1, to: "b", position: .front))
        #expect(h.ticket(a1).number.description == "A001")
        #expect(h.ticket(a1).issuedAt == issued)
        #expect(h.ticket(a1).service == "b")
        #expect(h.ticket(a1).originalService == "a")
        #expect(h.state.lines["b"] == [a1, b1, b2])
        #expect(try h.callNext(2) == a1)
        try h.run(.transfer(window: 2, to: "a", position: .back))
        #expect(h.state.lines["a"] == [a1])
        expectError(.unknownService("zzz")) { try h.run(.transfer(window: 2, to: "zzz", position: .back)) }
    }

    @Test("transfer to the same service is refused")
    func transferSame() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        _ = try h.callNext(1)
        expectError(.transferToSameService(h.ticket(t).number, "a")) { try h.run(.transfer(window: 1, to: "a", position: .front)) }
    }

    @Test("park and unpark: the ticket leaves the window and returns to its line")
    func parkUnpark() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        let u = try h.issue("a")
        _ = try h.callNext(1)
        try h.run(.park(window: 1))
        #expect(h.ticket(t).state == .parked)
        #expect(h.state.lines["a"] == [u])
        #expect(h.state.windows[1]?.current == nil)
        try h.run(.unpark(ticket: t, position: .front))
        #expect(h.state.lines["a"] == [t, u])
        #expect(try h.callNext(1) == t)
        expectError(.invalidTransition(h.ticket(t).number, state: .called, action: "unpark")) { try h.run(.unpark(ticket: t, position: .back)) }
    }

    @Test("cancel: waiting and parked tickets only")
    func cancel() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        let t = try h.issue("a")
        let u = try h.issue("a")
        try h.run(.cancel(ticket: u))
        #expect(h.ticket(u).state == .cancelled)
        #expect(h.state.lines["a"] == [t])
        _ = try h.callNext(1)
        expectError(.invalidTransition(h.ticket(t).number, state: .called, action: "cancel")) { try h.run(.cancel(ticket: t)) }
        expectError(.unknownTicket(TicketID(99))) { try h.run(.cancel(ticket: TicketID(99))) }
    }

    @Test("window errors: unknown, not open, no operator, busy, empty queue")
    func windowErrors() throws {
        var h = Harness(smallCentre())
        expectError(.unknownWindow(9)) { try h.run(.callNext(window: 9)) }
        expectError(.windowNotOpen(1, state: .closed)) { try h.run(.callNext(window: 1)) }
        try h.run(.setWindowState(window: 1, state: .open))
        expectError(.noOperator(1)) { try h.run(.callNext(window: 1)) }
        try h.run(.signIn(window: 1, operator: "alice"))
        expectError(.queueEmpty(1)) { try h.run(.callNext(window: 1)) }
        let t = try h.issue("a")
        _ = try h.issue("a")
        _ = try h.callNext(1)
        expectError(.windowBusy(1, ticket: h.ticket(t).number)) { try h.run(.callNext(window: 1)) }
        expectError(.windowBusy(1, ticket: h.ticket(t).number)) { try h.run(.setWindowState(window: 1, state: .closed)) }
        expectError(.windowBusy(1, ticket: h.ticket(t).number)) { try h.run(.signOut(window: 1)) }
        try h.run(.setWindowState(window: 1, state: .paused))
        try h.run(.finishService(window: 1))
        expectError(.windowNotOpen(1, state: .paused)) { try h.run(.callNext(window: 1)) }
        expectError(.operatorSignedInElsewhere("alice", window: 1)) { try h.run(.signIn(window: 2, operator: "alice")) }
        try h.run(.signIn(window: 1, operator: "bob"))
        #expect(h.state.windows[1]?.signedIn == "bob")
        try h.run(.signOut(window: 1))
        #expect(h.state.windows[1]?.signedIn == nil)
    }

    @Test("issue errors: unknown service and priority, appointment-only, ID required, cap")
    func issueErrors() throws {
        var h = Harness(smallCentre())
        expectError(.unknownService("nope")) { _ = try h.issue("nope") }
        expectError(.unknownPriority("vip")) { _ = try h.issue("a", priority: "vip") }
        expectError(.appointmentRequired("appt")) { _ = try h.issue("appt") }
        expectError(.idDocumentRequired("idsvc")) { _ = try h.issue("idsvc") }
        _ = try h.issue("c")
        _ = try h.issue("c")
        expectError(.dailyCapReached("c", cap: 2)) { _ = try h.issue("c") }
    }

    @Test("refused commands leave the state unchanged")
    func refusalsChangeNothing() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        _ = try h.issue("a")
        let before = h.state
        expectError(.unknownService("x")) { _ = try h.issue("x") }
        expectError(.noCurrentTicket(1)) { try h.run(.finishService(window: 1)) }
        expectError(.voteOutOfRange(7)) { try h.run(.vote(VoteRequest(ticket: TicketID(1), score: 7))) }
        #expect(h.state == before)
    }

    @Test("the delivery of a ticket is recorded once; repeating it writes nothing")
    func delivery() throws {
        var h = Harness(smallCentre())
        let t = try h.issue("a")
        #expect(h.ticket(t).delivery == nil)
        let first = try h.run(.recordDelivery(ticket: t, delivery: .shownOnScreen(reason: "paper out")))
        #expect(first.record?.events == [.ticketDelivered(t, .shownOnScreen(reason: "paper out"))])
        let same = try h.run(.recordDelivery(ticket: t, delivery: .shownOnScreen(reason: "paper out")))
        #expect(same.record?.events == [])
        try h.run(.recordDelivery(ticket: t, delivery: .printed(printer: "kiosk-2")))
        #expect(h.ticket(t).delivery == .printed(printer: "kiosk-2"))
        expectError(.unknownTicket(TicketID(77))) { try h.run(.recordDelivery(ticket: TicketID(77), delivery: .printed(printer: "x"))) }
    }

    @Test("a citizen with an active ticket for the service gets it again, not a second one")
    func perPersonReprint() throws {
        var h = Harness(smallCentre())
        let person = PersonKey("abc123")
        let t = try h.issue("idsvc", person: person)
        let again = try h.run(.issueTicket(TicketRequest(service: "idsvc", personKey: person)))
        #expect(again.outcome == .existingTicket(t))
        #expect(h.state.issuedToday["idsvc"] == 1)
        let other = try h.issue("idsvc", person: PersonKey("def456"))
        #expect(other != t)
    }
}
