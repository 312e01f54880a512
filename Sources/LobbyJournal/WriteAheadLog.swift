import Foundation

/// Facts about SQLite's write-ahead log file (`<journal>-wal`), read without SQLite.
enum WriteAheadLog {
    /// The byte offset where a partial (torn) frame starts at the end of the WAL, or nil when the
    /// WAL is absent, empty or ends on a frame boundary.
    ///
    /// Layout (sqlite.org/fileformat2.html): a 32-byte header whose bytes 8-11 hold the page size
    /// (big-endian), then frames of a 24-byte header plus one page.
    static func partialFrame(journalPath: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: journalPath + "-wal") else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return nil }
        try? handle.seek(toOffset: 0)
        guard let header = try? handle.read(upToCount: 32), header.count == 32 else { return 0 }
        let b = [UInt8](header)
        let magic = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
        guard magic == 0x377F_0682 || magic == 0x377F_0683 else { return 0 }
        var pageSize = Int(UInt32(b[8]) << 24 | UInt32(b[9]) << 16 | UInt32(b[10]) << 8 | UInt32(b[11]))
        if pageSize == 1 { pageSize = 65_536 }
        let frame = 24 + pageSize
        let body = Int(size) - 32
        let remainder = body % frame
        return remainder == 0 ? nil : Int(size) - remainder
    }
}
