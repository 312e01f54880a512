import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Estimates", .tags(.unit))
struct EstimateTests {
    @Test("a fresh centre uses the configured service time")
    func freshCentre() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)  // serves only b (600 s expected)
        _ = try h.issue("b")
        _ = try h.issue("b")
        let third = try h.issue("b")
        let e = try #require(h.engine.estimate(for: third))
        #expect(e.peopleAhead == 2)
        #expect(e.averageServiceSeconds == 600)
        // window 2 serves b fully; window 1 (closed) and 3 (closed) do not count
        #expect(e.openWindows == 1)
        #expect(e.expectedWaitSeconds == 1200)
    }

    @Test("observed service times replace the configured ones; two free windows call two tickets at once")
    func observed() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)  // a:3 b:1 → share of b = 1/4
        h.openWindow(2)  // b:1 → share 1
        for _ in 0..<2 {
            _ = try h.issue("b")
            _ = try h.callNext(2)
            h.advance(seconds: 100)
            try h.run(.finishService(window: 2))
        }
        let t1 = try h.issue("b")
        _ = t1
        let t2 = try h.issue("b")
        let e = try #require(h.engine.estimate(for: t2))
        #expect(e.averageServiceSeconds == 100)
        #expect(e.openWindows == 2)
        #expect(e.peopleAhead == 1)
        #expect(e.expectedWaitSeconds == 0)  // windows 1 and 2 are both free: t1 goes to 1, t2 to 2
    }

    @Test("priority tickets behind a regular one count as ahead of it")
    func priorityAhead() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let regular = try h.issue("b")
        let disabled = try h.issue("b", priority: "disabled")
        #expect(h.engine.estimate(for: regular)?.peopleAhead == 1)
        #expect(h.engine.estimate(for: disabled)?.peopleAhead == 0)
    }

    @Test("no estimate for tickets that no longer wait")
    func notWaiting() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let t = try h.issue("b")
        _ = try h.callNext(2)
        #expect(h.engine.estimate(for: t) == nil)
    }
}

@Suite("Satisfaction votes", .tags(.unit))
struct VoteTests {
    private func served(_ h: inout Harness) throws -> TicketID {
        h.openWindow(1)
        let t = try h.issue("a")
        _ = try h.callNext(1)
        try h.run(.finishService(window: 1))
        return t
    }

    @Test("one vote per served ticket, bound to its window and operator")
    func once() throws {
        var h = Harness(smallCentre())
        let t = try served(&h)
        try h.run(.vote(VoteRequest(ticket: t, score: 5, window: 1)))
        #expect(h.ticket(t).vote == 5)
        #expect(h.ticket(t).servedBy == "op1")
        expectError(.voteAlreadyRecorded(h.ticket(t).number)) { try h.run(.vote(VoteRequest(ticket: t, score: 1, window: 1))) }
    }

    @Test("votes are refused with a reason", arguments: [
        (0, nil as Int?, 0 as Int64, "vote-out-of-range"),
        (6, nil, 0, "vote-out-of-range"),
        (4, 2, 0, "vote-from-wrong-window"),
        (4, nil, 301, "vote-too-late"),
        (4, 1, 300, "ok"),
    ])
    func refusals(score: Int, window: Int?, delay: Int64, expected: String) throws {
        var h = Harness(smallCentre())
        let t = try served(&h)
        h.advance(seconds: delay)
        do {
            try h.run(.vote(VoteRequest(ticket: t, score: score, window: window.map { WindowID($0) })))
            #expect(expected == "ok")
        } catch {
            #expect(code(of: error) == expected)
        }
    }

    @Test("a vote for a ticket never served is refused")
    func unserved() throws {
        var h = Harness(smallCentre())
        let t = try h.issue("a")
        expectError(.voteForUnservedTicket(h.ticket(t).number, state: .waiting)) { try h.run(.vote(VoteRequest(ticket: t, score: 3))) }
        expectError(.unknownTicket(TicketID(42))) { try h.run(.vote(VoteRequest(ticket: TicketID(42), score: 3))) }
    }

    @Test("a vote delayed by a bus outage counts when it was cast in time")
    func delayedVote() throws {
        var h = Harness(smallCentre())
        let t = try served(&h)
        let castAt = h.now.adding(seconds: 60)
        h.advance(seconds: 1800)  // the bus was down for half an hour
        try h.run(.vote(VoteRequest(ticket: t, score: 4, window: 1, castAt: castAt)))
        #expect(h.ticket(t).vote == 4)
    }

    @Test("a cast time in the future is clamped to now")
    func futureCast() throws {
        var h = Harness(smallCentre())
        let t = try served(&h)
        h.advance(seconds: 400)
        expectError(.voteTooLate(h.ticket(t).number, secondsAfterService: 400, limit: 300)) {
            try h.run(.vote(VoteRequest(ticket: t, score: 4, castAt: h.now.adding(seconds: 9999))))
        }
    }
}
