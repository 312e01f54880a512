import LobbyTouch

/// Whether the kiosk has a usable touchscreen. A missing or broken panel is a state the daemon
/// reports (status page, `lobbyctl`), never a crash.
public enum TouchscreenHealth: Hashable, Sendable, CustomStringConvertible {
    /// No touchscreen is connected (or none matched the configuration).
    case absent
    /// A touchscreen is open and being read.
    case present(name: String, id: VendorProductID)
    /// A touchscreen is there but cannot be used, and why (permissions, grabbed elsewhere, …).
    case error(reason: String)

    /// A short name: `absent`, `present`, `error`.
    public var state: String {
        switch self {
        case .absent: "absent"
        case .present: "present"
        case .error: "error"
        }
    }

    /// `absent`, `present "NAME" vvvv:pppp` or `error: REASON`.
    public var description: String {
        switch self {
        case .absent: "absent"
        case .present(let name, let id): "present \"\(name)\" \(id)"
        case .error(let reason): "error: \(reason)"
        }
    }
}
