/// A run of characters on one MRZ line, 1-based like ICAO 9303 tables.
public struct MRZSpan: Sendable, Hashable {
    /// 1-based line number.
    public var line: Int
    /// 1-based first column.
    public var column: Int
    /// Number of characters.
    public var length: Int

    /// Creates a span from 1-based line and first/last columns (inclusive).
    public init(line: Int, from first: Int, to last: Int) {
        self.line = line
        self.column = first
        self.length = last - first + 1
    }

    /// Creates a span from a 1-based line, first column and length.
    public init(line: Int, column: Int, length: Int) {
        self.line = line
        self.column = column
        self.length = length
    }

    /// 1-based last column (inclusive).
    public var lastColumn: Int { column + length - 1 }

    /// True when the 1-based position lies in the span.
    public func contains(line: Int, column: Int) -> Bool {
        line == self.line && column >= self.column && column <= lastColumn
    }
}
