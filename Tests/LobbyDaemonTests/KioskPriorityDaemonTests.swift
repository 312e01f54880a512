import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// Priority categories chosen at the kiosk lobbyd drives (headless, through the technicians'
/// remote tap), and what the queue makes of them: the category on the ticket, and the call order
/// its configured policy gives.
@Suite("Kiosk priority tickets through lobbyd", .tags(.host), .serialized)
struct KioskPriorityDaemonTests {
    static let tech = "tech-token-1234567"
    static let alice = "alice-token-123456"

    /// The test centre with the three categories a centre names: two called first, one boosted.
    static func configuration(_ scratch: Scratch) -> String {
        let base = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        let categories = """
        priorities:
          - id: disabled
            name: {az: "Əlilliyi olan şəxslər", ru: "Люди с инвалидностью", en: "People with disabilities"}
            policy: first
            proof: {en: "Show your disability certificate at the window"}
          - id: aged65
            name: {az: "65 yaşdan yuxarı", ru: "Старше 65 лет", en: "Aged 65 and over"}
            policy: boost
            boostMinutes: 10
          - id: pregnant
            name: {az: "Hamilə qadınlar", ru: "Беременные женщины", en: "Pregnant women"}
            policy: first
            proof: {en: "A member of staff confirms it at the window"}
          - id: veteran
            name: {en: "Veterans (staff only)"}
            policy: first
            kiosk: false
        """
        let start = base.range(of: "priorities:\n")!, end = base.range(of: "api:\n")!
        return base.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: categories + "\n") + """

        devices:
          kiosk:
            name: entrance
            display: {backend: none, width: 1080, height: 1920}
            touchscreen: {directory: \(scratch.path)/input}
        """
    }

    @Test("a priority ticket from the kiosk carries its category and is called before an ordinary ticket issued earlier",
          arguments: ["disabled", "aged65", "pregnant"])
    func priorityFromKiosk(_ category: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/input", withIntermediateDirectories: true)
        let path = scratch.path + "/lobby.yaml"
        try Self.configuration(scratch).write(toFile: path, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", path], scratch: scratch)
        defer { d.stop() }
        let tech = d.client(token: Self.tech)
        let kiosk = KioskDaemonTests.Kiosk(client: tech)
        try kiosk.waitFor(screen: "attract")

        // Someone already waits with an ordinary ticket.
        let ordinary = try d.client(token: "kiosk-token-123456").send("POST", "/api/v1/tickets", json: ["service": "passport", "requestId": "early"])
        #expect(ordinary.status == 201)

        try kiosk.tap("chooseLanguage:en")
        try kiosk.waitFor(screen: "services")
        try kiosk.tap("chooseService:passport")
        try kiosk.waitFor(screen: "confirm")
        try kiosk.tap("openPriority")
        try kiosk.waitFor(screen: "priority")
        let offered = (try kiosk.status()["buttons"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(offered.filter { $0.hasPrefix("choosePriority:") } == ["choosePriority:disabled", "choosePriority:aged65", "choosePriority:pregnant"],
                "a staff-only category is not offered: \(offered)")
        try kiosk.tap("choosePriority:\(category)")
        try kiosk.waitFor(screen: "confirm")
        try kiosk.tap("takeTicket")
        try kiosk.waitFor(screen: "doneUnprinted")

        #expect(try tech.send("POST", "/api/v1/windows/1/open").status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"]).status == 200)
        let call = try d.client(token: Self.alice).send("POST", "/api/v1/windows/1/call-next", json: ["requestId": "w1-1"])
        #expect(call.status == 200)
        let called = try #require(call.json?["ticket"] as? [String: Any])
        #expect(called["number"] as? String == "P002", "the kiosk's priority ticket is called first: \(called)")
        #expect(called["priority"] as? String == category)
    }
}
