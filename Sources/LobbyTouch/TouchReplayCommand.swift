/// What `lobbyctl touch replay` prints for a recording, without I/O: lobbyctl parses the
/// arguments and reads the files, this replays the text and formats the result.
public enum TouchReplayCommand {
    /// Exit status for bad arguments (`EX_USAGE`).
    public static let usageExitCode: Int32 = 64
    /// Exit status for a recording that cannot be read or replayed (`EX_DATAERR`).
    public static let dataErrorExitCode: Int32 = 65

    /// What to replay and how.
    public struct Options: Hashable, Sendable {
        /// The recording path (named in error messages).
        public var recordingPath: String
        /// The separate description path, if any.
        public var devicePath: String?
        /// Screen width in pixels.
        public var width: Double = TouchReplay.defaultWidth
        /// Screen height in pixels.
        public var height: Double = TouchReplay.defaultHeight
        /// Screen rotation.
        public var rotation: ScreenRotation = .none
        /// Calibration matrix.
        public var calibration: CalibrationMatrix = .identity
        /// Match lines that force the device's class or protocol (before the built-in quirks).
        public var matchList = DeviceMatchList()
        /// JSON lines output.
        public var json = false

        /// Options for a recording with defaults for everything else.
        public init(recordingPath: String) { self.recordingPath = recordingPath }
    }

    /// What the command prints and returns.
    public struct Result: Hashable, Sendable {
        /// Standard output.
        public var output: String
        /// Standard error.
        public var errorOutput: String
        /// The exit status.
        public var exitCode: Int32
    }

    /// Replays `recordingText` (on the device of `deviceText` when given).
    public static func run(options: Options, recordingText: String, deviceText: String?) -> Result {
        func failure(_ path: String, _ message: String) -> Result {
            Result(output: "", errorOutput: "touch replay: \(path): \(message)\n", exitCode: dataErrorExitCode)
        }
        var recording: EvemuRecording
        do {
            recording = try EvemuParser.parse(recordingText)
        } catch {
            return failure(options.recordingPath, error.description)
        }
        if let deviceText {
            do {
                recording = recording.withDevice(from: try EvemuParser.parse(deviceText))
            } catch {
                return failure(options.devicePath ?? "device description", error.description)
            }
        }
        let outcome: TouchReplay.Outcome
        do {
            outcome = try TouchReplay.replay(recording: recording, width: options.width, height: options.height,
                                             rotation: options.rotation, calibration: options.calibration, matchList: options.matchList)
        } catch {
            return failure(options.devicePath ?? options.recordingPath, error.description)
        }
        if options.json {
            return Result(output: outcome.taps.map { $0.jsonLine + "\n" }.joined(), errorOutput: "", exitCode: 0)
        }
        var text = "device: \(recording.device?.name ?? "?") — \(outcome.touchProtocol)\n"
        if case .touchscreen(_, let basis) = outcome.classification, basis != .capabilities {
            text += "classified: \(basis)\n"
        }
        text += "screen: \(Int(options.width))x\(Int(options.height)), rotation \(options.rotation.rawValue), calibration \(options.calibration)\n"
        for tap in outcome.taps { text += "tap \(tap)\n" }
        for press in outcome.longPresses { text += "long-press \(press)\n" }
        let d = outcome.diagnostics
        text += "\(outcome.taps.count) taps, \(outcome.longPresses.count) long presses; \(d.frames) frames, "
            + "\(d.outOfRangeValues) values clamped, \(d.droppedReports) SYN_DROPPED, \(d.ignoredContacts) contacts ignored\n"
        return Result(output: text, errorOutput: "", exitCode: 0)
    }
}
