import LobbyEscPos

/// A picture of what a text-mode printer prints (`TextModePrinter.Printout`): resident characters
/// drawn in a monospaced font in Font A cells, downloaded characters as they were sent, `GS !`
/// factors, bold as a second pass one dot to the right, reverse, alignment, pictures and the QR
/// code the printer would draw. For `lobbyctl ticket render --png` and the docs; the printer's own
/// font looks different, the layout is the same.
public struct TextModePreview {
    /// The printer's text facts.
    public let support: TextModeSupport
    /// The printable width.
    public let widthDots: Int
    private let glyphs: FontGlyphs

    /// A preview for a printer.
    public init(support: TextModeSupport, widthDots: Int, glyphs: FontGlyphs = FontGlyphs()) {
        self.support = support
        self.widthDots = widthDots
        self.glyphs = glyphs
    }

    /// The picture of a printout, up to the cut.
    public func render(_ printout: TextModePrinter.Printout) -> MonoBitmap {
        var pieces: [MonoBitmap] = []
        for element in printout.elements {
            switch element {
            case let .line(line, height):
                pieces.append(draw(line, heightDots: height))
            case let .image(bitmap, justification):
                pieces.append(placed(bitmap, justification))
            case let .qrCode(data, module):
                let text = String(decoding: data, as: UTF8.self)
                if let symbol = QRSymbol(encoding: text) {
                    pieces.append(placed(symbol.bitmap(moduleDots: module), .center))
                }
            case let .feed(dots):
                pieces.append(MonoBitmap(widthDots: widthDots, heightDots: dots))
            case .cut:
                break
            }
        }
        return pieces.reduce(MonoBitmap(widthDots: widthDots, heightDots: 0)) { $0.appendingRows(of: $1) }
    }

    private func placed(_ bitmap: MonoBitmap, _ justification: Justification) -> MonoBitmap {
        var row = MonoBitmap(widthDots: widthDots, heightDots: bitmap.heightDots)
        let free = max(0, widthDots - bitmap.widthDots)
        let x = justification == .left ? 0 : (justification == .center ? free / 2 : free)
        row.draw(bitmap, atX: x, y: 0)
        return row
    }

    private func draw(_ line: TextModePrinter.Line, heightDots: Int) -> MonoBitmap {
        let cellWidth = support.fontWidthDots, cellHeight = support.fontHeightDots
        let lineWidth = zip(line.glyphs.indices, line.scales).reduce(0) { $0 + cellWidth * $1.1.width }
        var row = MonoBitmap(widthDots: widthDots, heightDots: heightDots)
        let free = max(0, widthDots - lineWidth)
        var x = line.justification == .left ? 0 : (line.justification == .center ? free / 2 : free)
        let baseline = cellHeight * line.heightScale  // characters stand on the line's bottom
        for (index, glyph) in line.glyphs.enumerated() {
            let scale = line.scales[index]
            var cell: MonoBitmap
            switch glyph {
            case let .resident(scalar):
                cell = scalar.flatMap { glyphs.glyph(for: $0, widthDots: cellWidth, heightDots: cellHeight) }
                    ?? MonoBitmap(widthDots: cellWidth, heightDots: cellHeight)
            case let .downloaded(_, bitmap):
                cell = bitmap.padded(toWidthDots: max(bitmap.widthDots, cellWidth), heightDots: bitmap.heightDots)
            }
            if line.bold[index] {
                var bold = cell
                bold.draw(cell, atX: 1, y: 0)
                cell = bold
            }
            cell = cell.scaled(x: scale.width, y: scale.height)
            if line.inverse[index] { cell = cell.inverted() }
            row.draw(cell, atX: x, y: baseline - cell.heightDots)
            x += cellWidth * scale.width
        }
        return row
    }
}
