import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

/// Azerbaijani and Cyrillic letters print as real glyphs of the ticket font, never as boxes.
@Suite(.tags(.host)) struct GlyphCoverageTests {
    static let azerbaijaniLetters = TestTicket.azerbaijaniLetters.split(separator: " ").map(String.init)

    static func render(_ text: String, weight: TextStyle.Weight = .normal) throws -> RenderedTicket {
        let layout = TicketLayout(
            name: "glyph", margins: .init(top: 4, bottom: 4, left: 4, right: 4),
            blocks: [.text(TextStyle(sizeDots: 40, weight: weight), TextTemplate(segments: [.literal(text)]))]
        )
        let content = TicketContent(
            language: .az, centreName: "", serviceName: "", ticketNumber: "", peopleAhead: 0,
            expectedWaitMinutes: 0, issueDate: "", issueTime: "", statusURL: ""
        )
        return try TicketRenderer(widthDots: 96).render(layout, content: content)
    }

    @Test func ticketFontIsDejaVuSansAndCoversAzerbaijaniAndCyrillic() {
        let text = TestTicket.azerbaijaniLetters + TestTicket.cyrillicLetters + "№—"
        let coverage = TicketRenderer.fontCoverage(of: text, family: "DejaVu Sans")
        #expect(coverage.resolvedFamily == "DejaVu Sans")
        #expect(coverage.missing.isEmpty, "missing: \(coverage.missing.map { String($0) })")
    }

    @Test func coverageCheckDetectsAMissingCharacter() {
        // A private-use character no font has: proves the check can fail.
        #expect(TicketRenderer.fontCoverage(of: "A\u{10FFFD}", family: "DejaVu Sans").missing == ["\u{10FFFD}"])
    }

    @Test(arguments: azerbaijaniLetters)
    func everyAzerbaijaniLetterRendersAsARealGlyph(letter: String) throws {
        let replacementBox = try Self.render("\u{10FFFD}")
        #expect(replacementBox.unknownGlyphCount == 1, "control: an unknown character is counted")
        for weight in [TextStyle.Weight.normal, .bold] {
            let rendered = try Self.render(letter, weight: weight)
            #expect(rendered.unknownGlyphCount == 0, "\(letter) \(weight)")
            #expect(rendered.bitmap.blackDotCount > 20, "\(letter) \(weight) has ink")
            #expect(rendered.bitmap != replacementBox.bitmap, "\(letter) \(weight) is not the box glyph")
        }
    }

    @Test func lettersThatDifferOnlyByDiacriticsRenderDifferently() throws {
        for (plain, marked) in [("I", "İ"), ("i", "ı"), ("e", "ə"), ("E", "Ə"), ("G", "Ğ"), ("o", "ö"), ("u", "ü"), ("c", "ç"), ("s", "ş")] {
            let first = try Self.render(plain).bitmap
            let second = try Self.render(marked).bitmap
            #expect(first != second, "\(plain) vs \(marked)")
        }
    }
}
