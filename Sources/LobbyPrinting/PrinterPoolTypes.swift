import LobbyEscPos

/// Time limits of a `PrinterPool`.
public struct PrinterPoolPolicy: Equatable, Sendable {
    /// How long a job may take on one printer, from its bytes, paper and the printer's pace.
    public var deadlines: PrintDeadlinePolicy
    /// Pause between two job/printer status reads.
    public var pollInterval: Duration
    /// Shortest wait for a cancel to be settled (job canceled, aborted or completed, and its
    /// backend ended); a job that was sending gets `PrintDeadlinePolicy.cancelAllowance` if that
    /// is longer. If it is not settled the job's fate is unknown and the ticket is not sent
    /// elsewhere.
    public var cancelConfirmation: Duration
    /// How long a printer whose last job ended in "retry later" (offline, no reply, timeout)
    /// goes to the end of the order, so the next citizens do not wait for it first.
    public var retryLaterBackoff: Duration
    /// Longest wait for a status probe job (backend start, connect, one `DLE EOT` poll).
    public var probeDeadline: Duration
    /// An idle printer that looks fine is probed this often.
    public var idleProbeInterval: Duration
    /// A printer with a fault (offline, paper out or low, cover open, stopped) is probed this
    /// often, so the fault clears soon after it is fixed.
    public var faultProbeInterval: Duration

    /// Creates a policy.
    public init(
        deadlines: PrintDeadlinePolicy = PrintDeadlinePolicy(), pollInterval: Duration = .milliseconds(50),
        cancelConfirmation: Duration = .seconds(5), retryLaterBackoff: Duration = .seconds(30),
        probeDeadline: Duration = .seconds(8), idleProbeInterval: Duration = .seconds(30), faultProbeInterval: Duration = .seconds(10)
    ) {
        self.deadlines = deadlines
        self.pollInterval = pollInterval
        self.cancelConfirmation = cancelConfirmation
        self.retryLaterBackoff = retryLaterBackoff
        self.probeDeadline = probeDeadline
        self.idleProbeInterval = idleProbeInterval
        self.faultProbeInterval = faultProbeInterval
    }
}

/// What happened on one printer while issuing one ticket.
public enum PrintAttemptResult: Equatable, Sendable {
    /// Not tried: the printer's health said it cannot print (summary word).
    case skipped(String)
    /// The job could not be submitted.
    case submitFailed(PrinterPortError)
    /// The ticket could not be rendered for this printer's profile.
    case renderFailed(String)
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
