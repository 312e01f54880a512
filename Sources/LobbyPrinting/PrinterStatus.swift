/// IPP `printer-state` (RFC 8011 §5.4.11).
public enum PrinterState: Int32, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 3: ready for jobs.
    case idle = 3
    /// 4: printing a job.
    case processing = 4
    /// 5: stopped (paused by a backend exit code, an operator or `cupsdisable`).
    case stopped = 5

    /// `idle`, `processing`, `stopped`.
    public var description: String {
        switch self {
        case .idle: "idle"
        case .processing: "processing"
        case .stopped: "stopped"
        }
    }
}

/// What CUPS says about one printer queue (IPP Get-Printer-Attributes).
public struct PrinterStatus: Equatable, Hashable, Sendable {
    /// `printer-state`.
    public var state: PrinterState
    /// `printer-state-reasons` without `none`, e.g. `["media-empty-error", "paused"]`.
    public var reasons: [String]
    /// `printer-is-accepting-jobs`.
    public var isAcceptingJobs: Bool
    /// `printer-state-message` (the last `INFO:`/`ERROR:` line of the backend), may be empty.
    public var message: String

    /// Creates a status.
    public init(state: PrinterState, reasons: [String] = [], isAcceptingJobs: Bool = true, message: String = "") {
        self.state = state
        self.reasons = reasons.filter { $0 != "none" }
        self.isAcceptingJobs = isAcceptingJobs
        self.message = message
    }

    /// True when a reason with this keyword is present, with or without the
    /// `-error`/`-warning`/`-report` suffix given in `keyword`.
    public func has(_ keyword: String) -> Bool { reasons.contains(keyword) }

    /// True when some reason starts with `prefix` (e.g. `media-empty` matches `media-empty-error`).
    public func hasReason(startingWith prefix: String) -> Bool { reasons.contains { $0.hasPrefix(prefix) } }
}
