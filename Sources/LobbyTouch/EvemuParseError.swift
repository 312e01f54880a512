/// Why an evemu recording could not be read, and on which line (1-based).
public struct EvemuParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line number the problem is on.
    public var line: Int
    /// What is wrong there.
    public var problem: Problem

    /// An error on `line`.
    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    /// The kinds of problems the parser reports.
    public enum Problem: Hashable, Sendable {
        /// The line starts with a tag evemu does not define (e.g. `X:`), or with no tag.
        case unknownLineType(String)
        /// A line has the wrong number of fields; `expected` says what was expected.
        case wrongFieldCount(tag: String, expected: String, found: Int)
        /// A field is not a number of the expected form.
        case invalidNumber(tag: String, field: String, text: String)
        /// A number is outside what the field can hold.
        case numberOutOfRange(tag: String, field: String, text: String)
        /// More `P:`/`B:` lines for one mask than a kernel's largest mask fills (`ordinal` is
        /// this line's place among the mask's lines; `limit` names the kernel's maximum).
        case maskTooLong(tag: String, mask: String, ordinal: Int, maximumLines: Int, limit: String)
        /// A bit is set beyond the highest code a kernel defines for the mask (`limit` nil: the
        /// kernel defines no codes for it).
        case maskBitOutOfRange(tag: String, mask: String, bit: Int, limit: String?)
        /// A second `N:` line: a file describes one device.
        case duplicateDeviceName
        /// A device description line (`N:`/`I:`/`P:`/`B:`/`A:`) after the first `E:` line.
        case descriptionAfterEvents(tag: String)
        /// The device description has an `N:` line but no `I:` line, or the reverse.
        case incompleteDescription(missing: String)
        /// The text has neither a device description nor events.
        case empty
    }

    /// `line N: <what is wrong>`.
    public var description: String {
        "line \(line): " + message
    }

    /// The problem in words, without the line number.
    public var message: String {
        switch problem {
        case .unknownLineType(let tag):
            "unknown line type '\(tag)' (expected #, N:, I:, P:, B:, A:, L:, S: or E:)"
        case .wrongFieldCount(let tag, let expected, let found):
            "\(tag) line has \(found) field\(found == 1 ? "" : "s"), expected \(expected)"
        case .invalidNumber(let tag, let field, let text):
            "\(tag) field '\(field)' is not a valid number: '\(text)'"
        case .numberOutOfRange(let tag, let field, let text):
            "\(tag) field '\(field)' is out of range: '\(text)'"
        case .maskTooLong(let tag, let mask, let ordinal, let maximumLines, let limit):
            "\(tag) line number \(ordinal) for \(mask), but a kernel's largest \(mask) mask (\(limit)) fills "
                + "\(maximumLines) line\(maximumLines == 1 ? "" : "s") of 8 bytes"
        case .maskBitOutOfRange(let tag, let mask, let bit, let limit?):
            "\(tag) \(mask) bit 0x\(String(bit, radix: 16)) is set, beyond \(limit)"
        case .maskBitOutOfRange(let tag, let mask, let bit, nil):
            "\(tag) \(mask) bit 0x\(String(bit, radix: 16)) is set, but a kernel defines no \(mask) codes"
        case .duplicateDeviceName:
            "second N: line; a recording describes exactly one device"
        case .descriptionAfterEvents(let tag):
            "\(tag) line after the first E: line; the device description must come before the events"
        case .incompleteDescription(let missing):
            "device description has no \(missing) line"
        case .empty:
            "no device description and no events"
        }
    }
}
