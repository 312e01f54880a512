/// Roll paper as CUPS reports it through our backend's state reasons.
public enum PaperLevel: String, Equatable, Hashable, Sendable {
    /// Nothing reported yet.
    case unknown
    /// No paper reason is set.
    case ok
    /// `media-low-report`: replace the roll soon.
    case low
    /// `media-empty-error` (or `media-needed`): nothing can print.
    case out
}

/// Whether the daemon wants a printer used (configuration, or a technician's `lobbyctl` command).
public enum DesiredPrinterState: String, Equatable, Hashable, Sendable {
    /// Use it for tickets and bring it back after faults.
    case enabled
    /// Never send tickets to it (maintenance).
    case disabled
}

/// The last job a pool sent to one printer.
public struct LastPrintJob: Equatable, Hashable, Sendable {
    /// The ticket the job printed (as shown, e.g. `A042`).
    public var ticket: String
    /// The CUPS job, if it was created.
    public var job: PrintJobID?
    /// How it ended.
    public var outcome: PrintOutcome
    /// When it ended, as time since the pool was created.
    public var endedAfter: Duration

    /// Creates a record.
    public init(ticket: String, job: PrintJobID?, outcome: PrintOutcome, endedAfter: Duration) {
        self.ticket = ticket
        self.job = job
        self.outcome = outcome
        self.endedAfter = endedAfter
    }
}

/// What a pool knows about one printer: for `/healthz`, metrics and events.
public struct PrinterHealth: Equatable, Hashable, Sendable {
    /// The queue.
    public var printer: PrinterID
    /// What the daemon wants.
    public var desired: DesiredPrinterState
    /// Last status read from CUPS (nil before the first read or while CUPS cannot be reached).
    public var status: PrinterStatus?
    /// The error of the last status read, if it failed.
    public var lastError: PrinterPortError?
    /// The last ticket job.
    public var lastJob: LastPrintJob?
    /// Tickets printed on this printer.
    public var printedCount: Int = 0
    /// Jobs that did not print here (and went elsewhere or nowhere).
    public var failedCount: Int = 0
    /// What the pool itself saw go wrong with the printer (it did not answer a job or a status
    /// probe, or did not confirm the end of a ticket); kept until a job prints or a probe is
    /// answered. cupsd forgets `offline-report` at the end of every job, this does not.
    public var observedProblem: String?
    /// When the pool last heard from the printer through a job or a probe, as time since the
    /// pool was created (nil: never).
    public var lastContactAfter: Duration?

    /// A printer nothing is known about yet.
    public init(printer: PrinterID, desired: DesiredPrinterState) {
        self.printer = printer
        self.desired = desired
    }

    /// Paper as reported by the state reasons.
    public var paper: PaperLevel {
        guard let status else { return .unknown }
        if status.hasReason(startingWith: "media-empty") || status.hasReason(startingWith: "media-needed") { return .out }
        if status.hasReason(startingWith: "media-low") { return .low }
        return .ok
    }

    /// `cover-open-error` (or `door-open`) is set.
    public var isCoverOpen: Bool {
        status.map { $0.hasReason(startingWith: "cover-open") || $0.hasReason(startingWith: "door-open") } ?? false
    }

    /// `offline-report` is set, the pool saw the printer fail to answer, or CUPS itself cannot
    /// be reached.
    public var isOffline: Bool {
        if lastError != nil || observedProblem != nil { return true }
        return status.map { $0.hasReason(startingWith: "offline") } ?? false
    }

    /// The queue is stopped or refuses jobs.
    public var isQueueStopped: Bool {
        guard let status else { return false }
        return status.state == .stopped || !status.isAcceptingJobs
    }

    /// True when a ticket may be sent to this printer now. The queue state is the gate: our
    /// backend stops the queue on paper out and cover open, and the reasons stay set after
    /// someone resumes it until the next job's backend clears them; so a resumed queue is tried
    /// (and stops again at once if the fault is still there).
    public var canPrint: Bool {
        desired == .enabled && lastError == nil && !isQueueStopped
    }

    /// One word for dashboards: `ok`, `paper-low`, `paper-out`, `cover-open`, `offline`,
    /// `stopped`, `disabled`, `unreachable`, `unknown`.
    public var summary: String {
        if desired == .disabled { return "disabled" }
        if lastError != nil { return "unreachable" }
        guard status != nil || observedProblem != nil else { return "unknown" }
        if paper == .out { return "paper-out" }
        if isCoverOpen { return "cover-open" }
        if isQueueStopped { return "stopped" }
        if isOffline { return "offline" }
        if paper == .low { return "paper-low" }
        return "ok"
    }
}
