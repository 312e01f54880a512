import LobbyQueue

/// How a kiosk behaves: screen, timeouts, names.
public struct KioskConfiguration: Hashable, Sendable {
    /// The screen.
    public var geometry: KioskGeometry
    /// The centre's name, shown on the attract screen.
    public var centreName: LocalizedText
    /// Unique per kiosk and start (e.g. kiosk id + boot time); request ids are `prefix-serial`.
    public var requestPrefix: String
    /// Seconds without a touch before a screen returns to attract.
    public var idleTimeoutSeconds: Int64
    /// Seconds the printed number stays before returning to attract.
    public var doneTimeoutSeconds: Int64
    /// Seconds the unprinted number stays (time to photograph it).
    public var unprintedTimeoutSeconds: Int64
    /// Seconds to wait for the queue before showing the failure screen.
    public var printingTimeoutSeconds: Int64
    /// Whether an ID document presented on the check-in keypad finds the citizen's appointment
    /// (the kiosk has a document reader and the centre hashes personal numbers).
    public var documentCheckIn: Bool
    /// The priority categories citizens may choose at the kiosk, in configuration order (none: no priority step).
    public var priorities: [PriorityCategory]

    /// A configuration; the defaults suit a typical lobby.
    public init(geometry: KioskGeometry = .portraitFullHD, centreName: LocalizedText, requestPrefix: String,
                idleTimeoutSeconds: Int64 = 60, doneTimeoutSeconds: Int64 = 20, unprintedTimeoutSeconds: Int64 = 120,
                printingTimeoutSeconds: Int64 = 15, documentCheckIn: Bool = false, priorities: [PriorityCategory] = []) {
        self.geometry = geometry
        self.centreName = centreName
        self.requestPrefix = requestPrefix
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.doneTimeoutSeconds = doneTimeoutSeconds
        self.unprintedTimeoutSeconds = unprintedTimeoutSeconds
        self.printingTimeoutSeconds = printingTimeoutSeconds
        self.documentCheckIn = documentCheckIn
        self.priorities = priorities.filter(\.atKiosk)
    }

    /// The kiosk's priority category with `id`.
    public func priority(_ id: PriorityCategoryID) -> PriorityCategory? { priorities.first { $0.id == id } }
}
