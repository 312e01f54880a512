/// How a ticket reached its citizen: printed on a printer, or shown on the kiosk's screen when no
/// printer could print it (the ticket is valid either way).
public enum TicketDelivery: Sendable, Hashable {
    /// The print job completed on this printer, which reported no error.
    case printed(printer: String)
    /// No printer could print; the kiosk showed the number large enough to photograph.
    case shownOnScreen(reason: String)

    /// `printed` or `shown-on-screen`.
    public var kind: String {
        switch self {
        case .printed: "printed"
        case .shownOnScreen: "shown-on-screen"
        }
    }
}
