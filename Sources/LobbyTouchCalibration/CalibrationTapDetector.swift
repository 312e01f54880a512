import LobbyTouch

/// Turns the primary contact's events into calibration taps (pure): the position where the
/// finger lifted, if it did not wander off (a slide is refused, so a finger dragged onto the
/// target does not count). Positions are normalised raw panel coordinates.
public struct CalibrationTapDetector: Hashable, Sendable {
    /// What a finished contact was.
    public enum Outcome: Hashable, Sendable {
        /// A tap at this raw normalised point.
        case tap(NormalizedPoint)
        /// The finger moved more than allowed between down and up.
        case moved(distance: Double)
        /// The contact's end was lost (events dropped).
        case cancelled
    }

    /// How far (normalised raw units) a finger may move and still tap.
    public let maximumMovement: Double
    private var downAt: NormalizedPoint?
    private var last: NormalizedPoint?
    private var farthest = 0.0

    /// A detector allowing `maximumMovement` (default 4 % of the panel).
    public init(maximumMovement: Double = 0.04) {
        self.maximumMovement = maximumMovement
    }

    /// Takes one contact event (its position already normalised); returns an outcome at the end of a contact.
    public mutating func process(_ phase: ContactEvent.Phase, at point: NormalizedPoint) -> Outcome? {
        switch phase {
        case .down:
            downAt = point
            last = point
            farthest = 0
            return nil
        case .move:
            guard let start = downAt else { return nil }
            last = point
            farthest = max(farthest, start.distance(to: point))
            return nil
        case .up:
            guard let start = downAt else { return nil }
            farthest = max(farthest, start.distance(to: point))
            downAt = nil
            last = nil
            return farthest > maximumMovement ? .moved(distance: farthest) : .tap(point)
        case .cancel:
            downAt = nil
            last = nil
            return .cancelled
        }
    }
}
