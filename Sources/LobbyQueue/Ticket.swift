/// The number printed on a ticket and shown on boards, e.g. `A042`.
public struct TicketNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// One or two capital letters of the service.
    public let prefix: String
    /// The number within the prefix and day.
    public let value: Int
    /// 1 for the first pass through the numbering range, 2 after one wrap, and so on.
    public let cycle: Int

    /// Creates a ticket number.
    public init(prefix: String, value: Int, cycle: Int = 1) {
        self.prefix = prefix
        self.value = value
        self.cycle = cycle
    }

    /// The text shown to citizens: the prefix and at least three digits.
    public var description: String {
        let digits = String(value)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// Orders numbers by prefix, cycle and value.
    public static func < (a: Self, b: Self) -> Bool {
        (a.prefix, a.cycle, a.value) < (b.prefix, b.cycle, b.value)
    }
}

/// Where a ticket is in its life.
public enum TicketState: String, Sendable, Hashable, CaseIterable {
    /// In a service line, waiting to be called.
    case waiting
    /// Called to a window; the citizen is on the way.
    case called
    /// Being served at a window.
    case serving
    /// Put aside by an operator (citizen returns later); not in any line.
    case parked
    /// Served; the end of a normal life.
    case done
    /// Called but did not come.
    case noShow
    /// Withdrawn before being served.
    case cancelled
    /// Still open when its service day ended.
    case expired

    /// Whether the ticket can no longer change.
    public var isFinal: Bool {
        switch self {
        case .done, .noShow, .cancelled, .expired: true
        case .waiting, .called, .serving, .parked: false
        }
    }
}

/// Where a transferred or unparked ticket joins a line.
public enum LinePosition: String, Sendable, Hashable {
    /// Before every waiting ticket of the line.
    case front
    /// After every waiting ticket of the line.
    case back
}

/// A ticket and everything that happened to it.
public struct Ticket: Sendable, Hashable {
    /// The never-reused identifier.
    public let id: TicketID
    /// The number shown to the citizen.
    public let number: TicketNumber
    /// The service day the ticket belongs to.
    public let day: LocalDate
    /// The service it waits for now (changes on transfer).
    public var service: ServiceID
    /// The service it was issued for.
    public let originalService: ServiceID
    /// The citizen's language.
    public let language: Language
    /// The priority category, if any.
    public let priority: PriorityCategoryID?
    /// The appointment time, for tickets of online appointments.
    public let appointmentAt: Instant?
    /// The keyed hash of the citizen's personal number, when an ID was presented.
    public let personKey: PersonKey?
    /// When the ticket was issued (kept across transfers for statistics).
    public let issuedAt: Instant
    /// Where the ticket is in its life.
    public var state: TicketState
    /// When it joined its current line (used for fairness).
    public var lineEnteredAt: Instant
    /// When it was first called.
    public var firstCalledAt: Instant?
    /// When it was most recently called.
    public var calledAt: Instant?
    /// When service began (explicitly, or implicitly at finish).
    public var startedAt: Instant?
    /// When service ended.
    public var finishedAt: Instant?
    /// The window it is called to or served at.
    public var window: WindowID?
    /// The window that parked it, while it is parked.
    public var parkedAt: WindowID?
    /// The operator serving it.
    public var servedBy: OperatorID?
    /// How many times it was recalled at its current call.
    public var recallCount: Int
    /// The satisfaction vote (1...5), once cast.
    public var vote: Int?
    /// How the ticket reached the citizen (nil until the kiosk reports it).
    public var delivery: TicketDelivery?

    /// Creates a freshly issued ticket.
    public init(
        id: TicketID, number: TicketNumber, day: LocalDate, service: ServiceID, language: Language,
        priority: PriorityCategoryID?, appointmentAt: Instant?, personKey: PersonKey?, issuedAt: Instant
    ) {
        self.id = id
        self.number = number
        self.day = day
        self.service = service
        self.originalService = service
        self.language = language
        self.priority = priority
        self.appointmentAt = appointmentAt
        self.personKey = personKey
        self.issuedAt = issuedAt
        self.state = .waiting
        self.lineEnteredAt = issuedAt
        self.recallCount = 0
    }
}
