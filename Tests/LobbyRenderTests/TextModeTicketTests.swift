import Foundation
import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

/// Both modes of the same ticket, decoded back and compared: the same words in the same order,
/// every Azerbaijani and Russian letter, the QR data, and the size on the wire.
@Suite(.tags(.host)) struct TextModeTicketTests {
    static let profiles = try! PrinterProfileCatalog(files: RenderFixtures.profileFiles())
    static let glyphs = FontGlyphs()

    /// Reads downloaded glyphs back: the glyph FontGlyphs draws for each candidate character.
    static let recogniser: [MonoBitmap: Unicode.Scalar] = {
        var table: [MonoBitmap: Unicode.Scalar] = [:]
        let candidates = "ƏəĞğIıİiÖöÜüÇçŞş№—–·─«»" + TestTicket.cyrillicLetters.replacingOccurrences(of: " ", with: "")
        for scalar in candidates.unicodeScalars {
            if let glyph = glyphs.glyph(for: scalar, widthDots: 12, heightDots: 24) { table[glyph] = scalar }
        }
        return table
    }()

    static func words(_ lines: [String]) -> [String] {
        lines.filter { line in !line.unicodeScalars.allSatisfy { "─- ".unicodeScalars.contains($0) } }
            .flatMap { $0.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{2060}", with: "").split(separator: " ").map(String.init) }
    }

    /// The words both modes print, and the text-mode encoding.
    static func bothModes(_ content: TicketContent, profile name: String) throws
        -> (raster: [String], text: [String], encoded: EncodedTicket, printout: TextModePrinter.Printout) {
        let profile = try #require(profiles[name])
        let encoder = TicketEncoder(layout: try RenderFixtures.sampleLayout(), content: content, glyphs: glyphs)
        let text = try encoder.encode(for: profile)
        #expect(text.mode == .text)
        let raster = try encoder.encode(for: profile, mode: .raster)
        let rasterLines = try #require(raster.raster).blocks.flatMap(\.lines)
        let printout = TextModePrinter(support: try #require(profile.text)).print(try EscPosDecoder().decode(text.bytes))
        let textLines = printout.lines.map { $0.text { recogniser[$0] } }
        return (words(rasterLines), words(textLines), text, printout)
    }

    @Test(arguments: [TicketLanguage.az, .ru, .en], ["epson-tm-t20-80mm", "pos58-serial-58mm"])
    func bothModesPrintTheSameWords(language: TicketLanguage, profile: String) throws {
        let content = RenderFixtures.fullContent(language)
        let (raster, text, encoded, printout) = try Self.bothModes(content, profile: profile)
        #expect(!raster.isEmpty)
        #expect(text == raster)
        #expect(!text.joined().contains("\u{FFFD}"), "every character printed as itself")
        #expect(encoded.text?.replacedCharacters == 0 && encoded.text?.pictureLines == 0)
        // The QR code: the printer's own where it has one, else a picture.
        let decoded = try EscPosDecoder().decode(encoded.bytes)
        if profile == "epson-tm-t20-80mm" {
            #expect(decoded.twoDimensionalCodes.compactMap(\.storedQRData) == [Array(content.statusURL.utf8)])
        } else {
            #expect(decoded.twoDimensionalCodes.isEmpty && decoded.images.count == 2, "logo and QR are pictures")
        }
        #expect(printout.lengthDots > 500)
        #expect(encoded.bytes.count <= 4096 || profile == "pos58-serial-58mm", "\(encoded.bytes.count) bytes")
    }

    @Test func everyAzerbaijaniAndRussianLetterRoundTrips() throws {
        for (language, letters) in [(TicketLanguage.az, TestTicket.azerbaijaniLetters), (.ru, TestTicket.cyrillicLetters)] {
            var content = RenderFixtures.fullContent(language)
            content.serviceName = letters
            let (raster, text, encoded, _) = try Self.bothModes(content, profile: "epson-tm-t20-80mm")
            #expect(text == raster)
            let expected = letters.split(separator: " ").map(String.init)
            #expect(text.joined(separator: " ").contains(expected.joined(separator: " ")))
            let downloaded = Set(try #require(encoded.text).plan.userDefined.keys)
            #expect(language == .ru ? !downloaded.contains("Ə") : downloaded.isSuperset(of: ["Ə", "ə"]))
        }
    }

    @Test func ticketsAreSmallForTheWire() throws {
        for language in TicketLanguage.allCases {
            let content = RenderFixtures.fullContent(language)
            let text = try TicketEncoder(layout: try RenderFixtures.sampleLayout(), content: content, glyphs: Self.glyphs)
                .encode(for: try #require(Self.profiles["epson-tm-t20-80mm"]))
            var plain = content
            plain.logo = nil
            let withoutLogo = try TicketEncoder(layout: try RenderFixtures.sampleLayout(), content: plain, glyphs: Self.glyphs)
                .encode(for: try #require(Self.profiles["epson-tm-t20-80mm"]))
            #expect(text.bytes.count <= 4096, "\(language): \(text.bytes.count) bytes")
            #expect(withoutLogo.bytes.count <= 2048, "\(language) without logo: \(withoutLogo.bytes.count) bytes")
            #expect(text.wireSeconds(baud: 19_200) < 2.2)
        }
    }

    @Test func nobodyAheadSaysSoAndNumbersStayWithTheirWords() throws {
        var content = RenderFixtures.fullContent(.az)
        content.peopleAhead = 0
        content.expectedWaitMinutes = 0
        content.centreName = "Bakı şəhəri üzrə Xidmət Mərkəzi № 3"
        for profile in ["epson-tm-t20-80mm", "pos58-serial-58mm"] {
            let (raster, text, _, printout) = try Self.bothModes(content, profile: profile)
            #expect(text == raster)
            let lines = printout.lines.map { $0.text { Self.recogniser[$0] } }
            #expect(lines.contains { $0.contains("Növbəti sizsiniz") })
            #expect(!lines.contains { $0.contains("~0") || $0.contains("Sizdən əvvəl") })
            #expect(lines.contains { $0.contains("№ 3") }, "№ and 3 on one line: \(lines)")
        }
        content.peopleAhead = 3
        content.expectedWaitMinutes = 15
        content.serviceName = "Sürücülük vəsiqəsinin dəyişdirilməsi və uzun adlı xidmət üçün gözləmə 15 dəq"
        let (_, _, _, printout) = try Self.bothModes(content, profile: "pos58-serial-58mm")
        let lines = printout.lines.map { $0.text { Self.recogniser[$0] } }
        #expect(lines.contains { $0.contains("~15 dəq") })
        #expect(lines.contains { $0.contains("15 dəq") && !$0.hasPrefix("dəq") })
        #expect(!lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("dəq") })
    }

    @Test("a short wait with people ahead prints 'called shortly' from the template's labels, never '~0' or '~1 min'", arguments: [
        (TicketLanguage.az, "Tezliklə çağırılacaqsınız"), (.ru, "Вас скоро вызовут"), (.en, "You will be called shortly"),
    ])
    func shortWaitSaysCalledShortly(language: TicketLanguage, expected: String) throws {
        var content = RenderFixtures.fullContent(language)
        content.peopleAhead = 2
        content.expectedWaitMinutes = 0
        content.calledShortly = true
        let (raster, text, _, printout) = try Self.bothModes(content, profile: "epson-tm-t20-80mm")
        #expect(text == raster)
        let lines = printout.lines.map { $0.text { Self.recogniser[$0] } }
        #expect(lines.contains { $0.contains(expected) }, "\(lines)")
        #expect(!lines.contains { $0.contains("~0") || $0.contains("~1 ") }, "\(lines)")
        // A longer wait keeps its minutes and says nothing about "shortly".
        content.calledShortly = false
        content.expectedWaitMinutes = 12
        let longer = try Self.bothModes(content, profile: "epson-tm-t20-80mm").printout.lines.map { $0.text { Self.recogniser[$0] } }
        #expect(longer.contains { $0.contains("~12") } && !longer.contains { $0.contains(expected) }, "\(longer)")
    }

    @Test func anIndependentDecoderReadsTheSameLines() throws {
        let python = try RenderFixtures.pythonWithQRDecoder()
        for (name, capability, language) in [("epson-tm-t20-80mm", "TM-T20II", TicketLanguage.az), ("pos58-serial-58mm", "POS-5890", .ru),
                                             ("epson-tm-t20-80mm", "TM-T20II", .ru), ("pos58-serial-58mm", "POS-5890", .az)] {
            var content = RenderFixtures.fullContent(language)
            // Every letter of the language, through their code page numbers and Python's codecs.
            content.note = language == .az ? TestTicket.azerbaijaniLetters : TestTicket.cyrillicLetters
            let (_, text, encoded, _) = try Self.bothModes(content, profile: name)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-text-\(UUID().uuidString).bin")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(encoded.bytes).write(to: file)
            let script = RenderFixtures.testsFolder.appendingPathComponent("Scripts/decode_text_mode.py").path
            let result = try RenderFixtures.run(python, [script, file.path, capability], timeoutSeconds: 60)
            #expect(result.status == 0, "\(result.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            // Its downloaded glyphs, read the same way as ours.
            var mapping: [Unicode.Scalar: Unicode.Scalar] = [:]
            for (code, value) in json["glyphs"] as? [String: [String: Any]] ?? [:] {
                let columns = Array(try #require(Data(hex: value["columns"] as? String ?? "")))
                let glyph = UserDefinedCharacters.glyph(verticalBytes: value["y"] as! Int, columns: value["x"] as! Int, bytes: columns[...])
                mapping[Unicode.Scalar(0xE000 + UInt32(code)!)!] = Self.recogniser[glyph] ?? "\u{FFFD}"
            }
            let lines = (json["lines"] as? [String] ?? []).map { line in
                String(String.UnicodeScalarView(line.unicodeScalars.map { mapping[$0] ?? $0 }))
            }
            #expect(Self.words(lines) == text)
            if name == "epson-tm-t20-80mm" { #expect(json["qr"] as? [String] == [content.statusURL]) }
        }
    }

    @Test func pythonEscposSendsTheSameQRAndCodePageBytes() throws {
        let python = try RenderFixtures.pythonWithQRDecoder()
        let script = RenderFixtures.testsFolder.appendingPathComponent("Scripts/python_escpos_reference.py").path
        let url = "https://queue.example.az/t/7KQ2MX9RTA"
        for (table, number, line) in [("CP857", UInt8(13), "Şəhər İğdır Çöl Üzüm ı"), ("CP866", 17, "Ожидание примерно Ёё")] {
            let result = try RenderFixtures.run(python, [script, url, "6", table, line], timeoutSeconds: 60)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: String])
            let qr = EscPosCommand.bytes(of: TextModeEncoder.qrCommands(data: Array(url.utf8), moduleDots: 6))
            #expect(Data(qr) == Data(hex: json["qr"] ?? ""))
            // Their line (ə becomes '?' there) against ours, character for character where both print one.
            let theirs = try #require(Data(hex: json["text"] ?? ""))
            #expect(Array(theirs.prefix(3)) == [0x1B, 0x74, number])
            let page = try #require(CodePage.all[table.lowercased().replacingOccurrences(of: "cp", with: "pc")])
            let ours = line.unicodeScalars.map { page.byte(for: $0) ?? 0x3F }
            #expect(Array(theirs.dropFirst(3)) == ours)
        }
    }

    @Test func textModePreviewAndPNGAreBlackAndWhite() throws {
        let python = try RenderFixtures.pythonWithQRDecoder()
        let profile = try #require(Self.profiles["epson-tm-t20-80mm"])
        let encoded = try TicketEncoder(layout: try RenderFixtures.sampleLayout(), content: RenderFixtures.fullContent(.az), glyphs: Self.glyphs)
            .encode(for: profile)
        let printout = TextModePrinter(support: try #require(profile.text)).print(try EscPosDecoder().decode(encoded.bytes))
        let preview = TextModePreview(support: try #require(profile.text), widthDots: 576, glyphs: Self.glyphs).render(printout)
        #expect(preview.widthDots == 576 && preview.heightDots == printout.lengthDots)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-preview-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(try PNGEncoder.encode(preview)).write(to: file)
        let check = """
        import sys; from PIL import Image
        im = Image.open(sys.argv[1]); px = list(im.getdata())
        print(im.mode, im.size[0], im.size[1], sum(1 for p in px if p == 0), sum(1 for p in px if p not in (0, 255)))
        """
        let result = try RenderFixtures.run(python, ["-c", check, file.path], timeoutSeconds: 60)
        // Greyscale with pure black and white only: every dot the printer prints, nothing in between.
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "L 576 \(preview.heightDots) \(preview.blackDotCount) 0")
        // The preview's QR code is the printer's: it reads back as the status address.
        let decode = RenderFixtures.testsFolder.appendingPathComponent("Scripts/decode_qr.py").path
        let qr = try RenderFixtures.run(python, [decode, file.path], timeoutSeconds: 60)
        #expect(qr.output.split(separator: "\n").map(String.init) == [RenderFixtures.fullContent(.az).statusURL])
    }
}

extension Data {
    /// Bytes from hex text; nil for odd length or a non-hex character.
    init?(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16), hex.distance(from: index, to: next) == 2 else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
