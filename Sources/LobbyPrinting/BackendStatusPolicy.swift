import LobbyEscPos

/// What the backend learnt from polling `DLE EOT` before or after sending a job.
public enum BackendStatusReading: Equatable, Sendable {
    /// The printer could not be reached or did not answer within the status timeout.
    case noReply(String)
    /// The printer answered; the merged condition.
    case condition(PrinterCondition)
}

/// When the backend polls.
public enum BackendPhase: Equatable, Sendable {
    /// Before any job byte is sent.
    case beforeSending
    /// Between two pieces of the job: `sent` of `total` bytes are out.
    case whileSending(sent: Int, total: Int)
    /// After every job byte was written (and, with `drain=gsr`, printed).
    case afterSending

    /// True once job bytes may have reached the printer.
    public var hasSentBytes: Bool { self != .beforeSending }
}

/// What the backend must say to cupsd and do next.
public struct BackendVerdict: Equatable, Sendable {
    /// Lines for stderr, in order (`STATE: -…`, `STATE: +…`, `INFO: …`, `ERROR: …`).
    public var lines: [String]
    /// Go on (send the job, or exit 0 after sending), or exit now with this code.
    public var exitCode: BackendExitCode?

    /// Creates a verdict.
    public init(lines: [String], exitCode: BackendExitCode?) {
        self.lines = lines
        self.exitCode = exitCode
    }
}

/// The pure rules of the `lobby-escpos` backend: which status to ask for, and which printer
/// state reasons and exit code follow from the answers. Table in Docs/Printing-CUPS.md.
public enum BackendStatusPolicy {
    /// The state reasons this backend sets and clears (and no others).
    public static let managedReasons = ["media-empty-error", "media-low-report", "cover-open-error", "offline-report", "other-error"]

    /// The `DLE EOT n` requests to send after `n = 1` and `n = 4` were answered: the offline
    /// cause (2) when the printer is offline, the error cause (3) when 2 reports an error.
    public static func followUpKinds(after condition: PrinterCondition) -> [RealTimeStatusKind] {
        var kinds: [RealTimeStatusKind] = []
        if condition.isOnline == false, condition.isCoverOpen == nil { kinds.append(.offlineCause) }
        if condition.hasError == true, condition.hasUnrecoverableError == nil { kinds.append(.errorCause) }
        return kinds
    }

    /// The verdict for one reading. Before sending, a silent or offline printer means "retry
    /// later" (6); once bytes were sent it means "cancel" (5), and paper out or an open cover
    /// still stops the queue (4).
    public static func verdict(for reading: BackendStatusReading, phase: BackendPhase) -> BackendVerdict {
        var present: [String] = []
        var messages: [String] = []
        var exitCode: BackendExitCode?
        switch reading {
        case let .noReply(why):
            present = ["offline-report"]
            messages = ["ERROR: Printer is offline: \(why)"]
            exitCode = .retryLater
            if case let .whileSending(sent, total) = phase {
                messages.append("ERROR: Printer stopped answering after \(sent) of \(total) bytes; the rest of the ticket is not sent")
            } else if phase == .afterSending {
                messages.append("ERROR: Printer did not confirm the end of the ticket; it may have printed")
            }
        case let .condition(condition):
            if condition.paper == .out {
                present.append("media-empty-error")
                messages.append(phase.hasSentBytes ? "ERROR: Printer ran out of paper while printing" : "ERROR: Printer is out of paper")
                exitCode = .stop
            } else if condition.paper == .nearEnd {
                present.append("media-low-report")
                messages.append("INFO: Paper is near its end")
            }
            if condition.isCoverOpen == true {
                present.append("cover-open-error")
                messages.append("ERROR: Printer cover is open")
                exitCode = .stop
            }
            if condition.hasUnrecoverableError == true || condition.hasAutocutterError == true {
                present.append("other-error")
                messages.append(condition.hasAutocutterError == true ? "ERROR: Autocutter error" : "ERROR: Unrecoverable printer error")
                exitCode = .stop
            } else if exitCode == nil, condition.hasAutoRecoverableError == true || condition.isOnline == false {
                present.append("offline-report")
                messages.append(condition.hasAutoRecoverableError == true
                    ? "ERROR: Printer reports a recoverable error (e.g. head too hot)"
                    : "ERROR: Printer is offline")
                exitCode = .retryLater
            }
            if exitCode == nil, messages.isEmpty {
                switch phase {
                case .beforeSending: messages.append("INFO: Printer ready")
                case .whileSending: break
                case .afterSending: messages.append("INFO: Ticket printed")
                }
            }
        }
        // Once bytes may have reached the printer the job is never retried (cupsd would send
        // the whole ticket again): a printer that stops answering cancels the job instead.
        if phase.hasSentBytes, exitCode == .retryLater { exitCode = .cancel }
        // A silent printer tells nothing about paper or cover: keep those reasons as they are.
        var silent = false
        if case .noReply = reading { silent = true }
        let cleared = silent ? [] : managedReasons.filter { !present.contains($0) }
        var lines: [String] = []
        if !cleared.isEmpty { lines.append("STATE: -" + cleared.joined(separator: ",")) }
        if !present.isEmpty { lines.append("STATE: +" + present.joined(separator: ",")) }
        return BackendVerdict(lines: lines + messages, exitCode: exitCode)
    }

    /// The verdict when the printer is there but cannot be used until a person acts (USB
    /// permissions, another program holding the interface): `other-error`, stop the queue.
    public static func verdict(forUnusableDevice message: String) -> BackendVerdict {
        BackendVerdict(lines: ["STATE: +other-error", "ERROR: \(message)"], exitCode: .stop)
    }

    /// True when a job consists only of `DLE EOT n` requests: a status probe that prints nothing,
    /// so the backend polls and does not send it.
    public static func isStatusProbe(_ job: [UInt8]) -> Bool {
        guard !job.isEmpty, job.count % 3 == 0 else { return false }
        return stride(from: 0, to: job.count, by: 3).allSatisfy { index in
            job[index] == 0x10 && job[index + 1] == 0x04 && (1...4).contains(job[index + 2])
        }
    }
}
