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
    /// Append a letter to the search.
    case letter(String)
    /// Remove the last letter of the search.
    case deleteLetter
    /// Clear the search.
    case clearLetters
    /// Take the ticket (idempotent within a visit).
    case takeTicket
    /// Retry issuing after a failure (same request id).
    case retry
    /// One screen back.
    case back
    /// Back to the attract screen, ending the visit.
    case home
    /// Switch large text + high contrast on or off.
    case toggleAccessible
}
