import Foundation
import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

@Suite(.tags(.host)) struct LayoutBehaviourTests {
    static func textLayout(_ style: TextStyle, _ text: String) -> TicketLayout {
        TicketLayout(
            name: "one", margins: .init(top: 10, bottom: 10, left: 8, right: 8),
            blocks: [
                .rule(RuleBlock(thicknessDots: 2)),
                .text(style, TextTemplate(segments: [.literal(text)])),
                .rule(RuleBlock(thicknessDots: 2)),
            ]
        )
    }

    static let emptyContent = TicketContent(
        language: .en, centreName: "", serviceName: "", ticketNumber: "", peopleAhead: 0,
        expectedWaitMinutes: 0, issueDate: "", issueTime: "", statusURL: ""
    )

    /// Rows strictly between two frames must be white: nothing spills out of its block.
    static func expectGapsAreWhite(_ rendered: RenderedTicket, sourceLocation: SourceLocation = #_sourceLocation) {
        let bitmap = rendered.bitmap
        var previousBottom = 0
        for block in rendered.blocks {
            for y in previousBottom..<block.frame.y {
                #expect(bitmap.row(y).allSatisfy { $0 == 0 }, "row \(y) above block \(block.index) has ink", sourceLocation: sourceLocation)
            }
            previousBottom = block.frame.y + block.frame.height
        }
        for y in previousBottom..<bitmap.heightDots {
            #expect(bitmap.row(y).allSatisfy { $0 == 0 }, "row \(y) in the bottom margin has ink", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [PrinterWidth.dots384, .dots512, .dots576])
    func longServiceNameWrapsAndIsNotCutOff(width: PrinterWidth) throws {
        let renderer = TicketRenderer(width: width)
        let style = TextStyle(sizeDots: 30, alignment: .center)
        let short = try renderer.render(Self.textLayout(style, "Vergi"), content: Self.emptyContent)
        let longName = "Sahibkarlıq subyektlərinin dövlət qeydiyyatı, şəhadətnamələrin dublikatlarının verilməsi və çıxarışların hazırlanması"
        let long = try renderer.render(Self.textLayout(style, longName), content: Self.emptyContent)

        let shortBlock = short.blocks[1], longBlock = long.blocks[1]
        #expect(shortBlock.lineCount == 1)
        #expect(longBlock.lineCount >= 3)
        #expect(longBlock.fontSizeDots == 30, "wrapped text keeps its size")
        #expect(longBlock.frame.height >= shortBlock.frame.height * longBlock.lineCount * 9 / 10)
        #expect(long.bitmap.heightDots > short.bitmap.heightDots)
        // All ink inside the printable width minus margins (small overhang tolerated: none expected).
        let ink = try #require(long.bitmap.inkBounds)
        #expect(ink.x >= 8 && ink.x + ink.width <= width.dots - 8)
        Self.expectGapsAreWhite(long)
    }

    @Test func overlongWordIsBrokenNotCut() throws {
        let word = String(repeating: "Ə", count: 60)
        let rendered = try TicketRenderer(width: .dots384).render(Self.textLayout(TextStyle(sizeDots: 30), word), content: Self.emptyContent)
        #expect(rendered.blocks[1].lineCount >= 3)
        let ink = try #require(rendered.bitmap.inkBounds)
        #expect(ink.x + ink.width <= 384 - 8)
        Self.expectGapsAreWhite(rendered)
    }

    @Test func oneLineTextShrinksToFit() throws {
        let style = TextStyle(sizeDots: 150, weight: .bold, alignment: .center, wraps: false)
        let rendered = try TicketRenderer(width: .dots384).render(Self.textLayout(style, "AB-12345"), content: Self.emptyContent)
        let block = rendered.blocks[1]
        #expect(block.lineCount == 1)
        #expect(block.fontSizeDots < 150)
        let ink = try #require(rendered.bitmap.inkBounds)
        #expect(ink.x >= 8 && ink.x + ink.width <= 384 - 8)
        Self.expectGapsAreWhite(rendered)
    }

    @Test(arguments: [TicketLanguage.az, .ru, .en])
    func sampleTicketsKeepEveryBlockInsideItsFrame(language: TicketLanguage) throws {
        for width in PrinterWidth.allCases {
            let rendered = try TicketRenderer(width: width).render(RenderFixtures.sampleLayout(), content: RenderFixtures.content(language))
            Self.expectGapsAreWhite(rendered)
            #expect(rendered.unknownGlyphCount == 0)
            // The empty English note is left out; the others have it.
            let noteShown = rendered.blocks.contains { $0.index == 19 }
            #expect(noteShown == (language != .en))
        }
    }

    @Test func labelsFollowTheLanguage() throws {
        let layout = try RenderFixtures.sampleLayout()
        var content = RenderFixtures.content(.az)
        let az = try TicketRenderer(width: .dots576).render(layout, content: content)
        content.language = .en
        let en = try TicketRenderer(width: .dots576).render(layout, content: content)
        #expect(az.bitmap != en.bitmap)
        #expect(az.blocks.count == en.blocks.count)
    }

    @Test func marginsTooWideAreRejected() {
        let layout = TicketLayout(name: "x", margins: .init(top: 0, bottom: 0, left: 100, right: 100), blocks: [.spacer(heightDots: 4)])
        #expect(throws: RenderError.noPrintableWidth(widthDots: 200, margins: 200)) {
            try TicketRenderer(widthDots: 200).render(layout, content: Self.emptyContent)
        }
    }

    @Test func pngEncoderWritesTheBitmapSize() throws {
        var bitmap = MonoBitmap(widthDots: 20, heightDots: 7)
        bitmap[3, 3] = true
        let png = try PNGEncoder.encode(bitmap, scale: 2)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR width and height, big-endian, at bytes 16-23; then 8-bit greyscale.
        #expect(Array(png[16..<26]) == [0, 0, 0, 40, 0, 0, 0, 14, 8, 0])
    }

    @Test func pngEncoderKeepsEveryDotAndEveryPixel() throws {
        var bitmap = MonoBitmap(widthDots: 37, heightDots: 13)
        var seed: UInt64 = 0x5EED
        for y in 0..<13 {
            for x in 0..<37 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bitmap[x, y] = seed >> 61 == 0
            }
        }
        #expect(try LogoImage.load(PNGEncoder.encode(bitmap)) == bitmap)
        #expect(try LogoImage.load(PNGEncoder.encode(bitmap, scale: 3)) == bitmap.scaled(x: 3, y: 3))
        // RGB: black, white, dark red; white, black, light grey.
        let rgb: [UInt8] = [0, 0, 0, 255, 255, 255, 120, 0, 0, 255, 255, 255, 0, 0, 0, 200, 200, 200]
        let read = try LogoImage.load(PNGEncoder.rgb(width: 3, height: 2, pixels: rgb))
        #expect((0..<2).map { y in (0..<3).map { read[$0, y] } } == [[true, false, true], [false, true, false]])
    }
}
