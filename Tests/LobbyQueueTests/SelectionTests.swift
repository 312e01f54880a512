import LobbyQueue
import LobbyTestSupport
import Testing

/// The cases of the call-next rule, as tabulated in Docs/Queue.md.
@Suite("Call-next selection", .tags(.unit))
struct SelectionTests {
    @Test("case 1: FIFO within one service")
    func fifo() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let first = try h.issue("b")
        h.advance(seconds: 10)
        let second = try h.issue("b")
        h.advance(seconds: 10)
        #expect(try h.callNext(2) == first)
        try h.run(.finishService(window: 2))
        #expect(try h.callNext(2) == second)
    }

    @Test("case 2: the higher weighted wait wins across services")
    func weighted() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)  // a:3, b:1
        let b = try h.issue("b")
        h.advance(seconds: 100)
        let a = try h.issue("a")
        h.advance(seconds: 40)
        // b: 1 × 140 = 140; a: 3 × 40 = 120 → b
        #expect(try h.callNext(1) == b)
        try h.run(.finishService(window: 1))
        #expect(try h.callNext(1) == a)
    }

    @Test("case 3: aging — a low-weight ticket is called once its wait outweighs newer high-weight ones")
    func aging() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)  // a:3, b:1
        let b = try h.issue("b")
        var calls: [TicketID] = []
        // A steady stream of 'a' tickets, one every 60 s, each served at once.
        for _ in 0..<10 {
            h.advance(seconds: 60)
            _ = try h.issue("a")
            let c = try h.callNext(1)
            calls.append(c)
            try h.run(.finishService(window: 1))
            if c == b { break }
        }
        // b has waited 60·k; the newest a waited 0–60 s with weight 3: b wins by the second call at the latest.
        #expect(calls.contains(b))
        #expect(calls.firstIndex(of: b)! <= 1)
    }

    @Test("case 4: priority .first goes ahead of regular tickets")
    func priorityFirst() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let regular = try h.issue("b")
        h.advance(seconds: 300)
        let disabled = try h.issue("b", priority: "disabled")
        #expect(try h.callNext(2) == disabled)
        try h.run(.finishService(window: 2))
        #expect(try h.callNext(2) == regular)
    }

    @Test("case 5: after maxConsecutive priority calls one regular ticket is called")
    func priorityLimit() throws {
        var h = Harness(smallCentre())  // disabled: maxConsecutive 2
        h.openWindow(2)
        let r1 = try h.issue("b")
        let p = try (0..<4).map { _ throws(QueueError) in try h.issue("b", priority: "disabled") }
        var order: [TicketID] = []
        for _ in 0..<5 {
            h.advance(seconds: 5)
            order.append(try h.callNext(2))
            try h.run(.finishService(window: 2))
        }
        #expect(order == [p[0], p[1], r1, p[2], p[3]])
    }

    @Test("case 6: with no regular ticket waiting, priority tickets are called without limit")
    func priorityOnly() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let p = try (0..<3).map { _ throws(QueueError) in try h.issue("b", priority: "disabled") }
        var order: [TicketID] = []
        for _ in 0..<3 {
            order.append(try h.callNext(2))
            try h.run(.finishService(window: 2))
        }
        #expect(order == p)
    }

    @Test("case 7: boost counts as extra waiting time")
    func boost() throws {
        var h = Harness(smallCentre())  // aged65: boost 600 s
        h.openWindow(2)
        let regular = try h.issue("b")
        h.advance(seconds: 500)
        let aged = try h.issue("b", priority: "aged65")
        h.advance(seconds: 1)
        // regular 501 s vs aged 1 + 600 s
        #expect(try h.callNext(2) == aged)
        try h.run(.finishService(window: 2))
        #expect(try h.callNext(2) == regular)
    }

    @Test("case 8: an appointment is not called before its time and goes first from its time")
    func appointments() throws {
        var h = Harness(smallCentre())
        h.openWindow(3)
        let at = h.now.adding(seconds: 600)
        let appt = try h.issue("appt", appointmentAt: at)
        let walkIn = try h.issue("a")
        h.advance(seconds: 60)
        #expect(try h.callNext(3) == walkIn)
        try h.run(.finishService(window: 3))
        expectError(.queueEmpty(3)) { try h.run(.callNext(window: 3)) }
        let late = try h.issue("a")
        h.advance(seconds: 600)
        #expect(try h.callNext(3) == appt)
        try h.run(.finishService(window: 3))
        #expect(try h.callNext(3) == late)
    }

    @Test("case 9: a window only calls services it serves")
    func servedOnly() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)  // b only
        _ = try h.issue("a")
        expectError(.queueEmpty(2)) { try h.run(.callNext(window: 2)) }
    }

    @Test("case 10: equal weighted waits go to the ticket that joined first")
    func tieBreak() throws {
        var h = Harness(smallCentre())
        h.openWindow(3)  // a:1 b:1 c:1
        let b = try h.issue("b")
        let a = try h.issue("a")
        h.advance(seconds: 30)
        #expect(try h.callNext(3) == b)
        try h.run(.finishService(window: 3))
        #expect(try h.callNext(3) == a)
    }

    @Test("bound: a ticket that waited W is never passed by one that waited less than W·wmin/wmax")
    func starvationBound() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)  // a:3 b:1 → ratio 1/3
        let b = try h.issue("b")
        var aTickets: [(TicketID, Instant)] = []
        for step in 0..<40 {
            h.advance(seconds: 20)
            aTickets.append((try h.issue("a"), h.now))
            if step % 2 == 0 {
                let called = try h.callNext(1)
                let bWait = h.now.seconds(since: h.ticket(b).issuedAt)
                if called != b {
                    let calledWait = h.now.seconds(since: h.ticket(called).lineEnteredAt)
                    #expect(calledWait * 3 >= bWait, "ticket waiting \(calledWait) s passed b waiting \(bWait) s")
                }
                try h.run(.finishService(window: 1))
                if called == b { return }
            }
        }
        Issue.record("b was never called")
    }
}
