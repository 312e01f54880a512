/// Thresholds of the gesture recognizer; times in milliseconds, distances in millimetres or
/// pixels (millimetres are converted with `pixelsPerMillimetre`).
public struct GestureConfiguration: Hashable, Sendable {
    /// A distance on the screen.
    public enum Distance: Hashable, Sendable, CustomStringConvertible {
        /// Millimetres on the glass.
        case millimetres(Double)
        /// Screen pixels.
        case pixels(Double)

        /// The distance in pixels at a given density.
        public func pixels(atDensity pixelsPerMillimetre: Double) -> Double {
            switch self {
            case .millimetres(let value): value * pixelsPerMillimetre
            case .pixels(let value): value
            }
        }

        /// `<n> mm` or `<n> px`.
        public var description: String {
            switch self {
            case .millimetres(let value): "\(value) mm"
            case .pixels(let value): "\(value) px"
            }
        }
    }

    /// The longest contact that is still a tap.
    public var tapMaximumDuration: Milliseconds
    /// How far a tap may wander from where it touched down.
    public var tapMovementLimit: Distance
    /// How long a still contact must be held to be a long press.
    public var longPressDuration: Milliseconds
    /// A lift followed by a touch within this time (and `bounceDistance`) is one contact.
    public var bounceWindow: Milliseconds
    /// How close the re-touch must be to the lift to count as a bounce.
    public var bounceDistance: Distance
    /// Contacts shorter than this (down to final up) are ghosts and ignored.
    public var minimumContactDuration: Milliseconds
    /// Screen density used for millimetre distances.
    public var pixelsPerMillimetre: Double
    /// Whether to emit every contact change (for `lobbyctl touch watch`).
    public var reportsContactUpdates: Bool

    /// Thresholds from their values. Defaults: tap ≤ 800 ms and ≤ 6 mm, long press 800 ms,
    /// bounce 60 ms / 5 mm, ghost < 20 ms, 4 px/mm (a 21.5" 1080×1920 panel: 1920 px / 476 mm).
    public init(
        tapMaximumDuration: Milliseconds = Milliseconds(800),
        tapMovementLimit: Distance = .millimetres(6),
        longPressDuration: Milliseconds = Milliseconds(800),
        bounceWindow: Milliseconds = Milliseconds(60),
        bounceDistance: Distance = .millimetres(5),
        minimumContactDuration: Milliseconds = Milliseconds(20),
        pixelsPerMillimetre: Double = 4.0,
        reportsContactUpdates: Bool = false
    ) {
        self.tapMaximumDuration = tapMaximumDuration
        self.tapMovementLimit = tapMovementLimit
        self.longPressDuration = longPressDuration
        self.bounceWindow = bounceWindow
        self.bounceDistance = bounceDistance
        self.minimumContactDuration = minimumContactDuration
        self.pixelsPerMillimetre = pixelsPerMillimetre
        self.reportsContactUpdates = reportsContactUpdates
    }

    /// The tap movement limit in pixels.
    public var tapMovementLimitPixels: Double { tapMovementLimit.pixels(atDensity: pixelsPerMillimetre) }
    /// The bounce distance in pixels.
    public var bounceDistancePixels: Double { bounceDistance.pixels(atDensity: pixelsPerMillimetre) }
}
