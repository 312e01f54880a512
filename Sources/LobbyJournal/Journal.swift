import Foundation
import LobbyQueue

/// The durable, append-only journal of accepted queue commands, in an SQLite file (WAL mode).
///
/// `append` returns only after the records are on disk (`synchronous=FULL`), so a command is
/// acknowledged only once it survives a crash or power loss. Each transaction also records the
/// last sequence in the `meta` table (the high-water mark), so that records missing from the end
/// are noticed. Not thread-safe: one owner uses it.
public final class Journal {
    /// The schema version this build writes.
    public static let schemaVersion: Int64 = 1

    /// The journal file.
    public let path: String
    private let db: SQLiteDatabase
    private let insert: SQLiteStatement
    private let mark: SQLiteStatement
    /// The sequence of the last record on disk (0 when empty).
    public private(set) var lastSequence: UInt64
    /// The device and inode the path named when the journal was opened.
    private let identity: (dev: UInt64, ino: UInt64)?

    /// What to do when opening finds acknowledged records that cannot be read.
    public enum DamagePolicy: Sendable {
        /// Throw `JournalError.damaged` and change nothing (lobbyd's start).
        case refuse
        /// Keep a copy of the damaged files and continue on the intact prefix (a technician's decision).
        case keepIntactPrefix
    }

    /// What opening found.
    public struct Opening {
        /// The open journal, ready for appends after the last intact record.
        public let journal: Journal
        /// Number of intact records replayed.
        public let recordCount: Int
        /// The damage that was cut off (only with `.keepIntactPrefix`).
        public let damage: JournalDamage?
        /// What could be read of the records after the damage (only with `.keepIntactPrefix`).
        public let loss: JournalLoss?
        /// Things found and dealt with that a technician should know (a write cut short, a repaired log).
        public let notes: [String]
    }

    /// Opens or creates the journal at `path`, handing every intact record to `replay` in order.
    ///
    /// Damage — a gap in sequence numbers, a checksum mismatch, an undecodable or impossible
    /// record (`replay` throws), an unreadable page, records missing below the high-water mark,
    /// a write-ahead log whose later transactions SQLite would drop — is refused or, with
    /// `.keepIntactPrefix`, cut off after keeping a copy of the damaged files beside the journal.
    /// A write-ahead log ending in a frame cut short (a crash mid-write) is normal and only noted.
    public static func open(path: String, policy: DamagePolicy = .refuse,
                            replay: (JournalRecord) throws -> Void) throws(JournalError) -> Opening {
        let fm = FileManager.default
        if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            throw .emptyFile(path: path)
        }
        if !fm.fileExists(atPath: path) {
            if let size = (try? fm.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int, size > 0 {
                throw .unreadable(path: path, reason: "the journal file is missing but its write-ahead log \(path)-wal (\(size) bytes) is there: "
                                  + "the journal was deleted or moved; restore it, or move the -wal file away to start a new, empty journal")
            }
            try createEmpty(at: path)
        }
        var notes: [String] = []
        var source = path
        var walRepair: String?
        if let wal = WriteAheadLog(journalPath: path) {
            let report = wal.inspect()
            if report.losesTransactions, let repaired = report.repairedBytes {
                // Read a repaired copy; the originals stay untouched until we know what it holds.
                source = path + ".checking"
                try copyFiles(from: path, to: source)
                do { try Data(repaired).write(to: URL(fileURLWithPath: source + "-wal")) } catch {
                    throw .cannotOpen(path: path, reason: "cannot write a repaired copy of the write-ahead log: \(error)")
                }
                walRepair = Self.describe(report)
            } else if let torn = report.partialFrameAt {
                notes.append("the write-ahead log ends with a partial frame at byte \(torn) (a write cut short); SQLite kept the transactions before it")
            } else if report.firstBadFrame != nil, !report.headerDamaged {
                notes.append("the write-ahead log's last transaction was incomplete (a write cut short); SQLite kept the transactions before it")
            }
        }
        defer { if source != path { removeFiles(source) } }
        let scan = try Self.scan(path: source, replay: replay)
        guard var damage = scan.damage else {
            if let walRepair {
                let kept = try preserve(path, as: path + ".damaged-wal")
                try copyFiles(from: source, to: path)
                notes.append(walRepair + "; no record was lost (all \(scan.count) verified); the damaged files were kept at \(kept). Check the disk")
            }
            let journal = try Journal(path: path, lastSequence: UInt64(scan.count))
            try? journal.checkpoint()
            return Opening(journal: journal, recordCount: scan.count, damage: nil, loss: nil, notes: notes)
        }
        if let walRepair { damage.reason += " (\(walRepair))" }
        guard case .keepIntactPrefix = policy else { throw .damaged(path: path, damage: damage) }
        let loss = salvage(path: source, from: damage.sequence)
        let fresh = try rebuildPrefix(from: source, upTo: damage.sequence)
        let kept = try preserve(path, as: path + ".damaged-at-\(damage.sequence)")
        try copyFiles(from: fresh, to: path)
        removeFiles(fresh)
        damage.preservedAt = kept
        return Opening(journal: try Journal(path: path, lastSequence: UInt64(scan.count)), recordCount: scan.count,
                       damage: damage, loss: loss, notes: notes)
    }

    /// What was wrong with a write-ahead log and how it was read back.
    private static func describe(_ r: WriteAheadLog.Report) -> String {
        var parts: [String] = []
        if r.headerDamaged { parts.append("its header was damaged") }
        if !r.mendedFrames.isEmpty {
            parts.append("frame\(r.mendedFrames.count == 1 ? "" : "s") \(r.mendedFrames.map(String.init).joined(separator: ", ")) differed from what the checksums prove and \(r.mendedFrames.count == 1 ? "was" : "were") restored exactly")
        }
        if let bad = r.firstBadFrame {
            parts.append("frame \(bad) is damaged beyond exact repair; the \(r.transactionsAfterDamage) complete transactions after it were read back by recomputing the checksum chain")
        }
        return "the write-ahead log was damaged (\(parts.joined(separator: "; "))); SQLite alone would have dropped \(r.framesAtRisk) committed frames"
    }

    /// Checks the journal at `path` without changing it: nil when intact, else the damage.
    public static func check(path: String, configuration: CentreConfiguration) throws(JournalError) -> (records: Int, damage: JournalDamage?, notes: [String]) {
        guard FileManager.default.fileExists(atPath: path) else { throw .cannotOpen(path: path, reason: "there is no journal at this path") }
        guard let engine = try? QueueEngine(configuration: configuration) else {
            throw .cannotOpen(path: path, reason: "the configuration's time zone is unknown")
        }
        var replaying = engine
        do {
            let opening = try open(path: path) { try replaying.replay($0) }
            return (opening.recordCount, nil, opening.notes)
        } catch {
            if case .damaged(_, let damage) = error { return (damage.intactRecords, damage, []) }
            throw error
        }
    }

    /// The time of the last record of the journal at `path`, nil when it is empty or missing.
    /// Read before replay to skip work that a later day change would undo.
    public static func lastRecordTime(path: String) -> Instant? {
        guard FileManager.default.fileExists(atPath: path), let db = try? SQLiteDatabase(path: path, readOnly: true),
              let stmt = try? db.prepare("SELECT at FROM journal ORDER BY seq DESC LIMIT 1"), (try? stmt.step()) == true
        else { return nil }
        return Instant(milliseconds: stmt.int64(0))
    }

    private init(path: String, lastSequence: UInt64) throws(JournalError) {
        self.path = path
        db = try Self.connect(path: path)
        insert = try db.prepare("INSERT INTO journal(seq, at, crc, body) VALUES (?1, ?2, ?3, ?4)")
        mark = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('last', ?1)")
        self.lastSequence = lastSequence
        identity = Self.identity(of: path)
    }

    private static func identity(of path: String) -> (dev: UInt64, ino: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// Throws when the path no longer names the file this journal writes (checked before every
    /// write: SQLite would go on writing into a file nobody can reach again).
    private func checkReachable() throws(JournalError) {
        guard let identity else { return }
        guard let now = Self.identity(of: path) else {
            throw .vanished(path: path, reason: "the path does not exist any more: \(String(cString: strerror(errno)))")
        }
        guard now == identity else {
            throw .vanished(path: path, reason: "the path now names another file (device \(now.dev), inode \(now.ino))")
        }
    }

    /// Writes records in one transaction and waits until they are durable.
    ///
    /// Records must continue the sequence without gaps. On failure nothing is written.
    public func append(_ records: [JournalRecord]) throws(JournalError) {
        guard !records.isEmpty else { return }
        var expected = lastSequence + 1
        for r in records {
            guard r.sequence == expected else { throw .outOfSequence(path: path, expected: expected, got: r.sequence) }
            expected += 1
        }
        try checkReachable()
        try db.execute("BEGIN IMMEDIATE")
        do {
            for r in records {
                let body = RecordCodec.encode(r)
                insert.bind(1, Int64(r.sequence))
                insert.bind(2, r.at.milliseconds)
                insert.bind(3, Int64(CRC32.checksum(body)))
                insert.bind(4, body)
                _ = try insert.step()
                insert.reset()
            }
            mark.bind(1, Int64(expected - 1))
            _ = try mark.step()
            mark.reset()
            try db.execute("COMMIT")
            lastSequence = expected - 1
        } catch {
            insert.reset()
            mark.reset()
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Reads every record again through this journal's own connection (never re-opening the
    /// path, which may now name another file), after moving the write-ahead log into the main
    /// file when it can. Throws unless exactly `lastSequence` intact records are read.
    public func replayAll(_ replay: (JournalRecord) throws -> Void) throws(JournalError) {
        let result = try Self.read(db, path: path, replay: replay)
        if let damage = result.damage { throw .damaged(path: path, damage: damage) }
        guard UInt64(result.count) == lastSequence else {
            throw .damaged(path: path, damage: JournalDamage(
                sequence: UInt64(result.count) + 1, reason: "\(lastSequence) records were written but \(result.count) can be read back"))
        }
    }

    /// Moves the write-ahead log into the main file and truncates it to zero bytes: frees the
    /// log's space, and leaves no frames of a failed write behind that could one day look
    /// committed. Throws unless the log was truncated.
    public func checkpoint() throws(JournalError) {
        try checkReachable()
        let stmt = try db.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
        guard try stmt.step() else { return }
        if stmt.int64(0) != 0 {
            throw .sqlite(path: path, code: 5, message: "the write-ahead log could not be checkpointed (another reader holds it)",
                          statement: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    // MARK: - Opening

    private static func connect(path: String) throws(JournalError) -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
        try db.execute("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS journal(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, crc INTEGER NOT NULL, body BLOB NOT NULL);
            INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', \(schemaVersion));
            """)
        let stmt = try db.prepare("SELECT value FROM meta WHERE key = 'schema'")
        if try stmt.step(), stmt.int64(0) > schemaVersion { throw .unknownSchema(path: path, version: stmt.int64(0)) }
        return db
    }

    private static func scan(path: String, replay: (JournalRecord) throws -> Void) throws(JournalError) -> (count: Int, damage: JournalDamage?) {
        let db: SQLiteDatabase
        do {
            db = try connect(path: path)
        } catch {
            // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file itself is damaged; SQLITE_ERROR
            // (1) here means its schema is not the journal's (a damaged schema page).
            if case .sqlite(_, let code, let message, _) = error, [1, 11, 26].contains(code & 0xFF) {
                throw .unreadable(path: path, reason: message)
            }
            throw error
        }
        return try read(db, path: path, replay: replay)
    }

    private static func read(_ db: SQLiteDatabase, path: String,
                             replay: (JournalRecord) throws -> Void) throws(JournalError) -> (count: Int, damage: JournalDamage?) {
        let highWater: Int64? = {
            guard let stmt = try? db.prepare("SELECT value FROM meta WHERE key = 'last'"), (try? stmt.step()) == true else { return nil }
            return stmt.int64(0)
        }()
        let select = try db.prepare("SELECT rowid, seq, crc, body FROM journal ORDER BY seq")
        var expected: UInt64 = 1
        var count = 0
        while true {
            let hasRow: Bool
            do {
                hasRow = try select.step()
            } catch {
                return (count, JournalDamage(sequence: expected, reason: "unreadable: \(error)"))
            }
            guard hasRow else { break }
            let rowID = select.int64(0)
            let seq = UInt64(bitPattern: select.int64(1))
            let crc = UInt32(truncatingIfNeeded: select.int64(2))
            let body = select.blob(3)
            guard seq == expected else {
                return (count, JournalDamage(sequence: expected, rowID: rowID, reason: "record \(expected) is missing (next on disk is \(seq))"))
            }
            guard CRC32.checksum(body) == crc else {
                return (count, JournalDamage(sequence: expected, rowID: rowID, reason: "checksum mismatch in a \(body.count)-byte record"))
            }
            let record: JournalRecord
            do {
                record = try RecordCodec.decode(body)
            } catch {
                return (count, JournalDamage(sequence: expected, rowID: rowID, reason: "undecodable record: \(error)"))
            }
            guard record.sequence == seq else {
                return (count, JournalDamage(sequence: expected, rowID: rowID, reason: "record body says sequence \(record.sequence)"))
            }
            do {
                try replay(record)
            } catch {
                return (count, JournalDamage(sequence: expected, rowID: rowID, reason: (error as? ReplayError)?.reason ?? "\(error)"))
            }
            count += 1
            expected += 1
        }
        if let highWater, highWater > Int64(count) {
            let reason = count == 0 && highWater > 0
                ? "the journal held \(highWater) records and none can be read"
                : "records \(count + 1)…\(highWater) are missing at the end (the journal's high-water mark is \(highWater))"
            return (count, JournalDamage(sequence: UInt64(count) + 1, reason: reason))
        }
        return (count, nil)
    }

    /// What can still be read after the damaged record: the highest ticket id and numbers.
    private static func salvage(path: String, from sequence: UInt64) -> JournalLoss {
        var loss = JournalLoss(lostFrom: sequence)
        guard let db = try? SQLiteDatabase(path: path, readOnly: true),
              let select = try? db.prepare("SELECT seq, crc, body FROM journal WHERE seq >= ?1 ORDER BY seq") else { return loss }
        select.bind(1, Int64(bitPattern: sequence))
        while (try? select.step()) == true {
            let body = select.blob(2)
            guard CRC32.checksum(body) == UInt32(truncatingIfNeeded: select.int64(1)), let record = try? RecordCodec.decode(body),
                  record.sequence == UInt64(bitPattern: select.int64(0)), record.sequence < 1 << 62,
                  record.events.allSatisfy({ if case .ticketIssued(let i) = $0 { i.id.rawValue < 1 << 62 } else { true } })
            else { continue }
            loss.note(record)
        }
        return loss
    }

    /// Copies records `1..<sequence` of `source` into a fresh file beside it; returns its path.
    private static func rebuildPrefix(from source: String, upTo sequence: UInt64) throws(JournalError) -> String {
        let fresh = source + ".recovering"
        removeFiles(fresh)
        do {
            let from = try SQLiteDatabase(path: source, readOnly: true)
            let target = try connect(path: fresh)
            let select = try from.prepare("SELECT seq, at, crc, body FROM journal WHERE seq < ?1 ORDER BY seq")
            select.bind(1, Int64(sequence))
            let copy = try target.prepare("INSERT INTO journal(seq, at, crc, body) VALUES (?1, ?2, ?3, ?4)")
            try target.execute("BEGIN IMMEDIATE")
            while try select.step() {
                copy.bind(1, select.int64(0))
                copy.bind(2, select.int64(1))
                copy.bind(3, select.int64(2))
                copy.bind(4, select.blob(3))
                _ = try copy.step()
                copy.reset()
            }
            try target.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last', \(Int64(sequence) - 1)); COMMIT;")
            try target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return fresh
    }

    /// Moves the journal's files aside under a new name (numbered if taken); returns it.
    private static func preserve(_ path: String, as base: String) throws(JournalError) -> String {
        let fm = FileManager.default
        var kept = base
        var n = 1
        while fm.fileExists(atPath: kept) {
            n += 1
            kept = base + ".\(n)"
        }
        for suffix in ["", "-wal"] where fm.fileExists(atPath: path + suffix) {
            do { try fm.moveItem(atPath: path + suffix, toPath: kept + suffix) } catch {
                throw .cannotOpen(path: path, reason: "cannot move the damaged journal aside: \(error)")
            }
        }
        try? fm.removeItem(atPath: path + "-shm")
        return kept
    }

    private static func copyFiles(from source: String, to target: String) throws(JournalError) {
        let fm = FileManager.default
        removeFiles(target)
        for suffix in ["", "-wal"] where fm.fileExists(atPath: source + suffix) {
            do { try fm.copyItem(atPath: source + suffix, toPath: target + suffix) } catch {
                throw .cannotOpen(path: target, reason: "cannot copy the journal: \(error)")
            }
        }
    }

    private static func removeFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
