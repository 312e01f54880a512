/// Time limits of a `PrinterPool`.
public struct PrinterPoolPolicy: Equatable, Sendable {
    /// Longest wait for one job to finish on one printer before it is cancelled and the ticket
    /// goes to the next printer.
    public var jobDeadline: Duration
    /// Pause between two job/printer status reads.
    public var pollInterval: Duration
    /// Longest wait for a cancel to be confirmed (job canceled, aborted or completed). If it is
    /// not confirmed the job's fate is unknown and the ticket is not sent elsewhere.
    public var cancelConfirmation: Duration
    /// How long a printer whose last job ended in "retry later" (offline, no reply, timeout)
    /// goes to the end of the order, so the next citizens do not wait for it first.
    public var retryLaterBackoff: Duration

    /// Creates a policy.
    public init(
        jobDeadline: Duration = .seconds(15), pollInterval: Duration = .milliseconds(50),
        cancelConfirmation: Duration = .seconds(5), retryLaterBackoff: Duration = .seconds(30)
    ) {
        self.jobDeadline = jobDeadline
        self.pollInterval = pollInterval
        self.cancelConfirmation = cancelConfirmation
        self.retryLaterBackoff = retryLaterBackoff
    }
}

/// One ticket to print: already rendered and encoded for the printers of the pool.
public struct TicketPrintRequest: Equatable, Sendable {
    /// The ticket number as shown (e.g. `A042`); used in job titles and events, never personal data.
    public var ticket: String
    /// The raw ESC/POS bytes.
    public var bytes: [UInt8]

    /// Creates a request.
    public init(ticket: String, bytes: [UInt8]) {
        self.ticket = ticket
        self.bytes = bytes
    }
}

/// What happened on one printer while issuing one ticket.
public enum PrintAttemptResult: Equatable, Sendable {
    /// Not tried: the printer's health said it cannot print (summary word).
    case skipped(String)
    /// The job could not be submitted.
    case submitFailed(PrinterPortError)
    /// The job ended (cancelled jobs included).
    case finished(PrintOutcome)
    /// The job did not finish and the cancel was not confirmed: it may still print.
    case unresolved(String)
}

/// One printer tried (or skipped) for one ticket.
public struct PrintAttempt: Equatable, Sendable {
    /// The printer.
    public var printer: PrinterID
    /// The CUPS job, when one was created.
    public var job: PrintJobID?
    /// What happened.
    public var result: PrintAttemptResult

    /// Creates a record.
    public init(printer: PrinterID, job: PrintJobID?, result: PrintAttemptResult) {
        self.printer = printer
        self.job = job
        self.result = result
    }
}

/// The result of issuing one ticket.
public enum TicketIssueResult: Equatable, Sendable {
    /// Printed exactly once, on `printer`.
    case printed(printer: PrinterID, job: PrintJobID, attempts: [PrintAttempt])
    /// No printer printed it: the kiosk shows the number on screen.
    case noPrinter(reason: String, attempts: [PrintAttempt])

    /// Every printer tried or skipped, in order.
    public var attempts: [PrintAttempt] {
        switch self {
        case let .printed(_, _, attempts), let .noPrinter(_, attempts): attempts
        }
    }
}

/// Something a pool observed, for logs, metrics and the event stream.
public enum PrinterPoolEvent: Equatable, Sendable {
    /// The one-word health summary of a printer changed (e.g. `ok` → `paper-out`).
    case healthChanged(PrinterID, from: String, to: String)
    /// A ticket printed.
    case ticketPrinted(ticket: String, printer: PrinterID, job: PrintJobID)
    /// A ticket did not print on `printer` and goes to the next one.
    case failedOver(ticket: String, from: PrinterID, outcome: PrintOutcome)
    /// A job was cancelled (confirmed) before the ticket went elsewhere.
    case jobCancelled(PrinterID, PrintJobID)
    /// A job's fate could not be settled; the ticket was not sent elsewhere.
    case jobUnresolved(PrinterID, PrintJobID)
    /// No printer printed the ticket.
    case noPrinter(ticket: String, reason: String)
}
