/// Exit codes of a CUPS backend (`cups/backend.h`), as cupsd reads them.
public enum BackendExitCode: Int32, Equatable, Sendable, CustomStringConvertible {
    /// 0: the job was sent; cupsd marks it completed.
    case ok = 0
    /// 1: the job failed; cupsd applies the queue's `printer-error-policy`.
    case failed = 1
    /// 2: authentication required.
    case authRequired = 2
    /// 3: hold the job.
    case hold = 3
    /// 4: stop the queue and keep the job (paper out, cover open: a person must act).
    case stop = 4
    /// 5: cancel the job.
    case cancel = 5
    /// 6: retry this job later (`JobRetryInterval`); the queue keeps running.
    case retryLater = 6
    /// 7: retry this job immediately.
    case retryCurrent = 7

    /// `0 (ok)`, `4 (stop queue)`, ...
    public var description: String {
        switch self {
        case .ok: "0 (ok)"
        case .failed: "1 (failed)"
        case .authRequired: "2 (auth required)"
        case .hold: "3 (hold job)"
        case .stop: "4 (stop queue)"
        case .cancel: "5 (cancel job)"
        case .retryLater: "6 (retry job later)"
        case .retryCurrent: "7 (retry job now)"
        }
    }
}
