import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

@Suite("Invariants under random command streams", .tags(.unit))
struct PropertyTests {
    /// Checks the invariants of a state.
    static func checkInvariants(_ state: QueueState, sourceLocation: SourceLocation = #_sourceLocation) {
        // Every waiting ticket is in exactly one line, once; no other ticket is in a line.
        var seen: [TicketID: Int] = [:]
        for (service, line) in state.lines {
            for id in line {
                seen[id, default: 0] += 1
                #expect(state.tickets[id]?.state == .waiting, "ticket \(id) in line \(service) is \(String(describing: state.tickets[id]?.state))", sourceLocation: sourceLocation)
                #expect(state.tickets[id]?.service == service, sourceLocation: sourceLocation)
            }
        }
        for t in state.tickets.values where t.state == .waiting {
            #expect(seen[t.id] == 1, "waiting ticket \(t.number) is in \(seen[t.id] ?? 0) lines", sourceLocation: sourceLocation)
        }
        // Called and served tickets are the current ticket of exactly their window.
        for t in state.tickets.values where t.state == .called || t.state == .serving {
            #expect(t.window != nil && state.windows[t.window!]?.current == t.id, "ticket \(t.number) is not its window's current", sourceLocation: sourceLocation)
        }
        for (w, status) in state.windows {
            if let current = status.current {
                let st = state.tickets[current]?.state
                #expect(st == .called || st == .serving, "window \(w) current ticket is \(String(describing: st))", sourceLocation: sourceLocation)
            }
        }
        // Numbers are unique per prefix, cycle and day.
        var numbers = Set<String>()
        for t in state.tickets.values {
            let key = "\(t.day) \(t.number.prefix) \(t.number.cycle) \(t.number.value)"
            #expect(numbers.insert(key).inserted, "number \(key) issued twice", sourceLocation: sourceLocation)
        }
        // Live tickets never share a displayed number.
        var live = Set<String>()
        for t in state.tickets.values where !t.state.isFinal {
            #expect(live.insert(t.number.description).inserted, "two live tickets show \(t.number)", sourceLocation: sourceLocation)
        }
        checkAppointmentInvariants(state, sourceLocation: sourceLocation)
    }

    /// The appointment book agrees with the tickets: one ticket per checked-in appointment, with
    /// its time and person key; nothing of a past day stays in the book.
    static func checkAppointmentInvariants(_ state: QueueState, sourceLocation: SourceLocation = #_sourceLocation) {
        var ticketsOfAppointments = Set<TicketID>()
        for a in state.appointments.values {
            if let day = state.day { #expect(a.day >= day, "appointment \(a.code) of \(a.day) is still in the book on \(day)", sourceLocation: sourceLocation) }
            #expect((a.state == .checkedIn) == (a.ticket != nil), sourceLocation: sourceLocation)
            #expect(a.state != .missed, sourceLocation: sourceLocation)
            guard let id = a.ticket else { continue }
            #expect(ticketsOfAppointments.insert(id).inserted, "ticket \(id) belongs to two appointments", sourceLocation: sourceLocation)
            let t = state.tickets[id]
            #expect(t?.appointmentAt == a.at && t?.personKey == a.personKey && t?.originalService == a.service,
                    "ticket \(id) does not match appointment \(a.code)", sourceLocation: sourceLocation)
            #expect(a.checkedInAt == t?.issuedAt, sourceLocation: sourceLocation)
        }
        for t in state.tickets.values where t.appointmentAt != nil {
            #expect(ticketsOfAppointments.contains(t.id), "appointment ticket \(t.number) has no appointment", sourceLocation: sourceLocation)
        }
    }

    @Test("random streams keep every invariant", arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8], [false, true])
    func randomStreams(seed: UInt64, appointments: Bool) throws {
        let config = ScenarioCentre.make(services: 6, windows: 5, numbering: NumberingRule(first: 1, last: 60, wraps: seed % 2 == 0))
        // Without appointments: 02:00–17:00 in Baku; with them: 20:00–11:00, so the book crosses a midnight.
        let start = Instant(seconds: 1_794_816_000 + 3600 * (appointments ? 8 : -10))
        let stream = RandomCommandStream(configuration: config, seed: seed, start: start, stepMilliseconds: 9_000, includesAppointments: appointments)
        var engine = try QueueEngine(configuration: config)
        for r in stream.openingRequests() { _ = try engine.execute(r, now: stream.time(of: 0)) }
        var records: [JournalRecord] = []
        var accepted = 0
        var appointmentEvents: [String: Int] = [:]
        for i in 0..<6_000 {  // 15 hours of traffic
            if let r = try? engine.execute(stream.request(i), now: stream.time(of: i)) {
                accepted += 1
                if let rec = r.record {
                    records.append(rec)
                    for e in rec.events { if let name = appointmentEventName(e) { appointmentEvents[name, default: 0] += 1 } }
                }
            }
            if i % 500 == 0 { Self.checkInvariants(engine.state) }
        }
        Self.checkInvariants(engine.state)
        #expect(accepted > 1_000)
        if appointments {
            // Every kind of appointment event occurs, check-ins by the dozen, and some appointments expired at midnight.
            #expect(appointmentEvents.count == 4, "\(appointmentEvents)")
            #expect(appointmentEvents["checkedIn", default: 0] >= 20, "\(appointmentEvents)")
            #expect(engine.state.appointmentHistory.contains { $0.state == .missed })
        } else {
            #expect(appointmentEvents.isEmpty)
        }
        // Replaying the records rebuilds the same state.
        var replayed = try QueueEngine(configuration: config)
        for r in stream.openingRequests() { _ = try replayed.execute(r, now: stream.time(of: 0)) }
        for r in records { try replayed.replay(r) }
        #expect(replayed.state == engine.state)
    }

    @Test("FIFO within a service when no priority, transfer or aging applies")
    func fifoProperty() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        var rng = SplitMix64(seed: 99)
        var issued: [TicketID] = []
        var called: [TicketID] = []
        for _ in 0..<300 {
            h.advance(seconds: Int64(rng.next() % 30))
            if rng.next() % 2 == 0 {
                issued.append(try h.issue("b"))
            } else if let t = try? h.callNext(2) {
                called.append(t)
                try h.run(.finishService(window: 2))
            }
        }
        #expect(called == Array(issued.prefix(called.count)))
    }
}

@Suite("Record codec", .tags(.unit))
struct RecordCodecTests {
    @Test("every record of a random run survives encode and decode unchanged", arguments: [false, true])
    func roundTrip(appointments: Bool) throws {
        let config = ScenarioCentre.make()
        let stream = RandomCommandStream(configuration: config, seed: 42, start: Instant(seconds: 1_794_816_000), includesAppointments: appointments)
        var engine = try QueueEngine(configuration: config)
        var kinds = Set<String>()
        for r in stream.openingRequests() { _ = try engine.execute(r, now: stream.time(of: 0)) }
        for i in 0..<3_000 {
            guard let rec = (try? engine.execute(stream.request(i), now: stream.time(of: i)))?.record else { continue }
            kinds.insert(rec.command.name)
            let bytes = RecordCodec.encode(rec)
            #expect(bytes[0] == RecordCodec.formatVersion(of: rec))
            let decoded = try RecordCodec.decode(bytes)
            #expect(decoded == rec)
        }
        #expect(kinds.count >= 12, "the run should exercise most commands, got \(kinds.sorted())")
        let appointmentKinds: Set = ["bookAppointment", "cancelAppointment", "rescheduleAppointment", "checkIn"]
        #expect(kinds.isSuperset(of: appointmentKinds) == appointments, "\(kinds.sorted())")
    }

    @Test("commands with every optional field round-trip")
    func optionals() throws {
        let rec = JournalRecord(
            sequence: 7, requestID: "ə-ü-日本", command: .issueTicket(TicketRequest(service: "s", language: .ru, priority: "disabled",
            appointmentAt: Instant(milliseconds: -5), personKey: PersonKey("ff00"))), at: Instant(milliseconds: 1_794_816_000_123),
            outcome: .existingTicket(TicketID(3)), events: [])
        #expect(try RecordCodec.decode(RecordCodec.encode(rec)) == rec)
        let vote = JournalRecord(sequence: 1, requestID: "v", command: .vote(VoteRequest(ticket: TicketID(1), score: 5, window: 3, castAt: Instant(seconds: 9))),
                                 at: Instant(seconds: 10), outcome: .ticket(TicketID(1)), events: [.voteRecorded(TicketID(1), score: 5)])
        #expect(try RecordCodec.decode(RecordCodec.encode(vote)) == vote)
        for d in [TicketDelivery.printed(printer: "kiosk-1"), .shownOnScreen(reason: "no printer of 'kiosk' could print")] {
            let rec = JournalRecord(sequence: 2, requestID: "d", command: .recordDelivery(ticket: TicketID(4), delivery: d), at: Instant(seconds: 11),
                                    outcome: .ticket(TicketID(4)), events: [.ticketDelivered(TicketID(4), d)])
            #expect(try RecordCodec.decode(RecordCodec.encode(rec)) == rec)
        }
    }

    @Test("truncated and corrupted bodies are rejected with an offset, never a crash")
    func damaged() throws {
        let rec = JournalRecord(sequence: 1, requestID: "x", command: .callNext(window: 4), at: Instant(seconds: 1),
                                outcome: .ticket(TicketID(2)), events: [.ticketCalled(TicketID(2), window: 4, operator: "op")])
        let bytes = RecordCodec.encode(rec)
        for cut in 0..<bytes.count {
            #expect(throws: ByteReader.Failure.self) { try RecordCodec.decode(Array(bytes.prefix(cut))) }
        }
        var rng = SplitMix64(seed: 5)
        for _ in 0..<5_000 {
            var b = bytes
            b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
            _ = try? RecordCodec.decode(b)  // must not crash
        }
        #expect(throws: ByteReader.Failure.self) { try RecordCodec.decode([9]) }
    }
}

@Suite("Statistics", .tags(.unit))
struct StatisticsTests {
    @Test("waiting, service, target share and satisfaction per group")
    func groups() throws {
        var h = Harness(smallCentre())
        h.openWindow(1, operator: "alice")
        h.openWindow(2, operator: "bob")
        let a = try h.issue("a")
        let b = try h.issue("b")
        h.advance(seconds: 120)
        _ = try h.callNext(1)  // a waited 120 s (weight 3 beats b)
        h.advance(seconds: 700)
        _ = try h.callNext(2)  // b waited 820 s
        try h.run(.finishService(window: 1))  // a served 700 s
        try h.run(.vote(VoteRequest(ticket: a, score: 5, window: 1)))
        h.advance(seconds: 60)
        try h.run(.finishService(window: 2))
        try h.run(.vote(VoteRequest(ticket: b, score: 2, window: 2)))
        let day = h.state.day!
        let s = QueueStatistics.compute(state: h.state, from: day, to: day, targetWaitSeconds: 600, calendar: h.engine.calendar)
        #expect(s.overall.issued == 2)
        #expect(s.overall.served == 2)
        #expect(s.overall.waiting.count == 2)
        #expect(s.overall.waiting.max == 820)
        #expect(s.overall.withinTargetShare == 0.5)
        #expect(s.overall.satisfiedShare == 0.5)
        #expect(s.byService["a"]?.waiting.p50 == 120)
        #expect(s.byService["b"]?.service.p50 == 60)
        #expect(s.byOperator["alice"]?.votes == [0, 0, 0, 0, 1])
        #expect(s.byWindow[2]?.satisfiedShare == 0)
        #expect(s.byHour[12]?.issued == 2)
        #expect(s.overall.waiting.buckets == [1, 0, 1, 0, 0, 0])
    }
}

/// A short name of an appointment event, nil for other events.
func appointmentEventName(_ e: QueueEvent) -> String? {
    switch e {
    case .appointmentBooked: "booked"
    case .appointmentCancelled: "cancelled"
    case .appointmentRescheduled: "rescheduled"
    case .appointmentCheckedIn: "checkedIn"
    default: nil
    }
}
