/// One problem found in an MRZ: which field, where (1-based line and column), and what is wrong.
public struct MRZIssue: Sendable, Hashable, CustomStringConvertible {
    /// The field the problem belongs to.
    public var field: MRZField
    /// What is wrong, without the position ("birth date check digit is 3, computed 1").
    public var message: String
    /// 1-based line of the normalised input, nil when the problem is not on one line.
    public var line: Int?
    /// 1-based column within the line, nil when the problem is not at one character.
    public var column: Int?

    /// Creates an issue.
    public init(field: MRZField, message: String, line: Int? = nil, column: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
        self.column = column
    }

    /// The message followed by its position, e.g. "… (line 2, column 7)".
    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(message) (line \(line), column \(column))"
        case let (line?, nil): return "\(message) (line \(line))"
        default: return message
        }
    }
}
