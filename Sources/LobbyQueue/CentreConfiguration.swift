/// Everything the queue needs to know about a centre; built from the configuration file.
public struct CentreConfiguration: Sendable, Hashable {
    /// The centre's name as printed on tickets.
    public var name: LocalizedText
    /// The IANA time zone of the centre (default `Asia/Baku`).
    public var timeZone: String
    /// Opening hours per weekday; a weekday absent from the map is closed.
    public var openingHours: [Weekday: [OpeningInterval]]
    /// Dates on which the centre is closed (holidays).
    public var closedDays: Set<LocalDate>
    /// The promise: citizens called within this many seconds (default 600).
    public var targetWaitSeconds: Int64
    /// How many times a called ticket may be recalled before it must be marked no-show.
    public var recallLimit: Int
    /// How long after the end of service a satisfaction vote is accepted, in seconds.
    public var voteWindowSeconds: Int64
    /// How many past service days of finished tickets are kept for statistics.
    public var retentionDays: Int
    /// How many past service days of report facts (no citizen data) are kept on disk (default 731: a year and the year before).
    public var reportRetentionDays: Int = 731
    /// Ticket numbering (range and wrap rule).
    public var numbering: NumberingRule
    /// The agencies working in the centre.
    public var agencies: [AgencyDefinition]
    /// The services offered, in kiosk order.
    public var services: [ServiceDefinition]
    /// The windows (counters).
    public var windows: [WindowDefinition]
    /// Priority categories and their policies.
    public var priorities: [PriorityCategory]
    /// When appointments may be checked in (services may override it).
    public var checkInWindow: CheckInWindow

    /// Creates a configuration; defaults match a typical centre.
    public init(
        name: LocalizedText,
        timeZone: String = "Asia/Baku",
        openingHours: [Weekday: [OpeningInterval]] = CentreConfiguration.allDay,
        closedDays: Set<LocalDate> = [],
        targetWaitSeconds: Int64 = 600,
        recallLimit: Int = 2,
        voteWindowSeconds: Int64 = 300,
        retentionDays: Int = 90,
        numbering: NumberingRule = NumberingRule(),
        agencies: [AgencyDefinition],
        services: [ServiceDefinition],
        windows: [WindowDefinition],
        priorities: [PriorityCategory] = [],
        checkInWindow: CheckInWindow = .standard
    ) {
        self.name = name
        self.timeZone = timeZone
        self.openingHours = openingHours
        self.closedDays = closedDays
        self.targetWaitSeconds = targetWaitSeconds
        self.recallLimit = recallLimit
        self.voteWindowSeconds = voteWindowSeconds
        self.retentionDays = retentionDays
        self.numbering = numbering
        self.agencies = agencies
        self.services = services
        self.windows = windows
        self.priorities = priorities
        self.checkInWindow = checkInWindow
    }

    /// Open every day, all day.
    public static let allDay: [Weekday: [OpeningInterval]] = Dictionary(
        uniqueKeysWithValues: Weekday.allCases.map { ($0, [OpeningInterval(opens: TimeOfDay(hour: 0), closes: TimeOfDay(hour: 24))]) })

    /// The service with `id`, if configured.
    public func service(_ id: ServiceID) -> ServiceDefinition? { services.first { $0.id == id } }
    /// The window with `id`, if configured.
    public func window(_ id: WindowID) -> WindowDefinition? { windows.first { $0.id == id } }
    /// The priority category with `id`, if configured.
    public func priority(_ id: PriorityCategoryID) -> PriorityCategory? { priorities.first { $0.id == id } }
    /// The check-in window of a service: its own, else the centre's.
    public func checkInWindow(for service: ServiceID) -> CheckInWindow { self.service(service)?.checkInWindow ?? checkInWindow }
}

/// One interval of opening hours within a day.
public struct OpeningInterval: Sendable, Hashable {
    /// When the doors open (tickets can be taken from then).
    public var opens: TimeOfDay
    /// When the kiosk stops issuing tickets.
    public var closes: TimeOfDay
    /// Creates an interval.
    public init(opens: TimeOfDay, closes: TimeOfDay) {
        self.opens = opens
        self.closes = closes
    }
}

/// How ticket numbers are allocated within a prefix and day.
public struct NumberingRule: Sendable, Hashable {
    /// The first number of each day.
    public var first: Int
    /// The last number before the range is exhausted.
    public var last: Int
    /// Whether numbering restarts at `first` (skipping numbers still in use) when `last` is passed.
    public var wraps: Bool
    /// Creates a rule; the default is 1...999 without wrap.
    public init(first: Int = 1, last: Int = 999, wraps: Bool = false) {
        self.first = first
        self.last = last
        self.wraps = wraps
    }
}

/// An agency working in the centre.
public struct AgencyDefinition: Sendable, Hashable {
    /// The agency's identifier.
    public var id: AgencyID
    /// The agency's name in the kiosk languages.
    public var name: LocalizedText
    /// Creates an agency.
    public init(id: AgencyID, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}

/// A service citizens can take a ticket for.
public struct ServiceDefinition: Sendable, Hashable {
    /// The service's identifier.
    public var id: ServiceID
    /// The agency providing it.
    public var agency: AgencyID
    /// The service's name in the kiosk languages.
    public var name: LocalizedText
    /// The path of category names in the kiosk tree, outermost first.
    public var categoryPath: [LocalizedText]
    /// One or two capital letters printed before the number.
    public var prefix: String
    /// At most this many tickets per day (nil: unlimited).
    public var dailyCap: Int?
    /// The expected service time, used until enough services have been observed.
    public var expectedServiceSeconds: Int64
    /// Tickets are issued only for appointments.
    public var appointmentOnly: Bool
    /// An ID document must be presented at the kiosk.
    public var requiresIDDocument: Bool
    /// The service's own check-in window for appointments (nil: the centre's).
    public var checkInWindow: CheckInWindow?

    /// Creates a service.
    public init(
        id: ServiceID, agency: AgencyID, name: LocalizedText, categoryPath: [LocalizedText] = [],
        prefix: String, dailyCap: Int? = nil, expectedServiceSeconds: Int64 = 300,
        appointmentOnly: Bool = false, requiresIDDocument: Bool = false, checkInWindow: CheckInWindow? = nil
    ) {
        self.id = id
        self.agency = agency
        self.name = name
        self.categoryPath = categoryPath
        self.prefix = prefix
        self.dailyCap = dailyCap
        self.expectedServiceSeconds = expectedServiceSeconds
        self.appointmentOnly = appointmentOnly
        self.requiresIDDocument = requiresIDDocument
        self.checkInWindow = checkInWindow
    }
}

/// A window (counter) and the services it serves.
public struct WindowDefinition: Sendable, Hashable {
    /// The window number shown to citizens.
    public var id: WindowID
    /// The agency staffing it.
    public var agency: AgencyID
    /// The services it serves with a weight each (higher weight: served more often).
    public var services: [ServiceID: Int]
    /// Creates a window.
    public init(id: WindowID, agency: AgencyID, services: [ServiceID: Int]) {
        self.id = id
        self.agency = agency
        self.services = services
    }
}

/// A category of citizens with priority (disabled, aged 65+, pregnant, veteran, appointment).
public struct PriorityCategory: Sendable, Hashable {
    /// The category's identifier.
    public var id: PriorityCategoryID
    /// The category's name in the kiosk languages.
    public var name: LocalizedText
    /// How the category is favoured when a window calls.
    public var policy: PriorityPolicy
    /// What a citizen of the category shows or is asked at the window (kiosk and done screen), if anything.
    public var proof: LocalizedText?
    /// Whether citizens may choose the category themselves at the kiosk.
    public var atKiosk: Bool
    /// Creates a category.
    public init(id: PriorityCategoryID, name: LocalizedText, policy: PriorityPolicy, proof: LocalizedText? = nil, atKiosk: Bool = true) {
        self.id = id
        self.name = name
        self.policy = policy
        self.proof = proof
        self.atKiosk = atKiosk
    }
}

/// How a priority category is favoured by call-next.
public enum PriorityPolicy: Sendable, Hashable {
    /// Called before regular tickets, but after `maxConsecutive` priority calls in a row at a
    /// window one regular ticket is called if any waits (so regular lines keep moving).
    case first(maxConsecutive: Int)
    /// Treated as a regular ticket that has waited `seconds` longer than it has.
    case boost(seconds: Int64)
}
