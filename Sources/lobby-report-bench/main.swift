// Benchmark of the report read model (not a test). See Docs/Performance.md, "Reports".
//
//   lobby-report-bench year DIR [TICKETS]   writes DIR/journal.db: a year of a busy centre (default
//                                           550,000 tickets, 12 services, 3 agencies, 16 windows, votes
//                                           and appointments) through the real queue engine; then times
//                                           the full build of DIR/reports.db from it, a month and a year
//                                           report, and the catch-up after a restart with one day unread;
//                                           writes DIR/report-october-operator.html (the picture in Docs/Reports.md)
//   lobby-report-bench reports DIR          times the month and year reports again on DIR/reports.db
//   lobby-report-bench split DIR            reading every fact and computing from them apart (the way
//                                           reports were made before day summaries: a peer in the same run)
import Foundation
import LobbyJournal
import LobbyQueue
import LobbyReportPDF
import LobbyReportStore
import LobbyReports
import LobbyScenarios

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// A busy centre's year, day by day, Monday to Saturday 09:00–18:00 in Baku.
struct YearOfTraffic {
    let configuration = ScenarioCentre.make(services: 12, windows: 16, numbering: NumberingRule(first: 1, last: 999, wraps: true))
    var engine: QueueEngine
    var rng = SplitMix64(seed: 2026)
    var records: [JournalRecord] = []
    var counter = 0
    let calendar: ServiceCalendar

    init() {
        engine = try! QueueEngine(configuration: configuration)
        calendar = ServiceCalendar(timeZoneIdentifier: configuration.timeZone)!
    }

    mutating func run(_ command: QueueCommand, _ now: Instant) -> CommandOutcome? {
        counter += 1
        guard let result = try? engine.execute(CommandRequest(RequestID("y\(counter)"), command), now: now) else { return nil }
        if let r = result.record { records.append(r) }
        return result.outcome
    }

    mutating func random(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    /// One service day with about `tickets` tickets; 8 % of them from appointments, 1 % of appointments missed.
    mutating func day(_ date: LocalDate, tickets: Int) {
        let open = calendar.instant(of: date, at: TimeOfDay(hour: 9))
        let services = configuration.services.map(\.id)
        let span: Int64 = 9 * 3600
        // Arrivals: more in the morning (two uniform draws, the earlier one).
        var arrivals = (0..<tickets).map { _ in min(Int64(random(Int(span))), Int64(random(Int(span)))) }.sorted()
        var bookings: [(Int64, BookingCode, Bool)] = []
        for i in stride(from: 0, to: arrivals.count, by: 12) {
            let at = (arrivals[i] / 600 + 1) * 600
            let code = BookingCode(payload: UInt64(date.ordinal) &* 10_000 &+ UInt64(i))
            _ = run(.bookAppointment(AppointmentBooking(code: code, service: services[random(services.count)], at: open.adding(seconds: at))),
                    open.adding(seconds: -3600))
            bookings.append((max(0, at + Int64(random(900)) - 600), code, random(100) == 0))
        }
        arrivals = arrivals.enumerated().filter { $0.offset % 12 != 0 }.map(\.element)
        for w in configuration.windows {
            _ = run(.setWindowState(window: w.id, state: .open), open.adding(seconds: -600))
            _ = run(.signIn(window: w.id, operator: OperatorID("op\(w.id.rawValue)-\(random(2))")), open.adding(seconds: -600))
        }
        var busyUntil = [Int64](repeating: 0, count: configuration.windows.count)
        var pending: [(Int64, Int, QueueCommand)] = []  // (time, window index, command)
        var a = 0, b = 0
        for t in stride(from: Int64(0), through: span + 3600, by: 10) {
            while a < arrivals.count, arrivals[a] <= t {
                _ = run(.issueTicket(TicketRequest(service: services[random(services.count)], language: .az)), open.adding(seconds: arrivals[a]))
                a += 1
            }
            while b < bookings.count, bookings[b].0 <= t {
                if !bookings[b].2 { _ = run(.checkIn(AppointmentCheckIn(.bookingCode(bookings[b].1))), open.adding(seconds: bookings[b].0)) }
                b += 1
            }
            pending.sort { $0.0 < $1.0 }
            while let first = pending.first, first.0 <= t {
                pending.removeFirst()
                _ = run(first.2, open.adding(seconds: first.0))
            }
            for (i, w) in configuration.windows.enumerated() where busyUntil[i] <= t {
                guard let ticket = run(.callNext(window: w.id), open.adding(seconds: t))?.ticket else { busyUntil[i] = t + 30; continue }
                let roll = random(100)
                if roll < 3 {
                    pending.append((t + 90, i, .noShow(window: w.id)))
                    busyUntil[i] = t + 100
                    continue
                }
                let service = Int64(120 + random(600))
                pending.append((t + 20, i, .startService(window: w.id)))
                pending.append((t + 20 + service, i, .finishService(window: w.id)))
                if random(100) < 70 {
                    let score = [5, 5, 5, 4, 4, 3, 2, 1, 5, 4][random(10)]
                    pending.append((t + 40 + service, i, .vote(VoteRequest(ticket: ticket, score: score, window: w.id))))
                }
                busyUntil[i] = t + 50 + service
            }
        }
        for (time, _, command) in pending.sorted(by: { $0.0 < $1.0 }) { _ = run(command, open.adding(seconds: time)) }
    }
}

func runBenchmark() throws {
    let arguments = CommandLine.arguments
    if arguments.count >= 3, arguments[1] == "split" {
        try split(dir: arguments[2])
        return
    }
    if arguments.count >= 3, arguments[1] == "reports" {
        let configuration = ScenarioCentre.make(services: 12, windows: 16, numbering: NumberingRule(first: 1, last: 999, wraps: true))
        let model = try ReportReadModel(path: arguments[2] + "/reports.db", configuration: configuration, retentionDays: 731)
        try timeReports(model)
        let october = try model.report(from: LocalDate(year: 2026, month: 10, day: 1), to: LocalDate(year: 2026, month: 10, day: 31), by: .operator)
        _ = try ReportPDF.write(october, language: .az, to: arguments[2] + "/report-october-operator.pdf")
        return
    }
    guard arguments.count >= 3, arguments[1] == "year" else {
        print("usage: lobby-report-bench year DIR [TICKETS] | reports DIR | split DIR")
        exit(2)
    }
    let dir = arguments[2]
    let wanted = arguments.count > 3 ? Int(arguments[3]) ?? 550_000 : 550_000
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for name in ["journal.db", "journal.db-wal", "journal.db-shm", "reports.db", "reports.db-wal", "reports.db-shm"] {
        try? FileManager.default.removeItem(atPath: dir + "/" + name)
    }
    var traffic = YearOfTraffic()
    let workingDays = (0..<365).map { LocalDate(year: 2025, month: 12, day: 1).adding(days: $0) }
        .filter { traffic.calendar.weekday(of: $0) != .sunday }
    let perDay = wanted / workingDays.count
    let journal = try Journal.open(path: dir + "/journal.db") { _ in }.journal
    var written = 0
    let generation = seconds {
        for (k, date) in workingDays.enumerated() {
            // The last day stays out of the journal until the restart measurement.
            traffic.day(date, tickets: perDay + (k % 3 == 0 ? perDay / 5 : 0) - perDay / 15)
            if k < workingDays.count - 1 {
                try! journal.append(traffic.records)
                written += traffic.records.count
                traffic.records.removeAll(keepingCapacity: true)
            }
        }
    }
    let lastDay = traffic.records
    print("journal: \(written) records of \(workingDays.count - 1) days written in \(String(format: "%.1f", generation)) s (last day of \(lastDay.count) records held back)")

    let configuration = traffic.configuration
    var model = try ReportReadModel(path: dir + "/reports.db", configuration: configuration, retentionDays: 731)
    var applied = 0
    let build = try seconds { applied = try model.catchUp(journalPath: dir + "/journal.db") }
    let tickets = try model.store.tickets(from: workingDays.first!, to: workingDays.last!).count
    print("full build from the journal: \(applied) records, \(tickets) tickets in \(String(format: "%.2f", build)) s")

    try journal.append(lastDay)
    model = try ReportReadModel(path: dir + "/reports.db", configuration: configuration, retentionDays: 731)
    var caughtUp = 0
    let restart = try seconds {
        model = try ReportReadModel(path: dir + "/reports.db", configuration: configuration, retentionDays: 731)
        caughtUp = try model.catchUp(journalPath: dir + "/journal.db")
    }
    print("restart with one busy day unread: open + catch-up of \(caughtUp) records in \(String(format: "%.3f", restart)) s")

    try timeReports(model)
    // A page for Docs/Reports.md's picture: October by operator, in English.
    let october = try model.report(from: LocalDate(year: 2026, month: 10, day: 1), to: LocalDate(year: 2026, month: 10, day: 31), by: .operator)
    try ReportHTML.render(october, language: .en).write(toFile: dir + "/report-october-operator.html", atomically: true, encoding: .utf8)
    _ = try ReportPDF.write(october, language: .az, to: dir + "/report-october-operator.pdf")
    let size = ((try? FileManager.default.attributesOfItem(atPath: dir + "/reports.db"))?[.size] as? Int ?? 0) / 1_048_576
    print("reports.db: \(size) MB")
}

/// Times the month and year reports (median and best of 5) on a read model.
func timeReports(_ model: ReportReadModel) throws {
    func timeReport(_ name: String, from: LocalDate, to: LocalDate, by: ReportBreakdown) throws {
        var times: [Double] = []
        var report: Report?
        for _ in 0..<5 { times.append(try seconds { report = try model.report(from: from, to: to, by: by) }) }
        times.sort()
        print("\(name) by \(by.rawValue): median \(String(format: "%.0f", times[2] * 1000)) ms, best \(String(format: "%.0f", times[0] * 1000)) ms "
            + "(\(report!.overall.issued) tickets, previous period \(report!.previous.issued))")
    }
    let october = (LocalDate(year: 2026, month: 10, day: 1), LocalDate(year: 2026, month: 10, day: 31))
    let year = (LocalDate(year: 2025, month: 12, day: 1), LocalDate(year: 2026, month: 11, day: 30))
    try timeReport("month", from: october.0, to: october.1, by: .service)
    try timeReport("month", from: october.0, to: october.1, by: .operator)
    try timeReport("year", from: year.0, to: year.1, by: .service)
    try timeReport("year", from: year.0, to: year.1, by: .operator)
}

/// Times reading the facts and computing the report apart, on DIR/reports.db made by `year`.
func split(dir: String) throws {
    let configuration = ScenarioCentre.make(services: 12, windows: 16, numbering: NumberingRule(first: 1, last: 999, wraps: true))
    let model = try ReportReadModel(path: dir + "/reports.db", configuration: configuration, retentionDays: 731)
    for (name, from, to) in [("month", LocalDate(year: 2026, month: 10, day: 1), LocalDate(year: 2026, month: 10, day: 31)),
                             ("year", LocalDate(year: 2025, month: 12, day: 1), LocalDate(year: 2026, month: 11, day: 30))] {
        let length = to.daysSinceEpoch - from.daysSinceEpoch + 1
        var tickets: [TicketFact] = [], appointments: [AppointmentFact] = []
        let read = try seconds {
            tickets = try model.store.tickets(from: from.adding(days: -length), to: to)
            appointments = try model.store.appointments(from: from.adding(days: -length), to: to)
        }
        for by in [ReportBreakdown.service, .operator] {
            let compute = seconds { _ = Report.compute(from: from, to: to, by: by, targetWaitSeconds: 600, tickets: tickets, appointments: appointments) }
            print("\(name) by \(by.rawValue): read \(tickets.count) facts \(String(format: "%.0f", read * 1000)) ms, compute \(String(format: "%.0f", compute * 1000)) ms")
        }
    }
}

try runBenchmark()
