import Foundation
import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

/// The QR code on the printed raster decodes to the exact status URL with an independent
/// decoder (zxing-cpp in a Python venv created by Scripts/setup-python-venv.sh on first run).
@Suite(.tags(.host)) struct QRReadBackTests {
    @Test(arguments: [PrinterWidth.dots384, .dots576])
    func ticketQRDecodesToTheStatusURL(width: PrinterWidth) throws {
        let python = try RenderFixtures.pythonWithQRDecoder()
        var content = RenderFixtures.content(.az)
        content.statusURL = "https://lobby.example/t/2026-11-21/A042?c=3&k=Zq9xK2mP7wR4"
        let rendered = try TicketRenderer(width: width).render(RenderFixtures.sampleLayout(), content: content)
        let qrBlock = try #require(rendered.blocks.first { $0.qrModuleDots > 0 })
        #expect(qrBlock.qrModuleDots >= QRSymbol.minimumModuleDots)

        // Through the printer path: encode, decode the ESC/POS, read the QR from that raster.
        let profile = PrinterProfile(name: "p", width: width, cut: .partialCut, maxBandRows: 256)
        let printed = try #require(try EscPosDecoder().decode(EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap)).images.first)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-qr-\(width.dots)-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(PNGEncoder.encode(printed.bitmap)).write(to: file)

        let script = RenderFixtures.testsFolder.appendingPathComponent("Scripts/decode_qr.py").path
        let result = try RenderFixtures.run(python, [script, file.path], timeoutSeconds: 60)
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").map(String.init) == [content.statusURL])
    }

    @Test func qrSymbolHasTheStandardStructure() throws {
        let symbol = try #require(QRSymbol(encoding: "https://lobby.example/t/1"))
        #expect(symbol.size == 17 + 4 * symbol.version)
        // Finder pattern corners are dark, the separator next to them light.
        #expect(symbol.isDark(x: 0, y: 0) && symbol.isDark(x: 6, y: 6) && !symbol.isDark(x: 7, y: 7))
        #expect(symbol.isDark(x: symbol.size - 1, y: 0) && symbol.isDark(x: 0, y: symbol.size - 1))
    }

    @Test func qrThatCannotFitIsAnError() throws {
        let layout = TicketLayout(name: "q", blocks: [.qr(QRBlock(field: .statusURL, maxWidthPercent: 20))])
        var content = RenderFixtures.content(.en)
        content.statusURL = "https://lobby.example/" + String(repeating: "x", count: 300)
        #expect {
            try TicketRenderer(width: .dots384).render(layout, content: content)
        } throws: { error in
            guard case let RenderError.qrTooWide(index, _, available) = error else { return false }
            return index == 0 && available == 368 * 20 / 100
        }
    }
}
