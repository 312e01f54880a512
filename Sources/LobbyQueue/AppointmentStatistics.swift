/// How appointments went over a range of service days: kept, late, missed, and how punctually
/// their tickets were called.
public struct AppointmentStatistics: Sendable, Hashable {
    /// All appointments together.
    public var overall: AppointmentGroupStatistics
    /// Per booked service.
    public var byService: [ServiceID: AppointmentGroupStatistics]

    /// Computes statistics of the appointments of the service days `from...to` known to `state`:
    /// past days from `appointmentHistory`, today and later days from the book.
    public static func compute(state: QueueState, from: LocalDate, to: LocalDate) -> AppointmentStatistics {
        var records = state.appointmentHistory.filter { $0.day >= from && $0.day <= to }
        records += state.appointments.values.filter { $0.day >= from && $0.day <= to }
            .sorted { ($0.day, $0.at, $0.code) < ($1.day, $1.at, $1.code) }
            .map { AppointmentRecord($0, ticket: $0.ticket.flatMap { state.tickets[$0] }) }
        return compute(records: records)
    }

    /// Computes statistics of the given appointment records.
    public static func compute(records: [AppointmentRecord]) -> AppointmentStatistics {
        var byService: [ServiceID: [AppointmentRecord]] = [:]
        for r in records { byService[r.service, default: []].append(r) }
        return AppointmentStatistics(overall: AppointmentGroupStatistics(records), byService: byService.mapValues(AppointmentGroupStatistics.init))
    }
}

/// Appointment figures of one group (all, or one service).
public struct AppointmentGroupStatistics: Sendable, Hashable {
    /// Appointments booked for the days (cancelled ones included).
    public var booked: Int
    /// Withdrawn by the booking system.
    public var cancelled: Int
    /// Checked in no later than the appointment time.
    public var checkedInOnTime: Int
    /// Checked in after the appointment time (within the check-in window).
    public var checkedInLate: Int
    /// Their day ended without a check-in (no-shows of appointments).
    public var missed: Int
    /// Still booked on a day that has not ended yet.
    public var pending: Int
    /// Seconds from when the ticket became due (appointment time, or a later check-in) to its first call.
    public var callDelay: Distribution

    /// Summarises records.
    public init(_ records: [AppointmentRecord]) {
        var cancelled = 0, onTime = 0, late = 0, missed = 0, pending = 0
        var delays: [Int64] = []
        for r in records {
            switch r.state {
            case .cancelled: cancelled += 1
            case .missed: missed += 1
            case .booked: pending += 1
            case .checkedIn:
                if let checkedIn = r.checkedInAt, checkedIn > r.at { late += 1 } else { onTime += 1 }
                if let due = r.dueAt, let called = r.firstCalledAt { delays.append(called.seconds(since: due)) }
            }
        }
        booked = records.count
        self.cancelled = cancelled
        checkedInOnTime = onTime
        checkedInLate = late
        self.missed = missed
        self.pending = pending
        callDelay = Distribution(delays)
    }
}
