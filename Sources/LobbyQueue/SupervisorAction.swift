/// A supervisor's change to the floor, with who made it and why. It is a queue command, so it
/// is journaled with the queue's other records and survives a restart (Docs/Supervisor.md).
public struct SupervisorAction: Sendable, Hashable {
    /// Who acted: the signed-in account's name, or the credential's role for tokens and the socket.
    public var actor: String
    /// Why, in the supervisor's words (required, at most `maxReasonLength` characters).
    public var reason: String
    /// What changes.
    public var change: SupervisorChange

    /// The longest reason kept.
    public static let maxReasonLength = 500

    /// Creates an action.
    public init(actor: String, reason: String, change: SupervisorChange) {
        self.actor = actor
        self.reason = reason
        self.change = change
    }
}

/// What a supervisor changes.
public enum SupervisorChange: Sendable, Hashable {
    /// Opens a window.
    case openWindow(WindowID)
    /// Closes a window (refused while it has a called or served ticket).
    case closeWindow(WindowID)
    /// Gives a window these services and weights for the rest of the service day.
    case assignServices(WindowID, services: [ServiceID: Int])
    /// Moves a waiting ticket to another service's line.
    case moveTicket(TicketID, to: ServiceID, position: LinePosition)
    /// Withdraws a waiting or parked ticket.
    case cancelTicket(TicketID)

    /// A stable name for the audit view and the API.
    public var name: String {
        switch self {
        case .openWindow: "open-window"
        case .closeWindow: "close-window"
        case .assignServices: "assign-services"
        case .moveTicket: "move-ticket"
        case .cancelTicket: "cancel-ticket"
        }
    }

    /// The window the change concerns, if any.
    public var window: WindowID? {
        switch self {
        case .openWindow(let w), .closeWindow(let w), .assignServices(let w, _): w
        case .moveTicket, .cancelTicket: nil
        }
    }

    /// The ticket the change concerns, if any.
    public var ticket: TicketID? {
        switch self {
        case .moveTicket(let t, _, _), .cancelTicket(let t): t
        case .openWindow, .closeWindow, .assignServices: nil
        }
    }
}

/// One supervisor action of the day as the audit view lists it.
public struct AuditEntry: Sendable, Hashable {
    /// The journal record that holds it.
    public var sequence: UInt64
    /// When it was made.
    public var at: Instant
    /// The action.
    public var action: SupervisorAction
    /// The number of the ticket it concerned, when it concerned one.
    public var ticketNumber: TicketNumber?
}

/// The largest weight a window may give a service.
public let maxServiceWeight = 100

extension QueueState {
    /// Every configured window with today's services: a supervisor's assignment replaces the
    /// configured services and weights until the day ends.
    public func windowDefinitions(_ configuration: CentreConfiguration) -> [WindowDefinition] {
        configuration.windows.map(effective)
    }

    /// One window with today's services, nil when it is not configured.
    public func windowDefinition(_ id: WindowID, _ configuration: CentreConfiguration) -> WindowDefinition? {
        configuration.window(id).map(effective)
    }

    private func effective(_ w: WindowDefinition) -> WindowDefinition {
        guard let services = assignedServices[w.id] else { return w }
        return WindowDefinition(id: w.id, agency: w.agency, services: services)
    }
}

extension QueueEngine {
    /// Decides a supervisor's action: the same rules as the operator's commands, plus checks of
    /// the reason and of the services given to a window.
    func decideSupervision(_ a: SupervisorAction) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        guard !a.reason.allSatisfy(\.isWhitespace) else { throw .invalidSupervisorAction("a supervisor's action needs a reason") }
        guard a.reason.count <= SupervisorAction.maxReasonLength else {
            throw .invalidSupervisorAction("the reason is longer than \(SupervisorAction.maxReasonLength) characters")
        }
        guard !a.actor.isEmpty else { throw .invalidSupervisorAction("a supervisor's action names who made it") }
        switch a.change {
        case .openWindow(let w):
            guard configuration.window(w) != nil else { throw .unknownWindow(w) }
            let status = state.windows[w] ?? .initial
            return (.window(w), status.state == .open ? [] : [.windowStateChanged(w, state: .open)])
        case .closeWindow(let w):
            guard configuration.window(w) != nil else { throw .unknownWindow(w) }
            let status = state.windows[w] ?? .initial
            if let current = status.current, let t = state.tickets[current] { throw .windowBusy(w, ticket: t.number) }
            return (.window(w), status.state == .closed ? [] : [.windowStateChanged(w, state: .closed)])
        case .assignServices(let w, let services):
            guard configuration.window(w) != nil else { throw .unknownWindow(w) }
            guard !services.isEmpty else {
                throw .invalidSupervisorAction("window \(w) must serve at least one service; close it instead")
            }
            for (service, weight) in services.sorted(by: { $0.key < $1.key }) {
                guard configuration.service(service) != nil else { throw .unknownService(service) }
                guard (1...maxServiceWeight).contains(weight) else {
                    throw .invalidSupervisorAction("the weight of service '\(service)' must be 1 to \(maxServiceWeight), got \(weight)")
                }
            }
            let current = state.windowDefinition(w, configuration)?.services
            return (.window(w), current == services ? [] : [.windowServicesAssigned(w, services: services)])
        case .moveTicket(let id, let service, let position):
            guard configuration.service(service) != nil else { throw .unknownService(service) }
            guard let t = state.tickets[id] else { throw .unknownTicket(id) }
            guard t.state == .waiting else { throw .invalidTransition(t.number, state: t.state, action: "move to another line") }
            guard t.service != service else { throw .transferToSameService(t.number, service) }
            return (.ticket(id), [.ticketTransferred(id, to: service, position: position)])
        case .cancelTicket(let id):
            guard let t = state.tickets[id] else { throw .unknownTicket(id) }
            guard t.state == .waiting || t.state == .parked else { throw .invalidTransition(t.number, state: t.state, action: "cancel") }
            return (.ticket(id), [.ticketCancelled(id)])
        }
    }
}
