/// Normalised MRZ input: trimmed, non-empty lines split on LF, CR or CRLF.
///
/// A single line of exactly 90, 72 or 88 characters (a reader that sends the zone without line
/// breaks) is split into 3×30, 2×36 or 2×44 lines.
public struct MRZInput: Sendable, Hashable {
    /// The most Unicode scalars an input may have; longer input is refused without being read further.
    public static let maximumScalarCount = 1024

    /// The lines as Unicode scalars, whitespace trimmed, empty lines dropped.
    public var lines: [[Unicode.Scalar]]
    /// True when the input was longer than `maximumScalarCount` (then `lines` is empty).
    public var isTooLong: Bool

    /// Normalises text.
    public init(_ text: String) {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var count = 0
        var tooLong = false
        for scalar in text.unicodeScalars {
            count += 1
            if count > Self.maximumScalarCount {
                tooLong = true
                break
            }
            if scalar == "\n" || scalar == "\r" {
                Self.appendTrimmed(current, to: &lines)
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(scalar)
            }
        }
        if tooLong {
            self.lines = []
            self.isTooLong = true
            return
        }
        Self.appendTrimmed(current, to: &lines)
        if lines.count == 1 {
            let whole = lines[0]
            for format in MRZFormat.allCases where whole.count == format.lineCount * format.lineLength {
                lines = stride(from: 0, to: whole.count, by: format.lineLength).map {
                    Array(whole[$0..<($0 + format.lineLength)])
                }
            }
        }
        self.lines = lines
        self.isTooLong = false
    }

    private static func appendTrimmed(_ line: [Unicode.Scalar], to lines: inout [[Unicode.Scalar]]) {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, line[start].properties.isWhitespace { start += 1 }
        while end > start, line[end - 1].properties.isWhitespace { end -= 1 }
        if start < end { lines.append(Array(line[start..<end])) }
    }

    /// The lines as ASCII bytes; scalars outside ASCII become 0 (never an MRZ character).
    public var asciiLines: [[UInt8]] {
        lines.map { line in line.map { $0.isASCII ? UInt8($0.value) : 0 } }
    }
}
