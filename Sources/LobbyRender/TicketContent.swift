import LobbyEscPos

/// The language a ticket is printed in (the one the citizen chose at the kiosk).
public enum TicketLanguage: String, Equatable, Hashable, Sendable, CaseIterable {
    /// Azerbaijani (Latin script).
    case az
    /// Russian.
    case ru
    /// English.
    case en
}

/// What one printed ticket says. Everything arrives already formatted by the caller: the date and
/// time in the centre's time zone, the service name in the chosen language. Optional lines are
/// empty strings (a block that shows only empty fields is left out).
public struct TicketContent: Equatable, Sendable {
    /// Language of the labels taken from the template.
    public var language: TicketLanguage
    /// Name of the centre.
    public var centreName: String
    /// Service name in `language`.
    public var serviceName: String
    /// Ticket number as shown, e.g. `A042`.
    public var ticketNumber: String
    /// People waiting before this ticket.
    public var peopleAhead: Int
    /// Expected wait in whole minutes.
    public var expectedWaitMinutes: Int
    /// Issue date, formatted by the caller.
    public var issueDate: String
    /// Issue time, formatted by the caller.
    public var issueTime: String
    /// Address the QR code points to (ticket status page).
    public var statusURL: String
    /// A short note (may be empty; blocks that only show an empty field are left out).
    public var note: String
    /// The agency that serves the service, e.g. `Ədliyyə Nazirliyi`.
    public var agencyName: String = ""
    /// The windows serving the service, e.g. `4–6, 9`.
    public var windows: String = ""
    /// The zone of those windows, e.g. `B`.
    public var zone: String = ""
    /// The floor of those windows, e.g. `2`.
    public var floor: String = ""
    /// The priority category's name, empty for an ordinary ticket.
    public var priority: String = ""
    /// The appointment time (`HH:mm`) of an appointment's ticket.
    public var appointmentTime: String = ""
    /// The short code a citizen can type to find the ticket's page, e.g. `7KQ2M-X9RTA`.
    public var trackingCode: String = ""
    /// The centre's hotline.
    public var hotline: String = ""
    /// The centre's website.
    public var website: String = ""
    /// The centre's logo (printed at its size in dots), nil: none.
    public var logo: MonoBitmap?
    /// The wait is too short to tell in minutes (people are ahead, but "~0 min" or "~1 min" would
    /// read badly): templates say "you will be called shortly" instead; `expectedWaitMinutes` is then 0.
    public var calledShortly = false

    /// Creates the content; the optional lines are set afterwards.
    public init(
        language: TicketLanguage, centreName: String, serviceName: String, ticketNumber: String,
        peopleAhead: Int, expectedWaitMinutes: Int, issueDate: String, issueTime: String,
        statusURL: String, note: String = ""
    ) {
        self.language = language
        self.centreName = centreName
        self.serviceName = serviceName
        self.ticketNumber = ticketNumber
        self.peopleAhead = peopleAhead
        self.expectedWaitMinutes = expectedWaitMinutes
        self.issueDate = issueDate
        self.issueTime = issueTime
        self.statusURL = statusURL
        self.note = note
    }

    /// The value of a field as text.
    public func value(of field: TicketField) -> String {
        switch field {
        case .centreName: centreName
        case .serviceName: serviceName
        case .ticketNumber: ticketNumber
        case .peopleAhead: String(peopleAhead)
        case .expectedWaitMinutes: String(expectedWaitMinutes)
        case .issueDate: issueDate
        case .issueTime: issueTime
        case .statusURL: statusURL
        case .note: note
        case .agencyName: agencyName
        case .windows: windows
        case .zone: zone
        case .floor: floor
        case .priority: priority
        case .appointmentTime: appointmentTime
        case .trackingCode: trackingCode
        case .hotline: hotline
        case .website: website
        case .calledShortly: calledShortly ? "yes" : ""
        }
    }

    /// Whether a field counts as present for a block's `if`/`unless`: not empty and not `0`.
    public func isPresent(_ field: TicketField) -> Bool {
        let text = value(of: field)
        return !text.isEmpty && text != "0"
    }
}

/// A field of `TicketContent` that a template can show, by its name in templates.
public enum TicketField: String, Equatable, Hashable, Sendable, CaseIterable {
    /// `{centreName}`.
    case centreName
    /// `{serviceName}`.
    case serviceName
    /// `{ticketNumber}`.
    case ticketNumber
    /// `{peopleAhead}`.
    case peopleAhead
    /// `{expectedWaitMinutes}`.
    case expectedWaitMinutes
    /// `{issueDate}`.
    case issueDate
    /// `{issueTime}`.
    case issueTime
    /// `{statusURL}`.
    case statusURL
    /// `{note}`.
    case note
    /// `{agencyName}`.
    case agencyName
    /// `{windows}`.
    case windows
    /// `{zone}`.
    case zone
    /// `{floor}`.
    case floor
    /// `{priority}`.
    case priority
    /// `{appointmentTime}`.
    case appointmentTime
    /// `{trackingCode}`.
    case trackingCode
    /// `{hotline}`.
    case hotline
    /// `{website}`.
    case website
    /// `yes` when the wait is told as "called shortly", else empty (for `if`/`unless`).
    case calledShortly
}
