import Foundation
import LobbyTestSupport
import Testing
@testable import LobbyEscPos

/// A real in-memory glyph source: each character's glyph spells its code point in dots (row 0
/// and 1), so a decoded glyph can be read back without fonts.
struct CodePointGlyphs: TextModeGlyphs {
    var refused: Set<Unicode.Scalar> = []
    var pictures = true

    func glyph(for scalar: Unicode.Scalar, widthDots: Int, heightDots: Int) -> MonoBitmap? {
        guard !refused.contains(scalar) else { return nil }
        var glyph = MonoBitmap(widthDots: widthDots, heightDots: heightDots)
        for bit in 0..<24 where scalar.value & (1 << UInt32(bit)) != 0 { glyph[bit % widthDots, 2 + bit / widthDots] = true }
        glyph[0, 0] = true  // never blank
        return glyph
    }

    static func read(_ glyph: MonoBitmap) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for bit in 0..<24 where glyph[bit % glyph.widthDots, 2 + bit / glyph.widthDots] { value |= 1 << UInt32(bit) }
        return Unicode.Scalar(value)
    }

    func picture(of line: TextLine, widthDots: Int, cellHeightDots: Int) -> MonoBitmap? {
        pictures ? MonoBitmap(widthDots: min(widthDots, 12 * line.text.unicodeScalars.count), heightDots: cellHeightDots) : nil
    }
}

@Suite(.tags(.host)) struct TextModeEncoderTests {
    static let azerbaijani = "Ə ə Ğ ğ I ı İ i Ö ö Ü ü Ç ç Ş ş"
    static let russian = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя №"

    static func support(_ tables: [(CodePage, UInt8)], userDefined: Bool = true, qr: Bool = true) -> TextModeSupport {
        TextModeSupport(codePages: tables.map { .init(table: $0.0, number: $0.1) }, userDefinedCharacters: userDefined, nativeQR: qr)
    }

    static let epson = support([(.pc857, 13), (.wpc1254, 48), (.pc866, 17), (.wpc1251, 46), (.pc437, 0)])

    static func profile(_ support: TextModeSupport, width: PrinterWidth = .dots576) -> PrinterProfile {
        PrinterProfile(name: "t", width: width, cut: .feedThenPartialCut(feedUnits: 0), text: support)
    }

    /// Encodes, decodes, plays back; returns the printed lines' text and the printout.
    static func roundTrip(_ lines: [TextLine], support: TextModeSupport = epson, glyphs: CodePointGlyphs = CodePointGlyphs())
        throws -> (texts: [String], encoded: TextModeEncoder.Encoded, printout: TextModePrinter.Printout) {
        let encoder = try #require(TextModeEncoder(profile: profile(support)))
        let encoded = encoder.encode(TextTicket(elements: lines.map { .line($0) }), glyphs: glyphs)
        let printout = TextModePrinter(support: support).print(try EscPosDecoder().decode(encoded.bytes))
        return (printout.lines.map { $0.text(recognise: CodePointGlyphs.read) }, encoded, printout)
    }

    @Test func azerbaijaniRoundTripsWithTurkishCodePageAndDownloadedSchwa() throws {
        let text = Self.azerbaijani + " Xidmət Mərkəzi"
        let (texts, encoded, printout) = try Self.roundTrip([TextLine(text), TextLine("Əlavə: ə")])
        #expect(texts == [text, "Əlavə: ə"])
        #expect(encoded.plan.codePage.table == .pc857 && encoded.plan.codePage.number == 13)
        #expect(Set(encoded.plan.userDefined.keys) == ["Ə", "ə"])
        #expect(printout.codePagesSelected == [13])
        // Downloaded once per job, with their ASCII look-alikes as codes.
        let definitions = encoded.commands.filter { if case .defineCharacters = $0 { true } else { false } }
        #expect(definitions.count == 2)
        #expect(encoded.plan.userDefined["Ə"] == 0x45 && encoded.plan.userDefined["ə"] == 0x65)
        // Every downloaded run is wrapped in ESC % 1 … ESC % 0.
        let decoded = try EscPosDecoder().decode(encoded.bytes).commands.map(\.command)
        for (index, command) in decoded.enumerated() where command == .userDefinedCharacterSet(true) {
            #expect(decoded[index + 2] == .userDefinedCharacterSet(false))
        }
        #expect(encoded.replacedCharacters == 0 && encoded.pictureLines == 0)
    }

    @Test func russianRoundTripsWithCyrillicCodePage() throws {
        let (texts, encoded, _) = try Self.roundTrip([TextLine(Self.russian, bold: true)])
        #expect(texts == [Self.russian])
        #expect(encoded.plan.codePage.table == .pc866 && encoded.plan.userDefined.isEmpty)
    }

    @Test func windowsCodePagesWhenTheProfilePrefersThem() throws {
        let support = Self.support([(.wpc1254, 91), (.wpc1251, 73), (.pc857, 61)])
        var (texts, encoded, _) = try Self.roundTrip([TextLine(Self.azerbaijani)], support: support)
        #expect(texts == [Self.azerbaijani] && encoded.plan.codePage.number == 91)
        (texts, encoded, _) = try Self.roundTrip([TextLine(Self.russian)], support: support)
        #expect(texts == [Self.russian] && encoded.plan.codePage.number == 73)
    }

    @Test func sizesStylesAndAlignmentReachThePaper() throws {
        let big = TextLine("A042", widthScale: 6, heightScale: 6, bold: true, justification: .center)
        let inverse = TextLine(" Əlilliyi olan şəxslər ", inverse: true)
        let (texts, _, printout) = try Self.roundTrip([big, inverse, TextLine("end")])
        #expect(texts == ["A042", " Əlilliyi olan şəxslər ", "end"])
        let lines = printout.lines
        #expect(lines[0].scales.allSatisfy { $0.width == 6 && $0.height == 6 } && lines[0].bold.allSatisfy { $0 })
        #expect(lines[0].justification == .center)
        #expect(lines[1].inverse.allSatisfy { $0 } && lines[1].justification == .left)
        #expect(lines[2].inverse.allSatisfy { !$0 } && lines[2].scales.allSatisfy { $0.width == 1 })
        // A 6x line takes 6 x 24 dots of paper; an ordinary one the line spacing.
        guard case let .line(_, height) = printout.elements[0], case let .line(_, other) = printout.elements[2] else {
            Issue.record("expected lines")
            return
        }
        #expect(height == 144 && other == 30)
    }

    @Test func characterWithoutGlyphMakesItsLineAPictureAndOthersStayText() throws {
        let glyphs = CodePointGlyphs(refused: ["ə"])
        let encoder = try #require(TextModeEncoder(profile: Self.profile(Self.epson)))
        let ticket = TextTicket(elements: [.line(TextLine("Sizdən əvvəl")), .line(TextLine("Növ: 42"))])
        let encoded = encoder.encode(ticket, glyphs: glyphs)
        #expect(encoded.pictureLines == 1 && encoded.plan.missing == ["ə"])
        let printout = TextModePrinter(support: Self.epson).print(try EscPosDecoder().decode(encoded.bytes))
        #expect(printout.lines.map { $0.text() } == ["Növ: 42"])
        #expect(printout.elements.contains { if case .image = $0 { true } else { false } })
        // No pictures possible either: '?' and a count, never silence.
        let plain = encoder.encode(ticket, glyphs: CodePointGlyphs(refused: ["ə"], pictures: false))
        #expect(plain.replacedCharacters == 3)
    }

    @Test func printersWithoutUserDefinedCharactersGetPictureLines() throws {
        let support = Self.support([(.pc857, 13)], userDefined: false)
        let encoder = try #require(TextModeEncoder(profile: Self.profile(support)))
        let encoded = encoder.encode(TextTicket(elements: [.line(TextLine("Mərkəz")), .line(TextLine("Ödəniş yox"))]), glyphs: CodePointGlyphs())
        #expect(encoded.plan.userDefined.isEmpty && encoded.pictureLines == 2)
        #expect(!encoded.commands.contains { if case .defineCharacters = $0 { true } else { false } })
    }

    @Test func nativeQRIsModel2LevelMAndDecodes() throws {
        let url = Array("https://queue.example.az/t/7KQ2MX9RTA".utf8)
        let encoder = try #require(TextModeEncoder(profile: Self.profile(Self.epson)))
        let encoded = encoder.encode(TextTicket(elements: [.qrCode(data: url, moduleDots: 6, justification: .center)]), glyphs: CodePointGlyphs())
        let decoded = try EscPosDecoder().decode(encoded.bytes)
        #expect(decoded.twoDimensionalCodes.compactMap(\.storedQRData) == [url])
        #expect(decoded.twoDimensionalCodes.map(\.summary) == [
            "QR select model 2", "QR module size 6", "QR error correction 1", "QR store data (\(url.count) bytes)", "QR print stored symbol",
        ])
        let printout = TextModePrinter(support: Self.epson).print(decoded)
        #expect(printout.elements.first == .qrCode(data: url, moduleDots: 6))
        #expect(printout.lengthDots == QRCapacity.modules(forByteCount: url.count) * 6)
    }

    @Test func decoderRejectsBrokenTextModeCommandsWithTheirOffset() throws {
        #expect(throws: EscPosDecodingError.truncated(command: "ESC &", byteOffset: 2, neededBytes: 42, availableBytes: 8)) {
            try EscPosDecoder().decode([0x1B, 0x40, 0x1B, 0x26, 3, 0x45, 0x45, 12, 0, 0])
        }
        #expect(throws: EscPosDecodingError.invalidParameter(command: "ESC &", byteOffset: 0, parameter: "c2", value: 0x44)) {
            try EscPosDecoder().decode([0x1B, 0x26, 3, 0x45, 0x44])
        }
        #expect(throws: EscPosDecodingError.invalidParameter(command: "GS !", byteOffset: 1, parameter: "n", value: 0x88)) {
            try EscPosDecoder().decode([0x0A, 0x1D, 0x21, 0x88])
        }
    }

    @Test func codePagesMatchPythonsCodecs() throws {
        let names = ["pc437": "cp437", "pc857": "cp857", "pc866": "cp866", "wpc1251": "cp1251", "wpc1254": "cp1254"]
        let script = """
        import json, sys
        out = {}
        for name in sys.argv[1:]:
            row = []
            for b in range(128, 256):
                try: row.append(ord(bytes([b]).decode(name)))
                except UnicodeDecodeError: row.append(None)
            out[name] = row
        print(json.dumps(out))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + names.values.sorted()
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let tables = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [Any]])
        for (ours, python) in names {
            let table = try #require(CodePage.all[ours])
            let expected = try #require(tables[python])
            for index in 0..<128 {
                #expect(table.upperHalf[index]?.value == (expected[index] as? Int).map(UInt32.init), "\(ours) byte 0x\(String(index + 128, radix: 16))")
            }
        }
        for letter in Self.azerbaijani.unicodeScalars where letter != " " && letter != "Ə" && letter != "ə" {
            #expect(CodePage.pc857.byte(for: letter) != nil && CodePage.wpc1254.byte(for: letter) != nil, "\(letter)")
        }
        for letter in Self.russian.unicodeScalars where letter != " " {
            #expect(CodePage.pc866.byte(for: letter) != nil && CodePage.wpc1251.byte(for: letter) != nil, "\(letter)")
        }
        #expect(CodePage.all.values.allSatisfy { $0.byte(for: "Ə") == nil && $0.byte(for: "ə") == nil })
    }
}
