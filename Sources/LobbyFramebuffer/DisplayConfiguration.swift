/// How the kiosk finds and drives its screen (the `display:` part of the configuration).
public struct DisplayConfiguration: Hashable, Sendable {
    /// Which kind of device to use.
    public enum Backend: String, Hashable, Sendable, CaseIterable {
        /// DRM cards first, then framebuffer devices.
        case auto
        /// Only DRM (`/dev/dri/cardN`).
        case drm
        /// Only fbdev (`/dev/fbN`).
        case fbdev
    }

    /// Which kind of device to use.
    public var backend: Backend
    /// A fixed node (`/dev/dri/card1`, `/dev/fb0`); nil: the first usable one.
    public var device: String?
    /// A connector name (`HDMI-A-1`); nil: the first connected one.
    public var connector: String?
    /// A mode; nil: the connector's preferred mode.
    public var mode: DisplayModeRequest?
    /// How the kiosk picture is turned on the panel.
    public var rotation: DisplayRotation
    /// Page flipping (DRM only).
    public var buffering: DRMDisplay.Buffering
    /// Whether fbdev switches the console to graphics mode.
    public var graphicsConsole: Bool
    /// Where DRM cards are looked for.
    public var drmDirectory: String
    /// Where framebuffer devices are looked for.
    public var fbdevDirectory: String

    /// A configuration; the defaults find the first connected DRM output, else `/dev/fb0`.
    public init(backend: Backend = .auto, device: String? = nil, connector: String? = nil, mode: DisplayModeRequest? = nil,
                rotation: DisplayRotation = .none, buffering: DRMDisplay.Buffering = .double, graphicsConsole: Bool = true,
                drmDirectory: String = "/dev/dri", fbdevDirectory: String = "/dev") {
        self.backend = backend
        self.device = device
        self.connector = connector
        self.mode = mode
        self.rotation = rotation
        self.buffering = buffering
        self.graphicsConsole = graphicsConsole
        self.drmDirectory = drmDirectory
        self.fbdevDirectory = fbdevDirectory
    }
}
