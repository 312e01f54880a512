import LobbyMRZ

/// One configured MRZ document reader: what it is, where to find it, and how to cut its input into documents.
public struct MRZReaderConfiguration: Sendable, Hashable {
    /// How the reader is connected.
    public enum Kind: Sendable, Hashable {
        /// A USB HID keyboard wedge, read through evdev and grabbed.
        case keyboardWedge(WedgeReaderSource)
        /// A CDC-ACM (or any tty) serial reader.
        case serial(SerialReaderSource)
    }

    /// The reader's name in events, health and logs (e.g. `entrance`).
    public var name: String
    /// How the reader is connected.
    public var kind: Kind
    /// Gap between characters that ends a document (also ends a line a reader never finishes).
    public var lineTimeout: Duration
    /// How often to look for the reader again while it is missing or failed (hotplug
    /// notifications of the device directory wake the monitor sooner).
    public var rescanInterval: Duration
    /// Lines kept per document before it is cut (more than any MRZ has).
    public var maximumLineCount: Int

    /// A configuration; the defaults suit the readers on the market (they type a zone in 0.2–1 s).
    public init(name: String, kind: Kind, lineTimeout: Duration = .milliseconds(300),
                rescanInterval: Duration = .seconds(2), maximumLineCount: Int = 6) {
        self.name = name
        self.kind = kind
        self.lineTimeout = lineTimeout
        self.rescanInterval = rescanInterval
        self.maximumLineCount = maximumLineCount
    }

    /// `wedge` or `serial`.
    public var kindName: String {
        switch kind {
        case .keyboardWedge: "wedge"
        case .serial: "serial"
        }
    }

    /// The assembler tuning derived from this configuration.
    public var assembly: MRZTextAssembler.Configuration {
        MRZTextAssembler.Configuration(idleTimeout: lineTimeout, maximumLineCount: maximumLineCount)
    }
}

/// Where to find a keyboard-wedge reader among the input devices.
public struct WedgeReaderSource: Sendable, Hashable {
    /// The directory scanned for `event*` nodes and watched for hotplug.
    public var directory: String
    /// A fixed node (e.g. the udev rule's `/dev/lobby/mrz-reader`) instead of matching.
    public var devicePath: String?
    /// Which devices are the reader (used when `devicePath` is nil); never empty in a usable configuration.
    public var matches: WedgeReaderMatchList

    /// A source; the kiosk keyboard is never taken: a device is only used when it matches or is named.
    public init(directory: String = "/dev/input", devicePath: String? = nil, matches: WedgeReaderMatchList = WedgeReaderMatchList()) {
        self.directory = directory
        self.devicePath = devicePath
        self.matches = matches
    }
}

/// Where a serial reader is and how fast it talks.
public struct SerialReaderSource: Sendable, Hashable {
    /// The tty, e.g. `/dev/ttyACM0` or the udev symlink `/dev/lobby/mrz-serial`.
    public var path: String
    /// Bits per second (8N1; a CDC-ACM device ignores it, a real UART does not).
    public var baud: UInt32

    /// A source.
    public init(path: String, baud: UInt32 = 9_600) {
        self.path = path
        self.baud = baud
    }
}
