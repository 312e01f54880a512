/// A ticket laid out for text mode: lines already wrapped to the printer's characters per line,
/// pictures only where text cannot do (the logo; QR codes on printers without `GS ( k`).
public struct TextTicket: Equatable, Sendable {
    /// One element, top to bottom.
    public enum Element: Equatable, Sendable {
        /// A line of text in the printer's font.
        case line(TextLine)
        /// A 1-bit picture, aligned.
        case image(MonoBitmap, Justification)
        /// A QR code drawn by the printer (`GS ( k`): the data, module size in dots, alignment.
        case qrCode(data: [UInt8], moduleDots: UInt8, justification: Justification)
        /// Blank paper, in dots.
        case feed(dots: Int)
    }

    /// The elements.
    public var elements: [Element]

    /// Creates a ticket.
    public init(elements: [Element]) {
        self.elements = elements
    }

    /// The text lines, in order.
    public var lines: [TextLine] {
        elements.compactMap { if case let .line(line) = $0 { line } else { nil } }
    }
}

/// One line of text mode: the characters and how they look.
public struct TextLine: Equatable, Sendable {
    /// The characters (a no-break space prints as a space).
    public var text: String
    /// Width factor of `GS !` (1-8).
    public var widthScale: Int
    /// Height factor of `GS !` (1-8).
    public var heightScale: Int
    /// Emphasized (`ESC E`).
    public var bold: Bool
    /// White on black (`GS B`).
    public var inverse: Bool
    /// Alignment (`ESC a`).
    public var justification: Justification

    /// Creates a line.
    public init(_ text: String, widthScale: Int = 1, heightScale: Int = 1, bold: Bool = false, inverse: Bool = false,
                justification: Justification = .left) {
        self.text = text
        self.widthScale = widthScale
        self.heightScale = heightScale
        self.bold = bold
        self.inverse = inverse
        self.justification = justification
    }
}
