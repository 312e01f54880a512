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
    /// The journal is damaged: acknowledged records after the intact prefix cannot be read.
    case damaged(path: String, damage: JournalDamage)
    /// The file exists but is empty (0 bytes); lobbyd never leaves a journal so.
    case emptyFile(path: String)
    /// The journal's path no longer leads to the open file (its file system was unmounted, or the
    /// file was moved or deleted): what is written now would be lost.
    case vanished(path: String, reason: String)
    /// A record to append does not continue the sequence on disk (a bug in the caller).
    case outOfSequence(path: String, expected: UInt64, got: UInt64)

    /// A sentence naming the file and the cause.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open journal \(path): \(reason)"
        case .sqlite(let path, let code, let message, _): "journal \(path): SQLite error \(code): \(message)"
        case .unreadable(let path, let reason):
            "journal \(path) cannot be read (\(reason)); lobbyd will not start on it: move it aside and restore a backup"
        case .unknownSchema(let path, let v): "journal \(path) has schema version \(v), newer than this lobbyd understands (1)"
        case .damaged(let path, let damage):
            "journal \(path): \(damage); lobbyd will not start on it, so that no ticket number is given twice. "
                + "Nothing was changed. To start on the \(damage.intactRecords) intact records, run "
                + "`lobbyctl journal recover --accept-loss` (it keeps a copy of the damaged files); see Docs/Journal.md"
        case .emptyFile(let path):
            "journal \(path) is an empty file (0 bytes), which lobbyd never leaves behind: the journal was truncated or replaced. "
                + "lobbyd will not start on it; restore the journal, or delete the file to start a new, empty one"
        case .vanished(let path, let reason):
            "journal \(path) is no longer reachable at its path (\(reason)): its file system was unmounted, or the file was moved "
                + "or deleted; nothing more is written until lobbyd is restarted on the right file"
        case .outOfSequence(let path, let expected, let got):
            "journal \(path): record \(got) does not continue the journal (expected \(expected)); nothing was written"
        }
    }

    /// Whether the error means the file system refused the write for lack of space.
    public var isDiskFull: Bool {
        if case .sqlite(_, let code, _, _) = self { return code & 0xFF == 13 }
        return false
    }
}

/// A damaged stretch of the journal, found while reading it.
public struct JournalDamage: Sendable, Hashable, CustomStringConvertible {
    /// The sequence number expected at the damaged position.
    public var sequence: UInt64
    /// The SQLite row id where the damage starts, when known.
    public var rowID: Int64?
    /// What is wrong.
    public var reason: String
    /// Records before the damage that are intact.
    public var intactRecords: Int
    /// Where the damaged file was moved after the intact prefix was kept.
    public var preservedAt: String?

    /// Creates a damage report.
    public init(sequence: UInt64, rowID: Int64? = nil, reason: String, intactRecords: Int? = nil, preservedAt: String? = nil) {
        self.sequence = sequence
        self.rowID = rowID
        self.reason = reason
        self.intactRecords = intactRecords ?? Int(sequence) - 1
        self.preservedAt = preservedAt
    }

    /// A sentence with the position and cause.
    public var description: String {
        var s = "damaged at record \(sequence)"
        if let rowID { s += " (row \(rowID))" }
        s += ": \(reason)"
        if let preservedAt { s += "; the damaged file was kept at \(preservedAt)" }
        return s
    }
}
