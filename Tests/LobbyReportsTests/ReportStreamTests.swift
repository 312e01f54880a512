import LobbyQueue
import LobbyReports
import LobbyScenarios
import LobbyTestSupport
import Testing

/// Runs a random stream over several days through a real engine and folds its records into facts.
struct FoldedStream {
    var configuration: CentreConfiguration
    var engine: QueueEngine
    var records: [JournalRecord] = []
    var tickets: [TicketID: TicketFact] = [:]
    var appointments: [UInt64: AppointmentFact] = [:]

    /// `commands` commands at 9 s steps from 20:00 Baku on a Sunday, so the stream crosses midnights.
    init(seed: UInt64, commands: Int, interruptAt: Int? = nil) throws {
        configuration = ScenarioCentre.make(services: 6, windows: 5, numbering: NumberingRule(first: 1, last: 200, wraps: true))
        let calendar = ServiceCalendar(timeZoneIdentifier: configuration.timeZone)!
        let stream = RandomCommandStream(configuration: configuration, seed: seed, start: Instant(seconds: 1_794_816_000 + 3600 * 8),
                                         stepMilliseconds: 9_000, includesAppointments: true)
        engine = try QueueEngine(configuration: configuration)
        var fold = ReportFold(configuration: configuration, calendar: calendar)
        var requests = stream.openingRequests()
        for i in 0..<commands { requests.append(stream.request(i)) }
        for (i, request) in requests.enumerated() {
            let now = stream.time(of: max(0, i - stream.openingRequests().count))
            guard let result = try? engine.execute(request, now: now), let record = result.record else { continue }
            records.append(record)
            if i == interruptAt {
                // A restart: the fold is rebuilt from what a store keeps (the last day's tickets, the booked appointments).
                let last = tickets.values.map(\.day).max()
                fold = ReportFold(configuration: configuration, calendar: calendar,
                                  resuming: tickets.values.filter { $0.day == last }.sorted { $0.id < $1.id },
                                  booked: appointments.values.filter { $0.outcome == nil }, lastSequence: fold.lastSequence)
            }
            let changes = fold.apply(record)
            for t in changes.tickets { tickets[t.id] = t }
            for a in changes.appointments { appointments[a.key] = a }
        }
        // The first record of the next day ends the last day (as it does in the engine).
        let end = stream.time(of: commands).adding(seconds: 86_400)
        for (k, state) in [WindowState.paused, .open, .closed].enumerated() {
            guard let result = try? engine.execute(CommandRequest(RequestID("end\(k)"), .setWindowState(window: 1, state: state)), now: end),
                  let record = result.record else { continue }
            records.append(record)
            let changes = fold.apply(record)
            for t in changes.tickets { tickets[t.id] = t }
            for a in changes.appointments { appointments[a.key] = a }
            break
        }
    }
}

@Suite("Reports from random streams", .tags(.unit))
struct ReportStreamTests {
    @Test("every ticket counted once, rows add up, figures equal a direct computation", arguments: [UInt64(11), 12])
    func totals(seed: UInt64) throws {
        let s = try FoldedStream(seed: seed, commands: 24_000)  // 60 hours: three service days
        let history = s.engine.state.history
        let days = Set(history.map(\.day)).sorted()
        #expect(days.count >= 3)
        let issuedEvents = s.records.flatMap(\.events).filter { if case .ticketIssued = $0 { true } else { false } }.count
        #expect(s.tickets.count == issuedEvents)
        #expect(history.count == issuedEvents, "the engine moved every ticket to history at the last day change")

        for by in ReportBreakdown.allCases {
            let r = Report.compute(from: days.first!, to: days.last!, by: by, targetWaitSeconds: 600,
                                   tickets: Array(s.tickets.values), appointments: Array(s.appointments.values))
            let o = r.overall
            #expect(o.issued == issuedEvents)
            #expect(o.served + o.noShows + o.cancelled + o.expired + o.open == o.issued)
            #expect(o.open == 0)
            // Rows add up to the whole, whatever the breakdown.
            func sum(_ f: (ReportFigures) -> Int) -> Int { r.rows.map { f($0.figures) }.reduce(0, +) }
            #expect(sum(\.issued) == o.issued, "\(by)")
            #expect(sum(\.served) == o.served, "\(by)")
            #expect(sum(\.noShows) == o.noShows, "\(by)")
            #expect(sum(\.wait.count) == o.wait.count, "\(by)")
            #expect(sum(\.withinTarget.count) == o.withinTarget.count, "\(by)")
            #expect(sum(\.satisfied.of) == o.satisfied.of, "\(by)")
            for score in 0..<5 { #expect(sum { $0.votes[score] } == o.votes[score], "\(by) score \(score + 1)") }
            #expect(Set(r.rows.map(\.key)).count == r.rows.count)
            #expect(r.arrivals.flatMap { $0 }.reduce(0, +) == o.issued)
        }

        // Directly from the engine's own history: counts, percentiles, votes.
        let r = Report.compute(from: days.first!, to: days.last!, by: .service, targetWaitSeconds: 600,
                               tickets: Array(s.tickets.values), appointments: Array(s.appointments.values))
        let waits = history.compactMap { h in h.firstCalledAt.map { $0.seconds(since: h.issuedAt) } }.sorted()
        let nearestRank = { (p: Double) in waits[max(0, Int((p * Double(waits.count)).rounded(.up)) - 1)] }
        #expect(r.overall.served == history.filter { $0.state == .done }.count)
        #expect(r.overall.noShows == history.filter { $0.state == .noShow }.count)
        #expect(r.overall.cancelled == history.filter { $0.state == .cancelled }.count)
        #expect(r.overall.expired == history.filter { $0.state == .expired }.count)
        #expect(r.overall.wait.count == waits.count)
        #expect(r.overall.wait.p50 == nearestRank(0.5))
        #expect(r.overall.wait.p90 == nearestRank(0.9))
        #expect(r.overall.wait.max == waits.last)
        #expect(r.overall.withinTarget.count == waits.filter { $0 <= 600 }.count)
        let votes = history.compactMap(\.vote)
        #expect(r.overall.satisfied.of == votes.count)
        #expect(r.overall.satisfied.count == votes.filter { $0 >= 4 }.count)
        #expect(r.overall.votedOfServed.count == history.filter { $0.state == .done && $0.vote != nil }.count)
        for service in s.configuration.services.map(\.id) {
            let row = r.rows.first { $0.key == service.rawValue }
            #expect((row?.figures.issued ?? 0) == history.filter { $0.service == service }.count)
        }
        // Appointments: the engine's history of the same days.
        let book = s.engine.state.appointmentHistory.filter { $0.day >= days.first! && $0.day <= days.last! }
        #expect(r.overall.appointments.missed == book.filter { $0.state == .missed }.count)
        #expect(r.overall.appointments.cancelled == book.filter { $0.state == .cancelled }.count)
        #expect(r.overall.appointments.kept == book.filter { $0.state == .checkedIn }.count)
        #expect(r.overall.appointments.keptLate == book.filter { $0.state == .checkedIn && $0.checkedInAt! > $0.at }.count)
        #expect(r.overall.appointments.total > 0)
        // The previous period of the same length is the days just before.
        let length = days.last!.daysSinceEpoch - days.first!.daysSinceEpoch + 1
        #expect(r.previousTo.date == days.first!.adding(days: -1))
        #expect(r.previousFrom.date == days.first!.adding(days: -length))
        #expect(r.previous.issued == 0)
    }

    @Test("a fold rebuilt from stored facts continues exactly as one that never stopped", arguments: [UInt64(21), 22])
    func resume(seed: UInt64) throws {
        let whole = try FoldedStream(seed: seed, commands: 12_000)
        for cut in [4_321, 9_000] {
            let resumed = try FoldedStream(seed: seed, commands: 12_000, interruptAt: cut)
            #expect(resumed.tickets == whole.tickets, "cut at \(cut)")
            #expect(resumed.appointments == whole.appointments, "cut at \(cut)")
        }
    }

    @Test("the previous period is compared day for day")
    func previousPeriod() throws {
        let s = try FoldedStream(seed: 31, commands: 24_000)
        let days = Set(s.tickets.values.map(\.day)).sorted()
        let last = days.last!
        let r = Report.compute(from: last, to: last, by: .hour, targetWaitSeconds: 600,
                               tickets: Array(s.tickets.values), appointments: Array(s.appointments.values))
        let before = Report.compute(from: last.adding(days: -1), to: last.adding(days: -1), by: .hour, targetWaitSeconds: 600,
                                    tickets: Array(s.tickets.values), appointments: Array(s.appointments.values))
        #expect(r.previous == before.overall)
        #expect(r.previous.issued > 0)
    }

    @Test("day arithmetic agrees with the calendar across years")
    func dayArithmetic() {
        var d = LocalDate(year: 1999, month: 12, day: 25)
        for _ in 0..<3_000 {
            let next = d.adding(days: 1)
            let rolls = d.day == LocalDate.daysIn(month: d.month, year: d.year)
            #expect(next.day == (rolls ? 1 : d.day + 1))
            #expect(next.daysSinceEpoch == d.daysSinceEpoch + 1)
            d = next
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(LocalDate(year: 2024, month: 2, day: 29).adding(days: 365) == LocalDate(year: 2025, month: 2, day: 28))
    }
}
