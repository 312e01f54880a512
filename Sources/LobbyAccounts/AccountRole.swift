/// What a person's account may do (Docs/Accounts.md): machine tokens (kiosk, technician, admin)
/// are configuration, people are accounts.
public enum AccountRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// Works at one window at a time: the window's commands and its own tickets.
    case `operator`
    /// Keeps the floor: every window's commands, every ticket, statistics, the event stream.
    case supervisor
    /// Everything a supervisor may, and the roster (accounts).
    case manager
}
