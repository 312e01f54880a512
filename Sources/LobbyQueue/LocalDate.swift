/// A calendar date in the centre's time zone (the "service day" tickets belong to).
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year, for example 2026.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// Creates a date from its parts.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; returns nil when the text is not such a date or the date does not exist.
    public init?(iso text: String) {
        guard let date = try? LocalDate(validating: text) else { return nil }
        self = date
    }

    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (`2026-02-30`) and, when `years` is
    /// given, years outside it; the error says which part is wrong.
    public init(validating text: String, years: ClosedRange<Int>? = nil) throws(DateTextError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw DateTextError("expected a date as YYYY-MM-DD, got '\(text)'") }
        guard (1...12).contains(m) else { throw DateTextError("\(text) does not exist: there is no month \(m)") }
        let length = Self.daysIn(month: m, year: y)
        guard (1...length).contains(d) else {
            throw DateTextError("\(text) does not exist: \(Self.monthNames[m - 1]) \(y) has \(length) days")
        }
        if let years, !years.contains(y) {
            throw DateTextError("year \(y) is outside \(years.lowerBound)–\(years.upperBound); check the date '\(text)'")
        }
        self.init(year: y, month: m, day: d)
    }

    /// Whether the date exists in the Gregorian calendar (month 1–12, day within the month).
    public var exists: Bool { (1...12).contains(month) && day >= 1 && day <= Self.daysIn(month: month, year: year) }

    /// The number of days of `month` (1–12) in `year` (Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return month == 2 ? (leap ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// A single ordered integer, `YYYYMMDD`.
    public var ordinal: Int { year * 10_000 + month * 100 + day }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates chronologically.
    public static func < (a: Self, b: Self) -> Bool { a.ordinal < b.ordinal }
}

/// A day of the week, Monday first as in Azerbaijan.
public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    /// Monday.
    case monday = 1
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday.
    case sunday

    /// Parses a weekday name or its three-letter abbreviation (`mon`, `monday`).
    public init?(name: String) {
        let n = name.lowercased()
        guard let day = Weekday.allCases.first(where: { n == $0.name || n == String($0.name.prefix(3)) }) else {
            return nil
        }
        self = day
    }

    /// The English lowercase name.
    public var name: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }
}

/// A time of day as minutes after local midnight.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Minutes after midnight, 0...1440.
    public let minutes: Int

    /// Creates a time of day from hours and minutes.
    public init(hour: Int, minute: Int = 0) { self.minutes = hour * 60 + minute }

    /// Parses `HH:MM` (24-hour clock, `24:00` allowed as the end of the day).
    public init?(text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440
        else { return nil }
        self.minutes = h * 60 + m
    }

    /// The time as `HH:MM`.
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// Orders times within a day.
    public static func < (a: Self, b: Self) -> Bool { a.minutes < b.minutes }
}
