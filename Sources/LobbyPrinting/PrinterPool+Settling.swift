import LobbyEscPos

/// Following one job to its end, and deciding whether a job that did not complete may have
/// printed (rules in Docs/Printing-CUPS.md, "No double printing").
extension PrinterPool {
    /// How a job ended for the pool.
    enum Settlement {
        /// CUPS reports it completed: the ticket is on paper.
        case printed
        /// Known not to have printed a whole ticket: the ticket may go elsewhere.
        case notPrinted(PrintOutcome)
        /// It may have printed (or may still print): the ticket must not go elsewhere.
        case unresolved(String)
    }

    /// What following a job found.
    enum Followed {
        /// The job reached a terminal state by itself.
        case ended(JobStatus)
        /// The pool gives up on a job that is not finished (or could not be read).
        case gaveUp(JobStatus?, PrintOutcome?)
    }

    /// Follows a job until it ends or the pool gives up; a job given up on is cancelled, and the
    /// ticket may go elsewhere only when the job is known not to have printed.
    func settle(printer: PrinterID, job: PrintJobID, layout: EscPosJobLayout, pace: PrinterPace, deadline: Duration) async -> Settlement {
        let (followed, sawProcessing) = await follow(printer: printer, job: job, layout: layout, pace: pace, deadline: deadline)
        let result: Settlement
        switch followed {
        case let .ended(status):
            if status.state == .completed {
                result = .printed
            } else {
                let outcome = PrintOutcomeRules.outcome(job: status, printer: nil, deadlinePassed: true) ?? .retryLater(reason: "job \(status.state)")
                result = Self.judge(status, outcome: outcome, sawProcessing: sawProcessing)
            }
        case let .gaveUp(status, outcome):
            result = await cancel(printer: printer, job: job, outcome: outcome, sawProcessing: sawProcessing || status?.state == .processing,
                                  allowance: max(policy.cancelConfirmation, policy.deadlines.cancelAllowance(layout: layout, pace: pace)))
        }
        note(result, on: printer)
        return result
    }

    /// Whether a job that ended without completing may have printed, from the share of its bytes
    /// the backend handed to the printer (`job-media-progress`):
    /// - 0: nothing was sent → not printed;
    /// - 1–99: the backend stopped before the end of the ticket (and completed the raster band
    ///   it was in) → an incomplete ticket, not printed;
    /// - 100: every byte reached the printer → printed unless the printer itself reported why it
    ///   could not finish (paper out, cover open: `.stopPrinter`); otherwise it may have printed;
    /// - unknown: not printed only if the job never started sending.
    static func judge(_ status: JobStatus, outcome: PrintOutcome, sawProcessing: Bool) -> Settlement {
        guard let progress = status.progress else {
            return sawProcessing ? .unresolved("\(status.job) was being sent and its progress is unknown (\(outcome))") : .notPrinted(outcome)
        }
        if progress < 100 { return .notPrinted(outcome) }
        if case .stopPrinter = outcome { return .notPrinted(outcome) }
        return .unresolved("every byte of \(status.job) reached the printer, which did not confirm the end of the ticket (\(outcome))")
    }

    /// Polls the job (and its printer) until it ends, the rules give an outcome, or the deadline
    /// passes while the job no longer makes progress. Also tells whether the job was seen sending.
    private func follow(printer: PrinterID, job: PrintJobID, layout: EscPosJobLayout, pace: PrinterPace, deadline: Duration) async -> (Followed, Bool) {
        let start = clock.now
        let deadlineAt = start.advanced(by: deadline)
        let capAt = start.advanced(by: deadline * policy.deadlines.progressExtensionFactor)
        let window = policy.deadlines.cancelAllowance(layout: layout, pace: pace)
        var lastProgress = -1
        var lastAdvance = start
        var sawProcessing = false
        var last: JobStatus?
        while true {
            let now = clock.now
            // The printer first, then the job: a printer reason read before a job still at
            // progress 0 was set before the backend sent anything (see PrintOutcomeRules).
            await refreshStatus(of: printer)
            let status = try? await port.jobStatus(printer: printer, job: job)
            if let status {
                last = status
                if status.state == .processing { sawProcessing = true }
                if let progress = status.progress, progress > lastProgress {
                    lastProgress = progress
                    lastAdvance = now
                }
                if status.state.isTerminal { return (.ended(status), sawProcessing) }
                if let outcome = PrintOutcomeRules.outcome(job: status, printer: healthByPrinter[printer]?.status, deadlinePassed: false) {
                    return (.gaveUp(status, outcome), sawProcessing)
                }
            }
            if now >= deadlineAt {
                // A job the printer is visibly working through is not cancelled (up to a cap).
                let progressing = status?.state == .processing && lastProgress > 0 && lastAdvance.duration(to: now) < window && now < capAt
                if !progressing {
                    let outcome = status.flatMap { PrintOutcomeRules.outcome(job: $0, printer: healthByPrinter[printer]?.status, deadlinePassed: true) }
                    return (.gaveUp(status ?? last, outcome), sawProcessing)
                }
            }
            try? await clock.sleep(for: policy.pollInterval)
        }
    }

    /// Cancels a job and waits until its fate is known: CUPS reports `canceled` at once, and the
    /// backend then completes the raster band it was sending, resets the printer, reports how much
    /// of the ticket it sent and ends (`processing-to-stop-point` until then).
    private func cancel(printer: PrinterID, job: PrintJobID, outcome: PrintOutcome?, sawProcessing: Bool, allowance: Duration) async -> Settlement {
        let deadline = clock.now.advanced(by: allowance)
        var lastProblem = "cancel not confirmed"
        while true {
            do {
                var status = try await port.cancel(printer: printer, job: job)
                if status.state == .completed { return .printed }
                if status.state.isTerminal {
                    pendingEvents.append(.jobCancelled(printer, job))
                    while sawProcessing, status.isStopping, clock.now < deadline {
                        await refreshStatus(of: printer)
                        if healthByPrinter[printer]?.status?.state != .processing { break }
                        try? await clock.sleep(for: policy.pollInterval)
                        status = (try? await port.jobStatus(printer: printer, job: job)) ?? status
                    }
                    status = (try? await port.jobStatus(printer: printer, job: job)) ?? status
                    if status.state == .completed { return .printed }
                    return Self.judge(status, outcome: outcome ?? .retryLater(reason: "outcome unknown, job \(status.state)"), sawProcessing: sawProcessing)
                }
                lastProblem = "job still \(status.state) after cancel"
            } catch {
                lastProblem = error.description
            }
            if clock.now >= deadline { return .unresolved(lastProblem) }
            try? await clock.sleep(for: policy.pollInterval)
        }
    }

    /// Keeps what the job taught about the printer: a printer that did not answer stays
    /// offline for the pool until a job prints or a probe is answered.
    private func note(_ result: Settlement, on printer: PrinterID) {
        let now = age
        update(printer) { health in
            health.lastContactAfter = now
            switch result {
            case .printed: health.observedProblem = nil
            case let .notPrinted(outcome):
                switch outcome {
                case .printed, .stopPrinter: health.observedProblem = nil
                case let .retryLater(reason), let .cancelled(reason): health.observedProblem = reason
                }
            case let .unresolved(reason): health.observedProblem = reason
            }
        }
    }
}
