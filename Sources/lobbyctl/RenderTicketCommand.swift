import ArgumentParser
import Foundation
import LobbyEscPos
import LobbyRender

/// `lobbyctl ticket render`: the exact ESC/POS bytes (and a picture) of a ticket, without a printer.
struct RenderTicket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a ticket to ESC/POS bytes (--out) and a 1-bit PNG picture (--png); a sample ticket without options.",
        discussion: "Text mode is used when the profile offers it (--mode raster forces the picture). Empty options leave their line out.")

    @Option(help: "Ticket template (JSON); default: the sample centre's.") var template: String?
    @Option(help: "Printer profile (JSON); default: generic 80 mm, 576 dots, raster only.") var profile: String?
    @Option(help: "auto (the profile's preferred mode), text or raster.") var mode = "auto"
    @Option(help: "az, ru or en.") var language = "az"
    @Option(help: "Ticket number.") var number = "A042"
    @Option(help: "Service name.") var service = "Şəxsiyyət vəsiqəsinin verilməsi"
    @Option(help: "Centre name.") var centre = "Nümunə xidmət mərkəzi"
    @Option(help: "Agency name.") var agency = "Daxili İşlər Nazirliyi"
    @Option(help: "Windows serving the service, as printed.") var windows = "1–3"
    @Option(help: "Zone of those windows.") var zone = ""
    @Option(help: "Floor of those windows.") var floor = ""
    @Option(help: "Priority category's name (printed white on black).") var priority = ""
    @Option(help: "Appointment time (HH:mm) of an appointment's ticket.") var appointment = ""
    @Option(help: "People ahead (0 prints \"you are next\").") var ahead = 7
    @Option(help: "Expected wait in minutes (0 leaves the line out).") var wait = 12
    @Option(help: "Address the QR code opens.") var url = "https://queue.example.az/t/7KQ2MX9RTA"
    @Option(help: "Tracking code.") var trackingCode = "7KQ2M-X9RTA"
    @Option(help: "Date as printed.") var date = "16.11.2026"
    @Option(help: "Time as printed.") var time = "10:24"
    @Option(help: "A short note.") var note = ""
    @Option(help: "Hotline.") var hotline = ""
    @Option(help: "Website.") var website = ""
    @Option(help: "Logo (PNG or PBM, one pixel per dot).") var logo: String?
    @Option(help: "Write the ESC/POS bytes here.") var out: String?
    @Option(help: "Write a 1-bit PNG picture here (text mode: a preview of what the printer prints).") var png: String?
    @Flag(help: "Print a JSON summary.") var json = false

    func run() throws {
        do {
            let layout = try TicketLayout(jsonBytes: try Self.load(template, builtin: BuiltinPrintingData.ticketTemplate).bytes,
                                          fileName: (template as NSString?)?.lastPathComponent ?? "sample-centre.json")
            let printer = try PrinterProfile(jsonBytes: try Self.load(profile, builtin: BuiltinPrintingData.printerProfile).bytes,
                                             fileName: (profile as NSString?)?.lastPathComponent ?? "generic-80mm.json")
            guard let lang = TicketLanguage(rawValue: language) else { throw CLIError.usage("--language must be az, ru or en") }
            let wanted: TicketMode?
            switch mode {
            case "auto": wanted = nil
            case "text":
                guard printer.text != nil else { throw CLIError.usage("--mode text: profile \(printer.name) has no text mode") }
                wanted = .text
            case "raster": wanted = .raster
            default: throw CLIError.usage("--mode must be auto, text or raster")
            }
            var content = TicketContent(language: lang, centreName: centre, serviceName: service, ticketNumber: number,
                                        peopleAhead: ahead, expectedWaitMinutes: wait, issueDate: date, issueTime: time,
                                        statusURL: url, note: note)
            content.agencyName = agency
            content.windows = windows
            content.zone = zone
            content.floor = floor
            content.priority = priority
            content.appointmentTime = appointment
            content.trackingCode = trackingCode
            content.hotline = hotline
            content.website = website
            if let logo { content.logo = try LogoImage.load(try Self.load(logo, builtin: "").bytes) }
            let glyphs = FontGlyphs()
            let encoded = try TicketEncoder(layout: layout, content: content, glyphs: glyphs).encode(for: printer, mode: wanted)
            let picture = try Self.picture(of: encoded, printer: printer, glyphs: glyphs)
            if let out { try Data(encoded.bytes).write(to: URL(fileURLWithPath: out)) }
            if let png { try Data(PNGEncoder.encode(picture)).write(to: URL(fileURLWithPath: png)) }
            try report(encoded, printer: printer, layout: layout, picture: picture)
        } catch let e as CLIError {
            throw e
        } catch {
            throw CLIError.failed("bad-data", "\(error)", exitCode: 65)
        }
    }

    /// `ticket render --json`: what was encoded, for which printer, and what could not be printed.
    struct Summary: Encodable {
        /// The code page a text-mode ticket uses.
        struct CodePage: Encodable {
            let table: String
            let escT: Int
        }
        let mode: String
        let bytes: Int
        let wireSeconds19200: Double
        let widthDots: Int
        let heightDots: Int
        let profile: String
        let template: String
        let out: String?
        let png: String?
        var unknownGlyphs: Int?
        var codePage: CodePage?
        var downloadedCharacters: [String]?
        var pictureLines: Int?
        var replacedCharacters: Int?
    }

    private func report(_ encoded: EncodedTicket, printer: PrinterProfile, layout: TicketLayout, picture: MonoBitmap) throws {
        let wire = encoded.wireSeconds(baud: 19_200)
        var summary = Summary(mode: encoded.mode.rawValue, bytes: encoded.bytes.count, wireSeconds19200: (wire * 1000).rounded() / 1000,
                              widthDots: picture.widthDots, heightDots: picture.heightDots, profile: printer.name, template: layout.name,
                              out: out, png: png)
        if let raster = encoded.raster { summary.unknownGlyphs = raster.unknownGlyphCount }
        if let text = encoded.text {
            summary.codePage = .init(table: text.plan.codePage.table.name, escT: Int(text.plan.codePage.number))
            summary.downloadedCharacters = text.plan.userDefined.keys.map { String($0) }.sorted()
            summary.pictureLines = text.pictureLines
            summary.replacedCharacters = text.replacedCharacters
        }
        if json {
            try printJSON(summary)
        } else {
            var line = "ticket \(number): \(encoded.mode.rawValue) mode, \(encoded.bytes.count) bytes of ESC/POS for \(printer.name)"
            line += String(format: " (%.2f s at 19200 baud), %d×%d dots", wire, picture.widthDots, picture.heightDots)
            if let out { line += ", written to \(out)" }
            if let png { line += ", picture in \(png)" }
            print(line)
        }
        let missing = (encoded.raster?.unknownGlyphCount ?? 0) + (encoded.text?.replacedCharacters ?? 0)
        if missing > 0 {
            FileHandle.standardError.write(Data("lobbyctl: warning: \(missing) characters cannot be printed\n".utf8))
        }
    }

    /// Raster: the picture sent; text: a preview of what the printer prints.
    static func picture(of encoded: EncodedTicket, printer: PrinterProfile, glyphs: FontGlyphs) throws -> MonoBitmap {
        if let raster = encoded.raster { return raster.bitmap }
        guard let support = printer.text else { return MonoBitmap(widthDots: printer.width.dots, heightDots: 0) }
        let printout = TextModePrinter(support: support).print(try EscPosDecoder().decode(encoded.bytes))
        return TextModePreview(support: support, widthDots: printer.width.dots, glyphs: glyphs).render(printout)
    }

    static func load(_ path: String?, builtin: String) throws -> (name: String, bytes: [UInt8]) {
        guard let path else { return ("", Array(builtin.utf8)) }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.failed("unreadable-file", "cannot read \(path)", exitCode: 66) }
        return ((path as NSString).lastPathComponent, [UInt8](data))
    }
}
