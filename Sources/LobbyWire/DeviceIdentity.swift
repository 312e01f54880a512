/// What kind of device answers (identify reply byte 0).
public enum DeviceKind: UInt8, Sendable, Equatable {
    /// A board above a service window (few characters, one or two lines).
    case windowBoard = 1
    /// A hall board listing the latest calls (several lines).
    case hallBoard = 2
    /// A window keypad: vote keys, operator keys, small display, LEDs and beeper.
    case keypad = 3

    /// Whether this kind shows text on an LED matrix and answers board messages.
    public var isBoard: Bool { self != .keypad }
}

/// A firmware version (major.minor.patch).
public struct FirmwareVersion: Sendable, Equatable {
    /// Incompatible changes.
    public var major: UInt8
    /// Compatible additions.
    public var minor: UInt8
    /// Fixes.
    public var patch: UInt8
    /// Creates a version.
    public init(major: UInt8, minor: UInt8, patch: UInt8) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }
}

/// Text and pixel geometry of a display (for keypads: the small display).
public struct DisplayGeometry: Sendable, Equatable {
    /// Text lines.
    public var lines: UInt8
    /// Characters per line.
    public var columns: UInt8
    /// Glyph cell width in pixels.
    public var glyphWidth: UInt8
    /// Glyph cell height in pixels.
    public var glyphHeight: UInt8

    /// Creates a geometry.
    public init(lines: UInt8, columns: UInt8, glyphWidth: UInt8, glyphHeight: UInt8) {
        self.lines = lines
        self.columns = columns
        self.glyphWidth = glyphWidth
        self.glyphHeight = glyphHeight
    }

    /// Width of the pixel matrix.
    public var pixelWidth: Int { Int(columns) * Int(glyphWidth) }
    /// Height of the pixel matrix.
    public var pixelHeight: Int { Int(lines) * Int(glyphHeight) }
    /// Bytes per pixel row (1 bit per pixel, most significant bit leftmost).
    public var bytesPerRow: Int { (pixelWidth + 7) / 8 }
    /// Bytes of the whole frame buffer.
    public var frameBufferBytes: Int { bytesPerRow * pixelHeight }
}

/// The identify reply: everything the master needs to know about a device.
public struct DeviceIdentity: Sendable, Equatable {
    /// Board or keypad.
    public var kind: DeviceKind
    /// Highest protocol version spoken.
    public var protocolVersion: UInt8
    /// Firmware version.
    public var firmware: FirmwareVersion
    /// Unique serial.
    public var serial: DeviceSerial
    /// Display geometry.
    public var geometry: DisplayGeometry
    /// Capability bits (`DeviceIdentity.capability*`).
    public var capabilities: UInt8

    /// Capability: accepts `injectKey` (test images only).
    public static let capabilityTestHooks: UInt8 = 0x01
    /// Capability: has a beeper.
    public static let capabilityBeeper: UInt8 = 0x02

    /// Creates an identity.
    public init(
        kind: DeviceKind, protocolVersion: UInt8 = FrameLimits.protocolVersion,
        firmware: FirmwareVersion, serial: DeviceSerial, geometry: DisplayGeometry,
        capabilities: UInt8 = 0
    ) {
        self.kind = kind
        self.protocolVersion = protocolVersion
        self.firmware = firmware
        self.serial = serial
        self.geometry = geometry
        self.capabilities = capabilities
    }
}
