import Foundation
import LobbyEscPos
import LobbyRender

/// Bytes on the wire per ticket in each mode, language and printer, the wire time on a 19200-baud
/// 8N1 serial line (bytes × 10 / 19200), and tap-to-cut: the measured time to lay out and encode
/// the ticket plus a model of the printer printing each line as soon as its bytes have arrived
/// and the previous line is done, at the printer's paper speed.
enum WireBudget {
    static let baud = 19_200.0

    struct Row {
        let profile: String, mode: TicketMode, language: TicketLanguage, logo: Bool
        let bytes: Int, encodeMilliseconds: Double, paperMillimetres: Double, wireSeconds: Double, tapToCutSeconds: Double
    }

    static func run(packageRoot: URL, layout: TicketLayout, runs: Int) throws -> [Row] {
        let folder = packageRoot.appendingPathComponent("Sources/LobbyEscPos/Profiles")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
        let catalog = try PrinterProfileCatalog(files: files)
        // Paper speed: an 80 mm printer of the TM-T20 class 150 mm/s; a 58 mm serial printer ~50 mm/s.
        // The 58 mm class also with GS ( k, as many newer 58 mm printers have (the QR is then no picture).
        let printers: [(String, Double)] = [("epson-tm-t20-80mm", 150), ("pos58-serial-58mm", 50), ("pos58-serial-58mm+qr", 50)]
        let glyphs = FontGlyphs()
        var rows: [Row] = []
        for (name, speed) in printers {
            var profile = catalog[name.replacingOccurrences(of: "+qr", with: "")]!
            if name.hasSuffix("+qr") { profile.text?.nativeQR = true }
            for mode in [TicketMode.text, .raster] {
                for language in TicketLanguage.allCases {
                    for logo in [true, false] {
                        var content = sampleContent(language)
                        if !logo { content.logo = nil }
                        let encoder = TicketEncoder(layout: layout, content: content, glyphs: glyphs)
                        var times: [Double] = []
                        var encoded = try encoder.encode(for: profile, mode: mode)
                        let clock = ContinuousClock()
                        for _ in 0..<max(3, runs / 20) {
                            let start = clock.now
                            encoded = try encoder.encode(for: profile, mode: mode)
                            let d = clock.now - start
                            times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
                        }
                        let median = times.sorted()[times.count / 2]
                        let (paper, printed) = try stream(encoded.bytes, profile: profile, speed: speed)
                        rows.append(Row(profile: name, mode: mode, language: language, logo: logo, bytes: encoded.bytes.count,
                                        encodeMilliseconds: median, paperMillimetres: paper,
                                        wireSeconds: Double(encoded.bytes.count) * 10 / baud, tapToCutSeconds: median / 1000 + printed))
                    }
                }
            }
        }
        return rows
    }

    /// Paper length (mm) and the time until the last dot row is printed, streaming the bytes.
    static func stream(_ bytes: [UInt8], profile: PrinterProfile, speed: Double) throws -> (Double, Double) {
        let decoded = try EscPosDecoder().decode(bytes)
        let dotsPerMillimetre = Double(profile.dotsPerInch) / 25.4
        var freeAt = 0.0, paper = 0.0
        var spacing = 30, height = 1, lineHasText = false
        var module = 3
        for (index, entry) in decoded.commands.enumerated() {
            let end = index + 1 < decoded.commands.count ? decoded.commands[index + 1].byteOffset : bytes.count
            let arrived = Double(end) * 10 / baud
            var dots = 0
            switch entry.command {
            case let .lineSpacing(units): spacing = Int(units)
            case .defaultLineSpacing: spacing = 30
            case let .characterSize(_, h): height = Int(h)
            case .text: lineHasText = true
            case .lineFeed:
                dots = lineHasText ? max(spacing, 24 * height) : spacing
                lineHasText = false
            case let .rasterImage(band): dots = band.bitmap.heightDots
            case let .columnImage(band): dots = band.bitmap.heightDots - 24  // the LF after it adds the band height
            case let .feedDots(n): dots = Int(n)
            case let .feedLines(n): dots = Int(n) * spacing
            case let .twoDimensionalCode(code):
                if code.function == 0x43, let size = code.parameters.first { module = Int(size) }
                if code.function == 0x51, let data = decoded.twoDimensionalCodes.compactMap(\.storedQRData).last {
                    dots = QRCapacity.modules(forByteCount: data.count) * module
                }
            default: break
            }
            guard dots > 0 else { continue }
            let millimetres = Double(dots) / dotsPerMillimetre
            freeAt = max(arrived, freeAt) + millimetres / speed
            paper += millimetres
        }
        return (paper, freeAt)
    }

    static func sampleContent(_ language: TicketLanguage) -> TicketContent {
        let names: [TicketLanguage: (String, String, String, String, String)] = [
            .az: ("Xidmət Mərkəzi № 3", "Ədliyyə Nazirliyi", "Şəxsiyyət vəsiqəsinin dəyişdirilməsi və itirilmiş sənədin bərpası",
                  "Əlilliyi olan şəxslər", "Zəhmət olmasa nömrənizi ekranda izləyin."),
            .ru: ("Центр обслуживания № 3", "Министерство юстиции", "Замена удостоверения личности и восстановление утерянного документа",
                  "Люди с инвалидностью", "Пожалуйста, следите за номером на экране."),
            .en: ("Service Centre No. 3", "Ministry of Justice", "Identity card replacement and recovery of a lost document",
                  "People with disabilities", "Please follow your number on the screen."),
        ]
        let n = names[language]!
        var c = TicketContent(language: language, centreName: n.0, serviceName: n.2, ticketNumber: "A042", peopleAhead: 7,
                              expectedWaitMinutes: 12, issueDate: "21.11.2026", issueTime: "09:41",
                              statusURL: "https://queue.example.az/t/7KQ2MX9RTA", note: n.4)
        c.agencyName = n.1
        c.windows = "4–6"
        c.zone = "B"
        c.floor = "2"
        c.priority = n.3
        c.appointmentTime = "10:30"
        c.trackingCode = "7KQ2M-X9RTA"
        c.hotline = "*1234"
        c.website = "queue.example.az"
        var logo = MonoBitmap(widthDots: 192, heightDots: 48)
        for y in 0..<48 { for x in 0..<192 where (x - 96) * (x - 96) + (y - 24) * (y - 24) < 18 * 18 || y < 2 || y > 45 || x < 2 || x > 189 { logo[x, y] = true } }
        c.logo = logo
        return c
    }

    static func print(_ rows: [Row]) {
        Swift.print("profile               mode    lang logo  bytes  wire@19200  encode   paper    tap-to-cut")
        for r in rows {
            Swift.print(String(format: "%-21@ %-7@ %-4@ %-4@ %6d  %7.2f s  %6.2f ms  %5.1f mm  %6.2f s",
                               r.profile as NSString, r.mode.rawValue as NSString, r.language.rawValue as NSString,
                               (r.logo ? "yes" : "no") as NSString, r.bytes, r.wireSeconds, r.encodeMilliseconds, r.paperMillimetres,
                               r.tapToCutSeconds))
        }
    }
}
