import LobbyJournal
import LobbyQueue
import LobbyReports

/// The report read model on disk: one SQLite file (WAL, `synchronous=NORMAL`: it can always be
/// rebuilt from the journal) holding ticket and appointment facts and the last journal record
/// they include. Tickets are stored clustered by day (`WITHOUT ROWID`, key day and id), so the
/// facts of a range of days are read in one sequential pass. Closed days are also kept summarised
/// (`summaries`, clustered by group and day; Decision 0054) so that reports need not read every ticket.
public final class ReportStore {
    /// The file's usual name, beside the journal.
    public static let fileName = "reports.db"
    /// The schema this build writes.
    public static let schemaVersion: Int64 = 1
    /// The file.
    public let path: String
    /// The last journal record whose changes are stored.
    public private(set) var lastSequence: UInt64 = 0
    private let db: SQLiteDatabase
    private let upsertTicket: SQLiteStatement
    private let upsertAppointment: SQLiteStatement
    private let setLast: SQLiteStatement

    static let ticketColumns = "id, day, weekday, hour, issued_at, issued_service, service, agency, window, operator, first_called_at, called_at, "
        + "started_at, finished_at, recalls, transfers, vote, appointment_at, outcome"
    static let appointmentColumns = "key, day, service, agency, at, hour, checked_in_at, outcome, code"

    /// Opens the store at `path`, creating it when missing.
    public init(path: String) throws(ReportStoreError) {
        self.path = path
        do {
            db = try SQLiteDatabase(path: path)
            try db.execute("""
                PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', \(Self.schemaVersion)), ('last', 0);
                CREATE TABLE IF NOT EXISTS tickets(id INTEGER NOT NULL, day INTEGER NOT NULL, weekday INTEGER NOT NULL,
                    hour INTEGER NOT NULL, issued_at INTEGER NOT NULL, issued_service TEXT NOT NULL, service TEXT NOT NULL,
                    agency TEXT NOT NULL, window INTEGER, operator TEXT, first_called_at INTEGER, called_at INTEGER,
                    started_at INTEGER, finished_at INTEGER, recalls INTEGER NOT NULL, transfers INTEGER NOT NULL, vote INTEGER,
                    appointment_at INTEGER, outcome TEXT, PRIMARY KEY(day, id)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS appointments(key INTEGER PRIMARY KEY, day INTEGER NOT NULL, service TEXT NOT NULL,
                    agency TEXT NOT NULL, at INTEGER NOT NULL, hour INTEGER NOT NULL, checked_in_at INTEGER, outcome TEXT, code TEXT);
                CREATE INDEX IF NOT EXISTS appointments_day ON appointments(day);
                CREATE TABLE IF NOT EXISTS summaries(grp TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
                    PRIMARY KEY(grp, day, key)) WITHOUT ROWID;
                """)
            let schema = try db.prepare("SELECT value FROM meta WHERE key = 'schema'")
            if try schema.step(), schema.int64(0) > Self.schemaVersion {
                throw ReportStoreError("report store \(path) has schema version \(schema.int64(0)), newer than this lobbyd understands "
                                       + "(\(Self.schemaVersion)); move it aside: it is rebuilt from the journal")
            }
            let last = try db.prepare("SELECT value FROM meta WHERE key = 'last'")
            if try last.step() { lastSequence = UInt64(max(0, last.int64(0))) }
            upsertTicket = try db.prepare("INSERT OR REPLACE INTO tickets(\(Self.ticketColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            upsertAppointment = try db.prepare("INSERT OR REPLACE INTO appointments(\(Self.appointmentColumns)) VALUES (?,?,?,?,?,?,?,?,?)")
            setLast = try db.prepare("UPDATE meta SET value = ? WHERE key = 'last'")
        } catch let error as ReportStoreError {
            throw error
        } catch {
            throw ReportStoreError("report store \(path) cannot be opened: \(error)")
        }
    }

    /// Stores facts and the journal sequence they reach, in one transaction.
    public func write(tickets: some Collection<TicketFact>, appointments: some Collection<AppointmentFact>, through sequence: UInt64) throws(ReportStoreError) {
        do {
            try db.execute("BEGIN IMMEDIATE")
            for t in tickets { try insert(t) }
            for a in appointments { try insert(a) }
            setLast.bind(1, Int64(sequence))
            _ = try setLast.step()
            setLast.reset()
            try db.execute("COMMIT")
            lastSequence = sequence
        } catch {
            upsertTicket.reset()
            upsertAppointment.reset()
            setLast.reset()
            try? db.execute("ROLLBACK")
            throw ReportStoreError("report store \(path): cannot write: \(error)")
        }
    }

    private func insert(_ t: TicketFact) throws(JournalError) {
        let s = upsertTicket
        s.bind(1, Int64(t.id.rawValue))
        s.bind(2, Int64(t.day.ordinal))
        s.bind(3, Int64(t.weekday.rawValue))
        s.bind(4, Int64(t.hour))
        s.bind(5, t.issuedAt.milliseconds)
        s.bind(6, t.issuedService.rawValue)
        s.bind(7, t.service.rawValue)
        s.bind(8, t.agency.rawValue)
        bind(s, 9, t.window.map { Int64($0.rawValue) })
        if let op = t.operator { s.bind(10, op.rawValue) } else { s.bindNull(10) }
        bind(s, 11, t.firstCalledAt?.milliseconds)
        bind(s, 12, t.calledAt?.milliseconds)
        bind(s, 13, t.startedAt?.milliseconds)
        bind(s, 14, t.finishedAt?.milliseconds)
        s.bind(15, Int64(t.recalls))
        s.bind(16, Int64(t.transfers))
        bind(s, 17, t.vote.map(Int64.init))
        bind(s, 18, t.appointmentAt?.milliseconds)
        if let o = t.outcome { s.bind(19, o.rawValue) } else { s.bindNull(19) }
        _ = try s.step()
        s.reset()
    }

    private func insert(_ a: AppointmentFact) throws(JournalError) {
        let s = upsertAppointment
        s.bind(1, Int64(bitPattern: a.key))
        s.bind(2, Int64(a.day.ordinal))
        s.bind(3, a.service.rawValue)
        s.bind(4, a.agency.rawValue)
        s.bind(5, a.at.milliseconds)
        s.bind(6, Int64(a.hour))
        bind(s, 7, a.checkedInAt?.milliseconds)
        if let o = a.outcome { s.bind(8, o.rawValue) } else { s.bindNull(8) }
        if let c = a.code { s.bind(9, c.rawValue) } else { s.bindNull(9) }
        _ = try s.step()
        s.reset()
    }

    private func bind(_ s: SQLiteStatement, _ index: Int32, _ value: Int64?) {
        if let value { s.bind(index, value) } else { s.bindNull(index) }
    }

    /// The ticket facts of the service days `from`…`to`.
    public func tickets(from: LocalDate, to: LocalDate) throws(ReportStoreError) -> [TicketFact] {
        try tickets(where: "day BETWEEN \(from.ordinal) AND \(to.ordinal)")
    }

    /// The appointment facts of the service days `from`…`to`.
    public func appointments(from: LocalDate, to: LocalDate) throws(ReportStoreError) -> [AppointmentFact] {
        try appointments(where: "day BETWEEN \(from.ordinal) AND \(to.ordinal)")
    }

    /// A fold that continues where the stored facts end: the last day's tickets and the appointments still booked.
    public func resumingFold(configuration: CentreConfiguration, calendar: ServiceCalendar) throws(ReportStoreError) -> ReportFold {
        let lastDay = try tickets(where: "day = (SELECT MAX(day) FROM tickets)")
        let booked = try appointments(where: "outcome IS NULL")
        return ReportFold(configuration: configuration, calendar: calendar, resuming: lastDay, booked: booked, lastSequence: lastSequence)
    }

    /// Deletes the facts of days before `day` (the retention period); returns how many tickets went.
    @discardableResult
    public func prune(before day: LocalDate) throws(ReportStoreError) -> Int {
        do {
            let count = try db.prepare("SELECT COUNT(*) FROM tickets WHERE day < \(day.ordinal)")
            _ = try count.step()
            let n = Int(count.int64(0))
            try db.execute("DELETE FROM tickets WHERE day < \(day.ordinal); DELETE FROM appointments WHERE day < \(day.ordinal) AND outcome IS NOT NULL; "
                           + "DELETE FROM summaries WHERE day < \(day.ordinal)")
            return n
        } catch {
            throw ReportStoreError("report store \(path): cannot delete days before \(day): \(error)")
        }
    }

    /// Replaces the stored summary of its day, in one transaction.
    public func write(_ summary: DaySummary) throws(ReportStoreError) {
        do {
            try db.execute("BEGIN IMMEDIATE; DELETE FROM summaries WHERE day = \(summary.day.ordinal)")
            let insert = try db.prepare("INSERT INTO summaries(grp, day, key, data) VALUES (?, \(summary.day.ordinal), ?, ?)")
            for part in summary.parts() {
                insert.bind(1, part.group)
                insert.bind(2, part.key)
                insert.bind(3, part.bytes)
                _ = try insert.step()
                insert.reset()
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw ReportStoreError("report store \(path): cannot write the summary of \(summary.day): \(error)")
        }
    }

    /// The last day with a stored summary, if any.
    public func lastSummarisedDay() throws(ReportStoreError) -> LocalDate? {
        do {
            let s = try db.prepare("SELECT MAX(day) FROM summaries WHERE grp = '\(DaySummary.centre)'")
            guard try s.step(), !s.isNull(0) else { return nil }
            return Self.date(s.int64(0))
        } catch {
            throw ReportStoreError("report store \(path): cannot be read: \(error)")
        }
    }

    /// The days of `from`…`to` that have a stored summary.
    public func summarisedDays(from: LocalDate, to: LocalDate) throws(ReportStoreError) -> Set<LocalDate> {
        var days = Set<LocalDate>()
        try forEachSummary(group: DaySummary.centre, from: from, to: to, columns: "day") { s in days.insert(Self.date(s.int64(0))) }
        return days
    }

    /// Calls `body` with the day, key and bytes of each stored part of `group` in `from`…`to`.
    public func forEachSummary(group: String, from: LocalDate, to: LocalDate,
                               _ body: (LocalDate, String, [UInt8]) throws(SummaryDecodingError) -> Void) throws(ReportStoreError) {
        var failure: SummaryDecodingError?
        try forEachSummary(group: group, from: from, to: to, columns: "day, key, data") { s in
            guard failure == nil else { return }
            do throws(SummaryDecodingError) { try body(Self.date(s.int64(0)), s.text(1) ?? "", s.blob(2)) } catch { failure = error }
        }
        if let failure { throw ReportStoreError("report store \(path): \(failure) (group \(group)); delete reports.db to rebuild it") }
    }

    private func forEachSummary(group: String, from: LocalDate, to: LocalDate, columns: String, _ body: (SQLiteStatement) -> Void) throws(ReportStoreError) {
        do {
            let s = try db.prepare("SELECT \(columns) FROM summaries WHERE grp = ? AND day BETWEEN \(from.ordinal) AND \(to.ordinal)")
            s.bind(1, group)
            while try s.step() { body(s) }
        } catch {
            throw ReportStoreError("report store \(path): cannot be read: \(error)")
        }
    }

    /// The first service day held, if any.
    public func firstDay() throws(ReportStoreError) -> LocalDate? {
        do {
            let s = try db.prepare("SELECT MIN(day) FROM tickets")
            guard try s.step(), !s.isNull(0) else { return nil }
            return Self.date(s.int64(0))
        } catch {
            throw ReportStoreError("report store \(path): cannot be read: \(error)")
        }
    }

    /// Calls `body` with each ticket fact of the service days `from`…`to`, without holding them all.
    public func forEachTicket(from: LocalDate, to: LocalDate, _ body: (TicketFact) -> Void) throws(ReportStoreError) {
        try forEachTicket(where: "day BETWEEN \(from.ordinal) AND \(to.ordinal)", body)
    }

    private func tickets(where condition: String) throws(ReportStoreError) -> [TicketFact] {
        var out: [TicketFact] = []
        try forEachTicket(where: condition) { out.append($0) }
        return out
    }

    private func forEachTicket(where condition: String, _ body: (TicketFact) -> Void) throws(ReportStoreError) {
        do {
            let s = try db.prepare("SELECT \(Self.ticketColumns) FROM tickets WHERE \(condition)")
            func instant(_ i: Int32) -> Instant? { s.isNull(i) ? nil : Instant(milliseconds: s.int64(i)) }
            while try s.step() {
                body(TicketFact(
                    id: TicketID(UInt64(s.int64(0))), day: Self.date(s.int64(1)), weekday: Weekday(rawValue: Int(s.int64(2))) ?? .monday,
                    hour: Int(s.int64(3)), issuedAt: Instant(milliseconds: s.int64(4)), issuedService: ServiceID(s.text(5) ?? ""),
                    service: ServiceID(s.text(6) ?? ""), agency: AgencyID(s.text(7) ?? ""),
                    window: s.isNull(8) ? nil : WindowID(Int(s.int64(8))), operator: s.text(9).map { OperatorID($0) },
                    firstCalledAt: instant(10), calledAt: instant(11), startedAt: instant(12), finishedAt: instant(13),
                    recalls: Int(s.int64(14)), transfers: Int(s.int64(15)), vote: s.isNull(16) ? nil : Int(s.int64(16)),
                    appointmentAt: instant(17), outcome: s.text(18).flatMap(TicketOutcome.init(rawValue:))))
            }
        } catch {
            throw ReportStoreError("report store \(path): cannot be read: \(error)")
        }
    }

    private func appointments(where condition: String) throws(ReportStoreError) -> [AppointmentFact] {
        do {
            let s = try db.prepare("SELECT \(Self.appointmentColumns) FROM appointments WHERE \(condition)")
            var out: [AppointmentFact] = []
            while try s.step() {
                out.append(AppointmentFact(
                    key: UInt64(bitPattern: s.int64(0)), day: Self.date(s.int64(1)), service: ServiceID(s.text(2) ?? ""),
                    agency: AgencyID(s.text(3) ?? ""), at: Instant(milliseconds: s.int64(4)), hour: Int(s.int64(5)),
                    checkedInAt: s.isNull(6) ? nil : Instant(milliseconds: s.int64(6)),
                    outcome: s.text(7).flatMap(AppointmentOutcome.init(rawValue:)), code: s.text(8).flatMap { try? BookingCode(parsing: $0) }))
            }
            return out
        } catch {
            throw ReportStoreError("report store \(path): cannot be read: \(error)")
        }
    }

    static func date(_ ordinal: Int64) -> LocalDate {
        LocalDate(year: Int(ordinal / 10_000), month: Int(ordinal / 100 % 100), day: Int(ordinal % 100))
    }
}
