/// An in-memory `PrinterPort` for daemon unit tests: printer queues whose behaviour a test sets,
/// jobs that move through the IPP states like CUPS moves them, and a log of what each printer
/// really printed (to check that nothing prints twice).
public actor SimulatedPrinterPort: PrinterPort {
    /// How a simulated printer treats the next jobs.
    public enum Behaviour: Equatable, Sendable {
        /// Jobs complete at the first status read.
        case prints
        /// Paper runs out: like our backend's exit 4, the queue stops with `media-empty-error`
        /// and the job stays pending.
        case paperOut
        /// The cover is open: the queue stops with `cover-open-error`.
        case coverOpen
        /// The printer never answers: the job stays processing, `offline-report` is set.
        case offline
        /// The job prints, but every job status read fails (the outcome is unknown to the caller);
        /// a cancel then reports it completed.
        case printsButStatusIsLost
        /// The job never finishes and a cancel is never confirmed.
        case ignoresCancel
        /// Submitting fails.
        case rejectsJobs
        /// The printer stops taking data in the middle of the ticket: the job stays processing
        /// with 40 % sent; a cancel ends it there (an incomplete ticket, known not printed).
        case stallsMidJob
        /// Every byte reaches the printer, which never confirms the end: the job stays
        /// processing with 100 % sent; after a cancel it may have printed.
        case deliversWithoutConfirmation
    }

    private struct Queue {
        var behaviour: Behaviour = .prints
        var status = PrinterStatus(state: .idle)
        var printed: [[UInt8]] = []
        var submittedCount = 0
    }

    private struct Job {
        var printer: PrinterID
        var bytes: [UInt8]
        var state: JobState
        var reasons: [String] = []
        var progress = 0
    }

    private let serverName: String
    private var queues: [PrinterID: Queue] = [:]
    private var jobs: [PrintJobID: Job] = [:]
    private var nextJob: Int32 = 1

    /// Creates a server with these queues, all printing normally.
    public init(printers: [PrinterID], serverName: String = "simulated") {
        self.serverName = serverName
        for printer in printers { queues[printer] = Queue() }
    }

    /// Sets how a printer treats the next jobs. Like CUPS, the queue's status changes only when
    /// a job finds out.
    public func setBehaviour(_ behaviour: Behaviour, for printer: PrinterID) {
        queues[printer]?.behaviour = behaviour
    }

    /// Every job body a printer really printed, in order.
    public func printedJobs(on printer: PrinterID) -> [[UInt8]] { queues[printer]?.printed ?? [] }

    /// Jobs submitted to a printer (printed or not).
    public func submittedCount(on printer: PrinterID) -> Int { queues[printer]?.submittedCount ?? 0 }

    /// The state of a job, for assertions.
    public func state(of job: PrintJobID) -> JobState? { jobs[job]?.state }

    // MARK: PrinterPort

    /// Creates a pending job (or fails for `.rejectsJobs`).
    public func submit(printer: PrinterID, title: String, bytes: [UInt8]) throws(PrinterPortError) -> PrintJobID {
        guard var queue = queues[printer] else { throw .queueNotFound(printer, server: serverName) }
        if queue.behaviour == .rejectsJobs {
            throw .requestFailed(printer, operation: "Create-Job", status: "server-error-not-accepting-jobs", message: "simulated refusal")
        }
        guard queue.status.state != .stopped, queue.status.isAcceptingJobs else {
            throw .requestFailed(printer, operation: "Create-Job", status: "server-error-not-accepting-jobs", message: "queue stopped")
        }
        let id = PrintJobID(nextJob)
        nextJob += 1
        queue.submittedCount += 1
        var job = Job(printer: printer, bytes: bytes, state: .pending)
        if queue.behaviour == .printsButStatusIsLost {
            job.state = .completed
            job.progress = 100
            if bytes != PrinterPool<ContinuousClock>.probeJobBytes { queue.printed.append(bytes) }
        }
        queues[printer] = queue
        jobs[id] = job
        return id
    }

    /// Advances the job the way the printer's behaviour says, then reports it.
    public func jobStatus(printer: PrinterID, job id: PrintJobID) throws(PrinterPortError) -> JobStatus {
        guard var job = jobs[id], job.printer == printer, var queue = queues[printer] else { throw .jobNotFound(printer, id) }
        if queue.behaviour == .printsButStatusIsLost {
            throw .serverUnreachable(server: serverName, message: "simulated lost reply")
        }
        if !job.state.isTerminal {
            switch queue.behaviour {
            case .prints:
                job.state = .completed
                job.progress = 100
                if job.bytes != PrinterPool<ContinuousClock>.probeJobBytes { queue.printed.append(job.bytes) }
                queue.status = PrinterStatus(state: .idle)
            case .paperOut:
                job.state = .pending
                queue.status = PrinterStatus(state: .stopped, reasons: ["media-empty-error", "paused"], message: "Paper out")
            case .coverOpen:
                job.state = .pending
                queue.status = PrinterStatus(state: .stopped, reasons: ["cover-open-error", "paused"], message: "Cover open")
            case .offline, .ignoresCancel:
                job.state = .processing
                queue.status = PrinterStatus(state: .processing, reasons: ["offline-report"], message: "No reply")
            case .stallsMidJob, .deliversWithoutConfirmation:
                job.state = .processing
                job.progress = queue.behaviour == .stallsMidJob ? 40 : 100
                queue.status = PrinterStatus(state: .processing)
            case .printsButStatusIsLost, .rejectsJobs:
                break
            }
        }
        jobs[id] = job
        queues[printer] = queue
        return JobStatus(job: id, state: job.state, reasons: job.reasons, progress: job.progress)
    }

    /// The printer's status.
    public func printerStatus(printer: PrinterID) throws(PrinterPortError) -> PrinterStatus {
        guard let queue = queues[printer] else { throw .queueNotFound(printer, server: serverName) }
        return queue.status
    }

    /// Cancels a job unless it completed; `.ignoresCancel` printers never confirm.
    public func cancel(printer: PrinterID, job id: PrintJobID) throws(PrinterPortError) -> JobStatus {
        guard var job = jobs[id], job.printer == printer, let queue = queues[printer] else { throw .jobNotFound(printer, id) }
        if !job.state.isTerminal, queue.behaviour != .ignoresCancel {
            job.state = .canceled
            job.reasons = ["job-canceled-by-user"]
            jobs[id] = job
            // The job ends: cupsd forgets offline-report at the end of every job.
            if queue.status.state == .processing { queues[printer]?.status = PrinterStatus(state: .idle) }
        }
        return JobStatus(job: id, state: job.state, reasons: job.reasons, progress: job.progress)
    }

    /// Restarts a stopped queue; a fault that is still there is reported again by the next job.
    public func resume(printer: PrinterID) throws(PrinterPortError) {
        guard var queue = queues[printer] else { throw .queueNotFound(printer, server: serverName) }
        queue.status.state = .idle
        queue.status.isAcceptingJobs = true
        queue.status.reasons.removeAll { $0 == "paused" }
        if queue.behaviour == .prints { queue.status.reasons.removeAll() }
        queues[printer] = queue
    }
}
