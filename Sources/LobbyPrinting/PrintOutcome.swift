/// How one print job on one printer ended, as far as the pool must act on it.
public enum PrintOutcome: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// CUPS reports the job completed: the ticket is on paper. Never resend it.
    case printed
    /// The printer cannot print now but may recover by itself (offline, no reply, timeout).
    case retryLater(reason: String)
    /// The printer needs a person (paper out, cover open, stopped queue).
    case stopPrinter(reason: String)
    /// The job was cancelled (by us before a failover, or by an operator).
    case cancelled(reason: String)

    /// True only for `.printed`.
    public var isPrinted: Bool { self == .printed }

    /// `printed`, `retry later: offline-report`, ...
    public var description: String {
        switch self {
        case .printed: "printed"
        case let .retryLater(reason): "retry later: \(reason)"
        case let .stopPrinter(reason): "stop printer: \(reason)"
        case let .cancelled(reason): "cancelled: \(reason)"
        }
    }
}
