import LobbyQueue

/// A category list being shown.
public struct CategoryListState: Hashable, Sendable {
    /// The node whose children are listed.
    public var node: CategoryNodeID
    /// Zero-based page.
    public var page: Int
}

/// A service list being shown.
public struct ServiceListState: Hashable, Sendable {
    /// Which services.
    public var scope: ServiceScope
    /// Letters typed so far (folded).
    public var query: String
    /// Zero-based page.
    public var page: Int
}

/// The service a citizen picked and what has been gathered for it.
public struct ServiceStep: Hashable, Sendable {
    /// The service.
    public var service: ServiceID
    /// The list to return to on back.
    public var list: ServiceListState
    /// Credentials still to present, in order.
    public var remaining: [CredentialKind]
    /// Credentials presented.
    public var credentials: [KioskCredential]
    /// The last reader attempt was unreadable.
    public var unreadable: Bool
    /// The queue's estimate, once known.
    public var estimate: WaitEstimate?
    /// The priority category the citizen chose, nil for an ordinary ticket.
    public var priority: PriorityCategoryID? = nil
}

/// Where the citizen is in the flow.
public enum KioskStage: Hashable, Sendable {
    /// Waiting for a citizen.
    case attract
    /// Choosing a language.
    case language
    /// Choosing a category.
    case categories(CategoryListState)
    /// Choosing a service.
    case services(ServiceListState)
    /// Presenting a credential (the first of `step.remaining`).
    case requirement(ServiceStep)
    /// Confirming and taking the ticket.
    case confirm(ServiceStep)
    /// Choosing a priority category for the ticket (from the confirm screen).
    case priority(ServiceStep)
    /// Waiting for the queue and printer.
    case printing(ServiceStep, RequestID, since: Instant)
    /// The ticket was issued.
    case done(ServiceStep, TicketReceipt)
    /// No ticket was issued.
    case failure(ServiceStep, RequestID, IssueFailure)
    /// Typing a booking code on the keypad.
    case codeEntry(CodeEntry)
    /// Waiting for the queue and printer after a check-in by booking code or ID document.
    case checkingIn(CheckInStep, RequestID, since: Instant)
    /// The appointment was checked in and its ticket issued.
    case checkedIn(CheckInStep, TicketReceipt)
    /// The check-in was refused or the queue did not answer.
    case checkInFailure(CheckInStep, RequestID, IssueFailure)

    /// The name of the screen this stage shows.
    public var screenName: ScreenName {
        switch self {
        case .attract: .attract
        case .language: .language
        case .categories: .categories
        case .services: .services
        case .requirement(let step): step.remaining.first == .appointmentCode ? .appointment : .idDocument
        case .confirm: .confirm
        case .priority: .priority
        case .printing: .printing
        case .done(_, let receipt): receipt.printed ? .done : .doneUnprinted
        case .failure: .failure
        case .codeEntry: .checkIn
        case .checkingIn: .printing
        case .checkedIn(_, let receipt): receipt.printed ? .done : .doneUnprinted
        case .checkInFailure: .checkInFailure
        }
    }
}

/// The flow's whole state.
public struct KioskState: Hashable, Sendable {
    /// The current stage.
    public var stage: KioskStage = .attract
    /// The citizen's language (nil before choosing).
    public var language: Language?
    /// Large text + high contrast.
    public var accessible = false
    /// The last citizen activity.
    public var lastActivity: Instant
    /// Request ids of this visit, per service and priority: taking a ticket again re-uses them.
    public var requests: [RequestKey: RequestID] = [:]
    /// Request ids of this visit, per booking code or document: checking in again re-uses them.
    public var checkInRequests: [CheckInKey: RequestID] = [:]
    /// The latest estimate of a new ticket per service, shown beside each service in the list.
    public var serviceEstimates: [ServiceID: WaitEstimate] = [:]
    /// Request ids allocated so far (never reset; with the host's prefix they stay unique).
    public var requestSerial: UInt64 = 0

    /// The initial state.
    public init(now: Instant) { lastActivity = now }
}

/// What one ticket request of a visit is for: a service, ordinary or of a priority category.
public struct RequestKey: Hashable, Sendable {
    /// The service.
    public var service: ServiceID
    /// The priority category, nil for an ordinary ticket.
    public var priority: PriorityCategoryID?
}
