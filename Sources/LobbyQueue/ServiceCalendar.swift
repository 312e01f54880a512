import Foundation

/// Converts instants to the centre's local dates and times (DST-aware), and knows opening hours.
///
/// Reads no clock: every answer is a function of the instant given.
public struct ServiceCalendar: Sendable {
    /// The centre's time zone.
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// Creates a calendar for an IANA time zone; nil when the zone is unknown.
    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        timeZone = zone
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        calendar = cal
    }

    /// The local date at `instant`.
    public func localDate(at instant: Instant) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: date(instant))
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// The local time of day at `instant` (minutes after local midnight).
    public func timeOfDay(at instant: Instant) -> TimeOfDay {
        let c = calendar.dateComponents([.hour, .minute], from: date(instant))
        return TimeOfDay(hour: c.hour!, minute: c.minute!)
    }

    /// The local hour (0...23) at `instant`.
    public func hour(at instant: Instant) -> Int {
        calendar.component(.hour, from: date(instant))
    }

    /// The weekday of a local date.
    public func weekday(of day: LocalDate) -> Weekday {
        let d = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let w = calendar.component(.weekday, from: d)  // 1 = Sunday
        return Weekday(rawValue: w == 1 ? 7 : w - 1)!
    }

    /// The half-open interval of instants belonging to the local date of `instant`.
    ///
    /// Local midnight is found by the calendar, so days of 23 or 25 hours (DST changes) are exact.
    public func dayInterval(containing instant: Instant) -> (start: Instant, end: Instant) {
        let start = calendar.startOfDay(for: date(instant))
        let end = calendar.date(byAdding: .day, value: 1, to: start)!
        return (Instant(milliseconds: Int64((start.timeIntervalSince1970 * 1000).rounded())),
                Instant(milliseconds: Int64((end.timeIntervalSince1970 * 1000).rounded())))
    }

    /// The instant of a local date and time; for a time skipped by DST, the next valid instant.
    public func instant(of day: LocalDate, at time: TimeOfDay) -> Instant {
        let comps = DateComponents(year: day.year, month: day.month, day: day.day, hour: time.minutes / 60, minute: time.minutes % 60)
        let d = calendar.date(from: comps)!
        return Instant(milliseconds: Int64((d.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Whether tickets may be issued at `instant` under the given hours and closed days.
    public func isOpen(at instant: Instant, hours: [Weekday: [OpeningInterval]], closedDays: Set<LocalDate>) -> Bool {
        let day = localDate(at: instant)
        if closedDays.contains(day) { return false }
        guard let intervals = hours[weekday(of: day)] else { return false }
        let time = timeOfDay(at: instant)
        return intervals.contains { time >= $0.opens && time < $0.closes }
    }

    private func date(_ instant: Instant) -> Date {
        Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000)
    }
}
