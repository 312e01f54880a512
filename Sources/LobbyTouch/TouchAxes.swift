/// The x and y ranges a protocol's positions are read in, and clamping to them.
public struct TouchAxes: Hashable, Sendable {
    /// The x range.
    public var x: AbsoluteAxisInfo
    /// The y range.
    public var y: AbsoluteAxisInfo

    /// Axes from two ranges.
    public init(x: AbsoluteAxisInfo, y: AbsoluteAxisInfo) {
        self.x = x
        self.y = y
    }

    /// The position axes of `touchProtocol` on `device`, checked to be non-empty.
    public init(device: DeviceDescription, touchProtocol: TouchProtocol) throws(TouchSetupError) {
        let codes = touchProtocol.positionAxes
        guard let x = device.axis(codes.x) else { throw .missingAxis(codes.x) }
        guard let y = device.axis(codes.y) else { throw .missingAxis(codes.y) }
        guard x.maximum > x.minimum else { throw .emptyAxisRange(codes.x, minimum: x.minimum, maximum: x.maximum) }
        guard y.maximum > y.minimum else { throw .emptyAxisRange(codes.y, minimum: y.minimum, maximum: y.maximum) }
        self.init(x: x, y: y)
    }

    /// The raw values clamped into range, and whether clamping changed them.
    public func point(x rawX: Int32, y rawY: Int32) -> (point: RawPoint, clamped: Bool) {
        let point = RawPoint(x: x.clamp(rawX), y: y.clamp(rawY))
        return (point, point.x != rawX || point.y != rawY)
    }

    /// Whether a raw value is outside the range of its axis (`isX` selects the axis).
    func isOutOfRange(_ value: Int32, isX: Bool) -> Bool {
        let axis = isX ? x : y
        return value < axis.minimum || value > axis.maximum
    }

    /// The distance between two raw points as a fraction of the larger axis span.
    func relativeDistance(_ a: (x: Int32, y: Int32), _ b: (x: Int32, y: Int32)) -> Double {
        let dx = Double(a.x) - Double(b.x)
        let dy = Double(a.y) - Double(b.y)
        return (dx * dx + dy * dy).squareRoot() / max(x.span, y.span)
    }
}
