/// One block of a ticket template, drawn top to bottom across the printable width.
public enum TicketBlock: Equatable, Sendable {
    /// Text (fields, labels and literal text), wrapped or shrunk to fit.
    case text(TextStyle, TextTemplate)
    /// The ticket number, very large, bold, shrunk if needed so it stays on one line.
    case bigNumber(TextStyle, TextTemplate)
    /// A QR code of a field's value, with its quiet zone.
    case qr(QRBlock)
    /// A horizontal line.
    case rule(RuleBlock)
    /// Empty space.
    case spacer(heightDots: Int)
    /// The issue date and time (a text block whose format names `{issueDate}` / `{issueTime}`).
    case dateTime(TextStyle, TextTemplate)
    /// Ruler marks across the full printable width (test tickets).
    case ruler
}

/// How a text block looks.
public struct TextStyle: Equatable, Sendable {
    /// Font weight.
    public enum Weight: String, Equatable, Sendable, CaseIterable {
        /// Regular.
        case normal
        /// Bold.
        case bold
    }

    /// Horizontal alignment.
    public enum Alignment: String, Equatable, Sendable, CaseIterable {
        /// Flush left.
        case left
        /// Centred.
        case center
        /// Flush right.
        case right
    }

    /// Em size in printer dots (at 203 dpi, 24 dots is about 3 mm).
    public var sizeDots: Double
    /// Weight.
    public var weight: Weight
    /// Alignment.
    public var alignment: Alignment
    /// `true`: break long text into lines (the ticket grows); `false`: keep one line and shrink
    /// the font until it fits.
    public var wraps: Bool

    /// Creates a style.
    public init(sizeDots: Double, weight: Weight = .normal, alignment: Alignment = .left, wraps: Bool = true) {
        self.sizeDots = sizeDots
        self.weight = weight
        self.alignment = alignment
        self.wraps = wraps
    }
}

/// A QR code block.
public struct QRBlock: Equatable, Sendable {
    /// Field whose value is encoded.
    public var field: TicketField
    /// Largest share of the printable width the symbol (with quiet zone) may take, in percent.
    public var maxWidthPercent: Int
    /// Alignment of the symbol.
    public var alignment: TextStyle.Alignment

    /// Creates a QR block.
    public init(field: TicketField, maxWidthPercent: Int = 60, alignment: TextStyle.Alignment = .center) {
        self.field = field
        self.maxWidthPercent = maxWidthPercent
        self.alignment = alignment
    }
}

/// A horizontal line block.
public struct RuleBlock: Equatable, Sendable {
    /// Line thickness in dots.
    public var thicknessDots: Int
    /// Dashed instead of solid.
    public var dashed: Bool

    /// Creates a rule.
    public init(thicknessDots: Int = 2, dashed: Bool = false) {
        self.thicknessDots = thicknessDots
        self.dashed = dashed
    }
}
