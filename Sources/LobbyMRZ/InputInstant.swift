/// A monotonic instant in microseconds, as evdev and serial reads report it; supplied by the caller.
public struct InputInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since an arbitrary origin (e.g. boot, for CLOCK_MONOTONIC event times).
    public var microseconds: Int64

    /// Creates an instant from microseconds.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Creates an instant from an evdev `timeval` (seconds and microseconds).
    public init(seconds: Int64, microseconds: Int64) { self.microseconds = seconds &* 1_000_000 &+ microseconds }

    /// Creates an instant from milliseconds.
    public static func milliseconds(_ value: Int64) -> InputInstant { InputInstant(microseconds: value &* 1000) }

    /// Orders instants.
    public static func < (lhs: InputInstant, rhs: InputInstant) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The instant a duration later (saturating).
    public func advanced(by duration: Duration) -> InputInstant {
        let (sum, overflow) = microseconds.addingReportingOverflow(Self.microseconds(of: duration))
        return InputInstant(microseconds: overflow ? Int64.max : sum)
    }

    /// Whole microseconds of a duration (saturating, negative durations count as zero).
    static func microseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? Int64.max : whole &+ attoseconds / 1_000_000_000_000
    }

    /// "12.345678 s".
    public var description: String {
        let fraction = String(microseconds % 1_000_000)
        return "\(microseconds / 1_000_000).\(String(repeating: "0", count: max(0, 6 - fraction.count)))\(fraction) s"
    }
}
