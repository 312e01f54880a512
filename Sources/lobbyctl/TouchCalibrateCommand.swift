import ArgumentParser
import Foundation
import LobbyFramebuffer
import LobbyTouch
import LobbyTouchCalibration

/// `lobbyctl touch calibrate`: the touchscreen calibration wizard (register it in
/// `TouchCommandGroup`'s subcommands). Reads the panel directly and draws on the display
/// directly, so the kiosk must not be running on this machine's screen meanwhile.
struct TouchCalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate the touchscreen: touch the crosses shown, then a check target; prints the matrix.",
        discussion: """
        The panel is opened directly and grabbed; the targets are drawn on the display (DRM, else fbdev) \
        unless --no-display, which only prints them (as JSON lines) for headless use. The result is \
        libinput's LIBINPUT_CALIBRATION_MATRIX (a b c d e f on normalised coordinates); --write stores \
        it as a udev rule the daemon and any compositor read. Exit status: 0 done, 1 failed or \
        abandoned (with JSON lines, the last is the error object, code calibration-failed), 64 bad arguments.
        """)

    @Option(help: "The touchscreen node (default: the best touchscreen in /dev/input).") var device: String?
    @Option(help: "3 or 5 targets.") var points = 5
    @Flag(help: "Do not draw: print each target (JSON lines) and read the taps.") var noDisplay = false
    @Option(help: "Display node (/dev/dri/card0, /dev/fb0); default: the first usable one.") var display: String?
    @Option(help: "Display backend: auto, drm or fbdev.") var backend = "auto"
    @Option(help: "Display connector, e.g. HDMI-A-1 (DRM).") var connector: String?
    @Option(help: "Display mode WIDTHxHEIGHT[@HZ] (DRM; default: the preferred mode).") var mode: String?
    @Option(help: "How the kiosk picture is turned on the panel: 0, 90, 180 or 270.") var rotation = 0
    @Option(help: "Screen size WIDTHxHEIGHT with --no-display.") var size = "1080x1920"
    @Option(help: "Seconds to wait for each tap.") var timeout = 60.0
    @Option(help: "Write the result as a udev rule file (e.g. /etc/udev/rules.d/71-lobby-touchscreen-calibration.rules).")
    var write: String?
    @Flag(help: "Print JSON lines.") var json = false
    @OptionGroup var matching: TouchMatchOptions

    func run() throws {
        var options = TouchCalibrator.Options(devicePath: device, tapTimeout: timeout, matchList: try matching.matchList())
        switch points {
        case 3: options.targets = CalibrationWizard.threePointTargets
        case 5: options.targets = CalibrationWizard.fivePointTargets
        default: throw ValidationError("--points must be 3 or 5")
        }
        guard let turn = DisplayRotation(degrees: rotation) else { throw ValidationError("--rotation must be 0, 90, 180 or 270") }
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ (100...16384).contains($0) }) else { throw ValidationError("--size must be WIDTHxHEIGHT, e.g. 1080x1920") }
        options.screen = DisplaySize(width: parts[0], height: parts[1])
        if noDisplay {
            options.display = nil
        } else {
            guard let kind = DisplayConfiguration.Backend(rawValue: backend) else { throw ValidationError("--backend must be auto, drm or fbdev") }
            var displayConfiguration = DisplayConfiguration(backend: kind, device: display, connector: connector, rotation: turn)
            if let mode {
                do { displayConfiguration.mode = try DisplayModeRequest(parsing: mode) } catch { throw ValidationError(error.description) }
            }
            options.display = displayConfiguration
        }
        let style: CalibrationLog.Style = json || noDisplay ? .json : .text
        func say(_ line: String) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        func fail(_ message: String) -> CLIError {
            let error = CLIError.failed("calibration-failed", "touch calibrate: \(message)")
            // --no-display prints JSON lines without --json: the error object ends them too.
            if style == .json && !json { say(error.json) }
            return error
        }
        let calibrator: TouchCalibrator
        do { calibrator = try TouchCalibrator(options: options) } catch { throw fail(error.description) }
        let log = CalibrationLog(style: style, width: Double(calibrator.screen.width), height: Double(calibrator.screen.height))
        say(log.ready(device: calibrator.devicePath, name: calibrator.device.name, display: calibrator.display?.summary ?? "no display"))
        let result: CalibrationFit.Result
        do { result = try calibrator.run { say(log.line($0)) } } catch { throw fail(error.description) }
        guard let write else { return }
        let identity = calibrator.device.identity
        let text = CalibrationRuleFile.text(
            matrix: result.matrix, vendor: identity.vendor, product: identity.product, deviceName: calibrator.device.name,
            screen: "\(calibrator.screen) (\(calibrator.display?.summary ?? "no display"))",
            fit: "rms \(String(format: "%.2f", result.rmsErrorPixels(width: Double(calibrator.screen.width), height: Double(calibrator.screen.height)))) px over \(options.targets.count) targets")
        do {
            try text.write(toFile: write, atomically: true, encoding: .utf8)
        } catch {
            throw fail("cannot write \(write): \(error.localizedDescription)")
        }
        say(style == .json ? "{\"event\":\"written\",\"path\":\(CalibrationLog.quoteJSON(write))}" : "Written to \(write).")
    }
}
