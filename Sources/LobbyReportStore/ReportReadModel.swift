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
        let changes = fold.apply(record)
        try store.write(tickets: changes.tickets, appointments: changes.appointments, through: record.sequence)
        try pruneIfDayChanged()
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
        return applied
    }

    /// The report of `from`…`to` (with the previous period of the same length), read from the store fact by fact.
    public func report(from: LocalDate, to: LocalDate, by: ReportBreakdown) throws(ReportStoreError) -> Report {
        var builder = ReportBuilder(from: from, to: to, by: by, targetWaitSeconds: configuration.targetWaitSeconds)
        try store.forEachTicket(from: builder.previousFrom, to: to) { builder.add($0) }
        for a in try store.appointments(from: builder.previousFrom, to: to) { builder.add(a) }
        return builder.finish()
    }

    private func pruneIfDayChanged() throws(ReportStoreError) {
        guard let day = fold.day else { return }
        let keepFrom = day.adding(days: -retentionDays)
        guard prunedBefore != keepFrom else { return }
        try store.prune(before: keepFrom)
        prunedBefore = keepFrom
    }
}
