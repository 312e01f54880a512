import Foundation
import LobbyQueue
import LobbyReportPDF
import LobbyReports
import LobbyTestSupport
import Testing

/// The printable report drawn by cairo, read back by poppler: pages rendered by pdftoppm, fonts
/// embedded (pdffonts), the az/ru/en words found again by pdftotext.
@Suite("Report PDF through poppler", .tags(.host))
struct ReportPDFTests {
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = "/usr/bin/" + tool
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ReportPDFTestError("\(tool) is not installed: run scripts/setup.sh test (poppler-utils)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Dark pixels of a binary greyscale PGM (P5) as pdftoppm writes it.
    static func darkPixels(pgm path: String) throws -> (width: Int, height: Int, dark: Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var fields: [String] = [], at = 0, current = ""
        while fields.count < 4, at < bytes.count {
            let c = bytes[at]
            at += 1
            if c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else { current.append(Character(UnicodeScalar(c))) }
        }
        guard fields.count == 4, fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]) else { throw ReportPDFTestError("not a PGM: \(path)") }
        return (w, h, bytes[at...].filter { $0 < 128 }.count)
    }

    @Test("a month by operator in az, ru and en: every page drawn, fonts embedded, every letter found again", arguments: ReportLanguage.allCases)
    func printable(language: ReportLanguage) throws {
        let s = try FoldedStream(seed: 51, commands: 24_000)
        let days = Set(s.tickets.values.map(\.day)).sorted()
        var report = Report.compute(from: days.first!, to: days.last!, by: .operator, targetWaitSeconds: 600,
                                    tickets: Array(s.tickets.values), appointments: Array(s.appointments.values))
        // Enough rows for a second table page, with az and ru letters in the keys.
        let extra = report.rows[0]
        for i in 0..<60 {
            var row = extra
            row.key = (i % 2 == 0 ? "Əliyeva Şəbnəm \(i)" : "Пётр Щукин \(i)")
            report.rows.append(row)
        }
        let folder = ReportStoreTests.Folder()
        let file = folder.path + "/report-\(language.rawValue).pdf"
        let result = try ReportPDF.write(report, language: language, to: file)
        #expect(result.missingGlyphs == 0)
        #expect(result.pages >= 3, "the first page and at least two table pages")

        let info = try Self.run("pdfinfo", [file])
        #expect(info.status == 0)
        #expect(info.output.contains("Pages:") && info.output.contains("\(result.pages)"))
        #expect(info.output.contains("A4") || info.output.contains("595.28 x 841.89"))

        let fonts = try Self.run("pdffonts", [file])
        #expect(fonts.status == 0)
        let fontLines = fonts.output.split(separator: "\n").dropFirst(2)
        #expect(!fontLines.isEmpty)
        for line in fontLines {
            #expect(line.contains("DejaVu"), "\(line)")
            #expect(line.split(separator: " ").filter { $0 == "yes" }.count >= 2, "embedded and subset: \(line)")
        }

        let text = try Self.run("pdftotext", ["-enc", "UTF-8", file, "-"]).output
        #expect(text.contains(language.text("title")))
        #expect(text.contains(language.text("arrivals")))
        #expect(text.contains("Əliyeva Şəbnəm 0"))
        #expect(text.contains("Пётр Щукин 59"))
        #expect(text.contains(language.text("total")))
        #expect(text.contains("\(report.overall.issued)"))

        #expect(try Self.run("pdftoppm", ["-r", "40", "-gray", file, folder.path + "/page"]).status == 0)
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }.sorted()
        #expect(pages.count == result.pages)
        for page in pages {
            let p = try Self.darkPixels(pgm: folder.path + "/" + page)
            #expect(p.width > 0 && p.height > 0)
            #expect(p.dark > p.width * p.height / 200, "\(page) has ink: \(p.dark) dark pixels")
        }
    }

    @Test("a folder that does not exist is named in the error")
    func unwritable() throws {
        let r = Report.compute(from: LocalDate(year: 2026, month: 1, day: 5), to: LocalDate(year: 2026, month: 1, day: 5), by: .service,
                               targetWaitSeconds: 600, tickets: [], appointments: [])
        do {
            _ = try ReportPDF.write(r, language: .en, to: "/nonexistent-folder/r.pdf")
            Issue.record("wrote into a missing folder")
        } catch {
            #expect(error.description.contains("/nonexistent-folder/r.pdf"))
        }
    }
}

struct ReportPDFTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
