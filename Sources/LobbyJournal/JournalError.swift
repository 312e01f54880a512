/// Why the journal could not be opened, written or read.
public enum JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// SQLite reported an error.
    case sqlite(path: String, code: Int32, message: String, statement: String)
    /// The file is damaged from its first record on; nothing can be recovered automatically.
    case unreadable(path: String, reason: String)
    /// The journal was written by a newer, unknown schema.
    case unknownSchema(path: String, version: Int64)

    /// A sentence naming the file and the cause.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open journal \(path): \(reason)"
        case .sqlite(let path, let code, let message, _): "journal \(path): SQLite error \(code): \(message)"
        case .unreadable(let path, let reason): "journal \(path) cannot be read (\(reason)); lobbyd will not start on it: move it aside and restore a backup"
        case .unknownSchema(let path, let v): "journal \(path) has schema version \(v), newer than this lobbyd understands (1)"
        }
    }
}

/// A damaged stretch at the end of the journal, found while reading it.
public struct JournalDamage: Sendable, Hashable, CustomStringConvertible {
    /// The sequence number expected at the damaged position.
    public var sequence: UInt64
    /// The SQLite row id where the damage starts, when known.
    public var rowID: Int64?
    /// What is wrong.
    public var reason: String
    /// Where the damaged file was moved after the intact prefix was kept.
    public var preservedAt: String?

    /// A sentence with the position and cause.
    public var description: String {
        var s = "journal damaged at record \(sequence)"
        if let rowID { s += " (row \(rowID))" }
        s += ": \(reason)"
        if let preservedAt { s += "; the damaged file was kept at \(preservedAt)" }
        return s
    }
}
