/// The pure rules that turn what CUPS reports about a job and its printer into a `PrintOutcome`.
public enum PrintOutcomeRules {
    /// Printer state reasons that say why a printer cannot print, most important first.
    public static let blockingReasonPrefixes = [
        "media-empty", "media-needed", "cover-open", "door-open", "offline", "media-jam",
        "paused", "stopped", "connecting-to-device",
    ]

    /// The outcome of a job, or nil while it should still be waited for.
    ///
    /// - completed → `.printed`; canceled → `.cancelled`; aborted → `.retryLater`.
    /// - not finished and the queue stopped, refused jobs or the job is processing-stopped →
    ///   `.stopPrinter` (a person must act: paper, cover).
    /// - held (cupsd holds a job whose backend asked to retry later) → `.retryLater`.
    /// - processing with nothing sent yet (`progress` 0) while the printer reports
    ///   `offline-report` → `.retryLater` at once: the backend found the printer silent before
    ///   sending and will not send in this attempt.
    /// - not finished when the deadline passed → `.retryLater` naming the printer's reasons
    ///   (for example `offline-report` from a printer that never answered).
    public static func outcome(job: JobStatus, printer: PrinterStatus?, deadlinePassed: Bool) -> PrintOutcome? {
        switch job.state {
        case .completed: return .printed
        case .canceled: return .cancelled(reason: describe(job: job, fallback: "job canceled"))
        case .aborted: return .retryLater(reason: describe(job: job, fallback: "job aborted"))
        case .pending, .held, .processing, .processingStopped: break
        }
        if let printer, printer.state == .stopped || !printer.isAcceptingJobs {
            return .stopPrinter(reason: describe(printer: printer, fallback: "printer stopped"))
        }
        if job.state == .processingStopped {
            return .stopPrinter(reason: describe(job: job, fallback: "job processing stopped"))
        }
        if job.state == .held {
            return .retryLater(reason: printer.map { describe(printer: $0, fallback: "") }.flatMap { $0.isEmpty ? nil : $0 }
                ?? describe(job: job, fallback: "job held for a later retry"))
        }
        if job.state == .processing, job.progress == 0, let printer, printer.hasReason(startingWith: "offline") {
            return .retryLater(reason: describe(printer: printer, fallback: "offline-report"))
        }
        guard deadlinePassed else { return nil }
        if let printer {
            return .retryLater(reason: describe(printer: printer, fallback: "job still \(job.state) at the deadline"))
        }
        return .retryLater(reason: "job still \(job.state) at the deadline")
    }

    /// The blocking reasons of a printer (comma separated) plus its message, or `fallback`.
    public static func describe(printer: PrinterStatus, fallback: String) -> String {
        let blocking = printer.reasons.filter { reason in blockingReasonPrefixes.contains { reason.hasPrefix($0) } }
        var text = blocking.isEmpty ? fallback : blocking.joined(separator: ",")
        if !printer.message.isEmpty { text += " (\(printer.message))" }
        return text
    }

    /// The job's reasons and message, or `fallback`.
    public static func describe(job: JobStatus, fallback: String) -> String {
        var parts: [String] = []
        if !job.reasons.isEmpty { parts.append(job.reasons.joined(separator: ",")) }
        if !job.message.isEmpty { parts.append("(\(job.message))") }
        return parts.isEmpty ? fallback : parts.joined(separator: " ")
    }
}
