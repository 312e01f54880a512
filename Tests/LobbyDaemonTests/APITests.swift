import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

@Suite("HTTP API against a real lobbyd", .tags(.host), .serialized)
struct APITests {
    static let kiosk = "kiosk-token-123456"
    static let tech = "tech-token-1234567"
    static let alice = "alice-token-123456"
    static let bob = "bob-token-12345678"

    @Test("a ticket's whole life over HTTP, with idempotent retries")
    func lifecycle() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let kiosk = d.client(token: Self.kiosk)
        let issued = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "language": "ru", "requestId": "tap-1"])
        #expect(issued.status == 201)
        let ticket = try #require(issued.json?["ticket"] as? [String: Any])
        #expect(ticket["number"] as? String == "P001")
        #expect((ticket["serviceName"] as? [String: String])?["ru"] == "Паспорт")
        #expect(ticket["peopleAhead"] as? Int == 0)
        let again = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "language": "ru", "requestId": "tap-1"])
        #expect(again.status == 200)
        #expect(again.json?["repeat"] as? Bool == true)
        #expect((again.json?["ticket"] as? [String: Any])?["id"] as? Int == ticket["id"] as? Int)

        let tech = d.client(token: Self.tech)
        #expect(try tech.send("POST", "/api/v1/windows/1/open").status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"]).status == 200)
        let alice = d.client(token: Self.alice)
        let call = try alice.send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "w1-1"])
        #expect(call.status == 200)
        #expect((call.json?["ticket"] as? [String: Any])?["state"] as? String == "called")
        let dup = try alice.send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "w1-1"])
        #expect(dup.json?["repeat"] as? Bool == true)
        #expect(try alice.send("POST", "/api/v1/windows/1/start").status == 200)
        #expect(try alice.send("POST", "/api/v1/windows/1/finish").status == 200)
        let id = ticket["id"] as! Int
        let vote = try kiosk.send("POST", "/api/v1/tickets/\(id)/vote", json: ["score": 5, "window": 1])
        #expect(vote.status == 200)
        let second = try kiosk.send("POST", "/api/v1/tickets/\(id)/vote", json: ["score": 1])
        #expect(second.status == 409)
        #expect(second.json?["error"] as? String == "vote-already-recorded")
        let stats = try tech.send("GET", "/api/v1/statistics")
        let overall = try #require(stats.json?["overall"] as? [String: Any])
        #expect(overall["served"] as? Int == 1)
        #expect(overall["votes"] as? [Int] == [0, 0, 0, 0, 1])
    }

    @Test("bad requests get precise 4xx answers", arguments: [
        ("POST", "/api/v1/tickets", "{\"service\": ", 400, "malformed-json"),
        ("POST", "/api/v1/tickets", "[1,2]", 400, "malformed-json"),
        ("POST", "/api/v1/tickets", "{\"service\": \"passport\", \"colour\": \"red\"}", 400, "unknown-field"),
        ("POST", "/api/v1/tickets", "{\"service\": 7}", 400, "invalid-field"),
        ("POST", "/api/v1/tickets", "{}", 400, "missing-field"),
        ("POST", "/api/v1/tickets", "{\"service\": \"nope\"}", 404, "unknown-service"),
        ("POST", "/api/v1/tickets", "{\"service\": \"passport\", \"language\": \"fr\"}", 400, "invalid-field"),
        ("POST", "/api/v1/tickets/abc/vote", "{\"score\": 3}", 400, "invalid-parameter"),
        ("POST", "/api/v1/tickets/999/vote", "{\"score\": true}", 400, "invalid-field"),
        ("POST", "/api/v1/tickets/999/vote", "{\"score\": 3}", 404, "unknown-ticket"),
        ("POST", "/api/v1/windows/1/call-next", "{}", 409, "window-not-open"),
        ("POST", "/api/v1/windows/77/call-next", "{}", 404, "unknown-window"),
        ("GET", "/api/v1/statistics?from=yesterday", "", 400, "invalid-parameter"),
        ("GET", "/api/v1/nothing-here", "", 404, "http-404"),
    ])
    func badRequests(method: String, path: String, body: String, status: Int, code: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        // Votes come from the citizen's side only: the kiosk's token.
        let reply = try rawRequest(port: d.port, method: method, path: path, body: body, token: path.hasSuffix("/vote") ? "kiosk-token-123456" : Self.tech)
        #expect(reply.status == status, "\(method) \(path) \(body) → \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json?["error"] as? String == code)
        #expect((reply.json?["message"] as? String)?.isEmpty == false)
    }

    @Test("huge bodies are refused with 413 and the daemon keeps serving")
    func hugeBody() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let big = "{\"service\": \"" + String(repeating: "x", count: 100_000) + "\"}"
        let reply = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: big, token: Self.kiosk)
        #expect(reply.status == 413)
        #expect(try d.client(token: Self.kiosk).send("GET", "/api/v1/status").status == 200)
    }

    @Test("tokens and roles: missing, invalid, wrong role, operator at another window")
    func security() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        #expect(try d.client().send("POST", "/api/v1/tickets", json: ["service": "passport"]).status == 401)
        #expect(try d.client(token: "not-a-valid-token-at-all").send("GET", "/api/v1/status").status == 401)
        let kiosk = d.client(token: Self.kiosk)
        let forbidden = try kiosk.send("POST", "/api/v1/windows/1/open")
        #expect(forbidden.status == 403)
        #expect(try kiosk.send("GET", "/api/v1/statistics").status == 403)
        let alice = d.client(token: Self.alice)
        let bob = d.client(token: Self.bob)
        #expect(try alice.send("POST", "/api/v1/windows/1/sign-in").status == 200)
        #expect(try alice.send("POST", "/api/v1/windows/1/open").status == 200)
        let intrude = try bob.send("POST", "/api/v1/windows/1/call-next")
        #expect(intrude.status == 403)
        #expect(intrude.json?["error"] as? String == "not-your-window")
        let impersonate = try bob.send("POST", "/api/v1/windows/2/sign-in", json: ["operator": "alice"])
        #expect(impersonate.status == 403)
        // The Unix socket is trusted (its file permissions guard it).
        #expect(try d.socketClient().send("GET", "/api/v1/statistics").status == 200)
        // Hall display and health need no token and show no personal data.
        #expect(try d.client().send("GET", "/").status == 200)
        #expect(try d.client().send("GET", "/healthz").json?["status"] as? String == "ok")
    }

    @Test("200 concurrent clients: every ticket once, no citizen called twice")
    func concurrency() async throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let tech = d.client(token: Self.tech)
        for w in [1, 2] {
            _ = try tech.send("POST", "/api/v1/windows/\(w)/open")
            _ = try tech.send("POST", "/api/v1/windows/\(w)/sign-in", json: ["operator": w == 1 ? "alice" : "bob"])
        }
        let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let r = try d.client(token: Self.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport", "requestId": "c\(i % 150)"])
                    return (r.json?["ticket"] as? [String: Any])?["number"] as? String
                }
            }
            var out: [String] = []
            for try await n in group { if let n { out.append(n) } }
            return out
        }
        #expect(numbers.count == 200)
        #expect(Set(numbers).count == 150, "150 distinct request ids must give 150 tickets")
        // Both windows call and finish as fast as they can; no ticket may be called twice.
        let called = try await withThrowingTaskGroup(of: [Int].self) { group in
            for (w, token) in [(1, Self.alice), (2, Self.bob)] {
                group.addTask {
                    var ids: [Int] = []
                    let c = d.client(token: token)
                    while true {
                        let r = try c.send("POST", "/api/v1/windows/\(w)/call-next")
                        guard r.status == 200, let id = (r.json?["ticket"] as? [String: Any])?["id"] as? Int else { break }
                        ids.append(id)
                        _ = try c.send("POST", "/api/v1/windows/\(w)/finish")
                    }
                    return ids
                }
            }
            var all: [Int] = []
            for try await ids in group { all += ids }
            return all
        }
        #expect(called.count == 150)
        #expect(Set(called).count == 150)
    }

    @Test("SIGTERM stops gracefully; a restart replays every acknowledged command")
    func restart() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var d = try startTestDaemon(scratch)
        var ids: [Int] = []
        for i in 0..<20 {
            let r = try d.client(token: Self.kiosk).send("POST", "/api/v1/tickets", json: ["service": i % 2 == 0 ? "passport" : "birth"])
            ids.append((r.json?["ticket"] as? [String: Any])?["id"] as! Int)
        }
        #expect(d.stop() == 0)
        #expect(d.log.contains("lobbyd stopped"))
        d = try startTestDaemon(scratch)
        defer { d.stop() }
        let status = try d.client(token: Self.tech).send("GET", "/api/v1/status").json
        #expect(status?["ticketsToday"] as? Int == 20)
        #expect(status?["journalSequence"] as? Int == 20)
        let next = try d.client(token: Self.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport"])
        #expect((next.json?["ticket"] as? [String: Any])?["number"] as? String == "P011")
    }

    @Test("metrics, health and the display stream")
    func observability() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let tech = d.client(token: Self.tech)
        _ = try tech.send("POST", "/api/v1/windows/2/open")
        _ = try tech.send("POST", "/api/v1/windows/2/sign-in", json: ["operator": "bob"])
        _ = try d.client(token: Self.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport"])
        _ = try d.client(token: Self.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport"])
        let metrics = String(decoding: try d.client().send("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("lobby_queue_waiting{service=\"passport\"} 2"))
        #expect(metrics.contains("lobby_window_open{window=\"2\"} 1"))
        #expect(metrics.contains("# TYPE lobby_commands_accepted_total counter"))
        // A call made while a display listens arrives on the stream.
        let box = LineBox()
        let listener = Thread {
            try? d.client().stream("/api/v1/display/events") { line in
                box.append(line)
                return !(line.contains("\"window\":2") && line.hasPrefix("data: {\"at\""))
            }
        }
        listener.start()
        // The stream subscribes before it sends its snapshot: once the snapshot arrives, no call is missed.
        let subscribed = Date().addingTimeInterval(10)
        while Date() < subscribed, !box.lines.contains(where: { $0.contains("snapshot") }) { usleep(20_000) }
        _ = try d.client(token: Self.tech).send("POST", "/api/v1/windows/2/call-next")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !box.lines.contains(where: { $0.contains("\"ticket\":\"P001\"") }) { usleep(50_000) }
        let lines = box.lines
        #expect(lines.contains("event: call"))
        #expect(lines.contains(where: { $0.contains("\"ticket\":\"P001\"") && $0.contains("\"window\":2") }))
    }
}

/// Sends raw bytes as an HTTP request (to test malformed input the client would never send).
func rawRequest(port: Int, method: String, path: String, body: String, token: String?, idempotencyKey: String? = nil) throws -> HTTPClient.Reply {
    var request = "\(method) \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
    if let token { request += "Authorization: Bearer \(token)\r\n" }
    if let idempotencyKey { request += "Idempotency-Key: \(idempotencyKey)\r\n" }
    request += "\r\n" + body
    return try tcpExchange(port: port, request)
}

/// Sends raw request text to lobbyd on loopback and reads the whole answer; with `halfClose`
/// the sending side is closed after the request (a client that has nothing more to send).
func tcpExchange(port: Int, _ request: String, halfClose: Bool = false) throws -> HTTPClient.Reply {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard rc == 0 else { throw TestFailure("cannot connect") }
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    if halfClose { shutdown(fd, Int32(SHUT_WR)) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data.append(contentsOf: buffer[0..<n])
    }
    return try HTTPClient.parse(data, from: .tcp(host: "127.0.0.1", port: port))
}

/// Lines collected by another thread.
final class LineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ s: String) { lock.lock(); stored.append(s); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

@Suite("ID documents at ticket issue", .tags(.host), .serialized)
struct DocumentTests {
    /// Synthetic TD1 documents of the fictional state UTO (check digits computed; no real person).
    static let senior = "I<UTOX123456785<<<<<<<<<<<<<<<\n5003121M3001019UTO<<<<<<<<<<<8\nTESTER<<SENIOR<SYNTHETIC<<<<<<"
    static let young = "I<UTOY987654324<<<<<<<<<<<<<<<\n9907205F3105054UTO<<<<<<<<<<<0\nTESTER<<YOUNG<SYNTHETIC<<<<<<<"

    func start(_ scratch: Scratch) throws -> DaemonProcess {
        let config = scratch.path + "/lobby.yaml"
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        text = text.replacingOccurrences(of: "    policy: first\n", with: "    policy: first\n  - {id: aged65, name: \"65+\", policy: boost, boostMinutes: 10}\n")
        text += "\nprivacy:\n  personKey: \"\(String(repeating: "5a", count: 32))\"\n  agePriority: {minimumAge: 65, category: aged65}\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return try DaemonProcess(arguments: ["--config", config], scratch: scratch)
    }

    @Test("age gives priority; the same citizen gets the same ticket again; nothing personal is stored or logged")
    func documents() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try start(scratch)
        defer { d.stop() }
        let kiosk = d.client(token: APITests.kiosk)
        var r = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "document": ["mrz": Self.senior]])
        #expect(r.status == 201, "\(String(decoding: r.body, as: UTF8.self))")
        let first = r.json?["ticket"] as? [String: Any] ?? [:]
        #expect(first["priority"] as? String == "aged65")
        r = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "document": ["mrz": Self.senior]])
        #expect(r.json?["existing"] as? Bool == true, "the citizen already holds a ticket for the service")
        #expect((r.json?["ticket"] as? [String: Any])?["id"] as? Int == first["id"] as? Int)
        r = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "document": ["mrz": Self.young]])
        #expect(r.status == 201)
        #expect((r.json?["ticket"] as? [String: Any])?["priority"] is NSNull)
        #expect((r.json?["ticket"] as? [String: Any])?["id"] as? Int != first["id"] as? Int)
        r = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "document": ["mrz": Self.young.replacingOccurrences(of: "9907205", with: "9907206")]])
        #expect(r.status == 422)
        #expect(r.json?["error"] as? String == "invalid-document")
        d.stop()
        // Neither the journal nor the log holds a name, a document number or a birth date.
        var stored = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/journal.db"))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: scratch.path + "/journal.db-wal")) { stored += wal }
        let text = String(decoding: stored, as: UTF8.self) + d.log
        for secret in ["TESTER", "SENIOR", "X12345678", "Y98765432", "500312", "990720"] {
            #expect(!text.contains(secret), "'\(secret)' must not be stored or logged")
        }
    }

    @Test("documents are refused when no person key is configured")
    func notConfigured() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let r = try d.client(token: APITests.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport", "document": ["mrz": Self.senior]])
        #expect(r.status == 400)
        #expect(r.json?["error"] as? String == "documents-not-configured")
    }
}
