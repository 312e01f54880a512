/// Why a touch pipeline cannot be built for a device.
public enum TouchSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The protocol needs an axis the device does not describe.
    case missingAxis(AbsoluteAxis)
    /// The axis range is empty or inverted.
    case emptyAxisRange(AbsoluteAxis, minimum: Int32, maximum: Int32)
    /// The device is not a touchscreen.
    case notTouchscreen(reason: String)
    /// The recording has no device description to read the axis ranges from.
    case noDeviceDescription

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .missingAxis(let axis): "the device has no \(axis) range"
        case .emptyAxisRange(let axis, let minimum, let maximum): "\(axis) range \(minimum)..\(maximum) is empty"
        case .notTouchscreen(let reason): "not a touchscreen: \(reason)"
        case .noDeviceDescription: "the recording has no device description (N:/I:/B:/A: lines)"
        }
    }
}
