/// `lobbyctl touch replay FILE [--device DESC] [--width W --height H] [--rotation R]
/// [--calibration "a b c d e f"] [--json]`, without I/O: the caller reads the files.
public enum TouchReplayCommand {
    /// The usage text.
    public static let usage = """
        usage: lobbyctl touch replay FILE [--device DESCFILE] [--width W] [--height H] \
        [--rotation 0|90|180|270] [--calibration "a b c d e f"] [--json]
          FILE          evemu recording (device description and E: lines)
          --device      separate evemu description when FILE holds only events
          --width, --height  screen size in pixels (default 1080 x 1920, the portrait kiosk)
          --rotation    clockwise screen rotation applied after the calibration (default 0)
          --calibration LIBINPUT_CALIBRATION_MATRIX value (default identity)
          --json        one {"x": …, "y": …, "t": …} object per tap and line
        """

    /// Exit status for bad arguments (`EX_USAGE`).
    public static let usageExitCode: Int32 = 64
    /// Exit status for a recording that cannot be read or replayed (`EX_DATAERR`).
    public static let dataErrorExitCode: Int32 = 65

    /// Parsed command-line options.
    public struct Options: Hashable, Sendable {
        /// The recording path.
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

    /// Why the arguments are not usable.
    public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// Parses the arguments after `touch replay`.
    public static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var path: String?
        var options = Options(recordingPath: "")
        var index = 0
        func value(for name: String, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw UsageError(message: "\(name) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "--json":
                guard inline == nil else { throw UsageError(message: "--json takes no value") }
                options.json = true
            case "--device":
                options.devicePath = try value(for: name, inline: inline)
            case "--width", "--height":
                let text = try value(for: name, inline: inline)
                guard let number = Double(text), number.isFinite, number >= 1, number <= 100_000 else {
                    throw UsageError(message: "\(name) must be a number of pixels from 1 to 100000, got '\(text)'")
                }
                if name == "--width" { options.width = number } else { options.height = number }
            case "--rotation":
                let text = try value(for: name, inline: inline)
                guard let degrees = Int(text), let rotation = ScreenRotation(rawValue: degrees) else {
                    throw UsageError(message: "--rotation must be 0, 90, 180 or 270, got '\(text)'")
                }
                options.rotation = rotation
            case "--calibration":
                let text = try value(for: name, inline: inline)
                do {
                    options.calibration = try CalibrationMatrix(parsing: text)
                } catch {
                    throw UsageError(message: "--calibration: \(error.description)")
                }
            default:
                if argument.hasPrefix("-"), argument != "-" {
                    throw UsageError(message: "unknown option '\(argument)'")
                }
                guard path == nil else { throw UsageError(message: "only one recording FILE, got '\(path!)' and '\(argument)'") }
                path = argument
            }
            index += 1
        }
        guard let path else { throw UsageError(message: "missing recording FILE") }
        options.recordingPath = path
        return options
    }

    /// Parses the arguments and replays `fileText` (and `deviceText` when `--device` was given).
    public static func run(arguments: [String], fileText: String, deviceText: String? = nil) -> Result {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            return Result(output: "", errorOutput: "touch replay: \(error.message)\n\(usage)\n", exitCode: usageExitCode)
        }
        if options.devicePath != nil, deviceText == nil {
            return Result(output: "", errorOutput: "touch replay: --device given but its text was not read\n", exitCode: usageExitCode)
        }
        return run(options: options, recordingText: fileText, deviceText: deviceText)
    }

    /// Replays with parsed options.
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
        if let deviceText, let devicePath = options.devicePath {
            do {
                recording = recording.withDevice(from: try EvemuParser.parse(deviceText))
            } catch {
                return failure(devicePath, error.description)
            }
        }
        let outcome: TouchReplay.Outcome
        do {
            outcome = try TouchReplay.replay(recording: recording, width: options.width, height: options.height,
                                             rotation: options.rotation, calibration: options.calibration)
        } catch {
            return failure(options.devicePath ?? options.recordingPath, error.description)
        }
        if options.json {
            return Result(output: outcome.taps.map { $0.jsonLine + "\n" }.joined(), errorOutput: "", exitCode: 0)
        }
        var text = "device: \(recording.device?.name ?? "?") — \(outcome.touchProtocol)\n"
        text += "screen: \(Int(options.width))x\(Int(options.height)), rotation \(options.rotation.rawValue), calibration \(options.calibration)\n"
        for tap in outcome.taps { text += "tap \(tap)\n" }
        for press in outcome.longPresses { text += "long-press \(press)\n" }
        let d = outcome.diagnostics
        text += "\(outcome.taps.count) taps, \(outcome.longPresses.count) long presses; \(d.frames) frames, "
            + "\(d.outOfRangeValues) values clamped, \(d.droppedReports) SYN_DROPPED, \(d.ignoredContacts) contacts ignored\n"
        return Result(output: text, errorOutput: "", exitCode: 0)
    }
}
