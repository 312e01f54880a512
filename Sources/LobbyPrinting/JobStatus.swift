/// IPP `job-state` (RFC 8011 §5.3.7).
public enum JobState: Int32, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 3: waiting to be printed.
    case pending = 3
    /// 4: held (not printed until released).
    case held = 4
    /// 5: being printed (the backend runs).
    case processing = 5
    /// 6: processing stopped (the printer stopped while printing it).
    case processingStopped = 6
    /// 7: cancelled by a user or by us.
    case canceled = 7
    /// 8: aborted by the system.
    case aborted = 8
    /// 9: completed: the backend exited with success.
    case completed = 9

    /// True for canceled, aborted and completed: the job will never change again.
    public var isTerminal: Bool { rawValue >= 7 }

    /// IPP keyword, e.g. `processing-stopped`.
    public var description: String {
        switch self {
        case .pending: "pending"
        case .held: "pending-held"
        case .processing: "processing"
        case .processingStopped: "processing-stopped"
        case .canceled: "canceled"
        case .aborted: "aborted"
        case .completed: "completed"
        }
    }
}

/// What CUPS says about one job (IPP Get-Job-Attributes).
public struct JobStatus: Equatable, Hashable, Sendable {
    /// The job.
    public var job: PrintJobID
    /// `job-state`.
    public var state: JobState
    /// `job-state-reasons` without `none`.
    public var reasons: [String]
    /// `job-printer-state-message` or `job-state-message`, may be empty.
    public var message: String
    /// `job-media-progress` (0–100): the share of the ticket's bytes our backend has handed to
    /// the printer. 0: nothing left the backend; 100: every byte did. nil when not reported.
    public var progress: Int?

    /// Creates a status.
    public init(job: PrintJobID, state: JobState, reasons: [String] = [], message: String = "", progress: Int? = nil) {
        self.job = job
        self.state = state
        self.reasons = reasons.filter { $0 != "none" }
        self.message = message
        self.progress = progress
    }

    /// `processing-to-stop-point`: the job was cancelled and its backend is still finishing
    /// (cupsd reports `canceled` at once, and the backend's end later).
    public var isStopping: Bool { reasons.contains("processing-to-stop-point") }
}
