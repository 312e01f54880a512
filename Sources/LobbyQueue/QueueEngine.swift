/// The queue's decision logic: commands in, journal records out. Pure: `now` is a parameter.
///
/// `execute` validates a command against the state, returns the record to make durable and
/// applies it; `replay` applies records read back from the journal. The state is the same
/// fold either way.
public struct QueueEngine: Sendable {
    /// The centre this queue belongs to.
    public let configuration: CentreConfiguration
    /// Local dates and opening hours.
    public let calendar: ServiceCalendar
    /// The current state.
    public private(set) var state: QueueState
    /// The call-next rule.
    public let selector: CallSelector
    /// The wait estimator.
    public let estimator: WaitEstimator

    /// Creates an empty queue; fails when the configuration's time zone is unknown.
    public init(configuration: CentreConfiguration) throws(ConfigurationError) {
        guard let cal = ServiceCalendar(timeZoneIdentifier: configuration.timeZone) else {
            throw ConfigurationError(field: "centre.timeZone", message: "unknown IANA time zone '\(configuration.timeZone)'")
        }
        self.configuration = configuration
        self.calendar = cal
        try configuration.checkInWindow.validate(field: "centre.appointments.checkInWindow")
        for s in configuration.services {
            try s.checkInWindow?.validate(field: "services.\(s.id).checkInWindow")
        }
        self.state = QueueState(configuration: configuration)
        self.selector = CallSelector(configuration: configuration)
        self.estimator = WaitEstimator(configuration: configuration)
    }

    /// Applies a record read back from the journal.
    ///
    /// `horizon`: the caller may pass the time of the journal's last record minus
    /// `QueueEngine.requestMemorySpan`; request ids of records before it are not remembered,
    /// since they would be forgotten at a later day change anyway (the resulting state is the
    /// same, and replay is faster).
    ///
    /// Every value is checked before it is applied: a record that cannot follow the records
    /// before it (a gap, a time or number out of range, a ticket that does not exist) throws and
    /// changes nothing but the service day.
    public mutating func replay(_ record: JournalRecord, requestHorizon horizon: Instant? = nil) throws(ReplayError) {
        guard record.sequence == state.lastSequence + 1 else {
            throw ReplayError(sequence: record.sequence, reason: "it follows record \(state.lastSequence)")
        }
        guard RecordBounds.contains(record.at) else {
            throw ReplayError(sequence: record.sequence, reason: "its time \(record.at) is out of range")
        }
        state.advanceDay(to: record.at, calendar: calendar, configuration: configuration)
        if let reason = state.impossibility(of: record) { throw ReplayError(sequence: record.sequence, reason: reason) }
        state.apply(record, calendar: calendar, configuration: configuration,
                    remembersRequest: horizon.map { record.at >= $0 } ?? true)
    }

    /// How far back from the last record request ids can still matter: the current and the
    /// previous service day (at most 48 hours and a DST hour), with margin.
    public static let requestMemorySpanSeconds: Int64 = 50 * 3600

    /// Moves the state to the service day of `now` (expiring the old day's open tickets).
    public mutating func advance(to now: Instant) {
        state.advanceDay(to: now, calendar: calendar, configuration: configuration)
        if lastAdvance.map({ now > $0 }) ?? true { lastAdvance = now }
    }

    /// The latest instant the engine was advanced to (by `advance` or `execute`); estimates use it as "now".
    public private(set) var lastAdvance: Instant?

    /// Validates and applies a command. A repeated request id returns the first outcome and no record.
    public mutating func execute(_ request: CommandRequest, now: Instant) throws(QueueError) -> CommandResult {
        advance(to: now)
        if let memory = state.requests[request.requestID] {
            guard memory.command == request.command else {
                throw .requestIDReused(request.requestID, firstCommand: memory.command.name)
            }
            return CommandResult(outcome: memory.outcome, record: nil)
        }
        let (outcome, events) = try decide(request.command, now: now)
        let record = JournalRecord(sequence: state.lastSequence + 1, requestID: request.requestID, command: request.command,
                                   at: now, outcome: outcome, events: events)
        state.apply(record, calendar: calendar, configuration: configuration)
        return CommandResult(outcome: outcome, record: record)
    }

    /// The estimate for a waiting ticket at `now` (default: the latest instant the engine was advanced to).
    public func estimate(for ticket: TicketID, now: Instant? = nil) -> WaitEstimate? {
        estimator.estimate(for: ticket, in: state, now: now ?? lastAdvance)
    }

    /// The estimate a new ticket for `service` would get at `now` (default: the latest instant the engine was advanced to).
    public func estimateForNewTicket(service: ServiceID, priority: PriorityCategoryID? = nil, now: Instant? = nil) -> WaitEstimate {
        estimator.estimateForNewTicket(service: service, priority: priority, in: state, now: now ?? lastAdvance)
    }

    // MARK: - Decisions

    private func decide(_ command: QueueCommand, now: Instant) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        switch command {
        case .issueTicket(let request):
            return try decideIssue(request, now: now)

        case .callNext(let window):
            let (_, status) = try openWindow(window)
            let definition = state.windowDefinition(window, configuration)!
            guard let op = status.signedIn else { throw .noOperator(window) }
            if let current = status.current, let t = state.tickets[current] { throw .windowBusy(window, ticket: t.number) }
            guard let (id, _) = selector.select(for: definition, status: status, in: state, now: now) else { throw .queueEmpty(window) }
            return (.ticket(id), [.ticketCalled(id, window: window, operator: op)])

        case .recall(let window):
            let t = try currentTicket(window, allowed: [.called], action: "recall")
            guard t.recallCount < configuration.recallLimit else {
                throw .recallLimitReached(t.number, limit: configuration.recallLimit)
            }
            return (.ticket(t.id), [.ticketRecalled(t.id, window: window)])

        case .noShow(let window):
            let t = try currentTicket(window, allowed: [.called], action: "mark no-show")
            return (.ticket(t.id), [.ticketNoShow(t.id, window: window)])

        case .startService(let window):
            let t = try currentTicket(window, allowed: [.called], action: "start service")
            return (.ticket(t.id), [.serviceStarted(t.id, window: window)])

        case .finishService(let window):
            let t = try currentTicket(window, allowed: [.called, .serving], action: "finish service")
            return (.ticket(t.id), [.serviceFinished(t.id, window: window)])

        case .transfer(let window, let service, let position):
            guard configuration.service(service) != nil else { throw .unknownService(service) }
            let t = try currentTicket(window, allowed: [.called, .serving], action: "transfer")
            guard t.service != service else { throw .transferToSameService(t.number, service) }
            return (.ticket(t.id), [.ticketTransferred(t.id, to: service, position: position)])

        case .park(let window):
            let t = try currentTicket(window, allowed: [.called, .serving], action: "park")
            return (.ticket(t.id), [.ticketParked(t.id)])

        case .unpark(let id, let position):
            let t = try ticket(id)
            guard t.state == .parked else { throw .invalidTransition(t.number, state: t.state, action: "unpark") }
            return (.ticket(id), [.ticketUnparked(id, position: position)])

        case .cancel(let id):
            let t = try ticket(id)
            guard t.state == .waiting || t.state == .parked else {
                throw .invalidTransition(t.number, state: t.state, action: "cancel")
            }
            return (.ticket(id), [.ticketCancelled(id)])

        case .vote(let vote):
            return try decideVote(vote, now: now)

        case .setWindowState(let window, let newState):
            guard configuration.window(window) != nil else { throw .unknownWindow(window) }
            let status = state.windows[window] ?? .initial
            if newState == .closed, let current = status.current, let t = state.tickets[current] {
                throw .windowBusy(window, ticket: t.number)
            }
            return (.window(window), status.state == newState ? [] : [.windowStateChanged(window, state: newState)])

        case .signIn(let window, let op):
            guard configuration.window(window) != nil else { throw .unknownWindow(window) }
            if let other = state.windows.first(where: { $0.key != window && $0.value.signedIn == op }) {
                throw .operatorSignedInElsewhere(op, window: other.key)
            }
            let status = state.windows[window] ?? .initial
            if status.signedIn == op { return (.window(window), []) }
            var events: [QueueEvent] = []
            if status.signedIn != nil { events.append(.operatorSignedOut(window)) }
            events.append(.operatorSignedIn(window, operator: op))
            return (.window(window), events)

        case .recordDelivery(let id, let delivery):
            let t = try ticket(id)
            return (.ticket(id), t.delivery == delivery ? [] : [.ticketDelivered(id, delivery)])

        case .signOut(let window):
            guard configuration.window(window) != nil else { throw .unknownWindow(window) }
            let status = state.windows[window] ?? .initial
            if let current = status.current, let t = state.tickets[current] { throw .windowBusy(window, ticket: t.number) }
            return (.window(window), status.signedIn == nil ? [] : [.operatorSignedOut(window)])

        case .bookAppointment(let booking):
            return try decideBooking(booking, now: now)

        case .cancelAppointment(let code):
            return try decideCancelAppointment(code)

        case .rescheduleAppointment(let code, let at):
            return try decideReschedule(code, to: at, now: now)

        case .checkIn(let checkIn):
            return try decideCheckIn(checkIn, now: now)

        case .acceptJournalLoss(let loss):
            return (.recorded, [.journalLossAccepted(loss)])

        case .supervise(let action):
            return try decideSupervision(action)
        }
    }

    private func decideIssue(_ r: TicketRequest, now: Instant) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        guard let service = configuration.service(r.service) else { throw .unknownService(r.service) }
        if let p = r.priority, configuration.priority(p) == nil { throw .unknownPriority(p) }
        guard calendar.isOpen(at: now, hours: configuration.openingHours, closedDays: configuration.closedDays) else {
            throw .centreClosed(day: calendar.localDate(at: now), time: calendar.timeOfDay(at: now))
        }
        if service.appointmentOnly && r.appointmentAt == nil { throw .appointmentRequired(service.id) }
        if service.requiresIDDocument && r.personKey == nil { throw .idDocumentRequired(service.id) }
        if let person = r.personKey, let existing = state.activeTicket(of: person, for: service.id) {
            return (.existingTicket(existing.id), [])
        }
        if let cap = service.dailyCap, state.issuedToday[service.id, default: 0] >= cap {
            throw .dailyCapReached(service.id, cap: cap)
        }
        let number = try nextNumber(prefix: service.prefix)
        let id = TicketID(state.nextTicketSerial)
        return (.ticket(id), [.ticketIssued(IssuedTicket(id: id, number: number, day: state.day!, request: r))])
    }

    /// The next number of a prefix: the one after the last issued, skipping numbers held by
    /// unfinished tickets once the range has wrapped, so no two live tickets share a number.
    func nextNumber(prefix: String) throws(QueueError) -> TicketNumber {
        let rule = configuration.numbering
        let counter = state.counters[prefix] ?? PrefixCounter(last: rule.first - 1, cycle: 1)
        if counter.cycle == 1 && counter.last < rule.last {
            return TicketNumber(prefix: prefix, value: counter.last + 1, cycle: 1)
        }
        guard rule.wraps else { throw .numberRangeExhausted(prefix: prefix, last: rule.last) }
        let inUse = Set(state.tickets.values.lazy.filter { $0.number.prefix == prefix && !$0.state.isFinal }.map(\.number.value))
        var candidate = counter.last
        var cycle = counter.cycle
        for _ in 0...(rule.last - rule.first) {
            candidate += 1
            if candidate > rule.last {
                candidate = rule.first
                cycle += 1
            }
            if !inUse.contains(candidate) { return TicketNumber(prefix: prefix, value: candidate, cycle: cycle) }
        }
        throw .numberRangeExhausted(prefix: prefix, last: rule.last)
    }

    private func decideVote(_ v: VoteRequest, now: Instant) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        guard (1...5).contains(v.score) else { throw .voteOutOfRange(v.score) }
        let t = try ticket(v.ticket)
        guard t.state == .done, let finished = t.finishedAt else { throw .voteForUnservedTicket(t.number, state: t.state) }
        guard t.vote == nil else { throw .voteAlreadyRecorded(t.number) }
        if let w = v.window, let served = t.window, w != served { throw .voteFromWrongWindow(t.number, servedAt: served, votedAt: w) }
        let cast = max(min(v.castAt ?? now, now), finished)
        let after = cast.seconds(since: finished)
        guard after <= configuration.voteWindowSeconds else {
            throw .voteTooLate(t.number, secondsAfterService: after, limit: configuration.voteWindowSeconds)
        }
        return (.ticket(t.id), [.voteRecorded(t.id, score: v.score)])
    }

    private func ticket(_ id: TicketID) throws(QueueError) -> Ticket {
        guard let t = state.tickets[id] else { throw .unknownTicket(id) }
        return t
    }

    private func openWindow(_ id: WindowID) throws(QueueError) -> (WindowDefinition, WindowStatus) {
        guard let definition = configuration.window(id) else { throw .unknownWindow(id) }
        let status = state.windows[id] ?? .initial
        guard status.state == .open else { throw .windowNotOpen(id, state: status.state) }
        return (definition, status)
    }

    private func currentTicket(_ window: WindowID, allowed: Set<TicketState>, action: String) throws(QueueError) -> Ticket {
        guard configuration.window(window) != nil else { throw .unknownWindow(window) }
        guard let id = state.windows[window]?.current, let t = state.tickets[id] else { throw .noCurrentTicket(window) }
        guard allowed.contains(t.state) else { throw .invalidTransition(t.number, state: t.state, action: action) }
        return t
    }
}

/// A configuration problem found by the core (the daemon's loader adds file and line).
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field at fault, as a dotted path.
    public var field: String
    /// What is wrong and what is expected.
    public var message: String
    /// Creates an error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
