import Foundation

/// Why a date or time text was refused; the sentence names the part that is wrong.
public struct DateTextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for people.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Strict reading of the times the API receives (appointment times): ISO 8601 / RFC 3339 with a
/// UTC offset, `2026-11-16T10:30:00+04:00`. Dates that do not exist (`2026-02-30`, hour 25) are
/// refused rather than rolled over, and so are years outside a plausible range (Decision 0040).
public enum TimestampText {
    /// The years an appointment time may name: anything outside is a typo or a test value.
    public static let plausibleYears = 2000...2099

    /// The instant written by `text`: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`.
    public static func instant(_ text: String, years: ClosedRange<Int> = plausibleYears) throws(DateTextError) -> Instant {
        let example = "like 2026-11-16T10:30:00+04:00"
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 16, ["T", "t", " "].contains(scalars[10]) else {
            throw DateTextError("expected a date and time \(example), got '\(text)'")
        }
        let date = try LocalDate(validating: String(String.UnicodeScalarView(scalars[0..<10])), years: years)
        var rest = Substring(String(String.UnicodeScalarView(scalars[11...])))
        func number(_ digits: Int, _ name: String) throws(DateTextError) -> Int {
            let part = rest.prefix(digits)
            guard part.count == digits, part.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(part) else {
                throw DateTextError("expected the \(name) as \(digits) digits in '\(text)' (\(example))")
            }
            rest = rest.dropFirst(digits)
            return v
        }
        func expect(_ separator: Character, _ what: String) throws(DateTextError) {
            guard rest.first == separator else { throw DateTextError("expected '\(separator)' \(what) in '\(text)' (\(example))") }
            rest = rest.dropFirst()
        }
        let hour = try number(2, "hour")
        try expect(":", "between hour and minute")
        let minute = try number(2, "minute")
        var second = 0
        var milliseconds = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            second = try number(2, "second")
            if rest.first == "." || rest.first == "," {
                rest = rest.dropFirst()
                let fraction = rest.prefix { $0.isASCII && $0.isNumber }
                guard (1...9).contains(fraction.count) else { throw DateTextError("expected 1 to 9 digits after the decimal point in '\(text)'") }
                milliseconds = Int((fraction + "00").prefix(3))!
                rest = rest.dropFirst(fraction.count)
            }
        }
        guard hour <= 23 else { throw DateTextError("hour \(hour) does not exist (00 to 23) in '\(text)'") }
        guard minute <= 59 else { throw DateTextError("minute \(minute) does not exist (00 to 59) in '\(text)'") }
        guard second <= 59 else { throw DateTextError("second \(second) does not exist (00 to 59) in '\(text)'") }
        let offsetSeconds: Int
        switch rest.first {
        case "Z", "z":
            rest = rest.dropFirst()
            offsetSeconds = 0
        case "+", "-", "\u{2212}":
            let sign = rest.first == "+" ? 1 : -1
            rest = rest.dropFirst()
            let h = try number(2, "offset's hours")
            try expect(":", "in the UTC offset")
            let m = try number(2, "offset's minutes")
            guard m <= 59, h * 60 + m <= 14 * 60 else { throw DateTextError("the UTC offset in '\(text)' is outside -14:00 to +14:00") }
            offsetSeconds = sign * (h * 3600 + m * 60)
        case nil:
            throw DateTextError("'\(text)' has no UTC offset; add Z or the centre's offset such as +04:00")
        default:
            throw DateTextError("expected Z or a UTC offset such as +04:00 after the time in '\(text)'")
        }
        guard rest.isEmpty else { throw DateTextError("unexpected '\(rest)' after the time in '\(text)'") }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        guard let wall = utc.date(from: components) else { throw DateTextError("'\(text)' is not a time the calendar knows") }
        let seconds = Int64(wall.timeIntervalSince1970.rounded()) - Int64(offsetSeconds)
        return Instant(milliseconds: seconds * 1000 + Int64(milliseconds))
    }
}
