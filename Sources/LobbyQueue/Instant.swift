/// A point in time as milliseconds since 1970-01-01T00:00:00Z. The core never reads a clock.
public struct Instant: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public let milliseconds: Int64
    /// Wraps a count of milliseconds since the Unix epoch.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    /// Creates an instant from seconds since the Unix epoch.
    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }
    /// Seconds since the Unix epoch, rounded down.
    public var seconds: Int64 { milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000 }
    /// The instant as milliseconds.
    public var description: String { "\(milliseconds)ms" }
    /// Orders instants in time.
    public static func < (a: Self, b: Self) -> Bool { a.milliseconds < b.milliseconds }
    /// The instant `seconds` later.
    public func adding(seconds: Int64) -> Instant { Instant(milliseconds: milliseconds + seconds * 1000) }
    /// The instant `ms` milliseconds later.
    public func adding(milliseconds ms: Int64) -> Instant { Instant(milliseconds: milliseconds + ms) }
    /// Whole seconds from `earlier` to this instant, never negative.
    public func seconds(since earlier: Instant) -> Int64 { max(0, (milliseconds - earlier.milliseconds) / 1000) }
}
