import LobbyQueue
import LobbyTestSupport
import Testing

/// Supervisors' actions: the queue's rules, who and why in the audit, and the journal round trip.
@Suite("Supervisor actions", .tags(.unit))
struct SupervisorActionTests {
    private func act(_ change: SupervisorChange, reason: String = "long line") -> QueueCommand {
        .supervise(SupervisorAction(actor: "leyla", reason: reason, change: change))
    }

    @Test("moving a service to a window changes who it calls next, for the rest of the day only")
    func assignServices() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)  // serves only b
        let b = try h.issue("b")
        h.advance(seconds: 60)
        let a = try h.issue("a")
        h.advance(seconds: 10)
        try h.run(act(.assignServices(2, services: ["a": 1])))
        #expect(h.state.windowDefinition(2, h.engine.configuration)?.services == ["a": 1])
        #expect(try h.callNext(2) == a)
        try h.run(.finishService(window: 2))
        expectError(.queueEmpty(2)) { try h.run(.callNext(window: 2)) }
        #expect(h.ticket(b).state == .waiting)
        // The next day the configured services are back.
        h.advance(seconds: 86_400)
        _ = try h.issue("b")
        #expect(h.state.windowDefinition(2, h.engine.configuration)?.services == ["b": 1])
        #expect(h.state.audit.isEmpty)
    }

    @Test("weights change the order: a heavier service wins")
    func weights() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)  // a:3 b:1
        let b = try h.issue("b")
        h.advance(seconds: 100)
        let a = try h.issue("a")
        h.advance(seconds: 40)  // a: 3×40=120 < b: 140
        try h.run(act(.assignServices(1, services: ["a": 5, "b": 1])))  // a: 200 > 140
        #expect(try h.callNext(1) == a)
        _ = b
    }

    @Test("move and cancel a waiting ticket; every action is in the audit with who, why and the ticket's number")
    func moveAndCancel() throws {
        var h = Harness(smallCentre())
        let first = try h.issue("b")
        let second = try h.issue("b")
        try h.run(act(.moveTicket(first, to: "a", position: .front), reason: "wrong service chosen at the kiosk"))
        #expect(h.ticket(first).service == "a")
        #expect(h.state.lines["a"] == [first])
        try h.run(act(.cancelTicket(second), reason: "citizen left"))
        #expect(h.ticket(second).state == .cancelled)
        try h.run(act(.openWindow(3), reason: "opening"))
        #expect(h.state.windows[3]?.state == .open)
        let audit = h.state.audit
        #expect(audit.map(\.action.change.name) == ["move-ticket", "cancel-ticket", "open-window"])
        #expect(audit.map(\.action.actor) == ["leyla", "leyla", "leyla"])
        #expect(audit[0].action.reason == "wrong service chosen at the kiosk")
        #expect(audit[0].ticketNumber == h.ticket(first).number)
        #expect(audit[1].ticketNumber == h.ticket(second).number)
    }

    @Test("refusals: no reason, an unknown service, a weight out of range, no services, a busy window, a called ticket")
    func refusals() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let t = try h.issue("b")
        expectError(.invalidSupervisorAction("a supervisor's action needs a reason")) { try h.run(act(.openWindow(1), reason: "  ")) }
        expectError(.unknownService("zzz")) { try h.run(act(.assignServices(2, services: ["zzz": 1]))) }
        expectError(.invalidSupervisorAction("the weight of service 'b' must be 1 to 100, got 0")) {
            try h.run(act(.assignServices(2, services: ["b": 0])))
        }
        expectError(.invalidSupervisorAction("window 2 must serve at least one service; close it instead")) {
            try h.run(act(.assignServices(2, services: [:])))
        }
        expectError(.unknownWindow(9)) { try h.run(act(.closeWindow(9))) }
        _ = try h.callNext(2)
        expectError(.windowBusy(2, ticket: h.ticket(t).number)) { try h.run(act(.closeWindow(2))) }
        expectError(.invalidTransition(h.ticket(t).number, state: .called, action: "move to another line")) {
            try h.run(act(.moveTicket(t, to: "a", position: .back)))
        }
        #expect(h.state.audit.isEmpty)
    }

    @Test("records round-trip through the journal codec in format version 4, and replay rebuilds the same state and audit")
    func journal() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        let t = try h.issue("b")
        var records: [JournalRecord] = []
        func keep(_ r: CommandResult) { if let rec = r.record { records.append(rec) } }
        keep(try h.run(act(.assignServices(2, services: ["a": 2, "b": 7]), reason: "ünvan xətti — длинная очередь")))
        keep(try h.run(act(.moveTicket(t, to: "c", position: .back))))
        keep(try h.run(act(.closeWindow(2))))
        for r in records {
            let bytes = RecordCodec.encode(r)
            #expect(bytes.first == 4)
            #expect(try RecordCodec.decode(bytes) == r)
        }
        // An ordinary record keeps its old version, so older builds still read journals without supervisors.
        var plain = Harness(smallCentre())
        let issued = try plain.run(.issueTicket(TicketRequest(service: "a"))).record!
        #expect(RecordCodec.encode(issued).first == 1)

        // The whole journal of the same day, executed, encoded, decoded and replayed.
        var replayed = try QueueEngine(configuration: smallCentre())
        var all: [JournalRecord] = []
        var again = try QueueEngine(configuration: smallCentre())
        var n = 0
        for command in [QueueCommand.setWindowState(window: 2, state: .open), .signIn(window: 2, operator: "op2"),
                        .issueTicket(TicketRequest(service: "b")), act(.assignServices(2, services: ["a": 2, "b": 7])),
                        act(.moveTicket(t, to: "c", position: .back)), act(.closeWindow(2))] {
            n += 1
            let r = try again.execute(CommandRequest(RequestID("r\(n)"), command), now: Harness.mondayNoonBaku.adding(seconds: Int64(n)))
            all.append(try RecordCodec.decode(RecordCodec.encode(r.record!)))
        }
        for r in all { try replayed.replay(r) }
        #expect(replayed.state == again.state)
        #expect(replayed.state.audit.count == 3)
        #expect(replayed.state.assignedServices[2] == ["a": 2, "b": 7])
        #expect(replayed.state.windows[2]?.state == .closed)
        #expect(replayed.state.tickets[t]?.service == "c")
    }

    @Test("a supervisor record marked with an older version is refused, naming the tag")
    func olderVersion() throws {
        var h = Harness(smallCentre())
        let r = try h.run(act(.openWindow(1))).record!
        var bytes = RecordCodec.encode(r)
        bytes[0] = 3
        #expect { _ = try RecordCodec.decode(bytes) } throws: { error in
            "\(error)".contains("unknown command tag 21 in a version 3 record")
        }
    }
}
