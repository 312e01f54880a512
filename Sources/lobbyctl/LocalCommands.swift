import ArgumentParser
import Foundation
import LobbyEscPos
import LobbyEvdev
import LobbyMRZ
import LobbyRender
import LobbyTouch

/// `lobbyctl mrz …`: machine-readable zones of ID documents.
struct MRZCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mrz", abstract: "Machine-readable zones (ICAO 9303): parse them, watch the readers.", subcommands: [Parse.self, MRZWatchCommand.self])

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read MRZ lines from standard input and print their fields as JSON (exit 0 valid, 1 invalid).")

        func run() throws {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let (json, code) = MRZCommand.run(input: input)
            print(json)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// `lobbyctl touch …`: touchscreens.
struct TouchCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touch", abstract: "List, watch, replay and calibrate touchscreens.", subcommands: [Replay.self, List.self, Watch.self, TouchCalibrateCommand.self])

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Feed an evemu recording through the kiosk's touch pipeline and print the taps.",
            discussion: TouchReplayCommand.usage)
        @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

        func run() throws {
            let options: TouchReplayCommand.Options
            do {
                options = try TouchReplayCommand.parse(arguments)
            } catch {
                FileHandle.standardError.write(Data("touch replay: \(error.message)\n\(TouchReplayCommand.usage)\n".utf8))
                throw ExitCode(TouchReplayCommand.usageExitCode)
            }
            func read(_ path: String) throws -> String {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("touch replay: cannot read \(path)\n".utf8))
                    throw ExitCode(66)
                }
                return String(decoding: data, as: UTF8.self)
            }
            let result = TouchReplayCommand.run(options: options, recordingText: try read(options.recordingPath),
                                                deviceText: try options.devicePath.map(read))
            FileHandle.standardOutput.write(Data(result.output.utf8))
            FileHandle.standardError.write(Data(result.errorOutput.utf8))
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List input devices and whether they are touchscreens (read directly from /dev/input).")
        @Flag(help: "Print JSON lines.") var json = false
        @Flag(help: "Check whether another process holds a grab on each device.") var checkGrab = false
        @Argument(help: "The input device directory.") var directory = "/dev/input"

        func run() throws {
            let entries = InputDeviceDiscovery.scan(directory: directory, udevDataDirectory: "/run/udev/data", probeGrab: checkGrab)
            let text = json ? TouchList.jsonLines(entries) : TouchList.text(entries, directory: directory)
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show live contacts and taps of the touchscreen (Ctrl-C to stop).")
        @Flag(help: "Print JSON lines.") var json = false
        @Argument(help: "The input device directory.") var directory = "/dev/input"

        func run() async throws {
            let configuration = TouchscreenConfiguration(directory: directory, gestures: GestureConfiguration(reportsContactUpdates: true))
            var formatter = TouchWatch(format: json ? .json : .text)
            for await update in TouchscreenMonitor(configuration: configuration).updates() {
                FileHandle.standardOutput.write(Data((formatter.line(for: update) + "\n").utf8))
            }
        }
    }
}
