import Foundation
import LobbyClient
import LobbyDaemon
import LobbyTestSupport
import Testing

/// The ticket's status page behind an unguessable token, through a real lobbyd over HTTP, and the
/// configuration check that refuses a QR code no phone can open.
@Suite("Ticket links", .tags(.host))
struct TicketLinkTests {
    @Test("a ticket's page opens by its token only; ids and altered tokens find nothing; the key survives a restart")
    func tokenPage() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var daemon = try startTestDaemon(scratch)
        defer { daemon.stop() }
        let kiosk = daemon.client(token: "kiosk-token-123456")
        var tickets: [[String: Any]] = []
        for index in 0..<3 {
            let reply = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "language": "ru", "requestId": "t-\(index)"])
            #expect(reply.status == 201)
            tickets.append(try #require(reply.json?["ticket"] as? [String: Any]))
        }
        let codes = tickets.compactMap { $0["trackingCode"] as? String }
        #expect(codes.count == 3 && Set(codes).count == 3)
        #expect(codes.allSatisfy { $0.count == 11 && $0.dropFirst(5).first == "-" })
        let page = daemon.client()
        for (ticket, code) in zip(tickets, codes) {
            let token = code.replacingOccurrences(of: "-", with: "")
            let reply = try page.send("GET", "/t/\(token)")
            #expect(reply.status == 200)
            #expect(text(reply).contains(ticket["number"] as? String ?? "?"))
            // Typed back by a person: lower case and the hyphen are fine.
            #expect(try page.send("GET", "/t/\(code.lowercased())").status == 200)
            // The sequential id is no way in.
            #expect(try page.send("GET", "/t/\(ticket["id"] as? Int ?? 0)").status == 404)
        }
        // The first ticket's page: nobody ahead, so no "~0".
        #expect(text(try page.send("GET", "/t/\(codes[0])")).contains("Вы следующий"))
        #expect(!text(try page.send("GET", "/t/\(codes[0])")).contains("~0"))
        // One character changed is another ticket nobody has.
        var altered = Array(codes[0].replacingOccurrences(of: "-", with: ""))
        altered[9] = altered[9] == "Z" ? "Y" : "Z"
        #expect(try page.send("GET", "/t/\(String(altered))").status == 404)
        let key = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/ticket-links.key"))
        #expect(key.count == 32)
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.path + "/ticket-links.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        daemon.stop()
        daemon = try DaemonProcess(arguments: ["--config", scratch.path + "/lobby.yaml"], scratch: scratch)
        #expect(try daemon.client().send("GET", "/t/\(codes[1])").status == 200, "the same token after a restart")
        let again = try daemon.client(token: "kiosk-token-123456").send("GET", "/api/v1/tickets/\(tickets[1]["id"] as? Int ?? 0)")
        #expect((again.json?["trackingCode"] as? String) == codes[1])
    }

    func text(_ reply: HTTPClient.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    static func printersConfiguration(_ scratch: Scratch, statusURL: String?) throws -> String {
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        text += "\ndevices:\n  printers:\n    queues: [kiosk-a]\n"
        if let statusURL { text += "    statusURL: \"\(statusURL)\"\n" }
        let path = scratch.path + "/lobby.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("lobbyd --check refuses a QR address no phone can open, naming file, line and field", arguments: [
        (nil as String?, "devices.printers.statusURL: missing; the QR code on printed tickets must open an address citizens' phones reach"),
        ("http://127.0.0.1:8080/t/{token}", "devices.printers.statusURL: '127.0.0.1' is this machine's own address"),
        ("http://localhost/t/{token}", "devices.printers.statusURL: 'localhost' is this machine's own address"),
        ("http://[::1]:8080/t/{token}", "devices.printers.statusURL: '::1' is this machine's own address"),
        ("https://queue.example.az/t/{id}", "devices.printers.statusURL: '{id}' makes every ticket's page guessable"),
        ("https://queue.example.az/queue", "devices.printers.statusURL: must contain '{token}' once"),
    ])
    func checkRefusesLoopback(statusURL: String?, message: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = try Self.printersConfiguration(scratch, statusURL: statusURL)
        let (code, output) = try runTool("lobbyd", ["--config", path, "--check"])
        #expect(code == 78, "\(output)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        // A missing field is reported where its section starts (the section's first entry).
        let field = statusURL == nil ? "queues:" : "statusURL:"
        let line = (lines.firstIndex { $0.contains(field) } ?? -1) + 1
        #expect(output.contains("\(path):\(line):"), "\(output)")
        #expect(output.contains(message), "\(output)")
    }

    @Test("lobbyd --check accepts a public address with the token")
    func checkAcceptsPublicAddress() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = try Self.printersConfiguration(scratch, statusURL: "https://queue.example.az/t/{token}")
        let (code, output) = try runTool("lobbyd", ["--config", path, "--check"])
        #expect(code == 0, "\(output)")
    }
}
