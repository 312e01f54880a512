import Foundation
import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct TouchReplayCommandTests {
    /// Decodes JSON lines independently of the encoder.
    static func decode(_ output: String) throws -> [(x: Double, y: Double, t: Double)] {
        try output.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double])
            #expect(Set(object.keys) == ["x", "y", "t"])
            return (try #require(object["x"]), try #require(object["y"]), try #require(object["t"]))
        }
    }

    static func run(_ path: String, _ text: String, device: (path: String, text: String)? = nil,
                    _ configure: (inout TouchReplayCommand.Options) -> Void = { _ in }) -> TouchReplayCommand.Result {
        var options = TouchReplayCommand.Options(recordingPath: path)
        options.devicePath = device?.path
        configure(&options)
        return TouchReplayCommand.run(options: options, recordingText: text, deviceText: device?.text)
    }

    @Test func jsonLinesMatchTheReplay() throws {
        let result = Self.run("wetab.event", Recordings.wetabEvent) { $0.json = true }
        #expect(result.exitCode == 0)
        #expect(result.errorOutput.isEmpty)
        let lines = try Self.decode(result.output)
        let taps = try TouchReplay.taps(recording: try Recordings.wetab())
        #expect(lines.count == 11)
        for (line, tap) in zip(lines, taps) {
            #expect(abs(line.x - tap.x) <= 0.005 && abs(line.y - tap.y) <= 0.005 && abs(line.t - tap.t) <= 5e-7)
        }
        #expect(result.output.hasPrefix("{\"x\": 446.76, \"y\": 1603.47, \"t\": 0.204983}\n"))
    }

    @Test func optionsReachThePipeline() throws {
        let calibration = CalibrationMatrix(a: 1.1, b: 0, c: -0.05, d: 0, e: 1.1, f: -0.05)
        let result = Self.run("wetab.event", Recordings.wetabEvent) {
            $0.width = 1920
            $0.height = 1080
            $0.rotation = .clockwise90
            $0.calibration = calibration
            $0.json = true
        }
        #expect(result.exitCode == 0)
        let lines = try Self.decode(result.output)
        let taps = try TouchReplay.taps(recording: try Recordings.wetab(), width: 1920, height: 1080, rotation: .clockwise90, calibration: calibration)
        #expect(lines.count == taps.count)
        for (line, tap) in zip(lines, taps) {
            #expect(abs(line.x - tap.x) <= 0.005 && abs(line.y - tap.y) <= 0.005)
        }
    }

    @Test func separateDescriptionFile() {
        let result = Self.run("n4.events", Recordings.n4Events, device: ("n4.desc", Recordings.n4Desc))
        #expect(result.exitCode == 0)
        #expect(result.output.contains("device: touch_dev — multitouch-b (10 slots)"))
        #expect(result.output.contains("0 taps, 0 long presses; 577 frames, 0 values clamped, 0 SYN_DROPPED, 8 contacts ignored"))
    }

    @Test func humanReadableOutput() {
        let result = Self.run("wetab.event", Recordings.wetabEvent)
        #expect(result.exitCode == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "device: eGalax-Inc.-USB-TouchController Virtual Device — multitouch-b (2 slots)")
        #expect(lines[1] == "screen: 1080x1920, rotation 0, calibration 1 0 0 0 1 0")
        #expect(lines[2] == "tap x=446.76 y=1603.47 t=0.204983s")
        #expect(lines.filter { $0.hasPrefix("tap ") }.count == 11)
    }

    /// The eGalax pen-reporting panel replays to taps and says why it counts as a touchscreen;
    /// a configured class overrides the quirk.
    @Test func penReportingPanel() throws {
        let result = Self.run("egalax-0eef-0001.evemu", Recordings.egalaxPen)
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "device: eGalax Inc. USB TouchController Touchscreen — single-touch (BTN_TOUCH)")
        #expect(lines[1] == "classified: known panel (built-in quirks line 12: 0eef:0001 touchscreen single-touch)")
        #expect(lines.filter { $0.hasPrefix("tap ") }.count == 6)
        #expect(lines.filter { $0.hasPrefix("long-press ") }.count == 1)
        let tablet = try DeviceMatchList(parsing: "0eef:0001 tablet")
        let refused = Self.run("egalax-0eef-0001.evemu", Recordings.egalaxPen) { $0.matchList = tablet }
        #expect(refused.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(refused.errorOutput == "touch replay: egalax-0eef-0001.evemu: not a touchscreen: a graphics tablet (match line 1: 0eef:0001 tablet)\n")
    }

    @Test func dataErrorsNameFileAndLine() {
        let broken = Self.run("bad.evemu", "N: x\nI: 0003 0001 0002 0003\nA: 00 0 1\n")
        #expect(broken.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(broken.errorOutput.hasPrefix("touch replay: bad.evemu: line 3: A: line has 3 fields"))
        let noDevice = Self.run("n4.events", Recordings.n4Events)
        #expect(noDevice.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(noDevice.errorOutput.contains("no device description"))
        let keyboard = Self.run("kbd.evemu", "N: kbd\nI: 0003 0001 0002 0003\nB: 00 03 00 00 00 00 00 00 00\n")
        #expect(keyboard.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(keyboard.errorOutput == "touch replay: kbd.evemu: not a touchscreen: no absolute axes\n")
        let long = Self.run("long.evemu", "N: x\nI: 0003 0001 0002 0003\n" + String(repeating: "P: 00 00 00 00 00 00 00 00\n", count: 1_100))
        #expect(long.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(long.errorOutput.hasPrefix("touch replay: long.evemu: line 4: P: line number 2 for property"))
    }

    @Test(arguments: [(0.0, 2, "0.00"), (1.006, 2, "1.01"), (-0.004, 2, "0.00"), (-2.5, 1, "-2.5"), (0.204983, 6, "0.204983"), (12.0, 0, "12")])
    func fixedDecimals(value: Double, decimals: Int, text: String) {
        #expect(ReplayTap.fixed(value, decimals: decimals) == text)
    }
}
