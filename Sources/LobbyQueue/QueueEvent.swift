/// A state change of the queue; the state is the fold of all events in journal order.
public enum QueueEvent: Sendable, Hashable {
    /// A ticket was issued.
    case ticketIssued(IssuedTicket)
    /// A waiting ticket was called to a window by an operator.
    case ticketCalled(TicketID, window: WindowID, operator: OperatorID)
    /// A called ticket was called again.
    case ticketRecalled(TicketID, window: WindowID)
    /// Service began.
    case serviceStarted(TicketID, window: WindowID)
    /// Service ended.
    case serviceFinished(TicketID, window: WindowID)
    /// The called citizen did not come.
    case ticketNoShow(TicketID, window: WindowID)
    /// The ticket joined another service's line.
    case ticketTransferred(TicketID, to: ServiceID, position: LinePosition)
    /// The ticket was put aside.
    case ticketParked(TicketID)
    /// A parked ticket returned to its line.
    case ticketUnparked(TicketID, position: LinePosition)
    /// The ticket was withdrawn.
    case ticketCancelled(TicketID)
    /// A satisfaction vote was recorded.
    case voteRecorded(TicketID, score: Int)
    /// A window changed state.
    case windowStateChanged(WindowID, state: WindowState)
    /// An operator signed in at a window.
    case operatorSignedIn(WindowID, operator: OperatorID)
    /// The operator at a window signed out.
    case operatorSignedOut(WindowID)
    /// The ticket was printed or shown on screen.
    case ticketDelivered(TicketID, TicketDelivery)
    /// An appointment was booked; `day` is the service day of its time.
    case appointmentBooked(AppointmentBooking, day: LocalDate)
    /// An appointment was withdrawn.
    case appointmentCancelled(BookingCode)
    /// An appointment moved to another time.
    case appointmentRescheduled(BookingCode, at: Instant, day: LocalDate)
    /// The citizen checked in; the ticket was issued by the `ticketIssued` event before this one.
    case appointmentCheckedIn(BookingCode, ticket: TicketID)
    /// Damaged journal records were given up; numbering continues after what was seen of them.
    case journalLossAccepted(JournalLoss)
    /// A supervisor gave a window these services and weights for the rest of the day.
    case windowServicesAssigned(WindowID, services: [ServiceID: Int])

    /// The booking code the event concerns, if any.
    public var bookingCode: BookingCode? {
        switch self {
        case .appointmentBooked(let b, _): b.code
        case .appointmentCancelled(let c), .appointmentRescheduled(let c, _, _), .appointmentCheckedIn(let c, _): c
        default: nil
        }
    }

    /// The ticket the event concerns, if any.
    public var ticket: TicketID? {
        switch self {
        case .ticketIssued(let t): t.id
        case .ticketCalled(let t, _, _), .ticketRecalled(let t, _), .serviceStarted(let t, _),
             .serviceFinished(let t, _), .ticketNoShow(let t, _), .ticketTransferred(let t, _, _),
             .ticketParked(let t), .ticketUnparked(let t, _), .ticketCancelled(let t),
             .voteRecorded(let t, _), .ticketDelivered(let t, _), .appointmentCheckedIn(_, let t):
            t
        case .windowStateChanged, .operatorSignedIn, .operatorSignedOut, .appointmentBooked, .appointmentCancelled,
             .appointmentRescheduled, .journalLossAccepted, .windowServicesAssigned:
            nil
        }
    }
}

/// The facts fixed when a ticket is issued.
public struct IssuedTicket: Sendable, Hashable {
    /// The new ticket's identifier.
    public var id: TicketID
    /// Its number.
    public var number: TicketNumber
    /// Its service day.
    public var day: LocalDate
    /// What was asked for.
    public var request: TicketRequest
    /// Creates the event payload.
    public init(id: TicketID, number: TicketNumber, day: LocalDate, request: TicketRequest) {
        self.id = id
        self.number = number
        self.day = day
        self.request = request
    }
}

/// A window's state.
public enum WindowState: String, Sendable, Hashable, CaseIterable {
    /// Serving citizens.
    case open
    /// Temporarily not calling (break); keeps its operator.
    case paused
    /// Not serving.
    case closed
}
