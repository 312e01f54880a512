import LobbyQueue

/// What a kiosk button does when tapped.
public enum KioskAction: Hashable, Sendable {
    /// Leave the attract screen.
    case start
    /// Pick the citizen's language.
    case chooseLanguage(Language)
    /// Open a category node of the catalogue.
    case openCategory(CategoryNodeID)
    /// Open the alphabetical list of every service.
    case allServices
    /// Pick a service.
    case chooseService(ServiceID)
    /// Show the next page of a list.
    case nextPage
    /// Show the previous page of a list.
    case previousPage
    /// Append a letter to the search (services) or a character to the booking code (check-in).
    case letter(String)
    /// Remove the last letter of the search or of the booking code.
    case deleteLetter
    /// Clear the search or the booking code.
    case clearLetters
    /// Take the ticket (idempotent within a visit).
    case takeTicket
    /// Retry issuing after a failure (same request id).
    case retry
    /// Open the booking-code keypad: appointment check-in, or typing the code a service asks for.
    case openCheckIn
    /// Check in with the typed booking code (or hand it to the service asking for it); idempotent within a visit.
    case checkIn
    /// After a refused check-in: take an ordinary ticket (the walk-in service when known, else the list).
    case ordinaryTicket
    /// One screen back.
    case back
    /// Back to the attract screen, ending the visit.
    case home
    /// Switch large text + high contrast on or off.
    case toggleAccessible
    /// Open the list of priority categories (from the confirm screen).
    case openPriority
    /// Ask for a priority ticket of a category.
    case choosePriority(PriorityCategoryID)
    /// Take an ordinary ticket after all (no priority).
    case noPriority
}

extension KioskAction: CustomStringConvertible {
    /// The action's name, as in its text form: `start`, `chooseLanguage`, `takeTicket`, …
    public var name: String {
        switch self {
        case .start: "start"
        case .chooseLanguage: "chooseLanguage"
        case .openCategory: "openCategory"
        case .allServices: "allServices"
        case .chooseService: "chooseService"
        case .nextPage: "nextPage"
        case .previousPage: "previousPage"
        case .letter: "letter"
        case .deleteLetter: "deleteLetter"
        case .clearLetters: "clearLetters"
        case .takeTicket: "takeTicket"
        case .retry: "retry"
        case .openCheckIn: "openCheckIn"
        case .checkIn: "checkIn"
        case .ordinaryTicket: "ordinaryTicket"
        case .back: "back"
        case .home: "home"
        case .toggleAccessible: "toggleAccessible"
        case .openPriority: "openPriority"
        case .choosePriority: "choosePriority"
        case .noPriority: "noPriority"
        }
    }

    /// The action's argument, as in its text form: the language code, category number,
    /// service id or letter; nil for actions without one.
    public var argument: String? {
        switch self {
        case .chooseLanguage(let language): language.rawValue
        case .openCategory(let node): String(node.rawValue)
        case .chooseService(let service): service.rawValue
        case .letter(let letter): letter
        case .choosePriority(let category): category.rawValue
        default: nil
        }
    }

    /// The stable text form shown by `lobbyctl kiosk status` and `GET /api/v1/kiosk`:
    /// `name` or `name:argument` — `takeTicket`, `chooseLanguage:az`, `openCategory:3`,
    /// `chooseService:passport`, `letter:Ə`. `KioskAction(text:)` reads it back.
    public var description: String {
        argument.map { "\(name):\($0)" } ?? name
    }

    /// Reads the text form; nil for an unknown name or a missing or malformed argument.
    public init?(text: String) {
        let name = text.prefix { $0 != ":" }
        let argument = text.firstIndex(of: ":").map { String(text[text.index(after: $0)...]) }
        switch (name, argument) {
        case ("chooseLanguage", let code?):
            guard let language = Language(rawValue: code) else { return nil }
            self = .chooseLanguage(language)
        case ("openCategory", let number?):
            guard let index = Int(number), index >= 0 else { return nil }
            self = .openCategory(CategoryNodeID(index))
        case ("chooseService", let id?) where !id.isEmpty:
            self = .chooseService(ServiceID(id))
        case ("letter", let letter?) where !letter.isEmpty:
            self = .letter(letter)
        case ("choosePriority", let id?) where !id.isEmpty:
            self = .choosePriority(PriorityCategoryID(id))
        case (_, nil):
            guard let action = Self.withoutArgument.first(where: { $0.name == name }) else { return nil }
            self = action
        default:
            return nil
        }
    }

    /// Every action that takes no argument.
    static let withoutArgument: [KioskAction] = [.start, .allServices, .nextPage, .previousPage, .deleteLetter, .clearLetters, .takeTicket,
                                                 .retry, .openCheckIn, .checkIn, .ordinaryTicket, .back, .home, .toggleAccessible,
                                                 .openPriority, .noPriority]
}
