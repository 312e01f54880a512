import Foundation
import LobbyFramebuffer
import LobbyLabSupport
import Testing

/// `lobbyctl touch calibrate` in the QEMU guest: a uinput panel with
/// swapped, mirrored, scaled and offset axes, driven by `lobby-display-probe calibrate-driver`
/// from the wizard's JSON lines. The crosshair of the first target is checked on a screendump.
/// (Part of the display lab suite, so its guest never runs beside the other one.)
extension DisplayLabTests {
    /// The wizard's JSON lines as the driver echoed them.
    static func wizardEvents(_ lines: [String]) -> [[String: Any]] {
        lines.filter { $0.hasPrefix("WIZARD ") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst("WIZARD ".count).utf8)) as? [String: Any]
        }
    }

    @Test("skewed panel: 5 targets on the DRM display (rotation 90), a too-close tap rejected, an outlier redone; then 3 targets without a display")
    func skewedPanel() async throws {
        let probe = LabGuest.product("lobby-display-probe"), wizard = LabGuest.product("lobbyctl")
        let script = "\(probe) calibrate-driver \(wizard) --handshake --near-tap 1 --bad-tap 4 --display /dev/dri/card0 --rotation 90 --write /tmp/cal5.rules"
            + " && \(probe) calibrate-driver \(wizard) --no-display --points 3 --write /tmp/cal3.rules"
        let guest = try LabGuest(command: ["/bin/sh", "-c", script], tablet: true, extraArguments: DisplayLabTests.displayDevice)
        defer { guest.stop() }
        let qmp = try QMPClient(socketPath: guest.qmpSocket)

        let show = try await guest.waitForProbeLines(timeout: 90) { $0.hasPrefix("SHOW calibrate-target-0 ") }[0]
        let words = show.split(separator: " ")
        let target = (x: Int(Double(words[2])!), y: Int(Double(words[3])!))
        #expect(target.x == 108 && target.y == 192, "first target at 10 % of 1080x1920")
        let image = try await DisplayLabTests.screendump(guest, qmp, name: "calibrate")
        let kiosk = DisplaySize(width: 1080, height: 1920)
        func panel(_ dx: Int, _ dy: Int) -> UInt32 {
            let p = DisplayRotation.clockwise90.panelPoint(x: target.x + dx, y: target.y + dy, kiosk: kiosk)
            return image.pixel(x: p.x, y: p.y)
        }
        let white: UInt32 = 0xFF_FFFF, background: UInt32 = 0x10_1820
        for offset in [0, 5, 29, -29] {
            #expect(panel(offset, 0) == white, "horizontal arm at \(offset)")
            #expect(panel(0, offset) == white, "vertical arm at \(offset)")
        }
        for (dx, dy) in [(25, 25), (-25, 25), (45, 0), (0, -45)] {
            #expect(panel(dx, dy) == background, "background at (\(dx), \(dy))")
        }

        let status = try await guest.waitForResult(timeout: 90)
        let lines = guest.probeLines
        for failure in lines where failure.hasPrefix("FAIL ") { Issue.record("guest check failed: \(failure.dropFirst(5))") }
        #expect(lines.filter { $0 == "PASS stored matrix maps raw points to the screen within 1.5 px" }.count == 2)
        let events = Self.wizardEvents(lines)
        let kinds = events.compactMap { $0["event"] as? String }
        #expect(kinds.filter { $0 == "ready" }.count == 2)
        #expect(events.contains { $0["event"] as? String == "rejected" && $0["index"] as? Int == 1 && ($0["reason"] as? String ?? "").contains("too close") })
        #expect(events.contains { $0["event"] as? String == "retry" && $0["index"] as? Int == 4 })
        #expect(kinds.filter { $0 == "verified" }.count == 2)
        #expect(kinds.filter { $0 == "written" }.count == 2)
        let done = events.filter { $0["event"] as? String == "done" }
        #expect(done.count == 2)
        // The skew is x_raw = 350 + (1 − ny)·3300 + 40·nx, y_raw = 280 + nx·3500 on 0…4095: the
        // matrix undoes it (normalised by 4096): nx ≈ 1.1703·ry − 0.08, ny ≈ −1.2412·rx + 0.0142·ry + 1.1051.
        for object in done {
            let matrix = object["matrix"] as? [Double] ?? []
            let expected = [0, 4096.0 / 3500, -280.0 / 3500, -4096.0 / 3300, 40.0 / 3300 * 4096 / 3500, 1 + 350.0 / 3300 - 40.0 / 3300 * 280 / 3500]
            #expect(matrix.count == 6 && zip(matrix, expected).allSatisfy { abs($0 - $1) < 2e-3 }, "matrix \(matrix) vs \(expected)")
        }
        #expect(lines.filter { $0.hasPrefix("WIZARD-EXIT 0") }.count == 2)
        #expect(status == 0, "console:\n\(guest.output.suffix(2_000))")
        print("calibration lab: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }
}
