/// The whole state of the queue: a pure fold of journal records.
public struct QueueState: Sendable, Hashable {
    /// The current service day (nil before the first record).
    public internal(set) var day: LocalDate?
    /// The instants bounding the current service day.
    public internal(set) var dayBounds: (start: Instant, end: Instant)? {
        get { dayStart.map { ($0, dayEnd!) } }
        set { dayStart = newValue?.start; dayEnd = newValue?.end }
    }
    private var dayStart: Instant?
    private var dayEnd: Instant?
    /// Tickets of the current day by id.
    public internal(set) var tickets: [TicketID: Ticket] = [:]
    /// Waiting tickets per service, in line order.
    public internal(set) var lines: [ServiceID: [TicketID]] = [:]
    /// Live state of every configured window.
    public internal(set) var windows: [WindowID: WindowStatus] = [:]
    /// Numbering position per prefix for the current day.
    public internal(set) var counters: [String: PrefixCounter] = [:]
    /// Tickets issued today per service (for daily caps).
    public internal(set) var issuedToday: [ServiceID: Int] = [:]
    /// The serial the next ticket gets.
    public internal(set) var nextTicketSerial: UInt64 = 1
    /// Request ids of today and yesterday with their outcomes.
    public internal(set) var requests: [RequestID: RequestMemory] = [:]
    /// Recent service durations per service.
    public internal(set) var observedService: [ServiceID: RollingDurations] = [:]
    /// Finished tickets of past days, within the retention period.
    public internal(set) var history: [ServedRecord] = []
    /// The sequence of the last record applied.
    public internal(set) var lastSequence: UInt64 = 0
    /// The appointment book: appointments of today and later days, by booking code.
    public internal(set) var appointments: [BookingCode: Appointment] = [:]
    /// Appointments of past days (without person keys), within the retention period, oldest day first.
    public internal(set) var appointmentHistory: [AppointmentRecord] = []
    /// Services and weights a supervisor gave windows for the current day, by window.
    public internal(set) var assignedServices: [WindowID: [ServiceID: Int]] = [:]
    /// The supervisors' actions of the current day, in journal order.
    public internal(set) var audit: [AuditEntry] = []

    /// An empty queue with every configured window closed.
    public init(configuration: CentreConfiguration) {
        for w in configuration.windows { windows[w.id] = .initial }
    }

    /// Compares two states (used by tests and the crash test).
    public static func == (a: Self, b: Self) -> Bool {
        a.day == b.day && a.dayStart == b.dayStart && a.tickets == b.tickets && a.lines == b.lines
            && a.windows == b.windows && a.counters == b.counters && a.issuedToday == b.issuedToday
            && a.nextTicketSerial == b.nextTicketSerial && a.requests == b.requests
            && a.observedService == b.observedService && a.history == b.history
            && a.lastSequence == b.lastSequence && a.appointments == b.appointments
            && a.appointmentHistory == b.appointmentHistory && a.assignedServices == b.assignedServices
            && a.audit == b.audit
    }

    /// Hashes the parts compared by `==`.
    public func hash(into h: inout Hasher) {
        h.combine(day)
        h.combine(lastSequence)
        h.combine(tickets.count)
    }

    /// The record of a ticket of a past day still within the retention period, if any.
    public func pastTicket(_ id: TicketID) -> ServedRecord? {
        // History is in id order: days are appended in turn, each sorted by id, and ids only grow.
        var low = 0, high = history.count
        while low < high {
            let mid = (low + high) / 2
            if history[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low < history.count && history[low].id == id ? history[low] : nil
    }

    /// The active (not final) ticket of a person for a service today, if any.
    public func activeTicket(of person: PersonKey, for service: ServiceID) -> Ticket? {
        tickets.values.first { $0.personKey == person && $0.originalService == service && !$0.state.isFinal }
    }

    // MARK: - Folding

    /// Moves to the service day containing `now`: unfinished tickets of the old day expire,
    /// finished ones move to `history`, numbering restarts.
    mutating func advanceDay(to now: Instant, calendar: ServiceCalendar, configuration: CentreConfiguration) {
        if let end = dayEnd, let start = dayStart, now >= start, now < end { return }
        if let start = dayStart, now < start { return }  // the clock went back: stay on the later day
        let newDay = calendar.localDate(at: now)
        let bounds = calendar.dayInterval(containing: now)
        if let old = day, old != newDay {
            for (id, var t) in tickets where !t.state.isFinal {
                t.state = .expired
                tickets[id] = t
            }
            for t in tickets.values.sorted(by: { $0.id < $1.id }) { history.append(ServedRecord(t)) }
            let keepFrom = calendar.localDate(at: bounds.start.adding(seconds: -Int64(configuration.retentionDays) * 86_400))
            if let firstKept = history.firstIndex(where: { $0.day >= keepFrom }) {
                history.removeFirst(firstKept)
            } else {
                history.removeAll()
            }
            closeAppointments(before: newDay, keepFrom: keepFrom)
            tickets = [:]
            lines = [:]
            counters = [:]
            issuedToday = [:]
            for (id, var w) in windows {
                w.current = nil
                w.consecutivePriorityCalls = 0
                windows[id] = w
            }
            requests = requests.filter { $0.value.day == old }
            assignedServices = [:]
            audit = []
        }
        day = newDay
        dayStart = bounds.start
        dayEnd = bounds.end
    }

    /// Applies one record: its day change, its events, and its request id.
    mutating func apply(_ record: JournalRecord, calendar: ServiceCalendar, configuration: CentreConfiguration, remembersRequest: Bool = true) {
        advanceDay(to: record.at, calendar: calendar, configuration: configuration)
        for event in record.events { apply(event, at: record.at, configuration: configuration) }
        if case .supervise(let action) = record.command {
            let number = (action.change.ticket ?? record.outcome.ticket).flatMap { tickets[$0]?.number }
            audit.append(AuditEntry(sequence: record.sequence, at: record.at, action: action, ticketNumber: number))
        }
        if remembersRequest {
            requests[record.requestID] = RequestMemory(command: record.command, outcome: record.outcome, day: day!)
        }
        lastSequence = record.sequence
    }

    /// Applies one event.
    mutating func apply(_ event: QueueEvent, at now: Instant, configuration: CentreConfiguration) {
        switch event {
        case .ticketIssued(let issued):
            let r = issued.request
            let t = Ticket(id: issued.id, number: issued.number, day: issued.day, service: r.service, language: r.language,
                           priority: r.priority, appointmentAt: r.appointmentAt, personKey: r.personKey, issuedAt: now)
            tickets[t.id] = t
            lines[r.service, default: []].append(t.id)
            counters[issued.number.prefix] = PrefixCounter(last: issued.number.value, cycle: issued.number.cycle)
            issuedToday[r.service, default: 0] += 1
            nextTicketSerial = max(nextTicketSerial, issued.id.rawValue + 1)

        case .ticketCalled(let id, let window, let op):
            guard let before = tickets[id] else { return }
            removeFromLine(before)
            update(id) { t in
                t.state = .called
                t.window = window
                t.servedBy = op
                t.calledAt = now
                if t.firstCalledAt == nil { t.firstCalledAt = now }
                t.recallCount = 0
            }
            var w = windows[window] ?? .initial
            w.current = id
            if let p = before.priority, case .first = configuration.priority(p)?.policy {
                w.consecutivePriorityCalls += 1
            } else {
                w.consecutivePriorityCalls = 0
            }
            windows[window] = w

        case .ticketRecalled(let id, _):
            tickets[id]?.recallCount += 1
            tickets[id]?.calledAt = now

        case .serviceStarted(let id, _):
            tickets[id]?.state = .serving
            tickets[id]?.startedAt = now

        case .serviceFinished(let id, let window):
            var started: Instant?
            var service: ServiceID?
            update(id) { t in
                if t.startedAt == nil { t.startedAt = t.calledAt }
                t.state = .done
                t.finishedAt = now
                started = t.startedAt
                service = t.service
            }
            if let start = started, let service { observedService[service, default: RollingDurations()].add(now.seconds(since: start)) }
            windows[window]?.current = nil

        case .ticketNoShow(let id, let window):
            tickets[id]?.state = .noShow
            windows[window]?.current = nil

        case .ticketTransferred(let id, let service, let position):
            guard var t = tickets[id] else { return }
            if let w = t.window, windows[w]?.current == id { windows[w]?.current = nil }
            removeFromLine(t)
            t.service = service
            t.state = .waiting
            t.window = nil
            t.servedBy = nil
            t.calledAt = nil
            t.startedAt = nil
            t.lineEnteredAt = position == .front ? t.issuedAt : now
            tickets[id] = t
            insert(id, into: service, at: position)

        case .ticketParked(let id):
            guard var t = tickets[id] else { return }
            if let w = t.window, windows[w]?.current == id { windows[w]?.current = nil }
            t.state = .parked
            t.parkedAt = t.window
            t.window = nil
            tickets[id] = t

        case .ticketUnparked(let id, let position):
            guard var t = tickets[id] else { return }
            t.state = .waiting
            t.parkedAt = nil
            t.servedBy = nil
            t.calledAt = nil
            t.startedAt = nil
            t.lineEnteredAt = position == .front ? t.issuedAt : now
            tickets[id] = t
            insert(id, into: t.service, at: position)

        case .ticketCancelled(let id):
            guard let t = tickets[id] else { return }
            removeFromLine(t)
            tickets[id]?.state = .cancelled

        case .voteRecorded(let id, let score):
            tickets[id]?.vote = score

        case .windowStateChanged(let window, let state):
            windows[window, default: .initial].state = state

        case .operatorSignedIn(let window, let op):
            windows[window, default: .initial].signedIn = op

        case .operatorSignedOut(let window):
            windows[window, default: .initial].signedIn = nil

        case .ticketDelivered(let id, let delivery):
            tickets[id]?.delivery = delivery

        case .appointmentBooked, .appointmentCancelled, .appointmentRescheduled, .appointmentCheckedIn:
            applyAppointment(event, at: now)

        case .windowServicesAssigned(let window, let services):
            assignedServices[window] = services

        case .journalLossAccepted(let loss):
            nextTicketSerial = max(nextTicketSerial, loss.highestTicketID + 1)
            for seen in loss.numbers where seen.day == day {
                let counter = counters[seen.number.prefix]
                if counter.map({ ($0.cycle, $0.last) < (seen.number.cycle, seen.number.value) }) ?? true {
                    counters[seen.number.prefix] = PrefixCounter(last: seen.number.value, cycle: seen.number.cycle)
                }
            }
        }
    }

    /// Mutates a ticket in place (no copy out of and back into the dictionary).
    private mutating func update(_ id: TicketID, _ body: (inout Ticket) -> Void) {
        guard let index = tickets.index(forKey: id) else { return }
        body(&tickets.values[index])
    }

    private mutating func removeFromLine(_ t: Ticket) {
        guard t.state == .waiting, var line = lines[t.service], let i = line.firstIndex(of: t.id) else { return }
        line.remove(at: i)
        lines[t.service] = line
    }

    private mutating func insert(_ id: TicketID, into service: ServiceID, at position: LinePosition) {
        switch position {
        case .front: lines[service, default: []].insert(id, at: 0)
        case .back: lines[service, default: []].append(id)
        }
    }
}
