/// A position in raw device units (after clamping to the advertised axis range).
public struct RawPoint: Hashable, Sendable, CustomStringConvertible {
    /// The x value in device units.
    public var x: Int32
    /// The y value in device units.
    public var y: Int32

    /// A point from its coordinates.
    public init(x: Int32, y: Int32) {
        self.x = x
        self.y = y
    }

    /// `(x, y)`.
    public var description: String { "(\(x), \(y))" }
}

/// A change of the primary contact, produced by the tracker at a `SYN_REPORT`.
public struct ContactEvent: Hashable, Sendable, CustomStringConvertible {
    /// What happened to the primary contact.
    public enum Phase: String, Hashable, Sendable {
        /// The primary contact touched down.
        case down
        /// It moved.
        case move
        /// It lifted normally.
        case up
        /// Its end was lost (events dropped); it must not count as a tap.
        case cancel
    }

    /// What happened.
    public var phase: Phase
    /// Where, in raw device units, clamped to the axis range.
    public var position: RawPoint
    /// The time of the frame (`SYN_REPORT`).
    public var time: EventTime
    /// Whether a coordinate was outside the advertised range and was clamped.
    public var clamped: Bool

    /// An event from its parts.
    public init(phase: Phase, position: RawPoint, time: EventTime, clamped: Bool = false) {
        self.phase = phase
        self.position = position
        self.time = time
        self.clamped = clamped
    }

    /// `phase (x, y) @time`.
    public var description: String { "\(phase.rawValue) \(position) @\(time)\(clamped ? " clamped" : "")" }
}

/// Counters a tracker keeps for `lobbyctl touch watch` and health reporting.
public struct TrackerDiagnostics: Hashable, Sendable {
    /// Frames committed at `SYN_REPORT`.
    public var frames = 0
    /// `SYN_DROPPED` events seen.
    public var droppedReports = 0
    /// Events thrown away: the partial frame before a `SYN_DROPPED` and everything up to the next `SYN_REPORT`.
    public var discardedEvents = 0
    /// Position values outside the advertised range (they are clamped).
    public var outOfRangeValues = 0
    /// Contacts that never became primary (second fingers, palms, contacts present at a resync).
    public var ignoredContacts = 0
    /// Primary contacts cancelled because their end was lost in a drop.
    public var cancelledContacts = 0
    /// Events for slots outside the advertised slot range.
    public var invalidSlotEvents = 0

    /// All counters at zero.
    public init() {}
}
