import CSQLite

/// A thin owner of one SQLite connection; the only place that calls the SQLite C API.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?
    /// The file the connection was opened on.
    public let path: String

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws(JournalError) {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw .cannotOpen(path: path, reason: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more SQL statements without results.
    public func execute(_ sql: String) throws(JournalError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw .sqlite(path: path, code: rc, message: message, statement: sql)
        }
    }

    /// Prepares a statement.
    public func prepare(_ sql: String) throws(JournalError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw .sqlite(path: path, code: rc, message: lastMessage, statement: sql)
        }
        return SQLiteStatement(stmt, database: self, sql: sql)
    }

    /// The message of the last error on this connection.
    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A prepared statement, finalised when released.
public final class SQLiteStatement {
    private let stmt: OpaquePointer
    private let database: SQLiteDatabase
    private let sql: String
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ stmt: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.stmt = stmt
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(stmt, index, value) }

    /// Binds text to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ value: String) { sqlite3_bind_text(stmt, index, value, -1, Self.transient) }

    /// Binds a blob to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ value: [UInt8]) {
        value.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(stmt, index, raw.baseAddress, Int32(raw.count), Self.transient)
        }
    }

    /// Binds SQL NULL to the 1-based parameter `index`.
    public func bindNull(_ index: Int32) { sqlite3_bind_null(stmt, index) }

    /// Whether column `index` (0-based) of the current row is NULL.
    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(stmt, index) == SQLITE_NULL }

    /// Advances; true when a row is available, false when done.
    public func step() throws(JournalError) -> Bool {
        let rc = sqlite3_step(stmt)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw .sqlite(path: database.path, code: rc, message: database.lastMessage, statement: sql)
        }
    }

    /// Resets the statement for another execution and clears bindings.
    public func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    /// The integer in column `index` (0-based) of the current row.
    public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(stmt, index) }

    /// The text in column `index` of the current row.
    public func text(_ index: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, index) else { return nil }
        return String(cString: p)
    }

    /// The blob in column `index` of the current row.
    public func blob(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(stmt, index))
        guard count > 0, let p = sqlite3_column_blob(stmt, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
}
