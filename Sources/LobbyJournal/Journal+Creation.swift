import Foundation

extension Journal {
    /// Creates a new, empty journal at `path` so that the path never names a half-made file.
    ///
    /// The journal is made complete (header, WAL mode, tables, schema version) under a temporary
    /// name, flushed, and only then renamed to `path`, with the folder flushed after. A crash at
    /// any moment leaves either no journal (the next start creates it again) or a complete empty
    /// one — never the 0-byte file that only truncation or replacement can make, which `open`
    /// refuses.
    static func createEmpty(at path: String) throws(JournalError) {
        let temporary = path + ".creating"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        do {
            let db = try SQLiteDatabase(path: temporary)
            try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
            try db.execute("""
                CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                CREATE TABLE journal(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, crc INTEGER NOT NULL, body BLOB NOT NULL);
                INSERT INTO meta(key, value) VALUES ('schema', \(schemaVersion));
                PRAGMA wal_checkpoint(TRUNCATE);
                """)
        }  // closing the only connection moves the log into the file and removes it
        try flush(temporary, what: "the new journal")
        guard rename(temporary, path) == 0 else {
            throw .cannotOpen(path: path, reason: "cannot move the new journal into place: \(String(cString: strerror(errno)))")
        }
        try flush((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                  what: "the journal's folder")
    }

    /// fsyncs a file or folder; a failure means the new journal's durability is unknown.
    private static func flush(_ path: String, what: String) throws(JournalError) {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: "cannot open \(what) to flush it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .cannotOpen(path: path, reason: "cannot flush \(what): \(String(cString: strerror(errno)))") }
    }
}
