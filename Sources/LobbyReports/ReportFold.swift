import LobbyQueue

/// Turns journal records into report facts: the pure half of the report read model.
///
/// It keeps the facts of the current service day (open and finished: a vote may follow the finish)
/// and the appointments still booked; everything else is final and only needs storing.
public struct ReportFold: Sendable {
    /// The facts changed by one record, to be stored.
    public struct Changes: Sendable, Hashable {
        /// Tickets issued, changed or ended by the record (or expired by its day change).
        public var tickets: [TicketFact] = []
        /// Appointments booked, changed or ended by the record.
        public var appointments: [AppointmentFact] = []
        /// Whether nothing changed.
        public var isEmpty: Bool { tickets.isEmpty && appointments.isEmpty }
    }

    private let calendar: ServiceCalendar
    private let agencies: [ServiceID: AgencyID]
    /// The current service day's tickets.
    public private(set) var today: [TicketID: TicketFact] = [:]
    /// Appointments still booked, by code.
    public private(set) var booked: [BookingCode: AppointmentFact] = [:]
    /// The current service day and its bounds.
    public private(set) var day: LocalDate?
    private var dayEnd: Instant?
    private var dayStart: Instant?
    /// The last journal record applied (0 before the first).
    public private(set) var lastSequence: UInt64 = 0

    /// Creates a fold for a centre; `resuming` restores what a store kept (the last day's tickets and booked appointments).
    public init(configuration: CentreConfiguration, calendar: ServiceCalendar, resuming tickets: [TicketFact] = [],
                booked: [AppointmentFact] = [], lastSequence: UInt64 = 0) {
        self.calendar = calendar
        agencies = Dictionary(configuration.services.map { ($0.id, $0.agency) }, uniquingKeysWith: { a, _ in a })
        for t in tickets { today[t.id] = t }
        for a in booked { if let code = a.code { self.booked[code] = a } }
        self.lastSequence = lastSequence
        if let last = tickets.map(\.day).max() {
            day = last
            let mid = calendar.instant(of: last, at: TimeOfDay(hour: 12))
            (dayStart, dayEnd) = calendar.dayInterval(containing: mid)
        }
    }

    /// The agency of a service (the service's own id when it is no longer configured).
    public func agency(of service: ServiceID) -> AgencyID { agencies[service] ?? AgencyID(service.rawValue) }

    /// Applies one record and returns the facts it changed. Records already applied are ignored.
    public mutating func apply(_ record: JournalRecord) -> Changes {
        guard record.sequence > lastSequence else { return Changes() }
        lastSequence = record.sequence
        var changes = Changes()
        var touched: [TicketID] = []
        advanceDay(to: record.at, changes: &changes)
        for (index, event) in record.events.enumerated() {
            apply(event, at: record.at, key: record.sequence &* 64 &+ UInt64(index), touched: &touched, changes: &changes)
        }
        var seen = Set<TicketID>()
        for id in touched where seen.insert(id).inserted { if let t = today[id] { changes.tickets.append(t) } }
        return changes
    }

    private mutating func advanceDay(to now: Instant, changes: inout Changes) {
        if let start = dayStart, let end = dayEnd, now >= start, now < end { return }
        if let start = dayStart, now < start { return }  // the clock went back: stay on the later day
        let newDay = calendar.localDate(at: now)
        if let old = day, old != newDay {
            for t in today.values.sorted(by: { $0.id < $1.id }) where t.outcome == nil {
                var ended = t
                ended.outcome = .expired
                changes.tickets.append(ended)
            }
            today = [:]
            for (code, a) in booked.sorted(by: { $0.value.key < $1.value.key }) where a.day < newDay {
                var ended = a
                ended.outcome = .missed
                ended.code = nil
                booked[code] = nil
                changes.appointments.append(ended)
            }
        }
        day = newDay
        (dayStart, dayEnd) = calendar.dayInterval(containing: now)
    }

    private mutating func apply(_ event: QueueEvent, at now: Instant, key: UInt64, touched: inout [TicketID], changes: inout Changes) {
        if let id = event.ticket { touched.append(id) }
        switch event {
        case .ticketIssued(let issued):
            let service = issued.request.service
            today[issued.id] = TicketFact(
                id: issued.id, day: issued.day, weekday: calendar.weekday(of: issued.day), hour: calendar.hour(at: now),
                issuedAt: now, issuedService: service, service: service, agency: agency(of: service),
                appointmentAt: issued.request.appointmentAt)
        case .ticketCalled(let id, let window, let op):
            update(id) { t in
                t.window = window
                t.operator = op
                t.calledAt = now
                if t.firstCalledAt == nil { t.firstCalledAt = now }
            }
        case .ticketRecalled(let id, _):
            update(id) { t in
                t.recalls += 1
                t.calledAt = now
            }
        case .serviceStarted(let id, _):
            update(id) { $0.startedAt = now }
        case .serviceFinished(let id, _):
            update(id) { t in
                if t.startedAt == nil { t.startedAt = t.calledAt }
                t.finishedAt = now
                t.outcome = .served
            }
        case .ticketNoShow(let id, _):
            update(id) { $0.outcome = .noShow }
        case .ticketTransferred(let id, let service, _):
            let agency = agency(of: service)
            update(id) { t in
                t.transfers += 1
                t.service = service
                t.agency = agency
                t.window = nil
                t.operator = nil
                t.calledAt = nil
                t.startedAt = nil
            }
        case .ticketUnparked(let id, _):
            update(id) { t in
                t.operator = nil
                t.calledAt = nil
                t.startedAt = nil
            }
        case .ticketCancelled(let id):
            update(id) { $0.outcome = .cancelled }
        case .voteRecorded(let id, let score):
            update(id) { $0.vote = score }
        case .appointmentBooked(let booking, let day):
            let fact = AppointmentFact(key: key, day: day, service: booking.service, agency: agency(of: booking.service),
                                       at: booking.at, hour: calendar.hour(at: booking.at), code: booking.code)
            booked[booking.code] = fact
            changes.appointments.append(fact)
        case .appointmentCancelled(let code):
            end(code, as: .cancelled, changes: &changes)
        case .appointmentRescheduled(let code, let at, let day):
            guard var a = booked[code] else { return }
            a.at = at
            a.hour = calendar.hour(at: at)
            a.day = day
            booked[code] = a
            changes.appointments.append(a)
        case .appointmentCheckedIn(let code, _):
            guard let a = booked[code] else { return }
            booked[code]?.checkedInAt = now
            end(code, as: now <= a.at ? .keptEarly : .keptLate, changes: &changes)
        case .ticketParked, .ticketDelivered, .windowStateChanged, .operatorSignedIn, .operatorSignedOut, .journalLossAccepted,
             .windowServicesAssigned:
            return
        }
    }

    private mutating func update(_ id: TicketID, _ change: (inout TicketFact) -> Void) {
        guard var t = today[id] else { return }
        change(&t)
        today[id] = t
    }

    private mutating func end(_ code: BookingCode, as outcome: AppointmentOutcome, changes: inout Changes) {
        guard var a = booked[code] else { return }
        a.outcome = outcome
        a.code = nil
        booked[code] = nil
        changes.appointments.append(a)
    }
}
