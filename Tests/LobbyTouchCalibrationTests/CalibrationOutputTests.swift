import Foundation
import LobbyFramebuffer
import LobbyTouch
import LobbyTouchCalibration
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct CalibrationOutputTests {
    static let matrix = CalibrationMatrix(a: 0, b: 1.2, c: -0.08, d: -1.25, e: 0.0125, f: 1.1)
    /// A fit of four touches, one of them 0.001 (1.08 px) off in x.
    static let result: CalibrationFit.Result = {
        let touches = [NormalizedPoint(x: 0.2, y: 0.2), NormalizedPoint(x: 0.8, y: 0.2), NormalizedPoint(x: 0.5, y: 0.8), NormalizedPoint(x: 0.3, y: 0.6)]
        let samples = touches.map { CalibrationFit.Sample(touch: $0, target: matrix.apply($0)) }
        return try! CalibrationFit.fit(samples)
    }()

    @Test func jsonLinesDecode() throws {
        let log = CalibrationLog(style: .json, width: 1080, height: 1920)
        func decode(_ event: CalibrationRun.Event) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(log.line(event).utf8)) as? [String: Any])
        }
        let target = try decode(.target(index: 2, count: 5, point: NormalizedPoint(x: 0.9, y: 0.9)))
        #expect(target["event"] as? String == "target")
        #expect(target["index"] as? Int == 2 && target["count"] as? Int == 5)
        #expect(target["x"] as? Double == 972 && target["y"] as? Double == 1728)
        #expect(target["nx"] as? Double == 0.9)
        let rejected = try decode(.rejected(index: 1, reason: "too \"close\"\n"))
        #expect(rejected["reason"] as? String == "too \"close\"\n")
        let done = try decode(.done(Self.result))
        #expect(done["matrix"] as? [Double] == [0, 1.2, -0.08, -1.25, 0.0125, 1.1])
        #expect(done["udev"] as? String == "0 1.2 -0.08 -1.25 0.0125 1.1")
        #expect(done["max_px"] as? Double == 0 && done["rms_px"] as? Double == 0)
        #expect(try decode(.verifyFailed(errorPixels: 80.456))["error_px"] as? Double == 80.46)
        let ready = try #require(try JSONSerialization.jsonObject(with: Data(log.ready(device: "/dev/input/event3", name: "Panel", display: "no display").utf8)) as? [String: Any])
        #expect(ready["width"] as? Int == 1080 && ready["device"] as? String == "/dev/input/event3")
    }

    @Test func textLinesForATechnician() {
        let log = CalibrationLog(style: .text, width: 1080, height: 1920)
        #expect(log.line(.target(index: 0, count: 5, point: NormalizedPoint(x: 0.1, y: 0.1))) == "Touch target 1 of 5 at (108, 192).")
        #expect(log.line(.done(Self.result)).hasPrefix("Calibration matrix: 0 1.2 -0.08 -1.25 0.0125 1.1\n"))
    }

    @Test func ruleFileRoundTrips() throws {
        let text = CalibrationRuleFile.text(matrix: Self.matrix, vendor: 0x0EEF, product: 0x0001, deviceName: "eGalax\nPanel",
                                            screen: "1080x1920", fit: "rms 0.3 px")
        #expect(text.contains("ATTRS{id/vendor}==\"0eef\", ATTRS{id/product}==\"0001\", ENV{LIBINPUT_CALIBRATION_MATRIX}=\"0 1.2 -0.08 -1.25 0.0125 1.1\""))
        #expect(!text.contains("eGalax\nPanel"))
        #expect(try CalibrationRuleFile.matrix(in: text) == Self.matrix)
        #expect(try CalibrationRuleFile.matrix(in: text).isClose(to: Self.result.matrix, tolerance: 1e-9))
        // The daemon reads the same value back from udev's database line.
        #expect(try CalibrationMatrix(parsing: "LIBINPUT_CALIBRATION_MATRIX=0 1.2 -0.08 -1.25 0.0125 1.1") == Self.matrix)
    }

    @Test func ruleFileErrors() {
        #expect(throws: CalibrationRuleFile.ReadError.noMatrix) {
            try CalibrationRuleFile.matrix(in: "# ENV{LIBINPUT_CALIBRATION_MATRIX}=\"1 0 0 0 1 0\"\n")
        }
        #expect(throws: CalibrationRuleFile.ReadError.invalid(line: 2, .wrongCount(found: 5))) {
            try CalibrationRuleFile.matrix(in: "# x\nENV{LIBINPUT_CALIBRATION_MATRIX}=\"1 0 0 0 1\"\n")
        }
    }

    @Test func screenDrawsTheCrosshairOnTheTargetPixel() throws {
        let screen = CalibrationScreen(size: DisplaySize(width: 360, height: 640))
        let display = MemoryDisplay(panel: DisplaySize(width: 640, height: 360), rotation: .clockwise270)
        let target = NormalizedPoint(x: 0.9, y: 0.1)
        var damage = screen.draw(.init(target: target, title: "Touch the cross", detail: "1 of 5"), first: true)
        #expect(damage == .full)
        try screen.withFrame { try display.present($0, damage: damage) }
        let centre = screen.pixel(of: target)
        #expect(centre == (324, 64) || (centre.x == 324 && centre.y == 64))
        func shown(_ dx: Int, _ dy: Int) -> UInt32 {
            let p = DisplayRotation.clockwise270.panelPoint(x: centre.x + dx, y: centre.y + dy, kiosk: screen.size)
            return display.panelRGB(x: p.x, y: p.y)
        }
        for offset in [-30, -1, 0, 1, 30] {
            #expect(shown(offset, 0) == 0xFF_FFFF && shown(0, offset) == 0xFF_FFFF)
        }
        #expect(shown(25, 25) == 0x10_1820 && shown(-31, 0) == 0x10_1820)
        // The next target: only the old and new crosshair and the text band are damaged.
        damage = screen.draw(.init(target: NormalizedPoint(x: 0.1, y: 0.9), title: "Touch the cross", detail: "2 of 5"))
        guard case .rects(let rects) = damage else { Issue.record("expected rectangles"); return }
        #expect(rects.contains(screen.textBand) && rects.count == 3)
        try screen.withFrame { try display.present($0, damage: damage) }
        #expect(shown(0, 0) == 0x10_1820, "the old crosshair is gone")
        #expect(display.statistics.pixelsCopied < 2 * 360 * 640)
    }
}
