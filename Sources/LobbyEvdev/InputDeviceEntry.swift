import LobbyTouch

/// What discovery learnt about one `event*` node: its description, or why it could not be read.
public struct InputDeviceEntry: Hashable, Sendable {
    /// The node's path.
    public var path: String
    /// The device's capabilities, when the node could be opened as an evdev device.
    public var description: DeviceDescription?
    /// Why the node could not be read (permissions, not an input device, gone).
    public var failure: EvdevError?
    /// Whether another process holds the device exclusively.
    public var grab: GrabState
    /// The device's udev database entry, when udev keeps one.
    public var udev: UdevDeviceRecord?

    /// Whether the device is grabbed (`EVIOCGRAB`).
    public enum GrabState: String, Hashable, Sendable {
        /// Not checked (checking takes the grab for an instant).
        case unknown
        /// Nobody holds it exclusively.
        case free
        /// Another process holds it exclusively: this one reads nothing from it.
        case grabbedElsewhere = "grabbed-elsewhere"
        /// This process holds it (the daemon's own grab).
        case grabbedHere = "grabbed"
    }

    /// An entry from its parts.
    public init(path: String, description: DeviceDescription? = nil, failure: EvdevError? = nil,
                grab: GrabState = .unknown, udev: UdevDeviceRecord? = nil) {
        self.path = path
        self.description = description
        self.failure = failure
        self.grab = grab
        self.udev = udev
    }

    /// The number of an `eventN` node (nil for other names, e.g. a udev symlink).
    public var eventNumber: Int? { Self.eventNumber(ofPath: path) }

    /// The number in a path ending in `eventN`.
    public static func eventNumber(ofPath path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("event") else { return nil }
        let digits = name.dropFirst("event".count)
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(digits)
    }
}
