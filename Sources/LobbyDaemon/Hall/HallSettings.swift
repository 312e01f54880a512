import Foundation

/// What supervisors set for the hall and what lobbyd keeps across restarts: the notice line and
/// quiet mode (Decision 0072).
struct HallSettings: Codable, Sendable, Equatable {
    /// The notice line shown on the hall page, or nil.
    var notice: HallNotice?
    /// Calls are shown but not spoken while true.
    var quiet: Bool
}

/// A supervisor's message on the hall page ("closing at 17:30", "window 4 is closed today").
struct HallNotice: Codable, Sendable, Equatable {
    /// The text shown (and spoken once, when a sound card is configured).
    var text: String
    /// The language the text is written in, for speech (az, ru or en).
    var language: String
    /// Who set it (an account name, or the role of a token or the local socket).
    var setBy: String
    /// Why, as the supervisor wrote it.
    var reason: String
    /// When, in milliseconds since 1970.
    var at: Int64
}

/// One change of the hall settings, kept in `hall-audit.jsonl` beside the journal (one JSON
/// object a line, appended and synced before the change is acknowledged).
struct HallAuditEntry: Codable, Sendable, Equatable {
    /// `notice-set`, `notice-cleared`, `quiet-on`, `quiet-off` or `spoken`.
    var action: String
    /// Who did it.
    var by: String
    /// The role they acted in.
    var role: String
    /// Why, as they wrote it.
    var reason: String
    /// The notice or spoken text, when there is one.
    var text: String?
    /// When, in milliseconds since 1970.
    var at: Int64
}
