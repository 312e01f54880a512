/// A point in normalised coordinates: 0…1 across the panel (raw) or the screen (calibrated).
public struct NormalizedPoint: Hashable, Sendable, CustomStringConvertible {
    /// 0 at the left edge, 1 at the right.
    public var x: Double
    /// 0 at the top edge, 1 at the bottom.
    public var y: Double

    /// A point from its coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The Euclidean distance to another point.
    public func distance(to other: NormalizedPoint) -> Double {
        let dx = x - other.x
        let dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// `(x, y)`.
    public var description: String { "(\(x), \(y))" }
}

/// A point in screen pixels, origin at the top-left corner.
public struct ScreenPoint: Hashable, Sendable, CustomStringConvertible {
    /// Pixels from the left edge.
    public var x: Double
    /// Pixels from the top edge.
    public var y: Double

    /// A point from its coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The Euclidean distance to another point, in pixels.
    public func distance(to other: ScreenPoint) -> Double {
        let dx = x - other.x
        let dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// `(x, y)`.
    public var description: String { "(\(x), \(y))" }
}
