import LobbyEscPos

/// One ticket to print. The pool asks `render` for the bytes of the printer it chose, with that
/// printer's profile (a 58 mm printer gets a 384-dot ticket); the bytes are made once per profile
/// and ticket.
public struct TicketPrintRequest: Sendable {
    /// The ticket number as shown (e.g. `A042`); used in job titles and events, never personal data.
    public var ticket: String
    /// The ESC/POS bytes of the ticket for one printer profile.
    public let render: @Sendable (PrinterProfile) throws -> [UInt8]

    /// A request rendered per printer profile.
    public init(ticket: String, render: @escaping @Sendable (PrinterProfile) throws -> [UInt8]) {
        self.ticket = ticket
        self.render = render
    }

    /// A request whose bytes are the same for every printer (tests, raw jobs).
    public init(ticket: String, bytes: [UInt8]) {
        self.init(ticket: ticket) { _ in bytes }
    }
}
