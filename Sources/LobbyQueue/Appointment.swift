/// An online appointment in the queue's appointment book.
public struct Appointment: Sendable, Hashable {
    /// The booking code (the appointment's identity while it is in the book).
    public let code: BookingCode
    /// The service booked.
    public let service: ServiceID
    /// The appointment time.
    public var at: Instant
    /// The service day of the appointment time.
    public var day: LocalDate
    /// The keyed hash of the citizen's personal number, when the booking system sent one.
    public let personKey: PersonKey?
    /// When the booking reached the queue.
    public let bookedAt: Instant
    /// Booked, checked in or cancelled.
    public var state: AppointmentState
    /// When the citizen checked in at the kiosk.
    public var checkedInAt: Instant?
    /// The ticket issued at check-in.
    public var ticket: TicketID?

    /// Creates a freshly booked appointment.
    public init(code: BookingCode, service: ServiceID, at: Instant, day: LocalDate, personKey: PersonKey?, bookedAt: Instant) {
        self.code = code
        self.service = service
        self.at = at
        self.day = day
        self.personKey = personKey
        self.bookedAt = bookedAt
        self.state = .booked
    }
}

/// Where an appointment is in its life.
public enum AppointmentState: String, Sendable, Hashable, CaseIterable {
    /// Booked; the citizen has not checked in yet.
    case booked
    /// The citizen checked in and got a ticket.
    case checkedIn
    /// Withdrawn by the booking system.
    case cancelled
    /// Its service day ended without a check-in (only in `QueueState.appointmentHistory`).
    case missed
}

/// A booking sent by the online booking system.
public struct AppointmentBooking: Sendable, Hashable {
    /// The booking code the citizen will type at the kiosk.
    public var code: BookingCode
    /// The service booked.
    public var service: ServiceID
    /// The appointment time.
    public var at: Instant
    /// The keyed hash of the personal number (never the number itself), if the citizen gave it.
    public var personKey: PersonKey?

    /// Creates a booking.
    public init(code: BookingCode, service: ServiceID, at: Instant, personKey: PersonKey? = nil) {
        self.code = code
        self.service = service
        self.at = at
        self.personKey = personKey
    }
}

/// How the kiosk finds the appointment of the citizen in front of it.
public enum AppointmentLookup: Sendable, Hashable {
    /// The citizen typed (or scanned) the booking code.
    case bookingCode(BookingCode)
    /// The citizen presented an ID document; the keyed hash of its personal number.
    case person(PersonKey)
}

/// A check-in at the kiosk.
public struct AppointmentCheckIn: Sendable, Hashable {
    /// How the appointment is found.
    public var lookup: AppointmentLookup
    /// The language chosen at the kiosk (for the ticket).
    public var language: Language

    /// Creates a check-in.
    public init(_ lookup: AppointmentLookup, language: Language = .az) {
        self.lookup = lookup
        self.language = language
    }
}

/// A compact record of an appointment of a past service day, kept for statistics and for a
/// precise answer to a citizen who comes with an old code. Holds no person key.
public struct AppointmentRecord: Sendable, Hashable {
    /// The booking code.
    public var code: BookingCode
    /// The service day.
    public var day: LocalDate
    /// The service booked.
    public var service: ServiceID
    /// The appointment time.
    public var at: Instant
    /// `checkedIn`, `cancelled` or `missed` (or `booked` for a day still running).
    public var state: AppointmentState
    /// When the citizen checked in.
    public var checkedInAt: Instant?
    /// When the appointment's ticket was first called.
    public var firstCalledAt: Instant?

    /// The record of an appointment; `ticket` is its check-in ticket, if any.
    public init(_ a: Appointment, ticket: Ticket?) {
        code = a.code
        day = a.day
        service = a.service
        at = a.at
        state = a.state
        checkedInAt = a.checkedInAt
        firstCalledAt = ticket?.firstCalledAt
    }

    /// When the ticket became callable: the appointment time, or the check-in if that was later.
    public var dueAt: Instant? { checkedInAt.map { Swift.max($0, at) } }
}
