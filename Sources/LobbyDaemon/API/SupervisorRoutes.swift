import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// The supervisor's routes (Docs/Supervisor.md): the floor (windows, lines, alerts), the
/// actions (open and close windows, assign services and weights, move and cancel tickets),
/// each journaled with who and why, and the day's audit of those actions.
extension APIRoutes {
    /// Adds the routes under /api/v1/supervisor.
    func addSupervisorRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/api/v1/supervisor/floor") { req, _ in
            _ = try self.auth.require(req, .supervisor, .manager, .technician)
            return JSON.response(data: try await self.floor(alertsOnly: false))
        }
        router.get("/api/v1/supervisor/alerts") { req, _ in
            _ = try self.auth.require(req, .supervisor, .manager, .technician)
            return JSON.response(data: try await self.floor(alertsOnly: true))
        }
        router.get("/api/v1/supervisor/audit") { req, _ in
            _ = try self.auth.require(req, .supervisor, .manager)
            return JSON.response(data: try await self.queue.read { e in
                JSON.data(["day": e.state.day?.description ?? NSNull(), "entries": e.state.audit.reversed().map(SupervisorPresenter.audit)])
            })
        }
        let windowActions: [(String, @Sendable (WindowID, JSONBody) throws -> SupervisorChange, Set<String>)] = [
            ("open", { w, _ in .openWindow(w) }, []),
            ("close", { w, _ in .closeWindow(w) }, []),
            ("services", { w, b in
                guard let weights = try b.wholeNumbers("services") else {
                    throw APIError(.badRequest, "missing-field", "field 'services' is required: an object of service ids and weights, e.g. {\"passport\": 2}")
                }
                return .assignServices(w, services: Dictionary(uniqueKeysWithValues: weights.map { (ServiceID($0.key), $0.value) }))
            }, ["services"]),
        ]
        for (path, make, fields) in windowActions {
            router.post("/api/v1/supervisor/windows/:number/\(path)") { req, ctx in
                let p = try self.auth.require(req, .supervisor, .manager)
                let body = try await JSONBody.read(req, limit: self.maxBody, allowed: Set(["requestId", "reason"]).union(fields))
                let change = try make(try Self.windowID(ctx), body)
                return try await self.run(.supervise(SupervisorAction(actor: Self.actor(p), reason: try Self.reason(body), change: change)), req, body)
            }
        }
        router.post("/api/v1/supervisor/tickets/:id/move") { req, ctx in
            let p = try self.auth.require(req, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId", "reason", "service", "position"])
            let change = SupervisorChange.moveTicket(try Self.ticketID(ctx), to: ServiceID(try body.requiredString("service")), position: try body.position("position"))
            return try await self.run(.supervise(SupervisorAction(actor: Self.actor(p), reason: try Self.reason(body), change: change)), req, body)
        }
        router.post("/api/v1/supervisor/tickets/:id/cancel") { req, ctx in
            let p = try self.auth.require(req, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId", "reason"])
            let change = SupervisorChange.cancelTicket(try Self.ticketID(ctx))
            return try await self.run(.supervise(SupervisorAction(actor: Self.actor(p), reason: try Self.reason(body), change: change)), req, body)
        }
    }

    /// Who acts: the signed-in account, or the credential's role.
    static func actor(_ p: Principal) -> String {
        p.session?.name.rawValue ?? p.operatorID?.rawValue ?? "\(p.role.rawValue) credential"
    }

    /// The action's reason: required, not blank, at most `SupervisorAction.maxReasonLength` characters.
    static func reason(_ body: JSONBody) throws -> String {
        let text = try body.string("reason")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !text.isEmpty else {
            throw APIError(.badRequest, "missing-field", "field 'reason' is required: say why (it is kept in the audit with your name)")
        }
        guard text.count <= SupervisorAction.maxReasonLength else {
            throw APIError(.badRequest, "invalid-field", "field 'reason' is longer than \(SupervisorAction.maxReasonLength) characters")
        }
        return text
    }

    /// The floor as JSON: windows, lines and alerts (or only the alerts), at the queue's clock.
    private func floor(alertsOnly: Bool) async throws -> Data {
        let health = await self.health.all()
        let now = QueueService.systemClock()
        return try await queue.read { e in
            let p = SupervisorPresenter(engine: e, now: now)
            let alerts = FloorAlerts.compute(state: e.state, configuration: e.configuration, health: health, now: now,
                                             policy: FloorAlertPolicy(targetWaitSeconds: e.configuration.targetWaitSeconds))
            var o: [String: Any] = ["at": JSON.iso(now), "targetWaitSeconds": Int(e.configuration.targetWaitSeconds), "alerts": alerts.map(p.alert)]
            if !alertsOnly {
                o["windows"] = e.state.windowDefinitions(e.configuration).map(p.window)
                o["lines"] = e.configuration.services.map(p.line)
                o["journalSequence"] = Int(e.state.lastSequence)
            }
            return JSON.data(o)
        }
    }
}
