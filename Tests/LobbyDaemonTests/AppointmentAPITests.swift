import Foundation
import LobbyClient
import LobbyQueue
import LobbyTestSupport
import Testing

/// Appointments over HTTP against a real lobbyd: the booking system books, the kiosk checks in.
@Suite("appointments over HTTP", .tags(.host), .serialized)
struct AppointmentAPITests {
    static let admin = "admin-token-1234567"
    static let kiosk = "kiosk-token-123456"

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: date)
    }

    @Test("book, check in by booking code (once: a second check-in reprints), cancel, and precise errors")
    func bookAndCheckIn() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/lobby.yaml"
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        let kioskLine = try #require(text.split(separator: "\n").first { $0.contains("{role: kiosk") })
        let indent = kioskLine.prefix { $0 == " " }
        text = text.replacingOccurrences(of: String(kioskLine), with: "\(kioskLine)\n\(indent)- {role: admin, token: \(Self.admin)}")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", path], scratch: scratch)
        defer { d.stop() }
        let admin = d.client(token: Self.admin)
        let kiosk = d.client(token: Self.kiosk)
        let code = BookingCode(payload: 424_242).description
        let at = Self.iso(Date().addingTimeInterval(10 * 60))

        var reply = try admin.send("POST", "/api/v1/appointments", json: ["bookingCode": code, "service": "passport", "at": at])
        #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect((reply.json?["appointment"] as? [String: Any])?["bookingCode"] as? String == code)
        // Only the booking system (admin) books.
        #expect(try kiosk.send("POST", "/api/v1/appointments", json: ["bookingCode": code, "service": "passport", "at": at]).status == 403)

        // The citizen types the code in lower case without the hyphen: it is found.
        let typed = code.replacingOccurrences(of: "-", with: "").lowercased()
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["bookingCode": typed, "language": "en"])
        #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
        let ticket = try #require(reply.json?["ticket"] as? [String: Any])
        #expect((ticket["number"] as? String)?.hasPrefix("P") == true)
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["bookingCode": code])
        #expect((reply.json?["ticket"] as? [String: Any])?["id"] as? Int == ticket["id"] as? Int, "a second check-in gives the same ticket")

        // A kiosk cannot give a ticket an appointment time of its own (it would jump the line); a technician can.
        reply = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "birth", "appointmentAt": at])
        #expect(reply.status == 403, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json?["error"] as? String == "appointment-time-not-allowed")
        reply = try d.client(token: "tech-token-1234567").send("POST", "/api/v1/tickets", json: ["service": "birth", "appointmentAt": at])
        #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")

        // Errors say what is wrong.
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["bookingCode": "ABC"])
        #expect(reply.status == 400)
        #expect(reply.json?["error"] as? String == "invalid-booking-code")
        let unknown = BookingCode(payload: 777).description
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["bookingCode": unknown])
        #expect(reply.status == 404, "\(String(decoding: reply.body, as: UTF8.self))")
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: [:])
        #expect(reply.status == 400)

        // A cancelled appointment cannot be checked in.
        let other = BookingCode(payload: 99_001).description
        #expect(try admin.send("POST", "/api/v1/appointments", json: ["bookingCode": other, "service": "birth", "at": at]).status == 201)
        #expect(try admin.send("DELETE", "/api/v1/appointments/\(other)").status == 200)
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["bookingCode": other])
        #expect(reply.status == 409, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect((reply.json?["message"] as? String)?.contains("cancel") == true)

        // Appointments survive a restart (they are journalled).
        #expect(d.stop() == 0)
        let again = try DaemonProcess(arguments: ["--config", path], scratch: scratch)
        defer { again.stop() }
        reply = try again.client(token: Self.kiosk).send("POST", "/api/v1/appointments/check-in", json: ["bookingCode": code])
        #expect((reply.json?["ticket"] as? [String: Any])?["id"] as? Int == ticket["id"] as? Int)
    }

    /// A synthetic Azerbaijani TD1 card (Tests/LobbyMRZTests/Vectors/azerbaijani-synthetic.txt), FIN 2QW3ER5.
    static let card = "IDAZEAA123456782QW3ER5<<<<<<<<\n0102030M3402030AZE<<<<<<<<<<<7\nNUMUNOV<<SINAQ<TEST<<<<<<<<<<<"

    @Test("an appointment booked with a personal number is found by the citizen's ID document; the number is never stored")
    func checkInByDocument() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/lobby.yaml"
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        let kioskLine = try #require(text.split(separator: "\n").first { $0.contains("{role: kiosk") })
        let indent = kioskLine.prefix { $0 == " " }
        text = text.replacingOccurrences(of: String(kioskLine), with: "\(kioskLine)\n\(indent)- {role: admin, token: \(Self.admin)}")
        text += "\nprivacy:\n  personKey: \"\(String(repeating: "3c", count: 32))\"\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", path], scratch: scratch)
        let code = BookingCode(payload: 31_337).description
        let at = Self.iso(Date().addingTimeInterval(20 * 60))
        var reply = try d.client(token: Self.admin).send("POST", "/api/v1/appointments",
                                                         json: ["bookingCode": code, "service": "birth", "at": at, "personalNumber": "2qw3er5"])
        #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
        let kiosk = d.client(token: Self.kiosk)
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["document": ["mrz": Self.card]])
        #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
        let ticket = try #require(reply.json?["ticket"] as? [String: Any])
        #expect(ticket["service"] as? String == "birth")
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["document": ["mrz": Self.card]])
        #expect((reply.json?["ticket"] as? [String: Any])?["id"] as? Int == ticket["id"] as? Int, "the same ticket again")
        // Another citizen's document finds no appointment.
        reply = try kiosk.send("POST", "/api/v1/appointments/check-in", json: ["document": ["mrz": DocumentTests.young]])
        #expect(reply.status == 404, "\(String(decoding: reply.body, as: UTF8.self))")
        d.stop()
        var stored = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/journal.db"))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: scratch.path + "/journal.db-wal")) { stored += wal }
        let all = String(decoding: stored, as: UTF8.self) + d.log
        for secret in ["2QW3ER5", "2qw3er5", "NUMUNOV", "AA1234567", "010203"] {
            #expect(!all.contains(secret), "'\(secret)' must not be stored or logged")
        }
    }
}
