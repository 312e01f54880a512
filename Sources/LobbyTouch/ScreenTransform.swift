/// Raw device coordinates → screen pixels: normalise from the axis ranges, apply the
/// calibration matrix, then the rotation, then scale to the screen size.
///
/// `pixel.x = (R·C·n).x × width`, `pixel.y = (R·C·n).y × height`, where
/// `n = ((x − min_x) / (max_x − min_x + 1), (y − min_y) / (max_y − min_y + 1))` as libinput
/// normalises, `C` is the calibration and `R` the rotation. Results are clamped to
/// `0…width` × `0…height`.
public struct ScreenTransform: Hashable, Sendable {
    /// The raw position ranges.
    public var axes: TouchAxes
    /// The calibration matrix (`LIBINPUT_CALIBRATION_MATRIX`).
    public var calibration: CalibrationMatrix
    /// The screen rotation applied after the calibration.
    public var rotation: ScreenRotation
    /// The screen width in pixels.
    public var width: Double
    /// The screen height in pixels.
    public var height: Double

    /// A transform from its parts.
    public init(axes: TouchAxes, calibration: CalibrationMatrix = .identity, rotation: ScreenRotation = .none, width: Double, height: Double) {
        self.axes = axes
        self.calibration = calibration
        self.rotation = rotation
        self.width = width
        self.height = height
    }

    /// The whole normalised mapping, `C` followed by `R`.
    public var matrix: CalibrationMatrix { calibration.then(rotation.matrix) }

    /// A raw point normalised to 0…1 from the axis ranges (before calibration).
    public func normalize(_ point: RawPoint) -> NormalizedPoint {
        NormalizedPoint(x: axes.x.normalize(Double(point.x)), y: axes.y.normalize(Double(point.y)))
    }

    /// A raw point in screen pixels.
    public func screenPoint(_ point: RawPoint) -> ScreenPoint {
        screenPoint(normalized: normalize(point))
    }

    /// A normalised panel point in screen pixels.
    public func screenPoint(normalized: NormalizedPoint) -> ScreenPoint {
        let mapped = matrix.apply(normalized)
        return ScreenPoint(x: min(max(mapped.x * width, 0), width), y: min(max(mapped.y * height, 0), height))
    }
}
