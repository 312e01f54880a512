import Foundation
import LobbyClient
import LobbyQueue
import LobbySerial
import LobbyTestSupport
import Testing

/// ID documents at lobbyd's kiosk, from a serial (CDC-ACM) MRZ reader played on a pseudo-terminal:
/// the reader's lines go through lobbyd's reader loop, the kiosk flow, the keyed hash and the queue.
/// (The keyboard-wedge reader and the CCID card reader inside lobbyd run in the x86 guest.)
@Suite("lobbyd's kiosk with an MRZ reader", .tags(.host), .serialized)
struct KioskDocumentDaemonTests {
    static let admin = "admin-token-1234567"
    static let forbidden = ["2QW3ER5", "2qw3er5", "NUMUNOV", "SINAQ", "AA1234567", "010203", "TESTER", "SENIOR", "X12345678", "500312"]

    /// Writes what a serial MRZ reader sends when a document is swiped: its lines, each ended by CR LF.
    static func swipe(_ mrz: String, on terminal: PseudoTerminal) {
        let bytes = Array(mrz.split(separator: "\n").map { $0 + "\r\n" }.joined().utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(terminal.masterDescriptor, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else { usleep(1_000) }
        }
    }

    func start(_ scratch: Scratch, reader: PseudoTerminal) throws -> DaemonProcess {
        try FileManager.default.createDirectory(atPath: scratch.path + "/input", withIntermediateDirectories: true)
        let path = scratch.path + "/lobby.yaml"
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        let kioskLine = try #require(text.split(separator: "\n").first { $0.contains("{role: kiosk") })
        text = text.replacingOccurrences(of: String(kioskLine), with: "\(kioskLine)\n\(kioskLine.prefix { $0 == " " })- {role: admin, token: \(Self.admin)}")
        text = text.replacingOccurrences(of: "    policy: first\n", with: "    policy: first\n  - {id: aged65, name: \"65+\", policy: boost, boostMinutes: 10}\n")
        text = text.replacingOccurrences(of: "    prefix: B\n", with: "    prefix: B\n  - {id: residence, agency: ag, name: {en: \"Residence permit\"}, prefix: R, requiresID: true}\n")
        text = text.replacingOccurrences(of: "services: {passport: 2, birth: 1}", with: "services: {passport: 2, birth: 1, residence: 1}")
        try (text + """

        privacy:
          personKey: "\(String(repeating: "3c", count: 32))"
          agePriority: {minimumAge: 65, category: aged65}
        devices:
          kiosk:
            name: entrance
            display: {backend: none}
            touchscreen: {directory: \(scratch.path)/input}
            mrzReader: {serial: \(reader.slavePath), baud: 9600}
        """).write(toFile: path, atomically: true, encoding: .utf8)
        return try DaemonProcess(arguments: ["--config", path], scratch: scratch)
    }

    /// Waits until `/healthz` reports the kiosk's MRZ reader as working.
    func waitForReader(_ d: DaemonProcess) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let body = String(decoding: try d.client(token: KioskDaemonTests.tech).send("GET", "/healthz").body, as: UTF8.self)
            if body.contains("kiosk:entrance/mrz-reader") && body.contains("\"ok\"") && !body.contains("mrz-reader\":\"absent") { return }
            usleep(100_000)
        }
        throw TestFailure("the MRZ reader never became healthy")
    }

    /// Runs `body` with a lobbyd whose kiosk reads the serial MRZ reader played on a new pty, once
    /// the reader is healthy and the kiosk shows its attract screen; stops and removes everything after.
    func withKiosk(_ body: (Scratch, PseudoTerminal, DaemonProcess, KioskDaemonTests.Kiosk) throws -> Void) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let reader = try PseudoTerminal()
        defer { reader.close() }
        let d = try start(scratch, reader: reader)
        defer { d.stop() }
        try waitForReader(d)
        let kiosk = KioskDaemonTests.Kiosk(client: d.client(token: KioskDaemonTests.tech))
        try kiosk.waitFor(screen: "attract")
        try body(scratch, reader, d, kiosk)
    }

    @Test("a document on the check-in keypad finds the citizen's appointment; another document finds none and says so")
    func checkInByDocument() throws {
        try withKiosk { scratch, reader, d, kiosk in
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(20 * 60))
            let booked = try d.client(token: Self.admin).send("POST", "/api/v1/appointments", json: [
                "bookingCode": BookingCode(payload: 5_150).description, "service": "birth", "at": at, "personalNumber": "2qw3er5",
            ])
            #expect(booked.status == 201, "\(String(decoding: booked.body, as: UTF8.self))")
            func openKeypad() throws {
                try kiosk.tap("start")
                try kiosk.tap("chooseLanguage:en")
                try kiosk.tap("openCheckIn")
                try kiosk.waitFor(screen: "checkIn")
            }
            // A document swiped before anything asks for one is ignored.
            Self.swipe(AppointmentAPITests.card, on: reader)
            usleep(300_000)
            try kiosk.waitFor(screen: "attract")
            try openKeypad()

            // Someone without an appointment: refused, with the way to type a code instead.
            Self.swipe(DocumentTests.young, on: reader)
            try kiosk.waitFor(screen: "checkInFailure")
            let buttons = try kiosk.status()["buttons"] as? [[String: Any]] ?? []
            #expect(buttons.contains { $0["action"] as? String == "openCheckIn" && $0["label"] as? String == "Type the booking code" }, "\(buttons)")
            #expect(buttons.contains { $0["action"] as? String == "ordinaryTicket" })

            // The citizen with the appointment presents the card (the failure screen still listens).
            Self.swipe(AppointmentAPITests.card, on: reader)
            try kiosk.waitFor(screen: "doneUnprinted")
            let services = try kiosk.client.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]] ?? []
            #expect(services.first { $0["id"] as? String == "birth" }?["issuedToday"] as? Int == 1, "the appointment's service got the ticket")
            #expect(try kiosk.client.send("GET", "/api/v1/tickets/1").json?["service"] as? String == "birth")

            // The same card at a new visit: the same ticket, not a second one.
            try kiosk.tap("home")
            try openKeypad()
            Self.swipe(AppointmentAPITests.card, on: reader)
            try kiosk.waitFor(screen: "doneUnprinted")
            let again = try kiosk.client.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]] ?? []
            #expect(again.first { $0["id"] as? String == "birth" }?["issuedToday"] as? Int == 1, "one ticket for one appointment")

            d.stop()
            var stored = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/journal.db"))
            if let wal = try? Data(contentsOf: URL(fileURLWithPath: scratch.path + "/journal.db-wal")) { stored += wal }
            let all = String(decoding: stored, as: UTF8.self) + d.log
            for secret in Self.forbidden { #expect(!all.contains(secret), "'\(secret)' must not be stored or logged") }
        }
    }

    @Test("a service that asks for an ID document takes it from the reader: age priority, one ticket per citizen, a bad read is refused")
    func serviceRequiringDocument() throws {
        try withKiosk { _, reader, d, kiosk in

            func visit(swiping mrz: String) throws {
                try kiosk.tap("start")
                try kiosk.tap("chooseLanguage:en")
                try kiosk.tap("residence")
                try kiosk.waitFor(screen: "idDocument")
                Self.swipe(mrz, on: reader)
            }
            // A damaged read (a wrong check digit) is not accepted: the step stays, nothing is issued.
            try visit(swiping: DocumentTests.senior.replacingOccurrences(of: "5003121", with: "5003122"))
            usleep(500_000)
            try kiosk.waitFor(screen: "idDocument")
            Self.swipe(DocumentTests.senior, on: reader)
            try kiosk.waitFor(screen: "confirm")
            try kiosk.tap("takeTicket")
            try kiosk.waitFor(screen: "doneUnprinted")
            let ticket = try kiosk.client.send("GET", "/api/v1/tickets/1").json ?? [:]
            #expect(ticket["service"] as? String == "residence")
            #expect(ticket["priority"] as? String == "aged65", "65+ by the document's birth date: \(ticket)")

            // The same citizen again: the same ticket (reprinted or shown), never a second one.
            try kiosk.tap("home")
            try visit(swiping: DocumentTests.senior)
            try kiosk.waitFor(screen: "confirm")
            try kiosk.tap("takeTicket")
            try kiosk.waitFor(screen: "doneUnprinted")
            let services = try kiosk.client.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]] ?? []
            #expect(services.first { $0["id"] as? String == "residence" }?["issuedToday"] as? Int == 1, "\(services)")

            d.stop()
            let all = d.log
            for secret in Self.forbidden { #expect(!all.contains(secret), "'\(secret)' must not be logged") }
        }
    }
}
