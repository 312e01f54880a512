import LobbyTouch

/// Everything the evdev edge needs to find, open and interpret the kiosk touchscreen.
public struct TouchscreenConfiguration: Hashable, Sendable {
    /// The directory scanned for `event*` nodes (and watched for hotplug).
    public var directory: String
    /// A fixed node to use instead of scanning, e.g. the udev rule's `/dev/lobby/touchscreen`.
    public var devicePath: String?
    /// `VID:PID` entries that force devices in or pick their protocol.
    public var matchList: DeviceMatchList
    /// The calibration used when the device has no valid `LIBINPUT_CALIBRATION_MATRIX` in udev.
    public var calibration: CalibrationMatrix
    /// Where udev keeps its database (`c<major>:<minor>` files).
    public var udevDataDirectory: String
    /// The screen rotation applied after the calibration.
    public var rotation: ScreenRotation
    /// The screen width in pixels.
    public var width: Double
    /// The screen height in pixels.
    public var height: Double
    /// Gesture thresholds.
    public var gestures: GestureConfiguration
    /// Whether to take the device exclusively (`EVIOCGRAB`), keeping other readers away.
    public var grab: Bool
    /// How often to look again while no touchscreen is usable (hotplug events wake the
    /// monitor sooner when the directory can be watched).
    public var rescanInterval: Milliseconds

    /// A configuration; the defaults fit the portrait 1080 × 1920 kiosk with udev's usual paths.
    public init(
        directory: String = "/dev/input",
        devicePath: String? = nil,
        matchList: DeviceMatchList = DeviceMatchList(),
        calibration: CalibrationMatrix = .identity,
        udevDataDirectory: String = "/run/udev/data",
        rotation: ScreenRotation = .none,
        width: Double = 1080,
        height: Double = 1920,
        gestures: GestureConfiguration = GestureConfiguration(),
        grab: Bool = false,
        rescanInterval: Milliseconds = Milliseconds(2_000)
    ) {
        self.directory = directory
        self.devicePath = devicePath
        self.matchList = matchList
        self.calibration = calibration
        self.udevDataDirectory = udevDataDirectory
        self.rotation = rotation
        self.width = width
        self.height = height
        self.gestures = gestures
        self.grab = grab
        self.rescanInterval = rescanInterval
    }
}
