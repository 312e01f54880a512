import LobbyQueue

/// What the flow asks the outside world to do.
public enum KioskEffect: Hashable, Sendable {
    /// Issue (and print) a ticket; retries carry the same request id.
    case issueTicket(KioskTicketRequest)
    /// Ask the queue for the current estimate of a service (answer with `KioskInput.estimate`).
    case requestEstimate(ServiceID)
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

    /// A request from its parts.
    public init(service: ServiceID, language: Language, requestID: RequestID, credentials: [KioskCredential] = []) {
        self.service = service
        self.language = language
        self.requestID = requestID
        self.credentials = credentials
    }
}
