import Foundation
import LobbyClient
import LobbyDaemon
import LobbyJournal
import LobbyQueue
import LobbyTestSupport
import Testing

/// What the API does with input that is almost right: strict JSON, bodies cut short, impossible
/// dates, and request ids repeated after midnight. Against a real lobbyd over loopback.
@Suite("API input against a real lobbyd", .tags(.host), .serialized)
struct APIInputTests {
    static let kiosk = "kiosk-token-123456"
    static let tech = "tech-token-1234567"

    @Test("strict JSON: trailing commas and keys given twice are refused with the place, and nothing happens", arguments: [
        ("{\"service\": \"passport\",}", "trailing comma before '}': remove the comma after the last member (line 1, column 24)"),
        ("{\"service\": \"passport\", \"requestId\": \"a\", \"print\": [true,]}", "trailing comma before ']': remove the comma after the last item (line 1, column 58)"),
        ("{\"service\": \"passport\", \"service\": \"birth\"}", "the key 'service' is given twice in the same object (line 1, column 2, again line 1, column 25)"),
        ("{\"service\": \"passport\",\n \"document\": {\"mrz\": \"a\", \"mrz\": \"b\"}}", "the key 'mrz' is given twice in the same object (line 2, column 15, again line 2, column 27)"),
        ("{\"service\": \"passport\" /* kiosk 1 */}", "expected ',' or '}' after the value of 'service', found '/' (line 1, column 24)"),
        ("{\"service\": \"passport\", \"priority\": 01}", "numbers may not start with 0 (line 1, column 37)"),
        ("{\"service\": \"pass", "the string that starts at line 1, column 13 is not closed (is the body cut short?)"),
    ])
    func strictJSON(body: String, detail: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let reply = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: body, token: Self.tech)
        #expect(reply.status == 400)
        #expect(reply.json?["error"] as? String == "malformed-json")
        #expect(reply.json?["message"] as? String == "the body is not valid JSON: \(detail)")
        #expect(try d.client(token: Self.kiosk).send("GET", "/api/v1/status").json?["ticketsToday"] as? Int == 0)
    }

    @Test("a body shorter than its Content-Length is 400 body-incomplete, not 413; a declared size over the limit is 413")
    func shortBody() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let partial = "{\"service\": \"pa"
        let head = "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.kiosk)\r\nContent-Type: application/json\r\n"
        // The client announces 60 bytes, sends 15 and closes its sending side.
        var reply = try tcpExchange(port: d.port, "\(head)Content-Length: 60\r\n\r\n\(partial)", halfClose: true)
        #expect(reply.status == 400, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json?["error"] as? String == "body-incomplete")
        #expect((reply.json?["message"] as? String)?.contains("Content-Length announced 60 bytes") == true)
        // Announcing more than maxBodyBytes (4096) is 413 before anything is read.
        reply = try tcpExchange(port: d.port, "\(head)Connection: close\r\nContent-Length: 5000\r\n\r\n\(partial)", halfClose: true)
        #expect(reply.status == 413)
        #expect(reply.json?["error"] as? String == "body-too-large")
        // Nothing was issued and the daemon serves on.
        #expect(try d.client(token: Self.kiosk).send("GET", "/api/v1/status").json?["ticketsToday"] as? Int == 0)
        #expect(try d.client(token: Self.kiosk).send("POST", "/api/v1/tickets", json: ["service": "passport"]).status == 201)
    }

    @Test("appointment times: impossible dates, implausible years, missing offsets and bookings over two years ahead are refused")
    func appointmentTimes() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let booking = d.socketClient()  // the socket acts as admin
        let code = BookingCode(payload: 31_337).description
        let cases: [(String, String)] = [
            ("2026-02-30T10:00:00+04:00", "field 'at': 2026-02-30 does not exist: February 2026 has 28 days"),
            ("2027-02-29T10:00:00+04:00", "field 'at': 2027-02-29 does not exist: February 2027 has 28 days"),
            ("0001-01-01T10:00:00Z", "field 'at': year 1 is outside 2000–2099; check the date '0001-01-01'"),
            ("9999-12-31T10:00:00Z", "field 'at': year 9999 is outside 2000–2099; check the date '9999-12-31'"),
            ("2026-12-08T25:00:00+04:00", "field 'at': hour 25 does not exist (00 to 23) in '2026-12-08T25:00:00+04:00'"),
            ("2026-12-08T10:00:00", "field 'at': '2026-12-08T10:00:00' has no UTC offset; add Z or the centre's offset such as +04:00"),
            ("8 December 2026", "field 'at': expected a date and time like 2026-11-16T10:30:00+04:00, got '8 December 2026'"),
        ]
        for (at, message) in cases {
            let reply = try booking.send("POST", "/api/v1/appointments", json: ["bookingCode": code, "service": "passport", "at": at])
            #expect(reply.status == 400, "\(at): \(String(decoding: reply.body, as: UTF8.self))")
            #expect(reply.json?["error"] as? String == "invalid-field")
            #expect(reply.json?["message"] as? String == message)
        }
        // A technician's appointmentAt on a ticket is read the same way.
        let ticket = try d.client(token: Self.tech).send("POST", "/api/v1/tickets", json: ["service": "passport", "appointmentAt": "2026-04-31T10:00:00+04:00"])
        #expect(ticket.status == 400)
        #expect(ticket.json?["message"] as? String == "field 'appointmentAt': 2026-04-31 does not exist: April 2026 has 30 days")
        // A real date more than two years ahead is a valid time but too far for a booking.
        let far = ISO8601DateFormatter().string(from: Date().addingTimeInterval(800 * 86_400))
        let refused = try booking.send("POST", "/api/v1/appointments", json: ["bookingCode": code, "service": "passport", "at": far])
        #expect(refused.status == 409)
        #expect(refused.json?["error"] as? String == "appointment-too-far-ahead")
        let near = ISO8601DateFormatter().string(from: Date().addingTimeInterval(30 * 86_400))
        #expect(try booking.send("POST", "/api/v1/appointments", json: ["bookingCode": code, "service": "passport", "at": near]).status == 201)
    }

    @Test("a request id of yesterday, repeated after midnight, answers the ticket with its number and final state")
    func requestIDAfterMidnight() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let journal = scratch.path + "/journal.db"
        let text = testConfiguration(journal: journal, socket: scratch.path + "/lobbyd.sock")
        // Yesterday, written to the journal as lobbyd would have: two tickets, one served.
        var engine = try QueueEngine(configuration: try ConfigurationLoader.parse(text, file: "test.yaml").centre)
        var at = Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)).adding(seconds: -86_400)
        var records: [JournalRecord] = []
        func run(_ id: String, _ command: QueueCommand) throws {
            at = at.adding(seconds: 1)
            records.append(try #require(try engine.execute(CommandRequest(RequestID(id), command), now: at).record))
        }
        try run("tap-served", .issueTicket(TicketRequest(service: "passport", language: .ru)))
        try run("tap-waiting", .issueTicket(TicketRequest(service: "passport", language: .en)))
        try run("open", .setWindowState(window: 1, state: .open))
        try run("sign-in", .signIn(window: 1, operator: "alice"))
        try run("w1-call", .callNext(window: 1))
        try run("w1-finish", .finishService(window: 1))
        try Journal.open(path: journal) { _ in }.journal.append(records)
        try text.write(toFile: scratch.path + "/lobby.yaml", atomically: true, encoding: .utf8)

        let d = try DaemonProcess(arguments: ["--config", scratch.path + "/lobby.yaml"], scratch: scratch)
        defer { d.stop() }
        let kiosk = d.client(token: Self.kiosk)
        var reply = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "language": "ru", "requestId": "tap-served"])
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json?["repeat"] as? Bool == true)
        var ticket = try #require(reply.json?["ticket"] as? [String: Any])
        #expect(ticket["number"] as? String == "P001")
        #expect(ticket["state"] as? String == "done")
        #expect(ticket["pastDay"] as? Bool == true)
        #expect(ticket["window"] as? Int == 1)
        reply = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "language": "en", "requestId": "tap-waiting"])
        ticket = try #require(reply.json?["ticket"] as? [String: Any])
        #expect(ticket["number"] as? String == "P002")
        #expect(ticket["state"] as? String == "expired", "a ticket left waiting at the end of its day expired")
        reply = try d.socketClient().send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "w1-call"])
        #expect(reply.json?["repeat"] as? Bool == true)
        #expect((reply.json?["ticket"] as? [String: Any])?["number"] as? String == "P001")
        // Nothing new was made: today has no tickets.
        #expect(try kiosk.send("GET", "/api/v1/status").json?["ticketsToday"] as? Int == 0)
    }
}
