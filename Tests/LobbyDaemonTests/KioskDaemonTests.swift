import Foundation
import LobbyClient
import LobbyQueue
import LobbyTestSupport
import Testing

/// The kiosk lobbyd drives, headless (`display: none`), through the technicians' remote tap: the
/// same flow a finger drives through the touchscreen (the real evdev path is in the x86 guest).
@Suite("lobbyd's kiosk", .tags(.host), .serialized)
struct KioskDaemonTests {
    static let tech = "tech-token-1234567"

    struct Kiosk {
        let client: HTTPClient

        func status() throws -> [String: Any] { try client.send("GET", "/api/v1/kiosk").json ?? [:] }

        /// Taps the middle of the first enabled button whose action contains `action`.
        @discardableResult
        func tap(_ action: String) throws -> [String: Any] {
            let buttons = try status()["buttons"] as? [[String: Any]] ?? []
            guard let b = buttons.first(where: { ($0["action"] as? String ?? "").contains(action) && $0["enabled"] as? Bool == true }) else {
                throw TestFailure("no enabled button '\(action)' on \(try status()["screen"] ?? "?"): \(buttons.map { $0["action"] ?? "" })")
            }
            let x = (b["x"] as! Int) + (b["width"] as! Int) / 2, y = (b["y"] as! Int) + (b["height"] as! Int) / 2
            return try client.send("POST", "/api/v1/kiosk/tap", json: ["x": x, "y": y]).json ?? [:]
        }

        func waitFor(screen: String) throws {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if try status()["screen"] as? String == screen { return }
                usleep(50_000)
            }
            throw TestFailure("the kiosk never showed '\(screen)'; it shows \(try status()["screen"] ?? "?")")
        }
    }

    @Test("from the attract screen to an issued ticket; a double tap on take-ticket issues one; no printer: the number is on screen")
    func flowToTicket() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/input", withIntermediateDirectories: true)
        let path = scratch.path + "/lobby.yaml"
        try (testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock") + """

        devices:
          kiosk:
            name: entrance
            display: {backend: none, width: 1080, height: 1920}
            touchscreen: {directory: \(scratch.path)/input}
        """).write(toFile: path, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", path], scratch: scratch)
        defer { d.stop() }
        let kiosk = Kiosk(client: d.client(token: Self.tech))
        try kiosk.waitFor(screen: "attract")

        try kiosk.tap("start")
        try kiosk.waitFor(screen: "language")
        // What a technician reads: every button's action in its designed text form, no Swift debug text.
        let (code, text) = try runTool("lobbyctl", ["kiosk", "status"], environment: ["LOBBY_SOCKET": d.socket])
        #expect(code == 0)
        #expect(text.hasPrefix("kiosk entrance: screen language, language -, 1080x1920, display none, "))
        for language in ["az", "ru", "en"] { #expect(text.contains("[chooseLanguage:\(language)] at "), "\(text)") }
        #expect(!text.contains("LobbyQueue") && !text.contains("Language.") && !text.contains("Optional("), "\(text)")
        let buttons = try kiosk.status()["buttons"] as? [[String: Any]] ?? []
        #expect(buttons.contains { $0["action"] as? String == "chooseLanguage:en" }, "\(buttons)")
        try kiosk.tap("chooseLanguage:en")
        // The sample has one agency: straight to its services, or a category first.
        if try kiosk.status()["screen"] as? String == "categories" { try kiosk.tap("openCategory") }
        try kiosk.waitFor(screen: "services")
        try kiosk.tap("passport")
        try kiosk.waitFor(screen: "confirm")
        // A double tap: two taps on take-ticket in a row (once the estimate has arrived and enabled it).
        var take: [String: Any] = [:]
        let enabled = Date().addingTimeInterval(10)
        while Date() < enabled {
            let buttons = try kiosk.status()["buttons"] as? [[String: Any]] ?? []
            if let b = buttons.first(where: { ($0["action"] as? String) == "takeTicket" && $0["enabled"] as? Bool == true }) {
                take = b
                break
            }
            usleep(50_000)
        }
        try #require(!take.isEmpty, "the take-ticket button never became enabled")
        let x = (take["x"] as! Int) + 20, y = (take["y"] as! Int) + 20
        _ = try kiosk.client.send("POST", "/api/v1/kiosk/tap", json: ["x": x, "y": y])
        _ = try kiosk.client.send("POST", "/api/v1/kiosk/tap", json: ["x": x, "y": y])
        try kiosk.waitFor(screen: "doneUnprinted")

        let services = try kiosk.client.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]] ?? []
        let passport = try #require(services.first { $0["id"] as? String == "passport" })
        #expect(passport["issuedToday"] as? Int == 1, "one ticket for a double tap")
        #expect(passport["waiting"] as? Int == 1)

        let png = try kiosk.client.send("GET", "/api/v1/kiosk/screen.png")
        #expect(png.status == 200)
        #expect(png.body.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let width = png.body[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png.body[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1080 && height == 1920)

        // The touchscreen is missing (an empty input directory): a health state, not a crash.
        let devices = try kiosk.client.send("GET", "/healthz").json?["devices"] as? [String: String] ?? [:]
        let touch = try #require(devices["kiosk:entrance/touchscreen"])
        #expect(touch != "ok", "\(touch)")
        // Home goes back to the attract screen.
        try kiosk.tap("home")
        try kiosk.waitFor(screen: "attract")
    }

    @Test("a citizen types a booking code on the kiosk and gets the appointment's ticket; an unknown code is refused with a reason")
    func checkInByTypedCode() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/input", withIntermediateDirectories: true)
        let path = scratch.path + "/lobby.yaml"
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        let kioskLine = try #require(text.split(separator: "\n").first { $0.contains("{role: kiosk") })
        text = text.replacingOccurrences(of: String(kioskLine), with: "\(kioskLine)\n\(kioskLine.prefix { $0 == " " })- {role: admin, token: admin-token-1234567}")
        try (text + """

        devices:
          kiosk:
            display: {backend: none}
            touchscreen: {directory: \(scratch.path)/input}
        """).write(toFile: path, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", path], scratch: scratch)
        defer { d.stop() }
        let code = BookingCode(payload: 424_242).description
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(10 * 60))
        let booked = try d.client(token: "admin-token-1234567").send("POST", "/api/v1/appointments", json: ["bookingCode": code, "service": "birth", "at": at])
        #expect(booked.status == 201, "\(String(decoding: booked.body, as: UTF8.self))")

        let kiosk = Kiosk(client: d.client(token: Self.tech))
        func typeCode(_ text: String) throws {
            for character in text where character != "-" { try kiosk.tap("letter:\(character)") }
        }
        try kiosk.tap("start")
        try kiosk.tap("chooseLanguage:en")
        // One agency without categories: the check-in button is on the services list.
        try kiosk.tap("openCheckIn")
        try kiosk.waitFor(screen: "checkIn")
        try typeCode(code)
        try kiosk.tap("checkIn")
        try kiosk.waitFor(screen: "doneUnprinted")
        let services = try kiosk.client.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]] ?? []
        #expect(services.first { $0["id"] as? String == "birth" }?["issuedToday"] as? Int == 1, "the appointment's service got the ticket")

        // An unknown (but well-formed) code: the refusal screen says so.
        try kiosk.tap("home")
        try kiosk.tap("start")
        try kiosk.tap("chooseLanguage:en")
        try kiosk.tap("openCheckIn")
        try typeCode(BookingCode(payload: 777).description)  // well-formed, never booked
        try kiosk.tap("checkIn")
        try kiosk.waitFor(screen: "checkInFailure")
    }

    @Test("kiosk configuration errors name the field")
    func configurationErrors() throws {
        for (kiosk, expected) in [
            ("display: {backend: vga}", "unknown display backend 'vga'"),
            ("display: {rotation: 45}", "expected 0, 90, 180 or 270"),
            ("touchscreen: {calibration: \"1 0 0\"}", "expected six numbers"),
            ("mrzReader: {device: /dev/a, serial: /dev/b}", "not both"),
        ] {
            let scratch = Scratch()
            defer { scratch.cleanup() }
            let path = scratch.path + "/lobby.yaml"
            try (testConfiguration(journal: scratch.path + "/j.db", socket: scratch.path + "/s.sock") + "\ndevices:\n  kiosk:\n    " + kiosk + "\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let (code, out) = try runTool("lobbyd", ["--config", path, "--check"])
            #expect(code == 78)
            #expect(out.contains(expected) && out.contains("lobby.yaml:"), "\(out)")
        }
    }
}
