/// The options of `lobbyctl mrz watch` turned into a reader configuration (pure, shared by
/// lobbyctl and `lobby-mrz-probe watch`).
public struct MRZWatchOptions: Sendable, Hashable {
    /// `--device PATH`: a wedge reader's event node (or the udev symlink).
    public var device: String?
    /// `--serial PATH`: a serial reader's tty.
    public var serial: String?
    /// `--baud B` (with `--serial`).
    public var baud: UInt32?
    /// `--match M` (repeatable): `VID:PID` or `name:TEXT` of a wedge reader among all input devices.
    public var matches: [String]
    /// `--timeout MS`: the line timeout.
    public var timeoutMilliseconds: Int?
    /// `--reveal`.
    public var reveal: Bool

    /// The node the udev rule creates for a wedge reader; used when no option names a reader.
    public static let defaultDevicePath = "/dev/lobby/mrz-reader"

    /// Options as given.
    public init(device: String? = nil, serial: String? = nil, baud: UInt32? = nil, matches: [String] = [],
                timeoutMilliseconds: Int? = nil, reveal: Bool = false) {
        self.device = device
        self.serial = serial
        self.baud = baud
        self.matches = matches
        self.timeoutMilliseconds = timeoutMilliseconds
        self.reveal = reveal
    }

    /// A usage mistake, worded for the command line.
    public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public var description: String

        /// An error with its wording.
        public init(description: String) { self.description = description }
    }

    /// The reader to watch.
    public func configuration() throws(UsageError) -> MRZReaderConfiguration {
        if serial != nil && (device != nil || !matches.isEmpty) {
            throw UsageError(description: "--serial cannot be combined with --device or --match")
        }
        if device != nil && !matches.isEmpty { throw UsageError(description: "give --device or --match, not both") }
        if baud != nil && serial == nil { throw UsageError(description: "--baud goes with --serial") }
        if let baud, ![1_200, 2_400, 4_800, 9_600, 19_200, 38_400, 57_600, 115_200, 230_400, 460_800, 921_600].contains(baud) {
            throw UsageError(description: "--baud \(baud) is not a standard rate (1200 … 921600)")
        }
        var timeout = Duration.milliseconds(300)
        if let timeoutMilliseconds {
            guard (20...10_000).contains(timeoutMilliseconds) else {
                throw UsageError(description: "--timeout is in milliseconds, 20 to 10000; got \(timeoutMilliseconds)")
            }
            timeout = .milliseconds(timeoutMilliseconds)
        }
        let kind: MRZReaderConfiguration.Kind
        if let serial {
            kind = .serial(SerialReaderSource(path: serial, baud: baud ?? 9_600))
        } else if !matches.isEmpty {
            var parsed: [WedgeReaderMatchList.Match] = []
            for text in matches {
                guard let match = WedgeReaderMatchList.parseMatch(Substring(text)) else {
                    throw UsageError(description: "--match '\(text)' is neither VID:PID (like 0db5:013a) nor name:TEXT")
                }
                parsed.append(match)
            }
            kind = .keyboardWedge(WedgeReaderSource(matches: WedgeReaderMatchList(parsed)))
        } else {
            kind = .keyboardWedge(WedgeReaderSource(devicePath: device ?? Self.defaultDevicePath))
        }
        return MRZReaderConfiguration(name: serial != nil ? "serial" : "wedge", kind: kind, lineTimeout: timeout)
    }

    /// Why `--reveal` is refused in this environment, nil when it is allowed: personal data is
    /// shown only to a technician at the machine itself, never over a remote shell.
    public static func revealRefusal(environment: [String: String]) -> String? {
        for name in ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"] where !(environment[name] ?? "").isEmpty {
            return "--reveal shows personal data and is only allowed on the machine itself, not over SSH (\(name) is set)"
        }
        return nil
    }
}
