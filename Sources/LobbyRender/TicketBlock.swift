/// One block of a ticket template, drawn top to bottom across the printable width.
public indirect enum TicketBlock: Equatable, Sendable {
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
    /// The centre's logo (`TicketContent.logo`), at its own size.
    case logo(TextStyle.Alignment)
    /// A block shown only when a field is present (`if`) or absent (`unless`).
    case conditional(BlockCondition, TicketBlock)

    /// The block to draw for this content: the block itself, or nil when its condition fails.
    public func shown(for content: TicketContent) -> TicketBlock? {
        guard case let .conditional(condition, inner) = self else { return self }
        return condition.holds(for: content) ? inner.shown(for: content) : nil
    }
}

/// When a block is shown: a field present (not empty and not `0`) or absent.
public struct BlockCondition: Equatable, Sendable {
    /// The field looked at.
    public var field: TicketField
    /// `true`: shown when present (`if`); `false`: shown when absent (`unless`).
    public var whenPresent: Bool

    /// Creates a condition.
    public init(field: TicketField, whenPresent: Bool) {
        self.field = field
        self.whenPresent = whenPresent
    }

    /// Whether the block is shown for this content.
    public func holds(for content: TicketContent) -> Bool { content.isPresent(field) == whenPresent }
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
    /// White on black (a priority marking).
    public var inverse: Bool

    /// Creates a style.
    public init(sizeDots: Double, weight: Weight = .normal, alignment: Alignment = .left, wraps: Bool = true, inverse: Bool = false) {
        self.sizeDots = sizeDots
        self.weight = weight
        self.alignment = alignment
        self.wraps = wraps
        self.inverse = inverse
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
