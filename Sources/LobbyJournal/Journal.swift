import Foundation
import LobbyQueue

/// The durable, append-only journal of accepted queue commands, in an SQLite file (WAL mode).
///
/// `append` returns only after the records are on disk (`synchronous=FULL`), so a command is
/// acknowledged only once it survives a crash or power loss. Not thread-safe: one owner (the
/// queue actor) uses it.
public final class Journal {
    /// The schema version this build writes.
    public static let schemaVersion: Int64 = 1

    /// The journal file.
    public let path: String
    private let db: SQLiteDatabase
    private let insert: SQLiteStatement
    /// The sequence of the last record on disk (0 when empty).
    public private(set) var lastSequence: UInt64

    /// What opening found.
    public struct Opening {
        /// The open journal, ready for appends after the last intact record.
        public let journal: Journal
        /// Number of intact records replayed.
        public let recordCount: Int
        /// The damaged tail that was cut off, if any.
        public let damage: JournalDamage?
    }

    /// Opens or creates the journal at `path`, handing every intact record to `replay` in order.
    ///
    /// A damaged tail (a gap in sequence numbers, a checksum mismatch, an undecodable record or
    /// an unreadable page) is reported with its position; the damaged file is kept beside the
    /// journal and a new file holding the intact prefix replaces it.
    public static func open(path: String, replay: (JournalRecord) -> Void) throws(JournalError) -> Opening {
        let tornTail = WriteAheadLog.partialFrame(journalPath: path)
        var (count, damage) = try scan(path: path, replay: replay)
        if let d = damage, count == 0, d.rowID == nil {
            throw .unreadable(path: path, reason: d.reason)
        }
        if damage == nil, let torn = tornTail {
            damage = JournalDamage(sequence: UInt64(count) + 1, rowID: nil,
                                   reason: "the write-ahead log ends with a partial frame at byte \(torn) (a write cut short); SQLite kept the transactions before it")
        } else if var d = damage {
            d.preservedAt = try rebuildPrefix(path: path, upTo: d.sequence)
            damage = d
        }
        let journal = try Journal(path: path, lastSequence: UInt64(count))
        return Opening(journal: journal, recordCount: count, damage: damage)
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
        self.lastSequence = lastSequence
    }

    /// Writes records in one transaction and waits until they are durable.
    ///
    /// Records must continue the sequence without gaps. On failure nothing is written.
    public func append(_ records: [JournalRecord]) throws(JournalError) {
        guard !records.isEmpty else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            var expected = lastSequence + 1
            for r in records {
                precondition(r.sequence == expected, "journal records must be appended in sequence")
                let body = RecordCodec.encode(r)
                insert.bind(1, Int64(r.sequence))
                insert.bind(2, r.at.milliseconds)
                insert.bind(3, Int64(CRC32.checksum(body)))
                insert.bind(4, body)
                _ = try insert.step()
                insert.reset()
                expected += 1
            }
            try db.execute("COMMIT")
            lastSequence = expected - 1
        } catch {
            insert.reset()
            try? db.execute("ROLLBACK")
            throw error
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

    private static func scan(path: String, replay: (JournalRecord) -> Void) throws(JournalError) -> (Int, JournalDamage?) {
        let db: SQLiteDatabase
        do {
            db = try connect(path: path)
        } catch {
            // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file itself is damaged.
            if case .sqlite(_, let code, let message, _) = error, [11, 26].contains(code & 0xFF) {
                throw .unreadable(path: path, reason: message)
            }
            throw error
        }
        let select = try db.prepare("SELECT rowid, seq, crc, body FROM journal ORDER BY seq")
        var expected: UInt64 = 1
        var count = 0
        while true {
            let hasRow: Bool
            do {
                hasRow = try select.step()
            } catch {
                return (count, JournalDamage(sequence: expected, rowID: nil, reason: "unreadable: \(error)"))
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
            replay(record)
            count += 1
            expected += 1
        }
        return (count, nil)
    }

    /// Copies records `1..<sequence` into a fresh file that replaces `path`; returns where the
    /// damaged original was moved.
    private static func rebuildPrefix(path: String, upTo sequence: UInt64) throws(JournalError) -> String {
        let fm = FileManager.default
        let fresh = path + ".recovering"
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: fresh + suffix) }
        do {
            let source = try SQLiteDatabase(path: path)
            let target = try connect(path: fresh)
            let select = try source.prepare("SELECT seq, at, crc, body FROM journal WHERE seq < ?1 ORDER BY seq")
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
            try target.execute("COMMIT")
        }
        var kept = path + ".damaged-at-\(sequence)"
        var n = 1
        while fm.fileExists(atPath: kept) {
            n += 1
            kept = path + ".damaged-at-\(sequence).\(n)"
        }
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
            do { try fm.moveItem(atPath: path + suffix, toPath: kept + suffix) } catch {
                throw .cannotOpen(path: path, reason: "cannot move the damaged journal aside: \(error)")
            }
        }
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: fresh + suffix) {
            do { try fm.moveItem(atPath: fresh + suffix, toPath: path + suffix) } catch {
                throw .cannotOpen(path: path, reason: "cannot put the recovered journal in place: \(error)")
            }
        }
        return kept
    }
}
