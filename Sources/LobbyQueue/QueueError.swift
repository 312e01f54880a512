/// Why the queue refused a command. Refused commands change nothing.
public enum QueueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The service is not configured.
    case unknownService(ServiceID)
    /// The window is not configured.
    case unknownWindow(WindowID)
    /// No ticket has this identifier (or it belongs to a past day).
    case unknownTicket(TicketID)
    /// The priority category is not configured.
    case unknownPriority(PriorityCategoryID)
    /// Tickets cannot be taken now (outside opening hours or on a closed day).
    case centreClosed(day: LocalDate, time: TimeOfDay)
    /// The service is only for citizens with an appointment.
    case appointmentRequired(ServiceID)
    /// The service needs an ID document presented at the kiosk.
    case idDocumentRequired(ServiceID)
    /// The service's daily ticket cap is reached.
    case dailyCapReached(ServiceID, cap: Int)
    /// The prefix's number range is used up for the day and wrapping is off.
    case numberRangeExhausted(prefix: String, last: Int)
    /// The window is paused or closed.
    case windowNotOpen(WindowID, state: WindowState)
    /// Nobody is signed in at the window.
    case noOperator(WindowID)
    /// The operator is already signed in at another window.
    case operatorSignedInElsewhere(OperatorID, window: WindowID)
    /// The window still has a called or served ticket.
    case windowBusy(WindowID, ticket: TicketNumber)
    /// The window has no called or served ticket.
    case noCurrentTicket(WindowID)
    /// No ticket the window serves is waiting.
    case queueEmpty(WindowID)
    /// The ticket was recalled as often as allowed.
    case recallLimitReached(TicketNumber, limit: Int)
    /// The ticket is not in a state that allows the action.
    case invalidTransition(TicketNumber, state: TicketState, action: String)
    /// A transfer to the service the ticket already waits for.
    case transferToSameService(TicketNumber, ServiceID)
    /// A vote for a ticket that was not served.
    case voteForUnservedTicket(TicketNumber, state: TicketState)
    /// A vote outside 1...5.
    case voteOutOfRange(Int)
    /// The ticket already has a vote.
    case voteAlreadyRecorded(TicketNumber)
    /// The vote came after the allowed time.
    case voteTooLate(TicketNumber, secondsAfterService: Int64, limit: Int64)
    /// The vote came from a window that did not serve the ticket.
    case voteFromWrongWindow(TicketNumber, servedAt: WindowID, votedAt: WindowID)
    /// The request identifier was used before for a different command.
    case requestIDReused(RequestID, firstCommand: String)
    /// No appointment has this booking code (and none had it on a recent day).
    case unknownBookingCode(BookingCode)
    /// Another appointment already has this booking code.
    case bookingCodeInUse(BookingCode)
    /// The appointment time is over: its check-in window closed before the booking arrived.
    case appointmentInPast(BookingCode, day: LocalDate, time: TimeOfDay)
    /// The appointment time is outside the centre's opening hours or on a closed day.
    case appointmentOutsideOpeningHours(BookingCode, day: LocalDate, time: TimeOfDay)
    /// The appointment day is later than the booking horizon allows (`QueueEngine.bookingHorizonDays`).
    case appointmentTooFarAhead(BookingCode, day: LocalDate, latest: LocalDate)
    /// The appointment was cancelled.
    case appointmentCancelled(BookingCode)
    /// The appointment was checked in already, so it can no longer be cancelled or moved.
    case appointmentCheckedIn(BookingCode, ticket: TicketNumber)
    /// The appointment is for another service day than today.
    case appointmentOnOtherDay(BookingCode, day: LocalDate, today: LocalDate)
    /// Check-in for the appointment has not opened yet.
    case checkInTooEarly(BookingCode, appointmentTime: TimeOfDay, opensAt: Instant, opensAtTime: TimeOfDay)
    /// Check-in for the appointment has closed; `walkInService` is the service to take an
    /// ordinary ticket for, nil when the service is by appointment only.
    case checkInTooLate(BookingCode, appointmentTime: TimeOfDay, closedAtTime: TimeOfDay, walkInService: ServiceID?)
    /// The presented document has no appointment (today or later) in the book.
    case noAppointmentForPerson(today: LocalDate)
    /// A supervisor's action is malformed (no reason, no services, a weight out of range).
    case invalidSupervisorAction(String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .unknownService: "unknown-service"
        case .unknownWindow: "unknown-window"
        case .unknownTicket: "unknown-ticket"
        case .unknownPriority: "unknown-priority"
        case .centreClosed: "centre-closed"
        case .appointmentRequired: "appointment-required"
        case .idDocumentRequired: "id-document-required"
        case .dailyCapReached: "daily-cap-reached"
        case .numberRangeExhausted: "number-range-exhausted"
        case .windowNotOpen: "window-not-open"
        case .noOperator: "no-operator"
        case .operatorSignedInElsewhere: "operator-signed-in-elsewhere"
        case .windowBusy: "window-busy"
        case .noCurrentTicket: "no-current-ticket"
        case .queueEmpty: "queue-empty"
        case .recallLimitReached: "recall-limit-reached"
        case .invalidTransition: "invalid-transition"
        case .transferToSameService: "transfer-to-same-service"
        case .voteForUnservedTicket: "vote-for-unserved-ticket"
        case .voteOutOfRange: "vote-out-of-range"
        case .voteAlreadyRecorded: "vote-already-recorded"
        case .voteTooLate: "vote-too-late"
        case .voteFromWrongWindow: "vote-from-wrong-window"
        case .requestIDReused: "request-id-reused"
        case .unknownBookingCode: "unknown-booking-code"
        case .bookingCodeInUse: "booking-code-in-use"
        case .appointmentInPast: "appointment-in-past"
        case .appointmentOutsideOpeningHours: "appointment-outside-opening-hours"
        case .appointmentTooFarAhead: "appointment-too-far-ahead"
        case .appointmentCancelled: "appointment-cancelled"
        case .appointmentCheckedIn: "appointment-checked-in"
        case .appointmentOnOtherDay: "appointment-wrong-day"
        case .checkInTooEarly: "check-in-too-early"
        case .checkInTooLate: "check-in-too-late"
        case .noAppointmentForPerson: "no-appointment-for-document"
        case .invalidSupervisorAction: "invalid-supervisor-action"
        }
    }

    /// Whether the error names something that does not exist (as opposed to a conflict with state).
    public var isNotFound: Bool {
        switch self {
        case .unknownService, .unknownWindow, .unknownTicket, .unknownPriority, .unknownBookingCode, .noAppointmentForPerson: true
        default: false
        }
    }

    /// A sentence for people: what is wrong and with what.
    public var description: String {
        switch self {
        case .unknownService(let s): "unknown service '\(s)'"
        case .unknownWindow(let w): "unknown window \(w)"
        case .unknownTicket(let t): "no ticket with id \(t) today"
        case .unknownPriority(let p): "unknown priority category '\(p)'"
        case .centreClosed(let d, let t): "the centre does not issue tickets on \(d) at \(t) (outside opening hours)"
        case .appointmentRequired(let s): "service '\(s)' is by appointment only"
        case .idDocumentRequired(let s): "service '\(s)' requires an ID document at the kiosk"
        case .dailyCapReached(let s, let cap): "service '\(s)' has issued its daily cap of \(cap) tickets"
        case .numberRangeExhausted(let p, let last): "ticket numbers for prefix \(p) are used up today (last is \(last), wrapping is off)"
        case .windowNotOpen(let w, let st): "window \(w) is \(st.rawValue), not open"
        case .noOperator(let w): "nobody is signed in at window \(w)"
        case .operatorSignedInElsewhere(let o, let w): "operator '\(o)' is already signed in at window \(w)"
        case .windowBusy(let w, let t): "window \(w) still has ticket \(t); finish, no-show, transfer or park it first"
        case .noCurrentTicket(let w): "window \(w) has no called or served ticket"
        case .queueEmpty(let w): "no ticket is waiting for the services of window \(w)"
        case .recallLimitReached(let t, let limit): "ticket \(t) was recalled \(limit) times already; mark it no-show"
        case .invalidTransition(let t, let st, let action): "ticket \(t) is \(st.rawValue); cannot \(action)"
        case .transferToSameService(let t, let s): "ticket \(t) already waits for service '\(s)'"
        case .voteForUnservedTicket(let t, let st): "ticket \(t) was not served (it is \(st.rawValue)); no vote possible"
        case .voteOutOfRange(let v): "a vote must be 1 to 5, got \(v)"
        case .voteAlreadyRecorded(let t): "ticket \(t) already has a vote"
        case .voteTooLate(let t, let after, let limit): "vote for ticket \(t) came \(after) s after service ended; the limit is \(limit) s"
        case .voteFromWrongWindow(let t, let served, let voted): "ticket \(t) was served at window \(served), not at window \(voted)"
        case .requestIDReused(let r, let first): "request id '\(r)' was already used for a different command (\(first))"
        case .unknownBookingCode(let c): "no appointment has booking code \(c)"
        case .bookingCodeInUse(let c): "booking code \(c) is already used by another appointment"
        case .appointmentInPast(let c, let d, let t):
            "appointment \(c) at \(d) \(t) is over: its check-in window has already closed"
        case .appointmentOutsideOpeningHours(let c, let d, let t):
            "appointment \(c) at \(d) \(t) is outside the centre's opening hours"
        case .appointmentTooFarAhead(let c, let d, let latest):
            "appointment \(c) on \(d) is too far ahead: appointments are booked up to \(latest) (two years ahead)"
        case .appointmentCancelled(let c): "appointment \(c) was cancelled"
        case .appointmentCheckedIn(let c, let t): "appointment \(c) is already checked in with ticket \(t); cancel the ticket instead"
        case .appointmentOnOtherDay(let c, let d, let today):
            d < today
                ? "appointment \(c) was on \(d), not today (\(today)); that day is over — book a new appointment"
                : "appointment \(c) is on \(d), not today (\(today)); check in on that day"
        case .checkInTooEarly(let c, let t, _, let opens):
            "check-in for appointment \(c) at \(t) opens at \(opens); please come back then"
        case .checkInTooLate(let c, let t, let closed, let walkIn):
            "check-in for appointment \(c) at \(t) closed at \(closed); the appointment counts as missed — "
                + (walkIn.map { "take an ordinary ticket for service '\($0)'" } ?? "the service is by appointment only: book a new appointment")
        case .noAppointmentForPerson(let today): "the presented document has no appointment on \(today) or later"
        case .invalidSupervisorAction(let why): why
        }
    }
}
