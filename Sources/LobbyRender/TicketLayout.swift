/// A ticket template: data (a JSON file per centre) that says which blocks a ticket has, in
/// which order and style, and the labels in every language. See Docs/Printing.md.
public struct TicketLayout: Equatable, Sendable {
    /// Margins in dots inside the printable width.
    public struct Margins: Equatable, Sendable {
        /// Above the first block.
        public var top: Int
        /// Below the last block (before the feed and cut).
        public var bottom: Int
        /// Left of every block except the ruler.
        public var left: Int
        /// Right of every block except the ruler.
        public var right: Int

        /// Creates margins.
        public init(top: Int, bottom: Int, left: Int, right: Int) {
            self.top = top
            self.bottom = bottom
            self.left = left
            self.right = right
        }
    }

    /// Template name (file name without `.json`).
    public var name: String
    /// Font family (fontconfig name); must cover Azerbaijani and Cyrillic.
    public var fontFamily: String
    /// Margins.
    public var margins: Margins
    /// Space between blocks, in dots.
    public var blockSpacingDots: Int
    /// Labels by language, then by key.
    public var labels: [TicketLanguage: [String: String]]
    /// Blocks from top to bottom.
    public var blocks: [TicketBlock]

    /// Creates a layout.
    public init(
        name: String, fontFamily: String = "DejaVu Sans",
        margins: Margins = Margins(top: 16, bottom: 24, left: 8, right: 8), blockSpacingDots: Int = 8,
        labels: [TicketLanguage: [String: String]] = [:], blocks: [TicketBlock]
    ) {
        self.name = name
        self.fontFamily = fontFamily
        self.margins = margins
        self.blockSpacingDots = blockSpacingDots
        self.labels = labels
        self.blocks = blocks
    }
}
