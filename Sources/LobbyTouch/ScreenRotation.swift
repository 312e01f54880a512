/// A clockwise rotation of the screen by a multiple of 90°, as a calibration matrix.
public enum ScreenRotation: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// No rotation.
    case none = 0
    /// 90° clockwise.
    case clockwise90 = 90
    /// 180°.
    case upsideDown = 180
    /// 270° clockwise (90° counter-clockwise).
    case clockwise270 = 270

    /// The rotation for 0, 90, 180 or 270 degrees (negative and ≥ 360 values wrap); nil otherwise.
    public init?(degrees: Int) {
        let wrapped = ((degrees % 360) + 360) % 360
        self.init(rawValue: wrapped)
    }

    /// The matrix on normalised coordinates (libinput's convention):
    /// 90° `0 -1 1 1 0 0`, 180° `-1 0 1 0 -1 1`, 270° `0 1 0 -1 0 1`.
    public var matrix: CalibrationMatrix {
        switch self {
        case .none: .identity
        case .clockwise90: CalibrationMatrix(a: 0, b: -1, c: 1, d: 1, e: 0, f: 0)
        case .upsideDown: CalibrationMatrix(a: -1, b: 0, c: 1, d: 0, e: -1, f: 1)
        case .clockwise270: CalibrationMatrix(a: 0, b: 1, c: 0, d: -1, e: 0, f: 1)
        }
    }

    /// The degrees.
    public var description: String { "\(rawValue)°" }
}
