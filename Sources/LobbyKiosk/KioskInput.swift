import LobbyQueue

/// Everything the kiosk flow reacts to.
public enum KioskInput: Hashable, Sendable {
    /// A tap at screen pixel coordinates, hit-tested against the current screen.
    case tap(x: Double, y: Double)
    /// A button action delivered directly (keyboard navigation, tests).
    case action(KioskAction)
    /// Time passes: idle and printing timeouts are checked.
    case tick
    /// An ID reader or appointment scanner delivered a credential.
    case credential(KioskCredential)
    /// A reader saw something it could not use (unreadable card, unknown code).
    case credentialUnreadable(CredentialKind)
    /// The queue's estimate for a service, asked for with `KioskEffect.requestEstimate`.
    case estimate(ServiceID, WaitEstimate)
    /// The queue's estimate for a priority ticket, asked for with `KioskEffect.requestPriorityEstimate`.
    case priorityEstimate(ServiceID, PriorityCategoryID, WaitEstimate)
    /// The estimate of a new ticket of each service, asked for with `KioskEffect.requestServiceEstimates`.
    case serviceEstimates([ServiceID: WaitEstimate])
    /// The queue issued the ticket (printed or not).
    case issued(TicketReceipt)
    /// The queue refused or did not answer a request.
    case issueFailed(RequestID, IssueFailure)
}

/// The kinds of proof a service may require at the kiosk.
public enum CredentialKind: String, Hashable, Sendable, CaseIterable {
    /// An ID document on the reader.
    case idDocument
    /// An appointment code (QR or typed elsewhere).
    case appointmentCode
}

/// A credential a reader delivered; only an opaque reference, never personal data.
public struct KioskCredential: Hashable, Sendable {
    /// What kind of credential.
    public var kind: CredentialKind
    /// An opaque reference the queue understands (a keyed hash, an appointment code).
    public var reference: String

    /// A credential from its parts.
    public init(kind: CredentialKind, reference: String) {
        self.kind = kind
        self.reference = reference
    }
}

/// What the queue reports after issuing a ticket.
public struct TicketReceipt: Hashable, Sendable {
    /// The request this answers.
    public var requestID: RequestID
    /// The displayed number, e.g. "A042".
    public var number: String
    /// People ahead of this ticket.
    public var peopleAhead: Int
    /// Expected wait in seconds.
    public var expectedWaitSeconds: Int64
    /// Whether a printer printed it; false: the number is shown on screen only.
    public var printed: Bool
    /// The ticket's service, when the kiosk did not choose it (check-in by booking code).
    public var service: ServiceID?
    /// The appointment time of a checked-in appointment (the ticket is called then).
    public var appointmentTime: TimeOfDay?
    /// The windows that serve the ticket's service (where to go when called); empty when unknown.
    public var windows: [Int]
    /// The ticket's priority category, nil for an ordinary ticket.
    public var priority: PriorityCategoryID? = nil
    /// The address of the ticket's status page (the done screen's QR code), nil when the centre has none.
    public var statusURL: String? = nil

    /// A receipt from its parts.
    public init(requestID: RequestID, number: String, peopleAhead: Int, expectedWaitSeconds: Int64, printed: Bool,
                service: ServiceID? = nil, appointmentTime: TimeOfDay? = nil, windows: [Int] = [], priority: PriorityCategoryID? = nil,
                statusURL: String? = nil) {
        self.windows = windows
        self.priority = priority
        self.statusURL = statusURL
        self.requestID = requestID
        self.number = number
        self.peopleAhead = peopleAhead
        self.expectedWaitSeconds = expectedWaitSeconds
        self.printed = printed
        self.service = service
        self.appointmentTime = appointmentTime
    }
}

/// Why a ticket was not issued.
public enum IssueFailure: Hashable, Sendable {
    /// The queue did not answer or is unreachable (a retry may succeed).
    case unavailable
    /// The service takes no more tickets now (closed, daily cap reached).
    case serviceClosed
    /// The credential was not accepted (no such appointment, document refused).
    case credentialRefused
    /// No appointment has this booking code.
    case unknownBookingCode
    /// The presented ID document has no appointment today or later.
    case noAppointmentForDocument
    /// The appointment was cancelled.
    case appointmentCancelled
    /// The appointment is on another day: `day`, in the past when `past`.
    case appointmentOnOtherDay(day: LocalDate, past: Bool)
    /// Check-in has not opened yet; it opens at `opensAt` (centre's local time).
    case checkInTooEarly(opensAt: TimeOfDay)
    /// Check-in closed at `closedAt`; `walkInService` takes ordinary tickets for the same matter
    /// (nil: the service is by appointment only).
    case checkInTooLate(closedAt: TimeOfDay, walkInService: ServiceID?)

    /// The failure a refusal of the queue means at the kiosk (`QueueError` of a ticket or check-in command).
    public init(refusal: QueueError) {
        switch refusal {
        case .unknownBookingCode: self = .unknownBookingCode
        case .appointmentCancelled: self = .appointmentCancelled
        case .appointmentOnOtherDay(_, let day, let today): self = .appointmentOnOtherDay(day: day, past: day < today)
        case .checkInTooEarly(_, _, _, let opensAt): self = .checkInTooEarly(opensAt: opensAt)
        case .checkInTooLate(_, _, let closedAt, let walkIn): self = .checkInTooLate(closedAt: closedAt, walkInService: walkIn)
        case .noAppointmentForPerson: self = .noAppointmentForDocument
        case .idDocumentRequired, .appointmentRequired: self = .credentialRefused
        default: self = refusal.isNotFound ? .credentialRefused : .serviceClosed
        }
    }
}
