import LobbyQueue
import LobbyReports
import LobbyTestSupport
import Testing

/// A small centre whose day is played command by command; every figure below is worked out by hand.
@Suite("Reports of a hand-computed centre", .tags(.unit))
struct ReportHandTests {
    /// Service a (agency x), b (agency y); windows 1 and 2 serve both.
    static let configuration = CentreConfiguration(
        name: LocalizedText(en: "Hand"),
        agencies: [AgencyDefinition(id: "x", name: LocalizedText(en: "X")), AgencyDefinition(id: "y", name: LocalizedText(en: "Y"))],
        services: [
            ServiceDefinition(id: "a", agency: "x", name: LocalizedText(en: "A"), prefix: "A"),
            ServiceDefinition(id: "b", agency: "y", name: LocalizedText(en: "B"), prefix: "B"),
        ],
        windows: [WindowDefinition(id: 1, agency: "x", services: ["a": 1, "b": 1]), WindowDefinition(id: 2, agency: "y", services: ["a": 1, "b": 1])],
        priorities: [])

    /// 2026-11-16 (a Monday) at `h`:`m` in Baku (UTC+4).
    static func at(_ h: Int64, _ m: Int64, day: Int64 = 0) -> Instant { Instant(seconds: 1_794_816_000 + (h - 12) * 3600 + m * 60 + day * 86_400) }

    struct Day {
        var engine = try! QueueEngine(configuration: ReportHandTests.configuration)
        var fold = ReportFold(configuration: ReportHandTests.configuration, calendar: ServiceCalendar(timeZoneIdentifier: "Asia/Baku")!)
        var tickets: [TicketID: TicketFact] = [:]
        var appointments: [UInt64: AppointmentFact] = [:]
        var n = 0

        @discardableResult
        mutating func run(_ command: QueueCommand, _ now: Instant) throws -> CommandOutcome {
            n += 1
            let result = try engine.execute(CommandRequest(RequestID("h\(n)"), command), now: now)
            let changes = fold.apply(result.record!)
            for t in changes.tickets { tickets[t.id] = t }
            for a in changes.appointments { appointments[a.key] = a }
            return result.outcome
        }

        mutating func issue(_ s: ServiceID, _ now: Instant) throws -> TicketID {
            try run(.issueTicket(TicketRequest(service: s)), now).ticket!
        }

        func report(_ by: ReportBreakdown) -> Report {
            let day = LocalDate(year: 2026, month: 11, day: 16)
            return Report.compute(from: day, to: day, by: by, targetWaitSeconds: 600, tickets: Array(tickets.values),
                                  appointments: Array(appointments.values))
        }
    }

    static func playDay() throws -> Day {
        var d = Day()
        for (w, op) in [(WindowID(1), OperatorID("anna")), (WindowID(2), OperatorID("bala"))] {
            try d.run(.setWindowState(window: w, state: .open), at(9, 0))
            try d.run(.signIn(window: w, operator: op), at(9, 0))
        }
        let t1 = try d.issue("a", at(10, 0)), t2 = try d.issue("b", at(10, 1))
        _ = try d.issue("a", at(10, 2)); _ = try d.issue("a", at(10, 3))
        #expect(try d.run(.callNext(window: 1), at(10, 5)).ticket == t1)          // waited 300 s
        #expect(try d.run(.callNext(window: 2), at(10, 5)).ticket == t2)          // waited 240 s
        try d.run(.startService(window: 1), at(10, 6))
        try d.run(.finishService(window: 1), at(10, 16))                           // served 600 s
        try d.run(.vote(VoteRequest(ticket: t1, score: 5)), at(10, 17))
        try d.run(.finishService(window: 2), at(10, 6))                            // not started: 60 s from the call
        try d.run(.vote(VoteRequest(ticket: t2, score: 2)), at(10, 7))
        try d.run(.callNext(window: 1), at(10, 20))                                // t3 waited 1080 s
        try d.run(.recall(window: 1), at(10, 21))
        try d.run(.noShow(window: 1), at(10, 23))
        let t4 = try d.run(.callNext(window: 1), at(10, 24)).ticket!               // t4 waited 1260 s
        try d.run(.transfer(window: 1, to: "b", position: .back), at(10, 25))
        #expect(try d.run(.callNext(window: 2), at(10, 26)).ticket == t4)
        try d.run(.finishService(window: 2), at(10, 30))                           // 240 s from the call
        try d.run(.vote(VoteRequest(ticket: t4, score: 4)), at(10, 31))
        let t5 = try d.issue("b", at(10, 40))
        try d.run(.cancel(ticket: t5), at(10, 41))
        _ = try d.issue("a", at(11, 10))                                           // t6: never called, expires
        let kept = BookingCode(payload: 1001), missed = BookingCode(payload: 1002)
        try d.run(.bookAppointment(AppointmentBooking(code: kept, service: "a", at: at(12, 0))), at(9, 30))
        try d.run(.bookAppointment(AppointmentBooking(code: missed, service: "b", at: at(15, 0))), at(9, 31))
        try d.run(.checkIn(AppointmentCheckIn(.bookingCode(kept))), at(11, 50))   // t7, early
        try d.run(.callNext(window: 1), at(12, 0))                                 // waited 600 s: within target
        try d.run(.finishService(window: 1), at(12, 5))                            // 300 s
        return d
    }

    @Test("the whole centre's figures")
    func overall() throws {
        var d = try Self.playDay()
        let live = d.report(.service).overall
        #expect(live.open == 1 && live.expired == 0)                               // t6 still waits today
        try d.run(.signOut(window: 2), Self.at(9, 0, day: 1))                      // the next day begins
        let o = d.report(.service).overall
        #expect(o.issued == 7)
        #expect([o.served, o.noShows, o.cancelled, o.expired, o.open] == [4, 1, 1, 1, 0])
        #expect(o.transferred == 1 && o.recalled == 1)
        #expect([o.wait.count, Int(o.wait.p50), Int(o.wait.p90), Int(o.wait.max)] == [5, 600, 1260, 1260])
        #expect(o.withinTarget == Share(3, of: 5))
        #expect([o.serviceTime.count, Int(o.serviceTime.p50), Int(o.serviceTime.max)] == [4, 240, 600])
        #expect(o.serviceTime.mean == 300)
        #expect(o.votes == [0, 1, 0, 1, 1])
        #expect(o.satisfied == Share(2, of: 3))
        #expect(o.votedOfServed == Share(3, of: 4))
        #expect([o.appointments.keptEarly, o.appointments.keptLate, o.appointments.missed, o.appointments.cancelled] == [1, 0, 1, 0])
        // Arrivals: Monday, hours 10 (five), 11 (two: t6 and the check-in).
        #expect(d.report(.hour).arrivals[0][10] == 5 && d.report(.hour).arrivals[0][11] == 2)
    }

    @Test("per operator, agency and hour")
    func breakdowns() throws {
        var d = try Self.playDay()
        try d.run(.signOut(window: 2), Self.at(9, 0, day: 1))
        let ops = d.report(.operator)
        #expect(ops.rows.map(\.key) == ["anna", "bala", "-"])
        let anna = ops.rows[0].figures, bala = ops.rows[1].figures, none = ops.rows[2].figures
        #expect([anna.issued, anna.served, anna.noShows] == [3, 2, 1])             // t1, t3, t7 (t4 ended at bala's)
        #expect(anna.withinTarget == Share(2, of: 3))
        #expect(anna.satisfied == Share(1, of: 1) && anna.votedOfServed == Share(1, of: 2))
        #expect(anna.appointments.keptEarly == 1)
        #expect([bala.issued, bala.served] == [2, 2] && bala.satisfied == Share(1, of: 2))
        #expect([none.issued, none.cancelled, none.expired] == [2, 1, 1])
        #expect(ops.rows[2].mix == nil)
        let agencies = d.report(.agency)
        #expect(agencies.rows.map(\.key) == ["x", "y"])
        #expect(agencies.rows.map(\.figures.issued) == [4, 3])                     // a: t1 t3 t6 t7; b: t2 t4 (transferred) t5
        #expect(agencies.rows[0].figures.appointments.keptEarly == 1 && agencies.rows[1].figures.appointments.missed == 1)
        let hours = d.report(.hour)
        #expect(hours.rows.map(\.key) == ["10", "11", "12", "15"])                // 12 and 15: the appointments' hours
        #expect(hours.rows.map(\.figures.issued) == [5, 2, 0, 0])
    }

    @Test("operators serving different services are compared on their own mix")
    func mixComparison() {
        let day = LocalDate(year: 2026, month: 11, day: 16)
        var facts: [TicketFact] = []
        func add(_ n: Int, _ op: OperatorID, _ service: ServiceID, satisfied: Int, seconds: Int64) {
            for i in 0..<n {
                let id = TicketID(UInt64(facts.count + 1)), issued = Self.at(10, 0)
                facts.append(TicketFact(id: id, day: day, weekday: .monday, hour: 10, issuedAt: issued, issuedService: service,
                                        service: service, agency: "x", window: 1, operator: op, firstCalledAt: issued,
                                        startedAt: issued, finishedAt: issued.adding(seconds: seconds), vote: i < satisfied ? 5 : 1,
                                        outcome: .served))
            }
        }
        add(10, "x", "hard", satisfied: 6, seconds: 600)
        add(10, "y", "hard", satisfied: 4, seconds: 900)
        add(30, "y", "easy", satisfied: 27, seconds: 100)
        let r = Report.compute(from: day, to: day, by: .operator, targetWaitSeconds: 600, tickets: facts, appointments: [])
        let x = r.rows[0], y = r.rows[1]
        #expect(x.figures.satisfied.value! < y.figures.satisfied.value!)           // 60 % against 77.5 % raw …
        #expect(abs(x.mix!.expectedSatisfied! - 0.5) < 1e-9)
        #expect(abs(x.mix!.satisfiedDifference! - 0.1) < 1e-9)                    // … but x beats the centre on its mix
        #expect(abs(y.mix!.expectedSatisfied! - 0.8) < 1e-9)
        #expect(abs(y.mix!.satisfiedDifference! + 0.025) < 1e-9)
        #expect(abs(x.mix!.expectedServiceSeconds! - 750) < 1e-9 && abs(x.mix!.serviceTimeRatio! - 0.8) < 1e-9)
        #expect(abs(y.mix!.expectedServiceSeconds! - 262.5) < 1e-9 && abs(y.mix!.serviceTimeRatio! - 300 / 262.5) < 1e-9)
        #expect(Report.compute(from: day, to: day, by: .service, targetWaitSeconds: 600, tickets: facts, appointments: []).rows.allSatisfy { $0.mix == nil })
    }

    @Test("a share carries its count and an interval that narrows with it")
    func shares() {
        #expect(Share(0, of: 0).value == nil && Share(0, of: 0).interval == nil)
        let few = Share(1, of: 2).interval!, many = Share(100, of: 200).interval!
        #expect(abs(few.lowerBound - 0.0945312) < 1e-6 && abs(few.upperBound - 0.9054688) < 1e-6)
        #expect(abs(many.lowerBound - 0.4313609) < 1e-6 && abs(many.upperBound - 0.5686392) < 1e-6)
        #expect(abs(Share(0, of: 10).interval!.upperBound - 0.2775328) < 1e-6)
    }
}
