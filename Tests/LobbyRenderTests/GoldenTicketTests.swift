import Foundation
import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

/// Rendered tickets compared dot for dot with checked-in PBM goldens.
///
/// No tolerance: rendering is deterministic for a given font file, pango, cairo and freetype,
/// which Debian 12 pins. A package upgrade that moves glyphs fails these tests on purpose;
/// look at the PNGs written next to the failure, then re-record with LOBBY_RECORD_GOLDEN=1.
@Suite(.tags(.host)) struct GoldenTicketTests {
    static let cases: [(String, TicketLanguage?, PrinterWidth)] = [
        ("ticket-az-576", .az, .dots576), ("ticket-ru-576", .ru, .dots576), ("ticket-en-576", .en, .dots576),
        ("ticket-az-384", .az, .dots384), ("ticket-ru-512", .ru, .dots512),
        ("test-ticket-576", nil, .dots576), ("test-ticket-384", nil, .dots384),
    ]

    @Test(arguments: cases)
    func renderedTicketMatchesGolden(name: String, language: TicketLanguage?, width: PrinterWidth) throws {
        let renderer = TicketRenderer(width: width)
        let rendered = try language.map { try renderer.render(RenderFixtures.sampleLayout(), content: RenderFixtures.content($0)) }
            ?? renderer.render(TestTicket.layout, content: RenderFixtures.testTicketContent(width: width))
        #expect(rendered.unknownGlyphCount == 0)
        #expect(rendered.bitmap.widthDots == width.dots)

        let goldenURL = RenderFixtures.goldenFolder.appendingPathComponent("\(name).pbm")
        if RenderFixtures.isRecording {
            try Data(rendered.bitmap.portableBitmapData()).write(to: goldenURL)
            let png = try PNGEncoder.encode(rendered.bitmap)
            try Data(png).write(to: RenderFixtures.docsImagesFolder.appendingPathComponent("\(name).png"))
        }
        let golden = try MonoBitmap(portableBitmapData: [UInt8](Data(contentsOf: goldenURL)))
        if golden != rendered.bitmap {
            let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
            try Data(PNGEncoder.encode(rendered.bitmap)).write(to: actualURL)
            let sameSize = golden.widthDots == rendered.bitmap.widthDots && golden.heightDots == rendered.bitmap.heightDots
            let difference = sameSize ? "\(golden.differingDotCount(comparedWith: rendered.bitmap)) dots differ"
                : "size \(rendered.bitmap.widthDots)x\(rendered.bitmap.heightDots), golden \(golden.widthDots)x\(golden.heightDots)"
            Issue.record("\(name): \(difference); actual written to \(actualURL.path)")
        }
    }

    /// The full ticket (every optional line, a logo) in both modes: the raster picture, and the
    /// preview of what a text-mode printer prints from the text-mode bytes.
    @Test(arguments: [("full-az-576", "epson-tm-t20-80mm", TicketMode.raster), ("full-az-text-576", "epson-tm-t20-80mm", .text),
                      ("full-ru-text-384", "pos58-serial-58mm", .text), ("full-az-384", "pos58-serial-58mm", .raster)])
    func fullTicketMatchesGolden(name: String, profileName: String, mode: TicketMode) throws {
        let profile = try #require(try PrinterProfileCatalog(files: RenderFixtures.profileFiles())[profileName])
        let language: TicketLanguage = name.contains("-ru-") ? .ru : .az
        let glyphs = FontGlyphs()
        let encoded = try TicketEncoder(layout: RenderFixtures.sampleLayout(), content: RenderFixtures.fullContent(language), glyphs: glyphs)
            .encode(for: profile, mode: mode)
        let bitmap: MonoBitmap
        if let raster = encoded.raster {
            bitmap = raster.bitmap
        } else {
            let support = try #require(profile.text)
            let printout = TextModePrinter(support: support).print(try EscPosDecoder().decode(encoded.bytes))
            bitmap = TextModePreview(support: support, widthDots: profile.width.dots, glyphs: glyphs).render(printout)
        }
        try Self.compare(bitmap, name: name)
    }

    static func compare(_ bitmap: MonoBitmap, name: String) throws {
        let goldenURL = RenderFixtures.goldenFolder.appendingPathComponent("\(name).pbm")
        if RenderFixtures.isRecording {
            try Data(bitmap.portableBitmapData()).write(to: goldenURL)
            try Data(PNGEncoder.encode(bitmap)).write(to: RenderFixtures.docsImagesFolder.appendingPathComponent("\(name).png"))
        }
        let golden = try MonoBitmap(portableBitmapData: [UInt8](Data(contentsOf: goldenURL)))
        if golden != bitmap {
            let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
            try Data(PNGEncoder.encode(bitmap)).write(to: actualURL)
            Issue.record("\(name): differs from the golden; actual written to \(actualURL.path)")
        }
    }

    @Test func goldenTicketsSurviveTheEncoderAndDecoder() throws {
        let rendered = try TicketRenderer(width: .dots576).render(RenderFixtures.sampleLayout(), content: RenderFixtures.content(.az))
        for profile in [
            PrinterProfile(name: "bands", width: .dots576, cut: .feedThenPartialCut(feedUnits: 0), maxBandRows: 256),
            PrinterProfile(name: "columns", width: .dots576, cut: .fullCut, imageCommand: .columnESCStar),
        ] {
            let bytes = EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap)
            let image = try #require(try EscPosDecoder().decode(bytes).images.first)
            #expect(image.bitmap.rows(from: 0, count: rendered.bitmap.heightDots) == rendered.bitmap)
        }
    }
}
