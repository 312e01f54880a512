import LobbyEscPos

/// A rendered ticket: the 1-bit raster for the printer plus facts for checks and tests.
public struct RenderedTicket: Equatable, Sendable {
    /// Where one template block ended up.
    public struct Block: Equatable, Sendable {
        /// Index in `TicketLayout.blocks`.
        public var index: Int
        /// Area reserved for the block (full content width, the block's height).
        public var frame: DotRectangle
        /// Lines of text (0 for non-text blocks).
        public var lineCount: Int
        /// Em size used for text (after shrinking one-line text to fit); 0 for non-text blocks.
        public var fontSizeDots: Double
        /// QR module size in dots; 0 for non-QR blocks.
        public var qrModuleDots: Int
        /// The text of each line as drawn (text blocks only).
        public var lines: [String] = []
    }

    /// The raster, `widthDots` wide, as tall as the content needs.
    public var bitmap: MonoBitmap
    /// Characters no installed font had a glyph for (each would print as a box).
    public var unknownGlyphCount: Int
    /// The blocks drawn, top to bottom (blocks showing only empty fields are left out).
    public var blocks: [Block]
}
