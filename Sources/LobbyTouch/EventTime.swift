/// A point in time of an input event, in whole microseconds (the kernel's `timeval`).
public struct EventTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Microseconds since the clock's origin.
    public var microseconds: Int64

    /// A time from a microsecond count.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// A time from the kernel's seconds and microseconds fields.
    public init(seconds: Int64, microseconds: Int64) {
        self.microseconds = seconds * 1_000_000 + microseconds
    }

    /// A time from milliseconds (convenient for tests and thresholds).
    public static func milliseconds(_ value: Int64) -> EventTime { EventTime(microseconds: value * 1_000) }

    /// The time in seconds.
    public var seconds: Double { Double(microseconds) / 1_000_000 }

    /// This time moved by a duration.
    public func advanced(by duration: Milliseconds) -> EventTime {
        EventTime(microseconds: microseconds + Int64((duration.value * 1_000).rounded()))
    }

    /// The duration from `earlier` to this time.
    public func since(_ earlier: EventTime) -> Milliseconds {
        Milliseconds(Double(microseconds - earlier.microseconds) / 1_000)
    }

    /// `seconds.microseconds`, as in an evemu `E:` line.
    public var description: String {
        let sign = microseconds < 0 ? "-" : ""
        let magnitude = microseconds.magnitude
        let fraction = String(magnitude % 1_000_000)
        return sign + String(magnitude / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// Orders by time.
    public static func < (lhs: EventTime, rhs: EventTime) -> Bool { lhs.microseconds < rhs.microseconds }
}

/// A duration in milliseconds.
public struct Milliseconds: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number of milliseconds.
    public var value: Double

    /// A duration of `value` milliseconds.
    public init(_ value: Double) { self.value = value }

    /// `"<n> ms"`.
    public var description: String { "\(value) ms" }

    /// Orders by length.
    public static func < (lhs: Milliseconds, rhs: Milliseconds) -> Bool { lhs.value < rhs.value }
}
