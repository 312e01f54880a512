import ArgumentParser
import Foundation
import LobbyConfiguration
import LobbyEvdev
import LobbyTouch

/// `lobbyctl touch …`: touchscreens.
struct TouchCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touch", abstract: "List, watch, replay and calibrate touchscreens.",
        subcommands: [Replay.self, List.self, Watch.self, TouchCalibrateCommand.self])

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Feed an evemu recording through the kiosk's touch pipeline and print the taps.",
            discussion: """
            The recording is classified (match lines, the built-in quirks, then its capabilities), \
            tracked, calibrated and turned into gestures exactly as a live panel. Exit status: 0 done, \
            64 bad arguments, 65 the recording cannot be parsed or is not a touchscreen, 66 a file \
            cannot be read.
            """)

        @Argument(help: "The evemu recording (device description and E: lines).") var recording: String
        @Option(help: "A separate evemu description when the recording holds only events.") var device: String?
        @Option(help: "Screen width in pixels (1080: the portrait kiosk).") var width = Int(TouchReplay.defaultWidth)
        @Option(help: "Screen height in pixels.") var height = Int(TouchReplay.defaultHeight)
        @Option(help: "Clockwise screen rotation applied after the calibration: 0, 90, 180 or 270.") var rotation = 0
        @Option(help: "A LIBINPUT_CALIBRATION_MATRIX value \"a b c d e f\" (default: identity).") var calibration: String?
        @OptionGroup var matching: TouchMatchOptions
        @Flag(help: "One {\"x\": …, \"y\": …, \"t\": …} object per tap and line.") var json = false

        func validate() throws {
            for (name, value) in [("--width", width), ("--height", height)] where !(1...100_000).contains(value) {
                throw ValidationError("\(name) must be a number of pixels from 1 to 100000, got '\(value)'")
            }
            guard ScreenRotation(rawValue: rotation) != nil else { throw ValidationError("--rotation must be 0, 90, 180 or 270, got '\(rotation)'") }
            _ = try calibrationMatrix()
        }

        private func calibrationMatrix() throws -> CalibrationMatrix {
            guard let calibration else { return .identity }
            do { return try CalibrationMatrix(parsing: calibration) } catch { throw ValidationError("--calibration: \(error.description)") }
        }

        func run() throws {
            var options = TouchReplayCommand.Options(recordingPath: recording)
            options.devicePath = device
            options.width = Double(width)
            options.height = Double(height)
            options.rotation = ScreenRotation(rawValue: rotation) ?? .none
            options.calibration = try calibrationMatrix()
            options.matchList = try matching.matchList()
            options.json = json
            func read(_ path: String) throws -> String {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError.failed("unreadable-file", "touch replay: cannot read \(path)", exitCode: 66)
                }
                return String(decoding: data, as: UTF8.self)
            }
            let result = TouchReplayCommand.run(options: options, recordingText: try read(recording), deviceText: try device.map(read))
            FileHandle.standardOutput.write(Data(result.output.utf8))
            if result.exitCode != 0 {
                let message = result.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                throw CLIError.failed(result.exitCode == TouchReplayCommand.dataErrorExitCode ? "bad-recording" : "failed", message, exitCode: result.exitCode)
            }
            FileHandle.standardError.write(Data(result.errorOutput.utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List input devices and whether they are touchscreens (read directly from /dev/input).")
        @Flag(help: "Print a JSON array, one object per input device ([] when there is none).") var json = false
        @Flag(help: "Check whether another process holds a grab on each device.") var checkGrab = false
        @OptionGroup var matching: TouchMatchOptions
        @Argument(help: "The input device directory.") var directory = "/dev/input"

        func run() throws {
            let matchList = try matching.matchList()
            let entries = InputDeviceDiscovery.scan(directory: directory, udevDataDirectory: "/run/udev/data", probeGrab: checkGrab)
            guard json else { return FileHandle.standardOutput.write(Data(TouchList.text(entries, matchList: matchList, directory: directory).utf8)) }
            let objects = TouchList.jsonLines(entries, matchList: matchList).split(separator: "\n")
            print("[" + objects.joined(separator: ",\n") + "]")
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show live contacts and taps of the touchscreen (Ctrl-C to stop).")
        @Flag(help: "Print JSON lines.") var json = false
        @OptionGroup var matching: TouchMatchOptions
        @Argument(help: "The input device directory.") var directory = "/dev/input"

        func run() async throws {
            let configuration = TouchscreenConfiguration(directory: directory, matchList: try matching.matchList(),
                                                         gestures: GestureConfiguration(reportsContactUpdates: true))
            var formatter = TouchWatch(format: json ? .json : .text)
            for await update in TouchscreenMonitor(configuration: configuration).updates() {
                FileHandle.standardOutput.write(Data((formatter.line(for: update) + "\n").utf8))
            }
        }
    }
}

/// How the touch commands are told what a device is, as lobbyd is: match lines on the command
/// line, then those of a configuration file, then the built-in quirks.
struct TouchMatchOptions: ParsableArguments {
    @Option(name: .customLong("match"),
            help: ArgumentHelp("A match line, e.g. \"0eef:0001 touchscreen\" or 'name:\"Panel*\" tablet' (repeatable; see Docs/Touch-hardware.md).",
                               valueName: "line"))
    var lines: [String] = []
    @Option(help: "Also use the touchscreen match lines of this configuration file (e.g. /etc/lobby/lobby.yaml).") var config: String?

    /// Checks the lines (and reads the configuration) while parsing, so a wrong line is a usage error.
    func validate() throws {
        _ = try matchList()
    }

    /// The command line's lines, then the configuration's.
    func matchList() throws -> DeviceMatchList {
        var entries: [DeviceMatchList.Entry] = []
        for line in lines {
            do { entries += try DeviceMatchList(parsing: line).entries } catch {
                throw ValidationError("--match '\(line)': \(error.message)")
            }
        }
        if let config {
            do { entries += try ConfigurationLoader.load(path: config).kiosk?.touchMatch.entries ?? [] } catch {
                throw ValidationError("--config: \(error.description)")
            }
        }
        // Numbered in the order they are consulted, as classifications name them.
        for index in entries.indices { entries[index].line = index + 1 }
        return DeviceMatchList(entries: entries)
    }
}
