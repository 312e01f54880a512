/// A contact change in screen pixels: what the gesture recognizer consumes.
public struct ScreenContact: Hashable, Sendable {
    /// What happened.
    public var phase: ContactEvent.Phase
    /// Where, in screen pixels.
    public var position: ScreenPoint
    /// Where, in raw device units.
    public var raw: RawPoint
    /// When.
    public var time: EventTime

    /// A contact change from its parts.
    public init(phase: ContactEvent.Phase, position: ScreenPoint, raw: RawPoint = RawPoint(x: 0, y: 0), time: EventTime) {
        self.phase = phase
        self.position = position
        self.raw = raw
        self.time = time
    }
}

/// Where and when a tap or long press happened.
public struct Tap: Hashable, Sendable, CustomStringConvertible {
    /// Screen x in pixels (where the contact touched down).
    public var x: Double
    /// Screen y in pixels.
    public var y: Double
    /// For a tap, when the finger lifted; for a long press, when it was recognised.
    public var time: EventTime
    /// The touch-down position in raw device units (for the calibration wizard).
    public var raw: RawPoint

    /// A tap from its parts.
    public init(x: Double, y: Double, time: EventTime, raw: RawPoint) {
        self.x = x
        self.y = y
        self.time = time
        self.raw = raw
    }

    /// `(x, y) @t`.
    public var description: String { "(\(x), \(y)) @\(time)" }
}

/// What the gesture recognizer reports.
public enum GestureEvent: Hashable, Sendable {
    /// A short, still contact.
    case tap(Tap)
    /// A contact held still past the long-press time (reported while still held).
    case longPress(Tap)
    /// A contact that ended without a gesture, and why.
    case rejected(RejectedContact)
    /// A live contact change (only with `reportsContactUpdates`).
    case contact(ScreenContact)
}

/// A contact that was not a tap.
public struct RejectedContact: Hashable, Sendable {
    /// Why it was not a tap.
    public enum Reason: Hashable, Sendable {
        /// Shorter than the minimum contact duration.
        case ghost
        /// Moved beyond the tap movement limit.
        case moved
        /// Held longer than a tap but lifted before the long-press time.
        case tooLong
        /// Its end was lost (events dropped).
        case cancelled
    }

    /// Why.
    public var reason: Reason
    /// Where it touched down, in pixels.
    public var position: ScreenPoint
    /// How long it lasted.
    public var duration: Milliseconds
    /// When it ended.
    public var time: EventTime

    /// A rejected contact from its parts.
    public init(reason: Reason, position: ScreenPoint, duration: Milliseconds, time: EventTime) {
        self.reason = reason
        self.position = position
        self.duration = duration
        self.time = time
    }
}
