import Foundation
import LobbyQueue

/// The supervisor's floor as JSON: windows with their current citizen, lines against the wait
/// target, alerts and audit entries (no personal data).
struct SupervisorPresenter {
    let engine: QueueEngine
    let now: Instant
    var state: QueueState { engine.state }

    /// A window with today's services, its operator and current citizen.
    func window(_ w: WindowDefinition) -> [String: Any] {
        let status = state.windows[w.id] ?? .initial
        var current: Any = NSNull()
        if let id = status.current, let t = state.tickets[id] {
            let since = t.startedAt ?? t.calledAt
            current = [
                "id": Int(t.id.rawValue), "number": t.number.description, "service": t.service.rawValue, "state": t.state.rawValue,
                "calledAt": JSON.iso(t.calledAt), "startedAt": JSON.iso(t.startedAt),
                "secondsInService": since.map { Int(now.seconds(since: $0)) } ?? 0,
            ] as [String: Any]
        }
        return [
            "number": w.id.rawValue, "agency": w.agency.rawValue, "state": status.state.rawValue,
            "operator": status.signedIn.map { $0.rawValue as Any } ?? NSNull(), "current": current,
            "services": Dictionary(uniqueKeysWithValues: w.services.map { ($0.key.rawValue, $0.value) }),
            "servicesAssigned": state.assignedServices[w.id] != nil,
        ]
    }

    /// A service's line: who waits, the longest wait against the target, the estimate for a new ticket.
    func line(_ s: ServiceDefinition) -> [String: Any] {
        let waiting = (state.lines[s.id] ?? []).compactMap { state.tickets[$0] }
        let longest = waiting.map { now.seconds(since: FloorAlerts.waitStart($0)) }.max() ?? 0
        let estimate = engine.estimateForNewTicket(service: s.id, now: now)
        return [
            "service": s.id.rawValue, "name": Presenter(engine: engine).localized(s.name), "prefix": s.prefix,
            "waiting": waiting.count, "longestWaitSeconds": Int(longest),
            "overTarget": longest > engine.configuration.targetWaitSeconds,
            "expectedWaitSeconds": Int(estimate.expectedWaitSeconds), "openWindows": estimate.openWindows,
            "tickets": waiting.prefix(50).map { ["id": Int($0.id.rawValue), "number": $0.number.description] },
        ]
    }

    /// An alert: its kind, stable key and where.
    func alert(_ a: FloorAlert) -> [String: Any] {
        [
            "kind": a.kind.rawValue, "key": a.key, "urgent": a.isUrgent,
            "window": a.window.map { $0.rawValue as Any } ?? NSNull(), "service": a.service.map { $0.rawValue as Any } ?? NSNull(),
            "ticket": a.ticket.map { $0.description as Any } ?? NSNull(), "device": a.device ?? NSNull(),
            "deviceState": a.deviceState ?? NSNull(), "waiting": a.waiting ?? NSNull(),
            "seconds": a.seconds.map { Int($0) as Any } ?? NSNull(), "limitSeconds": a.limitSeconds.map { Int($0) as Any } ?? NSNull(),
        ]
    }

    /// One audited action: who, why, what, where.
    static func audit(_ e: AuditEntry) -> [String: Any] {
        var o: [String: Any] = [
            "sequence": Int(e.sequence), "at": JSON.iso(e.at), "actor": e.action.actor, "reason": e.action.reason,
            "action": e.action.change.name, "window": e.action.change.window.map { $0.rawValue as Any } ?? NSNull(),
            "ticket": e.ticketNumber.map { $0.description as Any } ?? NSNull(),
        ]
        switch e.action.change {
        case .assignServices(_, let services): o["services"] = Dictionary(uniqueKeysWithValues: services.map { ($0.key.rawValue, $0.value) })
        case .moveTicket(_, let service, let position):
            o["service"] = service.rawValue
            o["position"] = position.rawValue
        case .openWindow, .closeWindow, .cancelTicket: break
        }
        return o
    }
}
