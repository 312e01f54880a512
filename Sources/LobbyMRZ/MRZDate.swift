/// A date as an MRZ writes it: six digits YYMMDD with a two-digit year.
///
/// Century rules (both relative to a caller-supplied local date `today`):
/// - birth dates: the latest year ending in YY whose date is not after `today`, so ages are 0–99;
/// - expiry dates: the year ending in YY within `today.year − 50 … today.year + 49`.
public struct MRZDate: Sendable, Hashable, CustomStringConvertible {
    /// Two-digit year 0–99.
    public var yearOfCentury: Int
    /// Month 1–12.
    public var month: Int
    /// Day 1–31 (29 February only when YY is divisible by 4).
    public var day: Int

    /// Parses six digits YYMMDD; nil when not six ASCII digits or not a possible date.
    public init?(_ text: String) {
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.count == 6, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        self.init(yearOfCentury: digits[0] * 10 + digits[1], month: digits[2] * 10 + digits[3], day: digits[4] * 10 + digits[5])
    }

    /// Creates a date from its parts; nil when the month or day cannot exist for any century.
    public init?(yearOfCentury: Int, month: Int, day: Int) {
        guard (0...99).contains(yearOfCentury), (1...12).contains(month), day >= 1 else { return nil }
        let maximumDay = month == 2 ? (yearOfCentury % 4 == 0 ? 29 : 28) : CalendarDay.daysIn(month: month, year: 2001)
        guard day <= maximumDay else { return nil }
        self.yearOfCentury = yearOfCentury
        self.month = month
        self.day = day
    }

    /// The six digits YYMMDD.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return two(yearOfCentury) + two(month) + two(day)
    }

    /// The full birth year: the latest year ending in YY whose (month, day) is not after `today`.
    public func birthYear(relativeTo today: CalendarDay) -> Int {
        var year = today.year - Self.positiveModulo(today.year - yearOfCentury, 100)
        if (year, month, day) > (today.year, today.month, today.day) { year -= 100 }
        return year
    }

    /// Age in completed years on `today` (0–99). A 29 February birthday counts as reached on 1 March in common years.
    public func age(on today: CalendarDay) -> Int {
        let year = birthYear(relativeTo: today)
        var age = today.year - year
        if (today.month, today.day) < (month, day) { age -= 1 }
        return age
    }

    /// The full expiry date: the year ending in YY within `today.year − 50 … today.year + 49`.
    /// Returns nil only for 29 February in a resolved common year.
    public func expiryDay(relativeTo today: CalendarDay) -> CalendarDay? {
        let low = today.year - 50
        let year = low + Self.positiveModulo(yearOfCentury - low, 100)
        return CalendarDay(year: year, month: month, day: day)
    }

    /// True when the document expiring on this date is expired on `today` (valid through the expiry day).
    public func isExpired(on today: CalendarDay) -> Bool {
        guard let expiry = expiryDay(relativeTo: today) else { return true }
        return expiry < today
    }

    private static func positiveModulo(_ value: Int, _ modulus: Int) -> Int {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }
}
