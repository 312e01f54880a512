import Foundation
import LobbyClient
import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

/// A real lobbyd with a text-mode printer profile prints through a throwaway cupsd: the bytes the
/// printer receives are text mode and say what the queue and the configuration know (agency,
/// windows with zone and floor, priority, tracking code), and the QR code opens the ticket's page
/// by its token.
@Suite("lobbyd prints text-mode tickets", .tags(.cups), .serialized)
struct DaemonTextTicketTests {
    static let kiosk = "kiosk-token-123456"
    static let technician = "tech-token-1234567"

    @Test("a ticket in text mode: ~2 KB, the queue's facts on it, its QR opens its page")
    func textModeTicket() throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let printer = try lab.addPrinter("kiosk-a")
        let folder = NSTemporaryDirectory() + "lobbyd-text-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let profile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LobbyEscPos/Profiles/epson-tm-t20-80mm.json").path
        let config = """
        centre:
          name: {az: "Nümunə mərkəzi № 3", en: "Sample centre No. 3"}
        agencies: [{id: ag, name: {az: "Ədliyyə Nazirliyi", en: "Ministry of Justice"}}]
        services:
          - {id: birth, agency: ag, name: {az: "Doğum haqqında şəhadətnamə", en: "Birth certificate"}, prefix: B}
        windows:
          - {number: 4, agency: ag, services: {birth: 1}, zone: B, floor: 2}
          - {number: 5, agency: ag, services: {birth: 1}, zone: B, floor: 2}
        priorities: [{id: pregnant, name: {az: "Hamilə qadınlar", en: "Pregnant women"}, policy: first}]
        api:
          listen: 127.0.0.1:0
          socket: \(folder)/lobbyd.sock
          tokens: [{role: kiosk, token: \(Self.kiosk)}, {role: technician, token: \(Self.technician)}]
        journal: \(folder)/journal.db
        devices:
          printers:
            cups: "\(lab.cupsd.serverSpelling)"
            queues: [kiosk-a]
            profile: \(profile)
            statusURL: "https://queue.example.az/t/{token}"
            ticket: {hotline: "*1234", note: {az: "Sənədlərinizi hazır saxlayın."}}
        """
        try config.write(toFile: folder + "/lobby.yaml", atomically: true, encoding: .utf8)
        let daemon = try SpawnedProcess(TestProcess.productsFolder.appendingPathComponent("lobbyd").path,
                                        ["--config", folder + "/lobby.yaml"], outputFile: folder + "/lobbyd.log")
        defer { daemon.stop() }
        guard eventually(20, { daemon.output.contains("listening on http://") }) else {
            throw TestFailure("lobbyd did not start: \(daemon.output)")
        }
        let line = daemon.output.split(separator: "\n").first { $0.contains("listening on http://") }!
        let url = String(line[line.range(of: "http://")!.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "/ \n"))
        let client = HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: Self.kiosk, timeout: 60)

        let reply = try client.send("POST", "/api/v1/tickets", json: ["service": "birth", "language": "az", "priority": "pregnant", "requestId": "tap-1"])
        #expect(reply.status == 201)
        let ticket = try #require(reply.json?["ticket"] as? [String: Any])
        #expect((ticket["delivery"] as? [String: Any])?["kind"] as? String == "printed")
        let code = try #require(ticket["trackingCode"] as? String)
        let statusURL = try #require(ticket["statusURL"] as? String)
        #expect(statusURL == "https://queue.example.az/t/" + code.replacingOccurrences(of: "-", with: ""))

        #expect(eventually(10, { ((try? printer.jobs().filter(\.printed).count) ?? 0) == 1 }))
        let job = try #require(try printer.jobs().filter(\.printed).first)
        let bytes = try printer.bytes(of: job)
        #expect(bytes.count < 2048, "\(bytes.count) bytes")
        let decoded = try EscPosDecoder().decode(bytes)
        #expect(decoded.images.isEmpty, "no pictures without a logo")
        #expect(decoded.twoDimensionalCodes.compactMap(\.storedQRData) == [Array(statusURL.utf8)])

        let glyphs = FontGlyphs()
        var known: [MonoBitmap: Unicode.Scalar] = [:]
        for scalar in "ƏəŞşĞğÖöÜüÇçİı№–─·".unicodeScalars {
            if let glyph = glyphs.glyph(for: scalar, widthDots: 12, heightDots: 24) { known[glyph] = scalar }
        }
        let support = try #require(try PrinterProfile(jsonBytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: profile))),
                                                      fileName: "epson-tm-t20-80mm.json").text)
        let lines = TextModePrinter(support: support).print(decoded).lines.map { $0.text { known[$0] } }
        let printed = lines.joined(separator: "\n")
        for expected in ["Nümunə mərkəzi № 3", "Ədliyyə Nazirliyi", "Doğum haqqında şəhadətnamə", "Hamilə qadınlar",
                         "Pəncərə 4, 5 · Zona B · Mərtəbə 2", "Növbəti sizsiniz", "İzləmə kodu: \(code)",
                         "Sənədlərinizi hazır saxlayın.", "Qaynar xətt *1234", ticket["number"] as? String ?? "?"] {
            #expect(printed.contains(expected), "\(expected) not in:\n\(printed)")
        }
        #expect(!printed.contains("~0"))

        // The QR code's address is the ticket's page.
        let page = try HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: nil, timeout: 60)
            .send("GET", "/t/" + String(statusURL.split(separator: "/").last!))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains(ticket["number"] as? String ?? "?"))
    }
}
