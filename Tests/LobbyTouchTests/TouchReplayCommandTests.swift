import Foundation
import Testing
@testable import LobbyTouch

@Suite struct TouchReplayCommandTests {
    /// Decodes JSON lines independently of the encoder.
    static func decode(_ output: String) throws -> [(x: Double, y: Double, t: Double)] {
        try output.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double])
            #expect(Set(object.keys) == ["x", "y", "t"])
            return (try #require(object["x"]), try #require(object["y"]), try #require(object["t"]))
        }
    }

    @Test func jsonLinesMatchTheReplay() throws {
        let result = TouchReplayCommand.run(arguments: ["wetab.event", "--json"], fileText: Recordings.wetabEvent)
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
        let arguments = ["--width", "1920", "--height=1080", "wetab.event", "--rotation", "90",
                         "--calibration", "1.1 0 -0.05 0 1.1 -0.05", "--json"]
        let result = TouchReplayCommand.run(arguments: arguments, fileText: Recordings.wetabEvent)
        #expect(result.exitCode == 0)
        let lines = try Self.decode(result.output)
        let taps = try TouchReplay.taps(recording: try Recordings.wetab(), width: 1920, height: 1080, rotation: .clockwise90,
                                        calibration: CalibrationMatrix(a: 1.1, b: 0, c: -0.05, d: 0, e: 1.1, f: -0.05))
        #expect(lines.count == taps.count)
        for (line, tap) in zip(lines, taps) {
            #expect(abs(line.x - tap.x) <= 0.005 && abs(line.y - tap.y) <= 0.005)
        }
    }

    @Test func separateDescriptionFile() {
        let result = TouchReplayCommand.run(arguments: ["n4.events", "--device", "n4.desc"],
                                            fileText: Recordings.n4Events, deviceText: Recordings.n4Desc)
        #expect(result.exitCode == 0)
        #expect(result.output.contains("device: touch_dev — multitouch-b (10 slots)"))
        #expect(result.output.contains("0 taps, 0 long presses; 577 frames, 0 values clamped, 0 SYN_DROPPED, 8 contacts ignored"))
    }

    @Test func humanReadableOutput() {
        let result = TouchReplayCommand.run(arguments: ["wetab.event"], fileText: Recordings.wetabEvent)
        #expect(result.exitCode == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "device: eGalax-Inc.-USB-TouchController Virtual Device — multitouch-b (2 slots)")
        #expect(lines[1] == "screen: 1080x1920, rotation 0, calibration 1 0 0 0 1 0")
        #expect(lines[2] == "tap x=446.76 y=1603.47 t=0.204983s")
        #expect(lines.filter { $0.hasPrefix("tap ") }.count == 11)
    }

    @Test(arguments: [
        ([String](), "missing recording FILE"),
        (["a", "b"], "only one recording FILE, got 'a' and 'b'"),
        (["a", "--rotation", "45"], "--rotation must be 0, 90, 180 or 270, got '45'"),
        (["a", "--width", "0"], "--width must be a number of pixels from 1 to 100000, got '0'"),
        (["a", "--height"], "--height needs a value"),
        (["a", "--calibration", "1 0 0 0 1"], "--calibration: calibration matrix needs 6 numbers 'a b c d e f', found 5"),
        (["a", "--verbose"], "unknown option '--verbose'"),
        (["a", "--json=yes"], "--json takes no value"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let result = TouchReplayCommand.run(arguments: arguments, fileText: "")
        #expect(result.exitCode == TouchReplayCommand.usageExitCode)
        #expect(result.output.isEmpty)
        #expect(result.errorOutput.hasPrefix("touch replay: \(message)\n"))
    }

    @Test func dataErrorsNameFileAndLine() {
        let broken = TouchReplayCommand.run(arguments: ["bad.evemu"], fileText: "N: x\nI: 0003 0001 0002 0003\nA: 00 0 1\n")
        #expect(broken.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(broken.errorOutput.hasPrefix("touch replay: bad.evemu: line 3: A: line has 3 fields"))
        let noDevice = TouchReplayCommand.run(arguments: ["n4.events"], fileText: Recordings.n4Events)
        #expect(noDevice.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(noDevice.errorOutput.contains("no device description"))
        let keyboard = TouchReplayCommand.run(arguments: ["kbd.evemu"], fileText: "N: kbd\nI: 0003 0001 0002 0003\nB: 00 03 00 00 00 00 00 00 00\n")
        #expect(keyboard.exitCode == TouchReplayCommand.dataErrorExitCode)
        #expect(keyboard.errorOutput == "touch replay: kbd.evemu: not a touchscreen: no absolute axes\n")
    }

    @Test(arguments: [(0.0, 2, "0.00"), (1.006, 2, "1.01"), (-0.004, 2, "0.00"), (-2.5, 1, "-2.5"), (0.204983, 6, "0.204983"), (12.0, 0, "12")])
    func fixedDecimals(value: Double, decimals: Int, text: String) {
        #expect(ReplayTap.fixed(value, decimals: decimals) == text)
    }
}
