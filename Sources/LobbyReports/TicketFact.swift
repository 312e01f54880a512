import LobbyQueue

/// How a ticket's life ended, as far as reports are concerned.
public enum TicketOutcome: String, Sendable, Hashable, CaseIterable {
    /// Served to the end.
    case served
    /// Called but the citizen did not come.
    case noShow
    /// Withdrawn before being served.
    case cancelled
    /// Still open when its service day ended.
    case expired
}

/// What a report may know of one ticket: times, places and the vote; nothing about the citizen.
///
/// A fact with `outcome == nil` is a ticket still open; the read model keeps those too so that it
/// can continue after a restart.
public struct TicketFact: Sendable, Hashable {
    /// The never-reused ticket id (the key of the read model; never shown in a report).
    public var id: TicketID
    /// The service day.
    public var day: LocalDate
    /// The local weekday of the service day.
    public var weekday: Weekday
    /// The local hour (0...23) of issue.
    public var hour: Int
    /// When it was issued.
    public var issuedAt: Instant
    /// The service it was issued for.
    public var issuedService: ServiceID
    /// The service it was last in line for (after transfers).
    public var service: ServiceID
    /// The agency of `service`.
    public var agency: AgencyID
    /// The window that last called it.
    public var window: WindowID?
    /// The operator who last called it.
    public var `operator`: OperatorID?
    /// When it was first called.
    public var firstCalledAt: Instant?
    /// When it was most recently called (service counts from here when it was not started explicitly).
    public var calledAt: Instant?
    /// When service began (at finish when it was not started explicitly).
    public var startedAt: Instant?
    /// When service ended.
    public var finishedAt: Instant?
    /// How many times it was called again.
    public var recalls: Int
    /// How many times it moved to another service's line.
    public var transfers: Int
    /// The vote (1...5), once cast.
    public var vote: Int?
    /// The appointment time, for appointment tickets.
    public var appointmentAt: Instant?
    /// How the ticket ended; nil while it is open.
    public var outcome: TicketOutcome?

    /// Creates a fact; every optional part may be filled in later.
    public init(id: TicketID, day: LocalDate, weekday: Weekday, hour: Int, issuedAt: Instant, issuedService: ServiceID,
                service: ServiceID, agency: AgencyID, window: WindowID? = nil, operator: OperatorID? = nil,
                firstCalledAt: Instant? = nil, calledAt: Instant? = nil, startedAt: Instant? = nil, finishedAt: Instant? = nil, recalls: Int = 0,
                transfers: Int = 0, vote: Int? = nil, appointmentAt: Instant? = nil, outcome: TicketOutcome? = nil) {
        self.id = id
        self.day = day
        self.weekday = weekday
        self.hour = hour
        self.issuedAt = issuedAt
        self.issuedService = issuedService
        self.service = service
        self.agency = agency
        self.window = window
        self.operator = `operator`
        self.firstCalledAt = firstCalledAt
        self.calledAt = calledAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.recalls = recalls
        self.transfers = transfers
        self.vote = vote
        self.appointmentAt = appointmentAt
        self.outcome = outcome
    }

    /// Seconds from issue to the first call, when it was called.
    public var waitSeconds: Int64? { firstCalledAt.map { $0.seconds(since: issuedAt) } }

    /// Seconds from start to finish, when it was served.
    public var serviceSeconds: Int64? {
        guard outcome == .served, let s = startedAt, let f = finishedAt else { return nil }
        return f.seconds(since: s)
    }
}

/// How an appointment ended.
public enum AppointmentOutcome: String, Sendable, Hashable, CaseIterable {
    /// The citizen checked in no later than the appointment time.
    case keptEarly
    /// The citizen checked in after the appointment time.
    case keptLate
    /// The day ended without a check-in.
    case missed
    /// The booking system withdrew it.
    case cancelled
}

/// What a report may know of one appointment: its day, service and how it ended; not who booked it.
public struct AppointmentFact: Sendable, Hashable {
    /// A key of the read model (the booking's sequence in the journal; never shown).
    public var key: UInt64
    /// The service day of the appointment.
    public var day: LocalDate
    /// The service booked.
    public var service: ServiceID
    /// Its agency.
    public var agency: AgencyID
    /// The appointment time.
    public var at: Instant
    /// The local hour (0...23) of the appointment time.
    public var hour: Int
    /// When the citizen checked in.
    public var checkedInAt: Instant?
    /// How it ended; nil while it is still booked.
    public var outcome: AppointmentOutcome?
    /// The booking code while the appointment is still booked (to follow its check-in); nil once it ended.
    public var code: BookingCode?

    /// Creates a fact.
    public init(key: UInt64, day: LocalDate, service: ServiceID, agency: AgencyID, at: Instant, hour: Int,
                checkedInAt: Instant? = nil, outcome: AppointmentOutcome? = nil, code: BookingCode? = nil) {
        self.key = key
        self.day = day
        self.service = service
        self.agency = agency
        self.at = at
        self.hour = hour
        self.checkedInAt = checkedInAt
        self.outcome = outcome
        self.code = code
    }
}
