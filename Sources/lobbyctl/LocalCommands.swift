import ArgumentParser
import Foundation
import LobbyEscPos
import LobbyMRZ
import LobbyRender

/// `lobbyctl mrz …`: machine-readable zones of ID documents.
struct MRZCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mrz", abstract: "Machine-readable zones (ICAO 9303): parse them, watch the readers.", subcommands: [Parse.self, MRZWatchCommand.self])

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read MRZ lines from standard input and print their fields as JSON (exit 0 valid, 1 invalid).")

        func run() throws {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let (json, code) = MRZCommand.run(input: input)
            print(json)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// `lobbyctl ticket render`: the exact ESC/POS bytes (and a picture) of a ticket, without a printer.
struct RenderTicket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a ticket to ESC/POS bytes (--out) and a PNG picture (--png); a sample ticket without options.")

    @Option(help: "Ticket template (JSON); default: the sample centre's.") var template: String?
    @Option(help: "Printer profile (JSON); default: generic 80 mm, 576 dots.") var profile: String?
    @Option(help: "az, ru or en.") var language = "az"
    @Option(help: "Ticket number.") var number = "A042"
    @Option(help: "Service name.") var service = "Şəxsiyyət vəsiqəsinin verilməsi"
    @Option(help: "Centre name.") var centre = "Nümunə xidmət mərkəzi"
    @Option(help: "People ahead.") var ahead = 7
    @Option(help: "Expected wait in minutes.") var wait = 12
    @Option(help: "Address the QR code opens.") var url = "http://127.0.0.1:8080/t/42"
    @Option(help: "Date as printed.") var date = "16.11.2026"
    @Option(help: "Time as printed.") var time = "10:24"
    @Option(help: "Write the ESC/POS bytes here.") var out: String?
    @Option(help: "Write a PNG picture here.") var png: String?
    @Flag(help: "Print a JSON summary.") var json = false

    func run() throws {
        func load(_ path: String?, builtin: String, builtinName: String) throws -> (name: String, bytes: [UInt8]) {
            guard let path else { return (builtinName, Array(builtin.utf8)) }
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.usage("cannot read \(path)") }
            return ((path as NSString).lastPathComponent, [UInt8](data))
        }
        do {
            let t = try load(template, builtin: BuiltinPrintingData.ticketTemplate, builtinName: "sample-centre.json")
            let p = try load(profile, builtin: BuiltinPrintingData.printerProfile, builtinName: "generic-80mm.json")
            let layout = try TicketLayout(jsonBytes: t.bytes, fileName: t.name)
            let printer = try PrinterProfile(jsonBytes: p.bytes, fileName: p.name)
            guard let lang = TicketLanguage(rawValue: language) else { throw CLIError.usage("--language must be az, ru or en") }
            let content = TicketContent(language: lang, centreName: centre, serviceName: service, ticketNumber: number,
                                        peopleAhead: ahead, expectedWaitMinutes: wait, issueDate: date, issueTime: time, statusURL: url)
            let rendered = try TicketRenderer(width: printer.width).render(layout, content: content)
            let bytes = EscPosEncoder(profile: printer).ticketBytes(for: rendered.bitmap)
            if let out { try Data(bytes).write(to: URL(fileURLWithPath: out)) }
            if let png { try Data(try PNGEncoder.encode(rendered.bitmap)).write(to: URL(fileURLWithPath: png)) }
            let width = rendered.bitmap.widthDots
            let height = rendered.bitmap.heightDots
            var summary: [String: Any] = ["bytes": bytes.count, "widthDots": width, "heightDots": height]
            summary["unknownGlyphs"] = rendered.unknownGlyphCount
            summary["profile"] = printer.name
            summary["template"] = layout.name
            summary["out"] = out as Any? ?? NSNull()
            summary["png"] = png as Any? ?? NSNull()
            if json {
                let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                var line = "ticket \(number): \(width)×\(height) dots, \(bytes.count) bytes of ESC/POS for \(printer.name)"
                if let out { line += ", written to \(out)" }
                if let png { line += ", picture in \(png)" }
                print(line)
            }
            if rendered.unknownGlyphCount > 0 {
                FileHandle.standardError.write(Data("lobbyctl: warning: \(rendered.unknownGlyphCount) characters have no glyph in the font\n".utf8))
            }
        } catch let e as CLIError {
            FileHandle.standardError.write(Data("lobbyctl: \(e.description)\n".utf8))
            throw ExitCode(e.exitCode)
        } catch {
            FileHandle.standardError.write(Data("lobbyctl: \(error)\n".utf8))
            throw ExitCode(65)
        }
    }
}
