import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// Finding tickets the way staff know them (Docs/API.md): by the number printed on them ("A002"),
/// the waiting and parked lists per window and service, and a reprint.
extension APIRoutes {
    /// Adds the ticket lookup, list and reprint routes.
    func addTicketLookupRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/api/v1/tickets/by-number/:number") { req, ctx in
            _ = try self.auth.principal(req)
            let text = (ctx.parameters.get("number") ?? "").uppercased()
            let data = try await self.queue.read { e -> Data? in
                // After the numbers wrap a number can come twice in a day: the latest is meant.
                let found = e.state.tickets.values.filter { $0.number.description == text }.max { $0.issuedAt < $1.issuedAt }
                return found.flatMap { self.ticketObject(e, $0.id) }.map { JSON.data($0) }
            }
            guard let data else {
                throw APIError(.notFound, "unknown-ticket", "no ticket numbered '\(text.prefix(12))' today (a number is its service's letters and digits, e.g. A002)")
            }
            return JSON.response(data: data)
        }
        router.get("/api/v1/tickets") { req, _ in
            _ = try self.auth.principal(req)
            let query = req.uri.queryParameters
            let states: [TicketState]
            switch query.get("state") {
            case nil: states = [.waiting, .parked]
            case "waiting": states = [.waiting]
            case "parked": states = [.parked]
            case let other?: throw APIError(.badRequest, "invalid-parameter", "'state' must be waiting or parked, got '\(other.prefix(20))'")
            }
            let window: WindowID? = try query.get("window").map { text in
                guard let n = Int(text) else { throw APIError(.badRequest, "invalid-parameter", "'window' must be a window number, got '\(text.prefix(20))'") }
                return WindowID(n)
            }
            let service = query.get("service").map { ServiceID(String($0)) }
            let data = try await self.queue.read { e -> Result<Data, APIError> in
                if let window, e.configuration.window(window) == nil { return .failure(APIError(.notFound, "unknown-window", "unknown window \(window)")) }
                if let service, e.configuration.service(service) == nil {
                    return .failure(APIError(.notFound, "unknown-service", "unknown service '\(service.rawValue.prefix(40))'"))
                }
                var ids: [TicketID] = []
                let served = window.flatMap { e.state.windowDefinition($0, e.configuration)?.services.keys }.map(Set.init)
                if states.contains(.waiting) {
                    for s in e.configuration.services where (service == nil || s.id == service) && (served?.contains(s.id) ?? true) {
                        ids += e.state.lines[s.id] ?? []
                    }
                }
                if states.contains(.parked) {
                    ids += e.state.tickets.values
                        .filter { $0.state == .parked && (window == nil || $0.parkedAt == window) && (service == nil || $0.service == service) }
                        .sorted { $0.number < $1.number }.map(\.id)
                }
                return .success(JSON.data(["tickets": ids.compactMap { self.ticketObject(e, $0) }]))
            }
            return JSON.response(data: try data.get())
        }
        router.post("/api/v1/tickets/:id/reprint") { req, ctx in
            let requestedAt = ContinuousClock.now
            let p = try self.auth.require(req, .operator, .technician, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId"])
            let id = try Self.ticketID(ctx)
            try await self.authorise(p, ticket: id)
            let state = try await self.queue.read { $0.state.tickets[id]?.state }
            guard let state else { throw APIError(.notFound, "unknown-ticket", "no ticket with id \(id) today") }
            guard !state.isFinal else {
                throw APIError(.conflict, "ticket-not-active", "ticket \(id) is \(state.rawValue): only a waiting, called, serving or parked ticket is reprinted")
            }
            let requestID = try Self.requestID(req, body)
            var reprinted: (delivery: TicketDelivery, presentation: Data)?
            if let desk = self.desk {
                do throws(QueueService.Failure) {
                    reprinted = try await desk.reprint(id, requestID: RequestID(requestID), requestedAt: requestedAt) { e in
                        JSON.data(["ticket": self.ticketObject(e, id) ?? [:]])
                    }
                } catch {
                    throw APIError.from(error)
                }
            }
            guard let reprinted else {
                throw APIError(.conflict, "no-printers", "this centre has no ticket printers configured (devices.printers)")
            }
            return JSON.response(data: reprinted.presentation)
        }
    }
}
