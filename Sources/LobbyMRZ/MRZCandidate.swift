/// A candidate MRZ assembled from a reader's characters, ready for `MRZParser.parse`.
public struct MRZCandidate: Sendable, Hashable {
    /// Why the assembler decided the document was complete.
    public enum Completion: String, Sendable, Hashable {
        /// The expected number of lines arrived (3 after a 30-character first line, 2 after 36 or 44).
        case expectedLineCount
        /// No character arrived within the idle timeout.
        case idleTimeout
        /// An empty line (two line ends in a row) ended the document.
        case blankLine
        /// The reader sent ETX or EOT.
        case endOfTransmission
        /// More lines arrived than any MRZ has.
        case lineLimit
    }

    /// The lines joined by "\n".
    public var text: String
    /// Number of lines.
    public var lineCount: Int
    /// Why the document ended.
    public var completion: Completion
    /// When the document ended.
    public var completedAt: InputInstant
    /// True when a line was longer than the assembler keeps and characters were dropped.
    public var wasTruncated: Bool
}
