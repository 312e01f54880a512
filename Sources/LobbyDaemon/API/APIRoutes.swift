import Foundation
import HTTPTypes
import Hummingbird
import LobbyPrivacy
import LobbyQueue

/// The HTTP API of lobbyd (version 1). Every handler answers JSON; errors are `APIError`s.
struct APIRoutes: Sendable {
    let queue: QueueService
    var auth: Authenticator
    let maxBody: Int
    let health: HealthRegistry
    /// Ends the event streams when lobbyd stops.
    var lifetimes = StreamLifetimes()
    /// The ticket printers (for metrics).
    var printing: TicketPrinting? = nil
    /// The centre's ticket desk (shared with the kiosk); without one, tickets are not printed.
    var desk: TicketDesk? = nil
    var identity: DocumentIdentity? = nil
    var buses: BusBridge? = nil
    var kiosk: KioskService? = nil
    /// Spoken announcements, when a sound card is configured.
    var announcements: AnnouncementService? = nil
    var links: TicketLinks? = nil
    var reports: ReportService? = nil
    /// Staff accounts and sessions.
    var roster: Roster? = nil
    /// Why each window was last paused or closed (kept in memory for the day's consoles).
    var windowNotes = WindowNotes()
    /// The hall's notice line and quiet mode.
    var hall: HallBoard? = nil

    /// Builds a router with every route.
    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.get("/") { _, _ in HallPage.response() }
        router.get("/healthz") { _, _ in await self.healthz() }
        router.get("/metrics") { _, _ in
            try await Metrics.response(queue: self.queue, health: self.health, buses: self.buses, printing: self.printing,
                                       announcements: self.announcements)
        }
        router.post("/api/v1/buses/technician") { req, _ in
            _ = try self.auth.require(req, .technician)
            return try await BusTechnicianRoute.handle(req, buses: self.buses, maxBody: self.maxBody)
        }
        router.get("/api/v1/buses/monitor") { req, _ in
            _ = try self.auth.require(req, .technician)
            return try BusMonitorStream.response(req, buses: self.buses, lifetimes: self.lifetimes)
        }
        router.get("/api/v1/buses/keypad-events") { req, _ in
            _ = try self.auth.require(req, .technician)
            return try BusMonitorStream.keypadResponse(req, buses: self.buses, lifetimes: self.lifetimes)
        }
        router.get("/api/v1/buses") { req, _ in
            _ = try self.auth.require(req, .technician)
            return JSON.response(["buses": (self.buses?.reports ?? []).map(BusPresenter.bus)])
        }
        router.get("/api/v1/display/calls") { _, _ in JSON.response(["calls": await self.queue.calls().map(Self.callObject)]) }
        router.get("/api/v1/display/events") { _, _ in
            await EventStream.displayResponse(queue: self.queue, hall: self.hall, lifetimes: self.lifetimes) {
                guard let object = try? await self.hallObject() else { return nil }
                return String(decoding: JSON.data(object), as: UTF8.self)
            }
        }
        addHallRoutes(to: router)

        router.get("/api/v1/status") { req, _ in
            _ = try self.auth.principal(req)
            let durable = await self.queue.durableSequence
            return JSON.response(data: try await self.queue.read { JSON.data(Presenter(engine: $0).status(durable: durable)) })
        }
        router.get("/api/v1/services") { req, _ in
            _ = try self.auth.principal(req)
            return JSON.response(data: try await self.queue.read { e in JSON.data(["services": e.configuration.services.map(Presenter(engine: e).service)]) })
        }
        router.get("/api/v1/windows") { req, _ in
            _ = try self.auth.principal(req)
            return JSON.response(data: try await self.queue.read { e in JSON.data(["windows": e.state.windowDefinitions(e.configuration).map(Presenter(engine: e).window)]) })
        }
        router.get("/api/v1/tickets/:id") { req, ctx in
            _ = try self.auth.principal(req)
            let id = try Self.ticketID(ctx)
            guard let data = try await self.queue.read({ e in self.ticketObject(e, id).map { JSON.data($0) } }) else {
                throw APIError(.notFound, "unknown-ticket", "no ticket with id \(id) today")
            }
            return JSON.response(data: data)
        }
        router.get("/api/v1/statistics") { req, _ in
            _ = try self.auth.require(req, .technician, .supervisor, .manager)
            return try await self.statistics(req)
        }
        router.get("/api/v1/reports") { req, _ in
            do {
                _ = try self.auth.require(req, .manager)
            } catch let error as APIError where error.status == .unauthorized && Self.isBrowserPage(req) {
                return Self.loginRedirect(req)
            }
            return try await self.report(req)
        }
        router.get("/api/v1/events") { req, _ in
            // Operators too: the console follows the queue through it (no personal data in it).
            _ = try self.auth.require(req, .operator, .technician, .supervisor, .manager)
            var lastEventID: UInt64?
            if let text = req.headers[HTTPField.Name("Last-Event-ID")!], !text.isEmpty {
                guard let id = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw APIError(.badRequest, "invalid-parameter", "the Last-Event-ID header must be the id of a queue event (a journal sequence), got '\(text.prefix(40))'")
                }
                lastEventID = id
            }
            return await EventStream.queueResponse(queue: self.queue, health: self.health, lifetimes: self.lifetimes, lastEventID: lastEventID)
        }

        router.post("/api/v1/tickets") { req, _ in
            let requestedAt = ContinuousClock.now
            let principal = try self.auth.require(req, .kiosk, .technician)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["service", "language", "priority", "requestId", "appointmentAt", "print", "document"])
            let languageText = try body.string("language") ?? "az"
            guard let language = Language(rawValue: languageText) else {
                throw APIError(.badRequest, "invalid-field", "field 'language' must be az, ru or en")
            }
            var request = TicketRequest(service: ServiceID(try body.requiredString("service")), language: language,
                                        priority: try body.string("priority").map { PriorityCategoryID($0) })
            if try body.string("appointmentAt") != nil {
                // A kiosk setting its own appointment time would jump the line: kiosks check appointments in.
                guard principal.role != .kiosk else {
                    throw APIError(.forbidden, "appointment-time-not-allowed",
                                   "a kiosk may not set 'appointmentAt': check the appointment in with POST /api/v1/appointments/check-in")
                }
                request.appointmentAt = try body.instant("appointmentAt")
            }
            if let document = try body.object("document") {
                guard let identity = self.identity else {
                    throw APIError(.badRequest, "documents-not-configured", "this centre reads no ID documents (set privacy.personKey in the configuration)")
                }
                let unknown = document.keys.filter { $0 != "mrz" }.sorted()
                guard unknown.isEmpty, let mrz = document["mrz"] as? String else {
                    throw APIError(.badRequest, "invalid-field", "field 'document' must be {\"mrz\": \"…\"}")
                }
                try identity.facts(mrz: mrz, now: QueueService.systemClock()).apply(to: &request)
            }
            return try await self.hand(.issueTicket(request), req, body, requestedAt: requestedAt)
        }
        router.get("/t/:token") { _, ctx in
            let token = ctx.parameters.get("token") ?? ""
            let view = try await self.queue.read { e in
                TicketStatusPage.View(engine: e, ticket: self.links?.ticket(token: token, in: e.state))
            }
            return TicketStatusPage.response(view)
        }

        for (path, make) in Self.windowCommands {
            router.post("/api/v1/windows/:number/\(path)") { req, ctx in
                let window = try Self.windowID(ctx)
                let p = try self.auth.require(req, .operator, .technician, .supervisor, .manager)
                let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId", "service", "position", "reason"])
                let command = try make(window, body)
                let reason = try Self.reason(body, path: path)
                try await self.authorise(p, window: window, command: command)
                let response = try await self.run(command, req, body)
                if response.status == .ok, ["open", "pause", "close", "sign-out"].contains(path) {
                    self.windowNotes.set(window, reason: reason, by: p.operatorID?.rawValue ?? p.session?.name.rawValue ?? p.role.rawValue)
                }
                return response
            }
        }
        router.post("/api/v1/windows/:number/sign-in") { req, ctx in
            let window = try Self.windowID(ctx)
            let p = try self.auth.require(req, .operator, .technician, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId", "operator"])
            let op: OperatorID
            if p.role == .operator {
                guard let own = p.operatorID else { throw APIError(.forbidden, "forbidden", "the token names no operator") }
                if let named = try body.string("operator"), named != own.rawValue {
                    throw APIError(.forbidden, "forbidden", "an operator signs in only as themselves ('\(own)')")
                }
                op = own
            } else {
                op = OperatorID(try body.requiredString("operator"))
            }
            try await self.checkSignIn(p, operator: op, window: window)
            return try await self.run(.signIn(window: window, operator: op), req, body)
        }
        router.post("/api/v1/tickets/:id/cancel") { req, ctx in
            let p = try self.auth.require(req, .operator, .technician, .kiosk, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId"])
            let ticket = try Self.ticketID(ctx)
            try await self.authorise(p, ticket: ticket)
            return try await self.run(.cancel(ticket: ticket), req, body)
        }
        router.post("/api/v1/tickets/:id/unpark") { req, ctx in
            let p = try self.auth.require(req, .operator, .technician, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId", "position"])
            let ticket = try Self.ticketID(ctx)
            try await self.authorise(p, ticket: ticket)
            return try await self.run(.unpark(ticket: ticket, position: try body.position("position")), req, body)
        }
        addAppointmentRoutes(router)
        addAccountRoutes(router)
        addSessionRoutes(router)
        addTicketLookupRoutes(router)
        addConsoleRoutes(router)
        addKioskRoutes(router)
        addSupervisorRoutes(router)
        router.get("/supervisor") { req, _ in try await self.supervisorPage(req) }
        router.post("/api/v1/tickets/:id/vote") { req, ctx in
            // Votes come from the citizen's side only (the kiosk, the window's keypad over the bus):
            // no staff credential, not even the Unix socket's, can cast one.
            _ = try self.auth.requireExactly(req, .kiosk)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["requestId", "score", "window"])
            let vote = VoteRequest(ticket: try Self.ticketID(ctx), score: try body.requiredInt("score"), window: try body.int("window").map { WindowID($0) })
            return try await self.run(.vote(vote), req, body)
        }
        return router
    }

    /// Window commands reachable as POST /api/v1/windows/N/<path>.
    static let windowCommands: [(String, @Sendable (WindowID, JSONBody) throws -> QueueCommand)] = [
        ("call-next", { w, _ in .callNext(window: w) }),
        ("recall", { w, _ in .recall(window: w) }),
        ("no-show", { w, _ in .noShow(window: w) }),
        ("start", { w, _ in .startService(window: w) }),
        ("finish", { w, _ in .finishService(window: w) }),
        ("park", { w, _ in .park(window: w) }),
        ("transfer", { w, b in .transfer(window: w, to: ServiceID(try b.requiredString("service")), position: try b.position("position")) }),
        ("open", { w, _ in .setWindowState(window: w, state: .open) }),
        ("pause", { w, _ in .setWindowState(window: w, state: .paused) }),
        ("close", { w, _ in .setWindowState(window: w, state: .closed) }),
        ("sign-out", { w, _ in .signOut(window: w) }),
    ]

    /// A window sign-in names an operator the roster knows; an operator signs in only at a window
    /// no other operator holds (a supervisor signs them out first).
    private func checkSignIn(_ p: Principal, operator op: OperatorID, window: WindowID) async throws {
        if let roster {
            do {
                try roster.checkOperator(op.rawValue)
            } catch let refusal as SignInRefusal {
                throw APIError(refusal.code == "unknown-operator" ? .notFound : .conflict, refusal.code, refusal.message)
            }
        }
        guard p.role == .operator else { return }
        let holder = try await queue.read { e in e.state.windows[window]?.signedIn }
        if let holder, holder != op {
            throw APIError(.conflict, "window-signed-in", "operator '\(holder)' is signed in at window \(window); they sign out first, or a supervisor signs them out")
        }
    }

    /// An operator acts only at the window they are signed in to.
    private func authorise(_ p: Principal, window: WindowID, command: QueueCommand) async throws {
        guard p.role == .operator else { return }
        let (known, signedIn) = try await queue.read { e in (e.configuration.window(window) != nil, e.state.windows[window]?.signedIn) }
        guard known else { throw APIError(.notFound, "unknown-window", "unknown window \(window)") }
        guard let signed = signedIn, signed == p.operatorID else {
            throw APIError(.forbidden, "not-your-window", "operator '\(p.operatorID?.rawValue ?? "?")' is not signed in at window \(window)")
        }
    }

    /// An operator acts only on tickets of its own window: a waiting ticket of a service the
    /// window serves, a ticket called or served there, or one parked there.
    func authorise(_ p: Principal, ticket: TicketID) async throws {  // also used by reprint
        guard p.role == .operator else { return }
        let verdict: String? = try await queue.read { e in
            guard let window = e.state.windows.first(where: { $0.value.signedIn == p.operatorID })?.key else {
                return "operator '\(p.operatorID?.rawValue ?? "?")' is not signed in at any window"
            }
            guard let t = e.state.tickets[ticket] else { return nil }  // the queue answers 404
            let serves = e.state.windowDefinition(window, e.configuration)?.services.keys.contains(t.service) ?? false
            switch t.state {
            case .waiting where serves, .parked where t.parkedAt == window: return nil
            case .called where t.window == window, .serving where t.window == window: return nil
            default: return "ticket \(t.number) is not a ticket of window \(window), where operator '\(p.operatorID?.rawValue ?? "?")' is signed in"
            }
        }
        if let verdict { throw APIError(.forbidden, "not-your-ticket", verdict) }
    }

    /// Carries out `command` and answers the reply with the state it produced (one visit to the queue).
    func run(_ command: QueueCommand, _ req: Request, _ body: JSONBody, created: Bool = false) async throws -> Response {
        let requestID = try Self.requestID(req, body)
        let reply: QueueService.Reply
        let data: Data
        do {
            (reply, data) = try await queue.submit(CommandRequest(RequestID(requestID), command)) { engine, reply in
                self.replyBody(engine, reply, requestID: requestID)
            }
        } catch {
            throw APIError.from(error)
        }
        return JSON.response(data: data, status: created && !reply.isRepeat ? .created : .ok)
    }

    /// Issues or checks in a ticket through the centre's desk, printing it unless the body says `"print": false`.
    func hand(_ command: QueueCommand, _ req: Request, _ body: JSONBody, requestedAt: ContinuousClock.Instant) async throws -> Response {
        let requestID = try Self.requestID(req, body)
        let handOut: TicketDesk.HandOut = try body.bool("print") ?? true ? .print(otherwise: nil) : .none
        let issued: TicketDesk.Issued<Data>
        do {
            issued = try await (desk ?? TicketDesk(queue: queue, printing: nil))
                .issue(CommandRequest(RequestID(requestID), command), handOut: handOut, requestedAt: requestedAt) { engine, reply in
                    self.replyBody(engine, reply, requestID: requestID)
                }
        } catch {
            throw APIError.from(error)
        }
        return JSON.response(data: issued.presentation, status: issued.reply.isRepeat ? .ok : .created)
    }

    /// The request id: the `Idempotency-Key` header, else the body's `requestId`, else a new one.
    static func requestID(_ req: Request, _ body: JSONBody) throws -> String {
        let requestID = try req.headers[HTTPField.Name("Idempotency-Key")!] ?? body.string("requestId") ?? UUID().uuidString
        guard requestID.count <= 128 else { throw APIError(.badRequest, "invalid-field", "the request id is longer than 128 characters") }
        return requestID
    }

    /// The JSON answer to a command: its request id, whether it repeated an earlier one, and what it made.
    func replyBody(_ engine: QueueEngine, _ reply: QueueService.Reply, requestID: String) -> Data {
        let p = Presenter(engine: engine)
        var o: [String: Any] = ["requestId": requestID, "repeat": reply.isRepeat]
        switch reply.outcome {
        case .ticket(let t): o["ticket"] = ticketObject(engine, t) ?? p.ticketOrRecord(t)
        case .existingTicket(let t):
            o["ticket"] = ticketObject(engine, t) ?? p.ticketOrRecord(t)
            o["existing"] = true
        case .window(let w): o["window"] = engine.state.windowDefinition(w, engine.configuration).map(p.window) ?? ["number": w.rawValue]
        case .recorded: break
        case .appointment(let code): o["appointment"] = p.appointmentSummary(code)
        }
        return JSON.data(o)
    }

    /// A ticket as JSON, with its tracking code and status page address (the ticket's link).
    func ticketObject(_ engine: QueueEngine, _ id: TicketID) -> [String: Any]? {
        guard var object = Presenter(engine: engine).ticket(id) else { return nil }
        if let links, let ticket = engine.state.tickets[id] {
            object["trackingCode"] = TicketLinkSigner.trackingCode(links.token(for: ticket))
            object["statusURL"] = links.statusURL(for: ticket) ?? NSNull()
        }
        return object
    }

    private func healthz() async -> Response {
        let devices = await health.all()
        let degraded = devices.filter { $0.value != "ok" }
        return JSON.response([
            "status": degraded.isEmpty ? "ok" : "degraded", "journalSequence": Int(await queue.durableSequence),
            "devices": devices,
        ])
    }

    private func statistics(_ req: Request) async throws -> Response {
        let today = try await queue.read { e in e.state.day ?? e.calendar.localDate(at: QueueService.systemClock()) }
        func date(_ name: String) throws -> LocalDate? {
            guard let text = req.uri.queryParameters.get(name) else { return nil }
            guard let d = LocalDate(iso: text) else { throw APIError(.badRequest, "invalid-parameter", "'\(name)' must be a date YYYY-MM-DD") }
            return d
        }
        let from = try date("from") ?? today
        let to = try date("to") ?? today
        guard from <= to else { throw APIError(.badRequest, "invalid-parameter", "'from' must not be after 'to'") }
        return JSON.response(data: try await queue.read { e in
            let stats = QueueStatistics.compute(state: e.state, from: from, to: to, targetWaitSeconds: e.configuration.targetWaitSeconds, calendar: e.calendar)
            return JSON.data(Presenter(engine: e).statistics(stats, from: from, to: to))
        })
    }

    static func callObject(_ c: DisplayCall) -> [String: Any] {
        ["ticket": c.ticket, "window": c.window, "recall": c.recall, "at": JSON.iso(Instant(milliseconds: c.at)), "sequence": Int(c.sequence)]
    }

    static func windowID(_ ctx: BasicRequestContext) throws -> WindowID {
        guard let n = ctx.parameters.get("number", as: Int.self) else { throw APIError(.badRequest, "invalid-parameter", "the window number must be a whole number") }
        return WindowID(n)
    }

    static func ticketID(_ ctx: BasicRequestContext) throws -> TicketID {
        guard let n = ctx.parameters.get("id", as: UInt64.self) else {
            throw APIError(.badRequest, "invalid-parameter", "the ticket id must be a whole number (a printed number such as A002 is found at /api/v1/tickets/by-number/A002)")
        }
        return TicketID(n)
    }
}

/// Turns thrown errors into JSON answers; unexpected errors become 500 without details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            return e.response
        } catch let e as QueueService.Failure {
            return APIError.from(e).response
        } catch let e as HTTPError {
            return APIError(e.status, "http-\(e.status.code)", e.body ?? e.status.reasonPhrase).response
        } catch {
            context.logger.error("internal error", metadata: ["error": "\(error)"])
            return APIError(.internalServerError, "internal", "internal error; see the daemon's log").response
        }
    }
}
