/// A journal record that cannot follow the records before it: the journal is damaged (or was
/// written by something that is not lobbyd). Replay stops there; nothing impossible is applied.
public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The record's sequence number.
    public var sequence: UInt64
    /// What is impossible about it.
    public var reason: String

    /// Creates an error.
    public init(sequence: UInt64, reason: String) {
        self.sequence = sequence
        self.reason = reason
    }

    /// `record N is impossible: reason`.
    public var description: String { "record \(sequence) is impossible: \(reason)" }
}

/// The ranges every value read back from the journal must lie in. Anything outside cannot have
/// been written by lobbyd and is reported as damage rather than trusted (a huge ticket id would
/// otherwise overflow arithmetic during replay).
public enum RecordBounds {
    /// The earliest plausible instant of a record or an appointment: 2000-01-01T00:00Z.
    public static let earliest = Instant(milliseconds: 946_684_800_000)
    /// The latest plausible instant: 2200-01-01T00:00Z.
    public static let latest = Instant(milliseconds: 7_258_118_400_000)
    /// The largest plausible ticket number value.
    public static let largestNumber = 1_000_000
    /// The longest plausible ticket prefix.
    public static let longestPrefix = 16

    /// Whether an instant lies in the plausible range.
    public static func contains(_ i: Instant) -> Bool { i >= earliest && i < latest }

    /// Whether a date is a real calendar date in the plausible range.
    public static func contains(_ d: LocalDate) -> Bool { (2000...2199).contains(d.year) && d.isCalendarDate }
}

extension LocalDate {
    /// Whether the date exists in the (proleptic Gregorian) calendar, years 1–9999.
    public var isCalendarDate: Bool { (1...9999).contains(year) && exists }
}
