import LobbyQueue

/// What the flow asks the outside world to do.
public enum KioskEffect: Hashable, Sendable {
    /// Issue (and print) a ticket; retries carry the same request id.
    case issueTicket(KioskTicketRequest)
    /// Check in an appointment by its booking code or an ID document and issue (and print) its ticket; retries carry
    /// the same request id. Answer with `KioskInput.issued` or `.issueFailed` for `requestID`.
    case checkIn(KioskCheckInRequest)
    /// Ask the queue for the current estimate of a service (answer with `KioskInput.estimate`).
    case requestEstimate(ServiceID)
    /// Ask the queue for the estimate of a priority ticket (answer with `KioskInput.priorityEstimate`).
    case requestPriorityEstimate(ServiceID, PriorityCategoryID)
    /// Ask the queue for the estimate of a new ticket of every service, for the service list
    /// (answer with `KioskInput.serviceEstimates`).
    case requestServiceEstimates
    /// Start listening to a reader for a credential.
    case startReader(CredentialKind)
    /// Stop listening to readers.
    case stopReaders
    /// The visible screen changed: draw the new model.
    case screenChanged(ScreenName)
}

/// A request to issue one ticket.
public struct KioskTicketRequest: Hashable, Sendable {
    /// The service.
    public var service: ServiceID
    /// The citizen's language (for the ticket text).
    public var language: Language
    /// The idempotency key: one per visit and service.
    public var requestID: RequestID
    /// Credentials presented at the kiosk, in the order asked.
    public var credentials: [KioskCredential]
    /// The priority category the citizen chose, nil for an ordinary ticket.
    public var priority: PriorityCategoryID?

    /// A request from its parts.
    public init(service: ServiceID, language: Language, requestID: RequestID, credentials: [KioskCredential] = [],
                priority: PriorityCategoryID? = nil) {
        self.service = service
        self.language = language
        self.requestID = requestID
        self.credentials = credentials
        self.priority = priority
    }
}

/// A request to check in one appointment by its booking code or an ID document.
public struct KioskCheckInRequest: Hashable, Sendable {
    /// What finds the appointment.
    public var key: CheckInKey
    /// The citizen's language (for the ticket text).
    public var language: Language
    /// The idempotency key: one per visit and key.
    public var requestID: RequestID

    /// A request from its parts.
    public init(key: CheckInKey, language: Language, requestID: RequestID) {
        self.key = key
        self.language = language
        self.requestID = requestID
    }

    /// A request to check in by a validated booking code.
    public init(code: BookingCode, language: Language, requestID: RequestID) {
        self.init(key: .bookingCode(code), language: language, requestID: requestID)
    }
}
