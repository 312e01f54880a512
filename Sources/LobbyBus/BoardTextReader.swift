import LobbyBoardFont
import LobbyWire

/// Reads the text back out of a board's frame buffer with the boards' font (`lobbyctl board
/// show` prints it under the picture; tests use it to check what a citizen sees).
///
/// Each text line is a band of glyph-high rows. Text may start at any pixel (centred and
/// right-aligned text is not cell-aligned, Protocol.md §6.8), so every horizontal phase is
/// tried and the one that explains most cells wins. A cell that is no glyph reads as `?`; an
/// inverted line (lit background) is read inverted. Glyphs drawn alike (Latin `A`, Cyrillic
/// `А`) read as the lower code point.
public struct BoardTextReader: Sendable {
    private let glyphWidth: Int
    private let glyphHeight: Int
    private let glyphs: [[UInt8]: Unicode.Scalar]
    private let blank: [UInt8]

    /// A reader for the boards' font.
    public init() {
        let font = BoardFont()
        glyphWidth = font.glyphWidth
        glyphHeight = font.glyphHeight
        var glyphs: [[UInt8]: Unicode.Scalar] = [:]
        for (index, code) in BoardFont.codePoints.enumerated().reversed() {
            guard let scalar = Unicode.Scalar(UInt32(code)) else { continue }
            glyphs[(0..<font.glyphHeight).map { font.row($0, ofGlyph: index) }] = scalar
        }
        glyphs[(0..<font.glyphHeight).map { font.row($0, ofGlyph: font.fallbackGlyph) }] = "\u{FFFD}"
        self.glyphs = glyphs
        blank = Array(repeating: 0, count: font.glyphHeight)
    }

    /// The text of every line of the picture, top first, without leading and trailing blanks.
    public func lines(of image: FrameBufferImage) -> [String] {
        (0..<(image.height / glyphHeight)).map { read(image, line: $0) }
    }

    private func read(_ image: FrameBufferImage, line: Int) -> String {
        let top = line * glyphHeight
        let lit = (top..<(top + glyphHeight)).reduce(0) { sum, y in sum + (0..<image.width).filter { image.pixel(x: $0, y: y) }.count }
        let inverted = lit * 2 > image.width * glyphHeight
        var best: (score: Int, text: String) = (-1, "")
        for phase in 0..<glyphWidth {
            var score = 0
            var text = ""
            var x = phase - (phase == 0 ? 0 : glyphWidth)
            while x < image.width {
                let cell = rows(image, x: x, top: top, inverted: inverted)
                if cell == blank {
                    text += " "
                } else if let scalar = glyphs[cell] {
                    score += 1
                    text.unicodeScalars.append(scalar)
                } else {
                    text += "?"
                }
                x += glyphWidth
            }
            if score > best.score { best = (score, text) }
        }
        return best.text.trimmingBlanks()
    }

    /// The glyph-high rows of the cell starting at pixel `x` (pixels outside the picture dark).
    private func rows(_ image: FrameBufferImage, x: Int, top: Int, inverted: Bool) -> [UInt8] {
        (top..<(top + glyphHeight)).map { y in
            var byte: UInt8 = 0
            for column in 0..<glyphWidth {
                let inside = x + column >= 0 && x + column < image.width
                let pixel = inside ? image.pixel(x: x + column, y: y) != inverted : false
                if pixel { byte |= 0x80 >> UInt8(column) }
            }
            return byte
        }
    }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate func trimmingBlanks() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
