import LobbyTouch

/// What the touchscreen monitor reports to the daemon.
public enum TouchscreenUpdate: Hashable, Sendable {
    /// The health changed (reported only on change; the first update is always a health).
    case health(TouchscreenHealth)
    /// A touchscreen was opened (before its `present` health).
    case opened(OpenedTouchscreen)
    /// A gesture (tap, long press, rejection, or contact change in watch mode).
    case gesture(GestureEvent)
}

/// The touchscreen the monitor is reading, and how.
public struct OpenedTouchscreen: Hashable, Sendable {
    /// The node's path.
    public var path: String
    /// Its capabilities.
    public var device: DeviceDescription
    /// The protocol it is read with.
    public var touchProtocol: TouchProtocol
    /// Why it counts as a touchscreen (capabilities, the pen-controller heuristic, a quirk or a match line).
    public var basis: TouchDeviceClassifier.Basis
    /// The calibration in use and where it came from.
    public var calibration: CalibrationChoice
    /// Whether the monitor holds it exclusively.
    public var grabbed: Bool

    /// An opened touchscreen from its parts.
    public init(path: String, device: DeviceDescription, touchProtocol: TouchProtocol, basis: TouchDeviceClassifier.Basis,
                calibration: CalibrationChoice, grabbed: Bool) {
        self.path = path
        self.device = device
        self.touchProtocol = touchProtocol
        self.basis = basis
        self.calibration = calibration
        self.grabbed = grabbed
    }
}
