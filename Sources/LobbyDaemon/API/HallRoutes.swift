import Foundation
import HTTPTypes
import Hummingbird
import LobbyAnnouncement
import LobbyQueue

/// The hall routes: what the hall page shows besides calls (`GET /api/v1/display/hall`) and what
/// supervisors change there (the notice line, quiet mode, a text spoken now).
extension APIRoutes {
    /// The longest notice or spoken text, in characters.
    static let hallTextLimit = 200

    /// Adds the hall routes to `router`.
    func addHallRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/display/hall") { _, _ in JSON.response(try await self.hallObject()) }
        router.get("/api/v1/display/announcement") { req, _ in try await self.announcementWAV(req) }
        router.get("/api/v1/hall/notice") { req, _ in
            _ = try self.auth.require(req, .supervisor, .manager, .technician)
            let settings = try await self.requireHall().settings
            return JSON.response(["notice": settings.notice.map { Self.noticeObject($0) as Any } ?? NSNull(), "quiet": settings.quiet])
        }
        router.put("/api/v1/hall/notice") { req, _ in
            let p = try self.auth.require(req, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["text", "reason", "language", "speak"])
            let text = try Self.hallText(body, "text")
            let reason = try Self.hallText(body, "reason")
            let language = try Self.spokenLanguage(body)
            let hall = try self.requireHall()
            let now = QueueService.systemClock().milliseconds
            let notice = HallNotice(text: text, language: language, setBy: Self.who(req, p), reason: reason, at: now)
            let settings = try await Self.durable { try await hall.setNotice(notice, by: notice.setBy, role: p.role.rawValue, reason: reason, at: now) }
            // Spoken once, when the hall has a sound card and is not quiet.
            var spoken = false
            if try body.bool("speak") ?? true, !settings.quiet, let announcements = self.announcements {
                spoken = await announcements.speak(text, language: language)
            }
            return JSON.response(["notice": Self.noticeObject(notice), "quiet": settings.quiet, "spoken": spoken])
        }
        router.delete("/api/v1/hall/notice") { req, _ in
            let p = try self.auth.require(req, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["reason"])
            let reason = try Self.hallText(body, "reason")
            let hall = try self.requireHall()
            let now = QueueService.systemClock().milliseconds
            let settings = try await Self.durable { try await hall.setNotice(nil, by: Self.who(req, p), role: p.role.rawValue, reason: reason, at: now) }
            return JSON.response(["notice": NSNull(), "quiet": settings.quiet])
        }
        router.put("/api/v1/hall/quiet") { req, _ in
            let p = try self.auth.require(req, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["quiet", "reason"])
            guard let on = try body.bool("quiet") else { throw APIError(.badRequest, "missing-field", "field 'quiet' is required (true or false)") }
            let reason = try Self.hallText(body, "reason")
            let hall = try self.requireHall()
            let now = QueueService.systemClock().milliseconds
            let settings = try await Self.durable { try await hall.setQuiet(on, by: Self.who(req, p), role: p.role.rawValue, reason: reason, at: now) }
            await self.announcements?.desk.setQuiet(on)
            return JSON.response(["notice": settings.notice.map { Self.noticeObject($0) as Any } ?? NSNull(), "quiet": settings.quiet])
        }
        router.post("/api/v1/hall/say") { req, _ in
            let p = try self.auth.require(req, .supervisor, .manager)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["text", "reason", "language"])
            let text = try Self.hallText(body, "text")
            let reason = try Self.hallText(body, "reason")
            let language = try Self.spokenLanguage(body)
            let hall = try self.requireHall()
            guard let announcements = self.announcements else {
                throw APIError(.conflict, "audio-not-configured", "this centre has no sound card (devices.audio): nothing can be spoken")
            }
            guard !(await hall.settings.quiet) else {
                throw APIError(.conflict, "quiet-mode", "the hall is in quiet mode: turn it off first (PUT /api/v1/hall/quiet)")
            }
            let now = QueueService.systemClock().milliseconds
            try await Self.durable { try await hall.recordSpoken(text, by: Self.who(req, p), role: p.role.rawValue, reason: reason, at: now) }
            guard await announcements.speak(text, language: language) else {
                throw APIError(.serviceUnavailable, "speech-failed",
                               "the text could not be spoken: this lobbyd has no text-to-speech engine yet (Docs/Hall.md), or the engine refused the text")
            }
            return JSON.response(["spoken": true, "text": text, "language": language], status: .accepted)
        }
        router.get("/api/v1/hall/audit") { req, _ in
            _ = try self.auth.require(req, .supervisor, .manager)
            let hall = try self.requireHall()
            let entries = try await Self.durable { try await hall.audit() }
            return JSON.response(["entries": entries.map(Self.auditObject)])
        }
    }

    /// `GET /api/v1/display/announcement?ticket=A042&window=5&recall=false`: the call as lobbyd
    /// would say it (chime and clips of the voice pack), as `audio/wav`, for hall TVs with speakers.
    func announcementWAV(_ req: Request) async throws -> Response {
        let query = req.uri.queryParameters
        guard let ticketText = query["ticket"].map(String.init), let t = try? Announcement.parseTicket(ticketText) else {
            throw APIError(.badRequest, "invalid-parameter", "query 'ticket' must be a ticket number such as A042")
        }
        guard let windowText = query["window"], let window = Int(windowText), (1...999).contains(window) else {
            throw APIError(.badRequest, "invalid-parameter", "query 'window' must be a window number from 1 to 999")
        }
        let recall = query["recall"].map { $0 == "true" || $0 == "1" } ?? false
        guard let announcements, let wav = try announcements.wav(for: Announcement(kind: recall ? .recall : .call, prefix: t.prefix, number: t.number, window: window)) else {
            throw APIError(.notFound, "audio-not-configured", "this centre has no voice pack (devices.audio): calls are not spoken")
        }
        var headers = HTTPFields()
        headers[.contentType] = "audio/wav"
        headers[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: wav)))
    }

    private func requireHall() throws -> HallBoard {
        guard let hall else { throw APIError(.serviceUnavailable, "hall-unavailable", "the hall settings are not available in this lobbyd") }
        return hall
    }

    /// The public hall object: the centre's name, windows, the notice's text, quiet mode, waiting per agency.
    func hallObject() async throws -> [String: Any] {
        let settings = await hall?.settings ?? HallSettings(notice: nil, quiet: false)
        let centre = try await queue.read { e -> Data in
            let p = Presenter(engine: e)
            let agencies: [[String: Any]] = e.configuration.agencies.map { a in
                let waiting = e.configuration.services.filter { $0.agency == a.id }.reduce(0) { $0 + (e.state.lines[$1.id]?.count ?? 0) }
                return ["id": a.id.rawValue, "name": p.localized(a.name), "waiting": waiting]
            }
            return JSON.data(["name": p.localized(e.configuration.name), "windows": e.configuration.windows.count, "agencies": agencies])
        }
        var object = (try? JSONSerialization.jsonObject(with: centre)) as? [String: Any] ?? [:]
        object["notice"] = settings.notice.map { ["text": $0.text, "language": $0.language, "at": JSON.iso(Instant(milliseconds: $0.at))] } ?? NSNull()
        object["quiet"] = settings.quiet
        return object
    }

    static func noticeObject(_ n: HallNotice) -> [String: Any] {
        ["text": n.text, "language": n.language, "setBy": n.setBy, "reason": n.reason, "at": JSON.iso(Instant(milliseconds: n.at))]
    }

    static func auditObject(_ e: HallAuditEntry) -> [String: Any] {
        ["action": e.action, "by": e.by, "role": e.role, "reason": e.reason, "text": e.text.map { $0 as Any } ?? NSNull(),
         "at": JSON.iso(Instant(milliseconds: e.at))]
    }

    /// Who made a request: the account of a staff session, else the token's role or the local socket.
    static func who(_ req: Request, _ p: Principal) -> String {
        if let s = p.session { return s.name.rawValue }
        if req.headers[.authorization] != nil { return p.operatorID.map { "token:\($0.rawValue)" } ?? "token:\(p.role.rawValue)" }
        return "local-socket"
    }

    /// A required one-line text of at most `hallTextLimit` characters.
    static func hallText(_ body: JSONBody, _ key: String) throws -> String {
        let text = try body.requiredString(key).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw APIError(.badRequest, "missing-field", "field '\(key)' is required and must not be blank") }
        guard text.count <= hallTextLimit else {
            throw APIError(.badRequest, "invalid-field", "field '\(key)' has \(text.count) characters; at most \(hallTextLimit) fit the hall's notice line")
        }
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw APIError(.badRequest, "invalid-field", "field '\(key)' contains a control character (U+\(String(bad.value, radix: 16, uppercase: true))); send one line of text")
        }
        return text
    }

    /// The `language` field: az (default), ru or en.
    static func spokenLanguage(_ body: JSONBody) throws -> String {
        let language = try body.string("language") ?? "az"
        guard ["az", "ru", "en"].contains(language) else { throw APIError(.badRequest, "invalid-field", "field 'language' must be az, ru or en, not '\(language.prefix(20))'") }
        return language
    }

    /// Runs a change of the hall store; a store failure is a 503 that says which file failed.
    @discardableResult
    static func durable<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let f as HallBoard.Failure {
            throw APIError(.serviceUnavailable, "hall-store-unavailable", "the change was not made: \(f.description)")
        }
    }
}
