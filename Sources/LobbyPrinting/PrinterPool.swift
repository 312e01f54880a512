/// Several printers of one kiosk (or centre) with a desired state each. Issues a ticket on the
/// first printer that can print it, fails over on paper out, offline, stopped queue or failed
/// job, and never prints a ticket twice: a job CUPS reports completed is never resent, and a job
/// whose outcome is unknown is cancelled and the cancel confirmed before any other printer is
/// tried. When nothing can print the result is `.noPrinter` and the kiosk shows the number.
///
/// No I/O of its own: everything goes through a `PrinterPort`; time comes from the clock given.
/// The rules are written out in Docs/Printing-CUPS.md.
public actor PrinterPool<C: Clock> where C.Duration == Duration {
    /// Name of the kiosk or centre the pool serves (for logs).
    public nonisolated let name: String
    /// Limits on waiting.
    public nonisolated let policy: PrinterPoolPolicy
    private let port: any PrinterPort
    private let clock: C
    private let createdAt: C.Instant
    private let order: [PrinterID]
    private var healthByPrinter: [PrinterID: PrinterHealth]
    private var pendingEvents: [PrinterPoolEvent] = []
    /// Tickets that no printer printed.
    public private(set) var noPrinterCount = 0

    /// Bytes of a status probe job: only `DLE EOT 1` and `DLE EOT 4`, which print nothing; the
    /// backend polls the printer and clears or sets the state reasons.
    public static var probeJobBytes: [UInt8] { [0x10, 0x04, 0x01, 0x10, 0x04, 0x04] }

    /// Creates a pool; printers are tried in the order given.
    public init(
        name: String, printers: [(PrinterID, DesiredPrinterState)], port: any PrinterPort, clock: C,
        policy: PrinterPoolPolicy = PrinterPoolPolicy()
    ) {
        self.name = name
        self.policy = policy
        self.port = port
        self.clock = clock
        self.createdAt = clock.now
        self.order = printers.map(\.0)
        var health: [PrinterID: PrinterHealth] = [:]
        for (printer, desired) in printers { health[printer] = PrinterHealth(printer: printer, desired: desired) }
        self.healthByPrinter = health
    }

    /// Health of every printer, in pool order.
    public func health() -> [PrinterHealth] { order.compactMap { healthByPrinter[$0] } }

    /// Health of one printer.
    public func health(of printer: PrinterID) -> PrinterHealth? { healthByPrinter[printer] }

    /// Events since the last call, oldest first.
    public func takeEvents() -> [PrinterPoolEvent] {
        defer { pendingEvents.removeAll() }
        return pendingEvents
    }

    /// Changes what the daemon wants of a printer.
    public func setDesired(_ desired: DesiredPrinterState, for printer: PrinterID) {
        update(printer) { $0.desired = desired }
    }

    /// Reads the status of every printer from the port.
    public func refresh() async {
        for printer in order { await refreshStatus(of: printer) }
    }

    /// Prints one ticket on the first printer that can (see the type's rules).
    public func issue(_ request: TicketPrintRequest) async -> TicketIssueResult {
        var attempts: [PrintAttempt] = []
        for printer in tryingOrder() {
            guard let current = healthByPrinter[printer], current.desired == .enabled else {
                attempts.append(PrintAttempt(printer: printer, job: nil, result: .skipped("disabled")))
                continue
            }
            await refreshStatus(of: printer)
            guard let health = healthByPrinter[printer], health.canPrint else {
                attempts.append(PrintAttempt(printer: printer, job: nil, result: .skipped(healthByPrinter[printer]?.summary ?? "unknown")))
                continue
            }
            let job: PrintJobID
            do {
                job = try await port.submit(printer: printer, title: "ticket \(request.ticket)", bytes: request.bytes)
            } catch {
                attempts.append(PrintAttempt(printer: printer, job: nil, result: .submitFailed(error)))
                recordJob(on: printer, ticket: request.ticket, job: nil, outcome: .retryLater(reason: error.description))
                pendingEvents.append(.failedOver(ticket: request.ticket, from: printer, outcome: .retryLater(reason: error.description)))
                continue
            }
            let settlement = await settle(printer: printer, job: job)
            await refreshStatus(of: printer)
            switch settlement {
            case .printed:
                attempts.append(PrintAttempt(printer: printer, job: job, result: .finished(.printed)))
                recordJob(on: printer, ticket: request.ticket, job: job, outcome: .printed)
                pendingEvents.append(.ticketPrinted(ticket: request.ticket, printer: printer, job: job))
                return .printed(printer: printer, job: job, attempts: attempts)
            case let .notPrinted(outcome):
                attempts.append(PrintAttempt(printer: printer, job: job, result: .finished(outcome)))
                recordJob(on: printer, ticket: request.ticket, job: job, outcome: outcome)
                pendingEvents.append(.failedOver(ticket: request.ticket, from: printer, outcome: outcome))
            case let .unresolved(reason):
                attempts.append(PrintAttempt(printer: printer, job: job, result: .unresolved(reason)))
                recordJob(on: printer, ticket: request.ticket, job: job, outcome: .retryLater(reason: reason))
                pendingEvents.append(.jobUnresolved(printer, job))
                return noPrinter(request, reason: "\(job) on '\(printer)' may still print: \(reason)", attempts: attempts)
            }
        }
        return noPrinter(request, reason: "no printer of '\(name)' could print", attempts: attempts)
    }

    /// Brings a stopped printer back when the daemon wants it enabled: resumes the queue and
    /// sends a status probe job (prints nothing). The backend clears the reasons that recovered,
    /// or stops the queue again. Returns the probe's outcome (nil when it could not be sent).
    @discardableResult
    public func probe(_ printer: PrinterID) async -> PrintOutcome? {
        guard healthByPrinter[printer]?.desired == .enabled else { return nil }
        do {
            try await port.resume(printer: printer)
            let job = try await port.submit(printer: printer, title: "status probe", bytes: Self.probeJobBytes)
            let settled = await settle(printer: printer, job: job)
            await refreshStatus(of: printer)
            switch settled {
            case .printed: return .printed
            case let .notPrinted(outcome): return outcome
            case let .unresolved(reason): return .retryLater(reason: reason)
            }
        } catch {
            update(printer) { $0.lastError = error }
            return nil
        }
    }

    /// The configured order, with printers that recently ended a job in "retry later" moved to
    /// the end (still tried when nothing else prints).
    private func tryingOrder() -> [PrinterID] {
        let now = createdAt.duration(to: clock.now)
        func backingOff(_ printer: PrinterID) -> Bool {
            guard let last = healthByPrinter[printer]?.lastJob, case .retryLater = last.outcome else { return false }
            return now - last.endedAfter < policy.retryLaterBackoff
        }
        return order.filter { !backingOff($0) } + order.filter(backingOff)
    }

    // MARK: - Following one job

    private enum Settlement {
        case printed
        case notPrinted(PrintOutcome)
        case unresolved(String)
    }

    /// Follows a job until it has an outcome; anything but a completed job is cancelled and the
    /// cancel confirmed, so the ticket can safely go elsewhere.
    private func settle(printer: PrinterID, job: PrintJobID) async -> Settlement {
        let (outcome, terminal) = await follow(printer: printer, job: job)
        if outcome == .printed { return .printed }
        if terminal, let outcome { return .notPrinted(outcome) }
        // Not finished (or unknown): cancel and make sure it can no longer print.
        let deadline = clock.now.advanced(by: policy.cancelConfirmation)
        var lastProblem = "cancel not confirmed"
        while true {
            do {
                let status = try await port.cancel(printer: printer, job: job)
                if status.state == .completed { return .printed }
                if status.state.isTerminal {
                    pendingEvents.append(.jobCancelled(printer, job))
                    return .notPrinted(outcome ?? .retryLater(reason: "outcome unknown, job \(status.state)"))
                }
                lastProblem = "job still \(status.state) after cancel"
            } catch {
                lastProblem = error.description
            }
            if clock.now >= deadline { return .unresolved(lastProblem) }
            try? await clock.sleep(for: policy.pollInterval)
        }
    }

    /// Polls the job (and its printer) until the rules give an outcome or the deadline passes.
    /// Returns the outcome (nil when the job could not be read) and whether the job is terminal.
    private func follow(printer: PrinterID, job: PrintJobID) async -> (PrintOutcome?, Bool) {
        let deadline = clock.now.advanced(by: policy.jobDeadline)
        while true {
            let deadlinePassed = clock.now >= deadline
            let jobStatus = try? await port.jobStatus(printer: printer, job: job)
            if let jobStatus, jobStatus.state.isTerminal {
                return (PrintOutcomeRules.outcome(job: jobStatus, printer: nil, deadlinePassed: deadlinePassed), true)
            }
            await refreshStatus(of: printer)
            if let jobStatus,
               let outcome = PrintOutcomeRules.outcome(job: jobStatus, printer: healthByPrinter[printer]?.status, deadlinePassed: deadlinePassed) {
                return (outcome, false)
            }
            if deadlinePassed { return (nil, false) }
            try? await clock.sleep(for: policy.pollInterval)
        }
    }

    // MARK: - Health bookkeeping

    private func refreshStatus(of printer: PrinterID) async {
        do {
            let status = try await port.printerStatus(printer: printer)
            update(printer) {
                $0.status = status
                $0.lastError = nil
            }
        } catch {
            update(printer) { $0.lastError = error }
        }
    }

    private func recordJob(on printer: PrinterID, ticket: String, job: PrintJobID?, outcome: PrintOutcome) {
        let endedAfter = createdAt.duration(to: clock.now)
        update(printer) {
            $0.lastJob = LastPrintJob(ticket: ticket, job: job, outcome: outcome, endedAfter: endedAfter)
            if outcome == .printed { $0.printedCount += 1 } else { $0.failedCount += 1 }
        }
    }

    private func noPrinter(_ request: TicketPrintRequest, reason: String, attempts: [PrintAttempt]) -> TicketIssueResult {
        noPrinterCount += 1
        pendingEvents.append(.noPrinter(ticket: request.ticket, reason: reason))
        return .noPrinter(reason: reason, attempts: attempts)
    }

    private func update(_ printer: PrinterID, _ change: (inout PrinterHealth) -> Void) {
        guard var health = healthByPrinter[printer] else { return }
        let before = health.summary
        change(&health)
        healthByPrinter[printer] = health
        if health.summary != before { pendingEvents.append(.healthChanged(printer, from: before, to: health.summary)) }
    }
}
