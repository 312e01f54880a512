/// A situation on the floor that needs a person (Docs/Supervisor.md). Alerts are computed from
/// the state each time they are asked for: one that no longer holds is simply gone.
public struct FloorAlert: Sendable, Hashable {
    /// What kind of situation.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The longest wait of a line is past the centre's target.
        case waitPastTarget = "wait-past-target"
        /// Citizens wait for a service no open window serves.
        case serviceUnserved = "service-unserved"
        /// An open window has called nobody for a while although its services have people waiting.
        case windowIdle = "window-idle"
        /// A citizen has been served for far longer than the service is expected to take.
        case serviceOverrun = "service-overrun"
        /// A printer is out of paper.
        case paperOut = "paper-out"
        /// A printer's paper is low.
        case paperLow = "paper-low"
        /// A device or part is offline or failing.
        case deviceProblem = "device-problem"
    }

    /// The kind.
    public var kind: Kind
    /// A stable key: the same situation keeps its key while it lasts.
    public var key: String
    /// The window it is at, if any.
    public var window: WindowID?
    /// The service it concerns, if any.
    public var service: ServiceID?
    /// The ticket it concerns, if any.
    public var ticket: TicketNumber?
    /// The device or part (as the health registry names it), if any.
    public var device: String?
    /// The device's reported state, for device alerts.
    public var deviceState: String?
    /// How many citizens wait (for line alerts).
    public var waiting: Int?
    /// How long the situation's measure is (a wait, an idle time, a service time), in seconds.
    public var seconds: Int64?
    /// The limit it passed, in seconds.
    public var limitSeconds: Int64?

    /// Whether it needs action now (paper out, a device down, a line nobody serves) rather than attention.
    public var isUrgent: Bool { kind == .paperOut || kind == .deviceProblem || kind == .serviceUnserved }
}

/// The thresholds of the alerts.
public struct FloorAlertPolicy: Sendable, Hashable {
    /// The centre's wait target in seconds.
    public var targetWaitSeconds: Int64
    /// A service overruns when it takes longer than this many times its expected time.
    public var overrunFactor: Int64
    /// A window counts as idle after this many seconds without a call while people wait.
    public var idleGraceSeconds: Int64

    /// The policy of a centre: its wait target, overrun at 2× the expected time, idle after 2 minutes.
    public init(targetWaitSeconds: Int64, overrunFactor: Int64 = 2, idleGraceSeconds: Int64 = 120) {
        self.targetWaitSeconds = targetWaitSeconds
        self.overrunFactor = overrunFactor
        self.idleGraceSeconds = idleGraceSeconds
    }
}

/// Computes the floor's alerts. Pure: the state, the devices' health and `now` are parameters.
public enum FloorAlerts {
    /// Every alert that holds at `now`, urgent ones first, then by kind and place.
    public static func compute(state: QueueState, configuration: CentreConfiguration, health: [String: String],
                               now: Instant, policy: FloorAlertPolicy) -> [FloorAlert] {
        var alerts: [FloorAlert] = []
        let windows = state.windowDefinitions(configuration)
        let open = windows.filter { state.windows[$0.id]?.state == .open }

        for service in configuration.services {
            let line = (state.lines[service.id] ?? []).compactMap { state.tickets[$0] }
            guard !line.isEmpty else { continue }
            if let longest = line.max(by: { waitStart($0) > waitStart($1) }) {
                let waited = now.seconds(since: waitStart(longest))
                if waited > policy.targetWaitSeconds {
                    alerts.append(FloorAlert(kind: .waitPastTarget, key: "wait-past-target:\(service.id)", service: service.id,
                                             ticket: longest.number, waiting: line.count, seconds: waited, limitSeconds: policy.targetWaitSeconds))
                }
            }
            if !open.contains(where: { $0.services[service.id] != nil }) {
                alerts.append(FloorAlert(kind: .serviceUnserved, key: "service-unserved:\(service.id)", service: service.id, waiting: line.count))
            }
        }

        for w in open {
            let status = state.windows[w.id] ?? .initial
            if let current = status.current, let t = state.tickets[current] {
                if t.state == .serving, let started = t.startedAt {
                    let expected = configuration.service(t.service)?.expectedServiceSeconds ?? 300
                    let took = now.seconds(since: started)
                    if took > expected * policy.overrunFactor {
                        alerts.append(FloorAlert(kind: .serviceOverrun, key: "service-overrun:\(w.id)", window: w.id, service: t.service,
                                                 ticket: t.number, seconds: took, limitSeconds: expected * policy.overrunFactor))
                    }
                }
                continue
            }
            let waitingHere = w.services.keys.reduce(0) { $0 + (state.lines[$1]?.count ?? 0) }
            guard waitingHere > 0 else { continue }
            // Idle since the window last called or finished, and nobody has waited less than the grace.
            let lastActivity = state.tickets.values.filter { $0.window == w.id }.compactMap { $0.finishedAt ?? $0.calledAt }.max()
            let oldestJoin = w.services.keys.flatMap { state.lines[$0] ?? [] }.compactMap { state.tickets[$0]?.lineEnteredAt }.min()
            guard let oldestJoin else { continue }
            let since = max(lastActivity ?? oldestJoin, oldestJoin)
            let idle = now.seconds(since: since)
            if idle > policy.idleGraceSeconds {
                alerts.append(FloorAlert(kind: .windowIdle, key: "window-idle:\(w.id)", window: w.id, waiting: waitingHere,
                                         seconds: idle, limitSeconds: policy.idleGraceSeconds))
            }
        }

        for (part, reported) in health.sorted(by: { $0.key < $1.key }) {
            switch reported {
            case "ok", "unknown", "disabled": continue
            case "paper-out": alerts.append(FloorAlert(kind: .paperOut, key: "paper-out:\(part)", device: part, deviceState: reported))
            case "paper-low": alerts.append(FloorAlert(kind: .paperLow, key: "paper-low:\(part)", device: part, deviceState: reported))
            default: alerts.append(FloorAlert(kind: .deviceProblem, key: "device-problem:\(part)", device: part, deviceState: reported))
            }
        }

        let order = Dictionary(uniqueKeysWithValues: FloorAlert.Kind.allCases.enumerated().map { ($1, $0) })
        return alerts.sorted { a, b in
            if a.isUrgent != b.isUrgent { return a.isUrgent }
            if a.kind != b.kind { return order[a.kind]! < order[b.kind]! }
            return a.key < b.key
        }
    }

    /// When a waiting citizen's wait began: when the ticket was issued, or for an appointment,
    /// its time when the citizen came early.
    public static func waitStart(_ t: Ticket) -> Instant {
        if let at = t.appointmentAt, at > t.issuedAt { return at }
        return t.issuedAt
    }
}
