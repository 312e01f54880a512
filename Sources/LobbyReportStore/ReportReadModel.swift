import LobbyJournal
import LobbyQueue
import LobbyReports

/// The report read model: the pure fold and its store, fed by journal records — live, one record
/// at a time, or in bulk from the journal file after a restart.
public final class ReportReadModel {
    /// The store.
    public let store: ReportStore
    private var fold: ReportFold
    private let configuration: CentreConfiguration
    private let calendar: ServiceCalendar
    /// Days of facts kept before today.
    public let retentionDays: Int
    private var prunedBefore: LocalDate?

    /// Opens (or creates) the store at `path` and restores the fold from it.
    public init(path: String, configuration: CentreConfiguration, retentionDays: Int) throws(ReportStoreError) {
        guard let calendar = ServiceCalendar(timeZoneIdentifier: configuration.timeZone) else {
            throw ReportStoreError("unknown time zone \(configuration.timeZone)")
        }
        self.calendar = calendar
        self.configuration = configuration
        self.retentionDays = retentionDays
        store = try ReportStore(path: path)
        fold = try store.resumingFold(configuration: configuration, calendar: calendar)
    }

    /// The last journal record included.
    public var lastSequence: UInt64 { store.lastSequence }

    /// Applies one durable record (ignored when already included; throws `gap` when records are missing before it).
    public func apply(_ record: JournalRecord) throws(ReportStoreError) {
        guard record.sequence > store.lastSequence else { return }
        guard record.sequence == store.lastSequence + 1 else {
            throw ReportStoreError("report store \(store.path): record \(record.sequence) follows \(store.lastSequence); catch up from the journal")
        }
        let day = fold.day
        let changes = fold.apply(record)
        try store.write(tickets: changes.tickets, appointments: changes.appointments, through: record.sequence)
        try pruneIfDayChanged()
        if day != nil, fold.day != day { try summariseClosedDays() }
    }

    /// Reads the journal file's records after the last included one and applies them, writing in
    /// batches; returns how many were applied. The journal may be open in lobbyd meanwhile.
    @discardableResult
    public func catchUp(journalPath: String, batch: Int = 20_000) throws(ReportStoreError) -> Int {
        let journal: SQLiteDatabase
        let select: SQLiteStatement
        do {
            journal = try SQLiteDatabase(path: journalPath, readOnly: true)
            select = try journal.prepare("SELECT seq, crc, body FROM journal WHERE seq > ? ORDER BY seq")
        } catch {
            throw ReportStoreError("cannot read journal \(journalPath) for reports: \(error)")
        }
        select.bind(1, Int64(store.lastSequence))
        var tickets: [TicketID: TicketFact] = [:]
        var appointments: [UInt64: AppointmentFact] = [:]
        var applied = 0, pending = 0
        func flush() throws(ReportStoreError) {
            guard pending > 0 else { return }
            try store.write(tickets: tickets.values, appointments: appointments.values, through: fold.lastSequence)
            tickets.removeAll(keepingCapacity: true)
            appointments.removeAll(keepingCapacity: true)
            pending = 0
        }
        _ = journal
        do {
            while try select.step() {
                let seq = UInt64(bitPattern: select.int64(0))
                let body = select.blob(2)
                guard seq == fold.lastSequence + 1 else {
                    throw ReportStoreError("journal \(journalPath): record \(fold.lastSequence + 1) is missing (next is \(seq)); reports stop at \(fold.lastSequence)")
                }
                guard CRC32.checksum(body) == UInt32(truncatingIfNeeded: select.int64(1)) else {
                    throw ReportStoreError("journal \(journalPath): checksum mismatch in record \(seq); reports stop at \(fold.lastSequence)")
                }
                let record: JournalRecord
                do {
                    record = try RecordCodec.decode(body)
                } catch {
                    throw ReportStoreError("journal \(journalPath): record \(seq) cannot be decoded (\(error)); reports stop at \(fold.lastSequence)")
                }
                let changes = fold.apply(record)
                for t in changes.tickets { tickets[t.id] = t }
                for a in changes.appointments { appointments[a.key] = a }
                applied += 1
                pending += 1
                if pending >= batch { try flush() }
            }
        } catch let error as ReportStoreError {
            try? flush()
            throw error
        } catch {
            try? flush()
            throw ReportStoreError("cannot read journal \(journalPath) for reports: \(error)")
        }
        try flush()
        try pruneIfDayChanged()
        try summariseClosedDays()
        return applied
    }

    /// The report of `from`…`to` (with the previous period of the same length): closed days from
    /// their summaries (made now and kept when missing), the current day and later fact by fact.
    public func report(from: LocalDate, to: LocalDate, by: ReportBreakdown) throws(ReportStoreError) -> Report {
        var builder = ReportBuilder(from: from, to: to, by: by, targetWaitSeconds: configuration.targetWaitSeconds)
        var liveFrom = builder.previousFrom
        if let today = fold.day, builder.previousFrom < today {
            let lastClosed = min(to, today.adding(days: -1))
            let held = try store.summarisedDays(from: builder.previousFrom, to: lastClosed)
            var day = builder.previousFrom
            while day <= lastClosed {
                if !held.contains(day) {
                    let summary = try summarise(day)
                    try? store.write(summary)  // kept for the next report when the disk allows; exact either way
                    for part in summary.parts() where part.group == DaySummary.centre || part.group == by.rawValue {
                        try add(part.group, day, part.key, part.bytes, to: &builder)
                    }
                }
                day = day.adding(days: 1)
            }
            let closedFrom = builder.previousFrom
            try store.forEachSummary(group: DaySummary.centre, from: closedFrom, to: lastClosed) { day, _, bytes throws(SummaryDecodingError) in
                if held.contains(day) { try builder.addCentre(of: day, bytes: bytes) }
            }
            try store.forEachSummary(group: by.rawValue, from: max(from, closedFrom), to: lastClosed) { day, key, bytes throws(SummaryDecodingError) in
                if held.contains(day) { try builder.addGroup(of: day, key: key, bytes: bytes) }
            }
            liveFrom = today
        }
        if liveFrom <= to {
            try store.forEachTicket(from: liveFrom, to: to) { builder.add($0) }
            for a in try store.appointments(from: liveFrom, to: to) { builder.add(a) }
        }
        return builder.finish()
    }

    private func add(_ group: String, _ day: LocalDate, _ key: String, _ bytes: [UInt8], to builder: inout ReportBuilder) throws(ReportStoreError) {
        do {
            if group == DaySummary.centre { try builder.addCentre(of: day, bytes: bytes) } else { try builder.addGroup(of: day, key: key, bytes: bytes) }
        } catch {
            throw ReportStoreError("report store \(store.path): \(error)")
        }
    }

    private func summarise(_ day: LocalDate) throws(ReportStoreError) -> DaySummary {
        DaySummary(day: day, tickets: try store.tickets(from: day, to: day), appointments: try store.appointments(from: day, to: day))
    }

    /// Summarises the days before the current one that follow the last summarised day (from the
    /// first day held, the first time), empty days included, so that reports find every closed day
    /// summarised. Gaps left earlier (summaries deleted by hand) are filled by the next report.
    private func summariseClosedDays() throws(ReportStoreError) {
        guard let today = fold.day else { return }
        var day: LocalDate
        if let last = try store.lastSummarisedDay() {
            day = last.adding(days: 1)
        } else if let first = try store.firstDay() {
            day = first
        } else {
            return
        }
        day = max(day, today.adding(days: -retentionDays))
        while day < today {
            try store.write(try summarise(day))
            day = day.adding(days: 1)
        }
    }

    private func pruneIfDayChanged() throws(ReportStoreError) {
        guard let day = fold.day else { return }
        let keepFrom = day.adding(days: -retentionDays)
        guard prunedBefore != keepFrom else { return }
        try store.prune(before: keepFrom)
        prunedBefore = keepFrom
    }
}
