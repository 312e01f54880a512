import LobbyPrinting
import LobbyTestSupport
import Testing

/// Job + printer status → outcome, and printer status → health.
@Suite(.tags(.unit)) struct PrintOutcomeRulesTests {
    static let job = PrintJobID(7)

    @Test(arguments: [
        (JobState.completed, PrinterStatus(state: .idle), false, PrintOutcome?.some(.printed)),
        (.canceled, PrinterStatus(state: .idle), false, .cancelled(reason: "job canceled")),
        (.aborted, PrinterStatus(state: .idle), false, .retryLater(reason: "job aborted")),
        (.pending, PrinterStatus(state: .stopped, reasons: ["media-empty-error", "paused"]), false, .stopPrinter(reason: "media-empty-error,paused")),
        (.pending, PrinterStatus(state: .idle, isAcceptingJobs: false), false, .stopPrinter(reason: "printer stopped")),
        (.processing, PrinterStatus(state: .processing, reasons: ["offline-report"]), false, nil),
        (.processing, PrinterStatus(state: .processing, reasons: ["offline-report"], message: "x"), true, .retryLater(reason: "offline-report (x)")),
        (.pending, PrinterStatus(state: .idle), true, .retryLater(reason: "job still pending at the deadline")),
        (.processingStopped, PrinterStatus(state: .processing), false, .stopPrinter(reason: "job processing stopped")),
    ])
    func outcome(state: JobState, printer: PrinterStatus, deadlinePassed: Bool, expected: PrintOutcome?) {
        let status = JobStatus(job: Self.job, state: state)
        #expect(PrintOutcomeRules.outcome(job: status, printer: printer, deadlinePassed: deadlinePassed) == expected)
    }

    @Test(arguments: [
        // The backend found the printer silent before sending anything: fail over at once.
        (JobState.processing, 0, PrinterStatus(state: .processing, reasons: ["offline-report"]), PrintOutcome?.some(.retryLater(reason: "offline-report"))),
        // Bytes are out: wait (the backend decides, the deadline follows the bytes).
        (.processing, 40, PrinterStatus(state: .processing, reasons: ["offline-report"]), nil),
        (.processing, 0, PrinterStatus(state: .processing), nil),
        // cupsd holds a job whose backend asked to retry later.
        (.held, 0, PrinterStatus(state: .idle), .retryLater(reason: "job held for a later retry")),
    ])
    func outcomeBeforeTheDeadlineFollowsTheProgress(state: JobState, progress: Int, printer: PrinterStatus, expected: PrintOutcome?) {
        let status = JobStatus(job: Self.job, state: state, progress: progress)
        #expect(PrintOutcomeRules.outcome(job: status, printer: printer, deadlinePassed: false) == expected)
    }

    @Test(arguments: [
        (PrinterStatus(state: .idle), "ok", PaperLevel.ok, true),
        (PrinterStatus(state: .idle, reasons: ["media-low-report"]), "paper-low", .low, true),
        (PrinterStatus(state: .stopped, reasons: ["media-empty-error", "paused"]), "paper-out", .out, false),
        (PrinterStatus(state: .stopped, reasons: ["cover-open-error", "paused"]), "cover-open", .ok, false),
        (PrinterStatus(state: .processing, reasons: ["offline-report"]), "offline", .ok, true),
        (PrinterStatus(state: .stopped, reasons: ["paused"]), "stopped", .ok, false),
        // Resumed by a technician: the stale reason stays until the next job, the queue is tried.
        (PrinterStatus(state: .idle, reasons: ["media-empty-error"]), "paper-out", .out, true),
    ])
    func health(status: PrinterStatus, summary: String, paper: PaperLevel, canPrint: Bool) {
        var health = PrinterHealth(printer: "p", desired: .enabled)
        health.status = status
        #expect(health.summary == summary)
        #expect(health.paper == paper)
        #expect(health.canPrint == canPrint)
    }

    @Test func unreachableAndDisabledPrintersCannotPrint() {
        var health = PrinterHealth(printer: "p", desired: .enabled)
        #expect(health.summary == "unknown" && health.canPrint)
        health.lastError = .serverUnreachable(server: "127.0.0.1:631", message: "refused")
        #expect(health.summary == "unreachable" && !health.canPrint && health.isOffline)
        health.lastError = nil
        health.desired = .disabled
        #expect(health.summary == "disabled" && !health.canPrint)
    }

    @Test func portErrorsNameTheQueue() {
        let error = PrinterPortError.requestFailed("kiosk1-left", operation: "Create-Job", status: "server-error-not-accepting-jobs", message: "m")
        #expect(error.printer == "kiosk1-left")
        #expect(error.description == "Create-Job for printer queue 'kiosk1-left' failed with server-error-not-accepting-jobs: m")
        #expect(PrinterPortError.queueNotFound("x", server: "s").description == "printer queue 'x' does not exist on CUPS server s")
    }
}
