import LobbyQueue
import LobbyTouch

/// The kiosk lobbyd drives itself (`devices.kiosk`): its screen, touchscreen and ID readers.
public struct KioskDeviceConfiguration: Sendable, Hashable {
    /// Where the screens are drawn.
    public enum DisplayBackend: String, Sendable, Hashable, CaseIterable {
        /// DRM (KMS dumb buffers), else fbdev.
        case auto
        /// DRM only.
        case drm
        /// fbdev only.
        case fbdev
        /// No screen: the kiosk runs headless (screens only as PNG through the API; tests, demos).
        case none
    }

    /// A short name (request ids, health: `kiosk:NAME/…`).
    public var name: String = "kiosk"
    /// The display backend.
    public var display: DisplayBackend = .auto
    /// A fixed display node (`/dev/dri/card0`, `/dev/fb0`); nil: the first that works.
    public var displayDevice: String?
    /// A fixed DRM connector name (`HDMI-A-1`); nil: the first connected.
    public var connector: String?
    /// How the panel is mounted: 0, 90, 180 or 270 degrees clockwise.
    public var rotation: Int = 0
    /// The drawing size when there is no display (`none`), e.g. 1080 × 1920.
    public var width: Int = 1080
    /// See `width`.
    public var height: Int = 1920
    /// Whether the kiosk has a touchscreen (false: headless, tapped only through the API).
    public var touchscreen = true
    /// The touchscreen node; nil: found by capabilities and `touchMatch` in `touchDirectory`.
    public var touchDevice: String?
    /// Where input devices appear.
    public var touchDirectory: String = "/dev/input"
    /// Match lines (VID:PID, name) that force or refuse touchscreens, before the built-in
    /// quirks (Docs/Touch-hardware.md).
    public var touchMatch = DeviceMatchList()
    /// A calibration matrix "a b c d e f" (libinput convention); nil: udev's or identity.
    public var calibration: [Double]?
    /// How touches are turned, clockwise in libinput's convention; nil: to match the display's
    /// rotation. Set 0 when the calibration matrix (e.g. from `lobbyctl touch calibrate`) already
    /// contains the turn.
    public var touchRotation: Int?
    /// Grab the touchscreen so nothing else sees its events.
    public var grabTouchscreen = true
    /// Seconds without a touch before a screen returns to the attract screen.
    public var idleTimeoutSeconds: Int = 60
    /// The directory of the kiosk's translation files; nil: the installed ones.
    public var stringsDirectory: String?
    /// Keyboard-wedge MRZ reader node (`/dev/lobby/mrz-reader`), when one is attached.
    public var mrzReaderDevice: String?
    /// Serial MRZ reader (`/dev/ttyACM0`), when one is attached.
    public var mrzReaderSerial: String?
    /// Whether a CCID smart-card reader is used for ID cards (their chip read with the keys of an
    /// MRZ read at this kiosk, or plainly when the chip allows it).
    public var cardReader = false
    /// Baud rate of the serial MRZ reader.
    public var mrzReaderBaud: Int = 9600

    /// The defaults: the first display and touchscreen found, portrait 1080 × 1920.
    public init() {}
}
