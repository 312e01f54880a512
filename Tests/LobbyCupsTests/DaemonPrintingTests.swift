import Foundation
import LobbyClient
import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// The whole path with real parts: a real lobbyd issues tickets through a throwaway cupsd, our
/// backend and two simulated printers, and journals how each ticket reached its citizen.
@Suite("lobbyd prints tickets through CUPS", .tags(.cups), .serialized)
struct DaemonPrintingTests {
    static let kiosk = "kiosk-token-123456"
    static let technician = "tech-token-1234567"

    /// Collects the technicians' event stream (`/api/v1/events`) on a background thread.
    final class EventCollector: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [String] = []
        init(url: String, token: String) {
            let client = HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: token, timeout: 60)
            Thread.detachNewThread {
                try? client.stream("/api/v1/events") { line in
                    self.lock.lock()
                    self.collected.append(line)
                    self.lock.unlock()
                    return true
                }
            }
        }
        /// The `data:` objects of `device` events so far.
        var deviceEvents: [[String: Any]] {
            lock.lock()
            defer { lock.unlock() }
            var out: [[String: Any]] = []
            for (i, line) in collected.enumerated() where line == "event: device" {
                guard let data = collected[(i + 1)...].first(where: { $0.hasPrefix("data: ") }) else { continue }
                if let o = try? JSONSerialization.jsonObject(with: Data(data.dropFirst(6).utf8)) as? [String: Any] { out.append(o) }
            }
            return out
        }
        func saw(_ device: String, _ state: String) -> Bool {
            deviceEvents.contains { $0["device"] as? String == device && $0["state"] as? String == state }
        }
    }

    /// Starts lobbyd on a configuration with printers; returns the process and its base URL.
    func startDaemon(folder: String, cups: String, probes: String = "") throws -> (SpawnedProcess, String) {
        let config = """
        centre:
          name: {az: "Nümunə mərkəzi", en: "Sample centre"}
        agencies: [{id: ag, name: Agency}]
        services:
          - {id: id-card, agency: ag, name: {az: "Şəxsiyyət vəsiqəsinin verilməsi", en: "Identity card"}, prefix: A}
        windows: [{number: 1, agency: ag, services: {id-card: 1}}]
        api:
          listen: 127.0.0.1:0
          socket: \(folder)/lobbyd.sock
          tokens: [{role: kiosk, token: \(Self.kiosk)}, {role: technician, token: \(Self.technician)}]
        journal: \(folder)/journal.db
        devices:
          printers:
            cups: "\(cups)"
            queues:
              - kiosk-a
              - {queue: kiosk-b, profile: "\(TestProcess.packageRoot.path)/Sources/LobbyEscPos/Profiles/generic-58mm.json"}
            statusURL: "https://queue.example.az/t/{token}"
        \(probes)
        """
        try config.write(toFile: folder + "/lobby.yaml", atomically: true, encoding: .utf8)
        let daemon = try SpawnedProcess(TestProcess.productsFolder.appendingPathComponent("lobbyd").path,
                                        ["--config", folder + "/lobby.yaml"], outputFile: folder + "/lobbyd.log")
        guard eventually(20, { daemon.output.contains("listening on http://") }) else {
            daemon.stop()
            throw TestFailure("lobbyd did not start: \(daemon.output)")
        }
        let line = daemon.output.split(separator: "\n").first { $0.contains("listening on http://") }!
        let url = String(line[line.range(of: "http://")!.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "/ \n"))
        return (daemon, url)
    }

    /// POSTs JSON with the kiosk token; returns status and object.
    func post(_ url: String, _ path: String, _ body: [String: Any]) throws -> (Int, [String: Any]) {
        let reply = try HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: Self.kiosk, timeout: 60).send("POST", path, json: body)
        return (reply.status, reply.json ?? [:])
    }

    func get(_ url: String, _ path: String) throws -> (Int, [String: Any]) {
        let reply = try HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: Self.kiosk, timeout: 60).send("GET", path)
        return (reply.status, reply.json ?? [:])
    }

    @Test("printed on the first printer; a retry prints nothing; paper out fails over; no printer left shows the number")
    func issueAndPrint() throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let a = try lab.addPrinter("kiosk-a")
        let b = try lab.addPrinter("kiosk-b")
        let folder = NSTemporaryDirectory() + "lobbyd-print-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (daemon, url) = try startDaemon(folder: folder, cups: lab.cupsd.serverSpelling)
        defer { daemon.stop() }

        // 1. A ticket prints on the first printer, and the journal records it.
        var (status, reply) = try post(url, "/api/v1/tickets", ["service": "id-card", "language": "az", "requestId": "tap-1"])
        #expect(status == 201)
        var ticket = reply["ticket"] as? [String: Any] ?? [:]
        #expect((ticket["delivery"] as? [String: Any])?["kind"] as? String == "printed")
        #expect((ticket["delivery"] as? [String: Any])?["printer"] as? String == "kiosk-a")
        #expect(eventually(10, { ((try? a.jobs().filter(\.printed).count) ?? 0) == 1 }))
        // The bytes are a real raster ticket: it decodes to one image 576 dots wide.
        let job = try #require(try a.jobs().filter(\.printed).first)
        let decoded = try EscPosDecoder().decode(try a.bytes(of: job))
        #expect(decoded.images.count == 1)
        #expect(decoded.images.first?.bitmap.widthDots == 576)

        // 2. The same tap again (a retry): the same ticket, nothing printed again.
        (status, reply) = try post(url, "/api/v1/tickets", ["service": "id-card", "language": "az", "requestId": "tap-1"])
        #expect(status == 200)
        #expect(reply["repeat"] as? Bool == true)
        Thread.sleep(forTimeInterval: 1)
        #expect(try a.jobs().count == 1)
        #expect(try b.jobs().count == 0)

        // Paper low: the ticket still prints, and health and the event stream say so at once.
        let events = EventCollector(url: url, token: Self.technician)
        Thread.sleep(forTimeInterval: 0.5)
        try a.command("paper-low")
        (status, reply) = try post(url, "/api/v1/tickets", ["service": "id-card", "language": "en", "requestId": "tap-low"])
        #expect((reply["ticket"] as? [String: Any]).flatMap { $0["delivery"] as? [String: Any] }?["printer"] as? String == "kiosk-a")
        #expect(eventually(15, { events.saw("printer:kiosk-a", "paper-low") }), "a device event for paper-low: \(events.deviceEvents)")
        #expect((try get(url, "/healthz").1["devices"] as? [String: String])?["printer:kiosk-a"] == "paper-low")

        // 3. Paper out on the first printer: the next ticket prints on the second.
        try a.command("paper-out")
        (status, reply) = try post(url, "/api/v1/tickets", ["service": "id-card", "language": "ru", "requestId": "tap-2"])
        ticket = reply["ticket"] as? [String: Any] ?? [:]
        #expect((ticket["delivery"] as? [String: Any])?["printer"] as? String == "kiosk-b")
        #expect(eventually(10, { ((try? b.jobs().filter(\.printed).count) ?? 0) == 1 }))
        // kiosk-b is a 58 mm printer: the ticket was rendered for its 384-dot head.
        let narrow = try #require(try b.jobs().filter(\.printed).first)
        #expect(try EscPosDecoder().decode(try b.bytes(of: narrow)).images.first?.bitmap.widthDots == 384)
        let health = try get(url, "/healthz").1
        #expect((health["devices"] as? [String: String])?["printer:kiosk-a"] == "paper-out")
        #expect(health["status"] as? String == "degraded")
        #expect(eventually(10, { events.saw("printer:kiosk-a", "paper-out") }), "a device event for paper-out: \(events.deviceEvents)")

        // 4. No printer left: the ticket is valid and shown on screen; the journal says so.
        try b.command("paper-out")
        (status, reply) = try post(url, "/api/v1/tickets", ["service": "id-card", "language": "en", "requestId": "tap-3"])
        #expect(status == 201)
        ticket = reply["ticket"] as? [String: Any] ?? [:]
        #expect((ticket["delivery"] as? [String: Any])?["kind"] as? String == "shown-on-screen")
        let id = try #require(ticket["id"] as? Int)
        let stored = try get(url, "/api/v1/tickets/\(id)").1
        #expect((stored["delivery"] as? [String: Any])?["kind"] as? String == "shown-on-screen")
        #expect(try a.jobs().filter(\.printed).count == 2, "the first ticket and the paper-low one")
        #expect(try b.jobs().filter(\.printed).count == 1)
    }

    @Test("an idle printer's paper and power show in /healthz without a ticket and clear when fixed")
    func idleHealth() throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let a = try lab.addPrinter("kiosk-a", options: "status-timeout=0.5&retry-delay=2")
        _ = try lab.addPrinter("kiosk-b")
        let folder = NSTemporaryDirectory() + "lobbyd-idle-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (daemon, url) = try startDaemon(folder: folder, cups: lab.cupsd.serverSpelling,
                                            probes: "    idleProbeSeconds: 2\n    faultProbeSeconds: 1")
        defer { daemon.stop() }
        func health() -> String? { (try? get(url, "/healthz").1["devices"] as? [String: String])?["printer:kiosk-a"] }

        #expect(eventually(20) { health() == "ok" }, "\(String(describing: health()))")
        for (fault, summary, fix) in [("paper-out", "paper-out", "paper-ok"), ("paper-low", "paper-low", "paper-ok"), ("offline", "offline", "online")] {
            try a.command(fault)
            #expect(eventually(20) { health() == summary }, "\(fault) while idle: \(String(describing: health()))")
            try a.command(fix)
            #expect(eventually(20) { health() == "ok" }, "\(fault) fixed: \(String(describing: health()))")
        }
        // The probes printed nothing; no ticket was asked for.
        #expect(try a.jobs().isEmpty)
    }
}
