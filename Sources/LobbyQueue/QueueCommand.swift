/// A command to the queue, as sent by a kiosk, an operator, a keypad or a technician.
public enum QueueCommand: Sendable, Hashable {
    /// Issue a ticket for a service.
    case issueTicket(TicketRequest)
    /// Call the next citizen to a window.
    case callNext(window: WindowID)
    /// Call the window's current ticket again.
    case recall(window: WindowID)
    /// The called citizen did not come.
    case noShow(window: WindowID)
    /// The called citizen arrived; service begins.
    case startService(window: WindowID)
    /// Service of the window's current ticket ended.
    case finishService(window: WindowID)
    /// Send the window's current ticket to another service's line.
    case transfer(window: WindowID, to: ServiceID, position: LinePosition)
    /// Put the window's current ticket aside until the citizen returns.
    case park(window: WindowID)
    /// Return a parked ticket to its line.
    case unpark(ticket: TicketID, position: LinePosition)
    /// Withdraw a waiting or parked ticket.
    case cancel(ticket: TicketID)
    /// A satisfaction vote for a served ticket.
    case vote(VoteRequest)
    /// Open, pause or close a window.
    case setWindowState(window: WindowID, state: WindowState)
    /// An operator signs in at a window.
    case signIn(window: WindowID, operator: OperatorID)
    /// The operator at a window signs out.
    case signOut(window: WindowID)
    /// The kiosk reports how a ticket reached the citizen (printed, or shown on screen).
    case recordDelivery(ticket: TicketID, delivery: TicketDelivery)
    /// The online booking system booked an appointment.
    case bookAppointment(AppointmentBooking)
    /// The online booking system withdrew an appointment.
    case cancelAppointment(code: BookingCode)
    /// The online booking system moved an appointment to another time.
    case rescheduleAppointment(code: BookingCode, at: Instant)
    /// A citizen with an appointment checks in at the kiosk and gets the appointment's ticket.
    case checkIn(AppointmentCheckIn)
    /// A technician accepts that damaged journal records are lost (written by `lobbyctl journal recover`).
    case acceptJournalLoss(JournalLoss)
    /// A supervisor's change to the floor, with who and why.
    case supervise(SupervisorAction)

    /// A short name of the command for logs and metrics.
    public var name: String {
        switch self {
        case .issueTicket: "issueTicket"
        case .callNext: "callNext"
        case .recall: "recall"
        case .noShow: "noShow"
        case .startService: "startService"
        case .finishService: "finishService"
        case .transfer: "transfer"
        case .park: "park"
        case .unpark: "unpark"
        case .cancel: "cancel"
        case .vote: "vote"
        case .setWindowState: "setWindowState"
        case .signIn: "signIn"
        case .signOut: "signOut"
        case .recordDelivery: "recordDelivery"
        case .bookAppointment: "bookAppointment"
        case .cancelAppointment: "cancelAppointment"
        case .rescheduleAppointment: "rescheduleAppointment"
        case .checkIn: "checkIn"
        case .acceptJournalLoss: "acceptJournalLoss"
        case .supervise: "supervise"
        }
    }
}

/// What a kiosk asks for when a citizen takes a ticket.
public struct TicketRequest: Sendable, Hashable {
    /// The service chosen.
    public var service: ServiceID
    /// The citizen's language.
    public var language: Language
    /// A priority category the citizen is entitled to.
    public var priority: PriorityCategoryID?
    /// The appointment time, for a check-in of an online appointment.
    public var appointmentAt: Instant?
    /// The keyed hash of the personal number, when an ID document was presented.
    public var personKey: PersonKey?

    /// Creates a ticket request.
    public init(
        service: ServiceID, language: Language = .az, priority: PriorityCategoryID? = nil,
        appointmentAt: Instant? = nil, personKey: PersonKey? = nil
    ) {
        self.service = service
        self.language = language
        self.priority = priority
        self.appointmentAt = appointmentAt
        self.personKey = personKey
    }
}

/// A satisfaction vote as delivered by a keypad or the API.
public struct VoteRequest: Sendable, Hashable {
    /// The served ticket.
    public var ticket: TicketID
    /// 1 (very dissatisfied) ... 5 (very satisfied).
    public var score: Int
    /// The window the vote was cast at, when known (keypads know it).
    public var window: WindowID?
    /// When the citizen pressed the key, if the device reports it (votes delayed by a bus outage).
    public var castAt: Instant?

    /// Creates a vote request.
    public init(ticket: TicketID, score: Int, window: WindowID? = nil, castAt: Instant? = nil) {
        self.ticket = ticket
        self.score = score
        self.window = window
        self.castAt = castAt
    }
}

/// A command with the client's request identifier.
public struct CommandRequest: Sendable, Hashable {
    /// The client's identifier; a repeated identifier returns the first result.
    public var requestID: RequestID
    /// The command.
    public var command: QueueCommand
    /// Creates a request.
    public init(_ requestID: RequestID, _ command: QueueCommand) {
        self.requestID = requestID
        self.command = command
    }
}
