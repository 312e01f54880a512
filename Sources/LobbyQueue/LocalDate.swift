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

    /// Parses `YYYY-MM-DD`; returns nil when the text is not such a date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

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
