/// A parsed evemu file: the device (if described) and its events in file order.
public struct EvemuRecording: Hashable, Sendable {
    /// The format version from a `# EVEMU x.y` line, if present.
    public var formatVersion: EvemuFormatVersion?
    /// The device, from `N:`/`I:`/`P:`/`B:`/`A:` lines or, in older files, from `#` comment blocks.
    public var device: DeviceDescription?
    /// Where `device` came from.
    public var deviceSource: DeviceSource
    /// The events of the `E:` lines.
    public var events: [InputEvent]

    /// Where a recording's device description was read from.
    public enum DeviceSource: Hashable, Sendable {
        /// No description in the text.
        case none
        /// The machine-readable `N:`/`I:`/`P:`/`B:`/`A:` lines.
        case descriptionLines
        /// Only the human-readable `#` comment blocks of evemu 1.0/1.1.
        case commentBlocks
    }

    /// A recording from its parts.
    public init(formatVersion: EvemuFormatVersion?, device: DeviceDescription?, deviceSource: DeviceSource, events: [InputEvent]) {
        self.formatVersion = formatVersion
        self.device = device
        self.deviceSource = deviceSource
        self.events = events
    }

    /// This recording's events played on the device of `other` (a separate description file).
    public func withDevice(from other: EvemuRecording) -> EvemuRecording {
        EvemuRecording(
            formatVersion: other.formatVersion ?? formatVersion,
            device: other.device,
            deviceSource: other.deviceSource,
            events: events
        )
    }
}

/// An evemu file format version (`# EVEMU 1.3`).
public struct EvemuFormatVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The major number.
    public var major: Int
    /// The minor number.
    public var minor: Int

    /// A version from its numbers.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `major.minor`.
    public var description: String { "\(major).\(minor)" }

    /// Orders by major, then minor.
    public static func < (lhs: EvemuFormatVersion, rhs: EvemuFormatVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
