import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The technicians' event stream carries the documented JSON of Docs/API.md, and nothing that
/// names a citizen or links their visits.
@Suite("Event stream payloads", .tags(.host), .serialized)
struct EventPayloadTests {
    /// The fields each event type may carry (Docs/API.md, `queue` events), besides `type`.
    static let documented: [String: Set<String>] = [
        "ticketIssued": ["ticket", "number", "service", "language", "priority", "appointmentAt"],
        "ticketCalled": ["ticket", "number", "window", "operator"],
        "ticketRecalled": ["ticket", "number", "window"], "serviceStarted": ["ticket", "number", "window"],
        "serviceFinished": ["ticket", "number", "window"], "ticketNoShow": ["ticket", "number", "window"],
        "ticketTransferred": ["ticket", "number", "service", "position"],
        "ticketParked": ["ticket", "number"], "ticketCancelled": ["ticket", "number"],
        "ticketUnparked": ["ticket", "number", "position"], "voteRecorded": ["ticket", "number", "score"],
        "windowStateChanged": ["window", "state"], "operatorSignedIn": ["window", "operator"], "operatorSignedOut": ["window"],
        "ticketDelivered": ["ticket", "number", "delivery", "printer", "reason"],
    ]

    @Test("queue events are documented JSON with ticket numbers, and carry no person key")
    func payloads() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try DocumentTests().start(scratch)
        defer { d.stop() }
        let box = LineBox()
        let listener = Thread {
            try? d.client(token: APITests.tech).stream("/api/v1/events") { line in
                box.append(line)
                return !line.contains("voteRecorded")
            }
        }
        listener.start()
        try eventually("the stream is open") { box.lines.contains("event: devices") }
        let tech = d.client(token: APITests.tech)
        let kiosk = d.client(token: APITests.kiosk)
        _ = try tech.send("POST", "/api/v1/windows/1/open")
        _ = try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"])
        let issued = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "document": ["mrz": DocumentTests.senior]])
        let id = try #require((issued.json?["ticket"] as? [String: Any])?["id"] as? Int)
        _ = try tech.send("POST", "/api/v1/windows/1/call-next")
        _ = try tech.send("POST", "/api/v1/windows/1/finish")
        _ = try kiosk.send("POST", "/api/v1/tickets/\(id)/vote", json: ["score": 5, "window": 1])
        try eventually("the vote reaches the stream") { box.lines.contains { $0.contains("voteRecorded") } }
        let data = box.lines.filter { $0.hasPrefix("data: {\"at\"") || $0.hasPrefix("data: {\"command\"") }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any] }
        let events = data.flatMap { ($0["events"] as? [[String: Any]]) ?? [] }
        #expect(events.count >= 6)
        for event in events {
            let type = try #require(event["type"] as? String)
            let allowed = try #require(Self.documented[type], "undocumented event type \(type)")
            let extra = Set(event.keys).subtracting(allowed).subtracting(["type"])
            #expect(extra.isEmpty, "\(type) carries undocumented fields \(extra)")
        }
        let called = try #require(events.first { $0["type"] as? String == "ticketCalled" })
        #expect(called["number"] as? String == "P001")
        #expect(called["operator"] as? String == "alice")
        for record in data {
            #expect(record["sequence"] is Int && record["at"] is String && record["command"] is String)
        }
        let text = box.lines.joined(separator: "\n")
        for forbidden in ["person", "LobbyQueue", "TicketID(", "TESTER", "X12345678"] {
            #expect(!text.contains(forbidden), "the stream contains '\(forbidden)'")
        }
    }
}
