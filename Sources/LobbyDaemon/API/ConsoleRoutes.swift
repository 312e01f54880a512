import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// The operator console (Docs/Console.md): the sign-in page, the console page, and the window
/// view the console draws (one read of the queue per view).
extension APIRoutes {
    /// Adds `GET /login`, `GET /console` and `GET /api/v1/windows/:number/console`.
    func addConsoleRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/login") { req, _ in try ConsolePage.login(language: ConsolePage.language(req)) }
        router.get("/console") { req, _ in try ConsolePage.console(language: ConsolePage.language(req)) }
        router.get("/api/v1/windows/:number/console") { req, ctx in
            let window = try Self.windowID(ctx)
            let p = try self.auth.require(req, .operator, .technician, .supervisor, .manager)
            let data = try await self.queue.read { e -> Result<Data, APIError> in
                guard let definition = e.configuration.window(window) else {
                    return .failure(APIError(.notFound, "unknown-window", "unknown window \(window)"))
                }
                if p.role == .operator, e.state.windows[window]?.signedIn != p.operatorID {
                    return .failure(APIError(.forbidden, "not-your-window",
                                             "operator '\(p.operatorID?.rawValue ?? "?")' is not signed in at window \(window)"))
                }
                return .success(JSON.data(self.consoleView(e, definition)))
            }
            return JSON.response(data: try data.get())
        }
    }

    /// What a window's console shows: the window, its current citizen, its lines with who is
    /// next by the call-next rule, its parked tickets and the last citizen it served (with the vote).
    func consoleView(_ e: QueueEngine, _ w: WindowDefinition) -> [String: Any] {
        let p = Presenter(engine: e)
        let now = e.lastAdvance ?? QueueService.systemClock()
        let status = e.state.windows[w.id] ?? .initial
        var current: Any = NSNull()
        if let id = status.current, var o = ticketObject(e, id), let t = e.state.tickets[id] {
            o["appointmentAt"] = JSON.iso(t.appointmentAt)
            o["waitedSeconds"] = Int(max(0, (t.firstCalledAt ?? now).seconds(since: t.issuedAt)))
            o["priorityName"] = t.priority.flatMap { e.configuration.priority($0) }.map { p.localized($0.name) } ?? NSNull()
            if let s = e.configuration.service(t.service) {
                o["requires"] = ["idDocument": s.requiresIDDocument, "appointment": s.appointmentOnly]
            }
            current = o
        }
        let lines: [[String: Any]] = w.services.sorted { $0.key < $1.key }.map { service, weight in
            let s = e.configuration.service(service)
            return [
                "service": service.rawValue, "weight": weight, "waiting": e.state.lines[service]?.count ?? 0,
                "name": s.map { p.localized($0.name) } ?? [:], "prefix": s?.prefix ?? "",
            ]
        }
        var next: Any = NSNull()
        if let (id, reason) = CallSelector(configuration: e.configuration).select(for: w, status: status, in: e.state, now: now),
           let t = e.state.tickets[id] {
            var o = summary(t, p)
            o["reason"] = reason.rawValue
            next = o
        }
        let parked = e.state.tickets.values.filter { $0.state == .parked && $0.parkedAt == w.id }
            .sorted { $0.number < $1.number }.map { summary($0, p) }
        var lastServed: Any = NSNull()
        if let t = e.state.tickets.values.filter({ $0.state == .done && $0.window == w.id && $0.finishedAt != nil })
            .max(by: { ($0.finishedAt!, $0.id) < ($1.finishedAt!, $1.id) }) {
            lastServed = [
                "id": Int(t.id.rawValue), "number": t.number.description, "service": t.service.rawValue,
                "finishedAt": JSON.iso(t.finishedAt), "vote": t.vote.map { $0 as Any } ?? NSNull(),
            ]
        }
        var window = p.window(w)
        if status.state != .open, let note = windowNotes.note(w.id) {
            window["stateReason"] = note.reason ?? NSNull()
            window["stateChangedBy"] = note.by
        }
        return [
            "window": window, "current": current, "lines": lines, "next": next, "parked": parked,
            "lastServed": lastServed, "journalSequence": Int(e.state.lastSequence), "at": JSON.iso(now),
        ]
    }

    /// A ticket as the console lists it: no wait estimate (each one plays the queue forward, and
    /// every console reads its view after every change).
    private func summary(_ t: Ticket, _ p: Presenter) -> [String: Any] {
        [
            "id": Int(t.id.rawValue), "number": t.number.description, "service": t.service.rawValue, "state": t.state.rawValue,
            "serviceName": p.config.service(t.service).map { p.localized($0.name) } ?? NSNull(),
            "priority": t.priority.map { $0.rawValue as Any } ?? NSNull(), "appointmentAt": JSON.iso(t.appointmentAt),
        ]
    }
}
