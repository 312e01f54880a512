import LobbyEscPos

/// Several printers of one kiosk (or centre) with a desired state, a profile and a link each.
/// Issues a ticket on the first printer that can print it, rendered for that printer's profile;
/// fails over on paper out, offline, stopped queue or failed job; and never prints a ticket
/// twice: a job CUPS reports completed is never resent, and a job that did not complete goes
/// elsewhere only when it is known not to have printed (nothing was sent, or the backend stopped
/// before the end of the ticket). A job whose every byte reached a printer that then did not
/// confirm the end is not resent: the kiosk shows the number. The time allowed for a job follows
/// its bytes, its paper and the printer's pace (`PrintDeadlinePolicy`). Idle printers are probed
/// (`pollIdle`), so their health is true before a citizen's ticket finds out.
///
/// No I/O of its own: everything goes through a `PrinterPort`; time comes from the clock given.
/// The rules are written out in Docs/Printing-CUPS.md.
public actor PrinterPool<C: Clock> where C.Duration == Duration {
    /// Name of the kiosk or centre the pool serves (for logs).
    public nonisolated let name: String
    /// Limits on waiting.
    public nonisolated let policy: PrinterPoolPolicy
    let port: any PrinterPort
    let clock: C
    private let createdAt: C.Instant
    let order: [PrinterID]
    private var printers: [PrinterID: PoolPrinter]
    var healthByPrinter: [PrinterID: PrinterHealth]
    /// Jobs (tickets and probes) in flight per printer.
    var busy: [PrinterID: Int] = [:]
    var pendingEvents: [PrinterPoolEvent] = []
    /// Tickets that no printer printed.
    public private(set) var noPrinterCount = 0

    /// Bytes of a status probe job: only `DLE EOT 1` and `DLE EOT 4`, which print nothing; the
    /// backend polls the printer and clears or sets the state reasons.
    public static var probeJobBytes: [UInt8] { [0x10, 0x04, 0x01, 0x10, 0x04, 0x04] }

    /// Creates a pool; printers are tried in the order given.
    public init(name: String, printers: [PoolPrinter], port: any PrinterPort, clock: C, policy: PrinterPoolPolicy = PrinterPoolPolicy()) {
        self.name = name
        self.policy = policy
        self.port = port
        self.clock = clock
        self.createdAt = clock.now
        self.order = printers.map(\.id)
        var byID: [PrinterID: PoolPrinter] = [:]
        var health: [PrinterID: PrinterHealth] = [:]
        for printer in printers {
            byID[printer.id] = printer
            health[printer.id] = PrinterHealth(printer: printer.id, desired: printer.desired)
        }
        self.printers = byID
        self.healthByPrinter = health
    }

    /// Creates a pool of printers with the generic 80 mm profile on fast links.
    public init(
        name: String, printers: [(PrinterID, DesiredPrinterState)], port: any PrinterPort, clock: C,
        policy: PrinterPoolPolicy = PrinterPoolPolicy()
    ) {
        self.init(name: name, printers: printers.map { PoolPrinter($0.0, desired: $0.1) }, port: port, clock: clock, policy: policy)
    }

    /// Health of every printer, in pool order.
    public func health() -> [PrinterHealth] { order.compactMap { healthByPrinter[$0] } }

    /// Health of one printer.
    public func health(of printer: PrinterID) -> PrinterHealth? { healthByPrinter[printer] }

    /// The configuration of one printer.
    public func printer(_ id: PrinterID) -> PoolPrinter? { printers[id] }

    /// Events since the last call, oldest first.
    public func takeEvents() -> [PrinterPoolEvent] {
        defer { pendingEvents.removeAll() }
        return pendingEvents
    }

    /// Changes what the daemon wants of a printer.
    public func setDesired(_ desired: DesiredPrinterState, for printer: PrinterID) {
        printers[printer]?.desired = desired
        update(printer) { $0.desired = desired }
    }

    /// Reads the status of every printer from the port.
    public func refresh() async {
        for printer in order { await refreshStatus(of: printer) }
    }

    /// Prints one ticket on the first printer that can (see the type's rules).
    public func issue(_ request: TicketPrintRequest) async -> TicketIssueResult {
        var attempts: [PrintAttempt] = []
        var rendered: [(profile: PrinterProfile, bytes: [UInt8])] = []
        for printer in tryingOrder() {
            guard let entry = printers[printer], entry.desired == .enabled else {
                attempts.append(PrintAttempt(printer: printer, job: nil, result: .skipped("disabled")))
                continue
            }
            await refreshStatus(of: printer)
            guard let health = healthByPrinter[printer], health.canPrint else {
                attempts.append(PrintAttempt(printer: printer, job: nil, result: .skipped(healthByPrinter[printer]?.summary ?? "unknown")))
                continue
            }
            let bytes: [UInt8]
            if let done = rendered.first(where: { $0.profile == entry.profile }) {
                bytes = done.bytes
            } else {
                do {
                    bytes = try request.render(entry.profile)
                } catch {
                    attempts.append(PrintAttempt(printer: printer, job: nil, result: .renderFailed("\(error)")))
                    continue
                }
                rendered.append((entry.profile, bytes))
            }
            busy[printer, default: 0] += 1
            defer { busy[printer, default: 1] -= 1 }
            let job: PrintJobID
            do {
                job = try await port.submit(printer: printer, title: "ticket \(request.ticket)", bytes: bytes)
            } catch {
                attempts.append(PrintAttempt(printer: printer, job: nil, result: .submitFailed(error)))
                recordJob(on: printer, ticket: request.ticket, job: nil, outcome: .retryLater(reason: error.description))
                pendingEvents.append(.failedOver(ticket: request.ticket, from: printer, outcome: .retryLater(reason: error.description)))
                continue
            }
            let layout = EscPosJobLayout(bytes)
            let deadline = policy.deadlines.deadline(for: PrintTimeEstimate(layout: layout, pace: entry.pace))
            let settlement = await settle(printer: printer, job: job, layout: layout, pace: entry.pace, deadline: deadline)
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
                return noPrinter(request, reason: "\(job) on '\(printer)' may have printed: \(reason)", attempts: attempts)
            }
        }
        return noPrinter(request, reason: "no printer of '\(name)' could print", attempts: attempts)
    }

    /// The configured order, with printers that are offline or recently ended a job in "retry
    /// later" moved to the end (still tried when nothing else prints).
    private func tryingOrder() -> [PrinterID] {
        let now = createdAt.duration(to: clock.now)
        func last(_ printer: PrinterID) -> Bool {
            guard let health = healthByPrinter[printer] else { return false }
            if health.observedProblem != nil || health.status?.hasReason(startingWith: "offline") == true { return true }
            guard let job = health.lastJob, case .retryLater = job.outcome else { return false }
            return now - job.endedAfter < policy.retryLaterBackoff
        }
        return order.filter { !last($0) } + order.filter(last)
    }

    // MARK: - Health bookkeeping

    func refreshStatus(of printer: PrinterID) async {
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

    /// Time since the pool was created.
    var age: Duration { createdAt.duration(to: clock.now) }

    private func recordJob(on printer: PrinterID, ticket: String, job: PrintJobID?, outcome: PrintOutcome) {
        let endedAfter = age
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

    func update(_ printer: PrinterID, _ change: (inout PrinterHealth) -> Void) {
        guard var health = healthByPrinter[printer] else { return }
        let before = health.summary
        change(&health)
        healthByPrinter[printer] = health
        if health.summary != before { pendingEvents.append(.healthChanged(printer, from: before, to: health.summary)) }
    }
}
