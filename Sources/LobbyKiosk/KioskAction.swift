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
}
