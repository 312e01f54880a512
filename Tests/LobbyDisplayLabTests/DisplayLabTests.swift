import Foundation
import LobbyFramebuffer
import LobbyLabSupport
import LobbyTestSupport
import Testing

/// The display's real-kernel tier: `lobby-display-probe` and `lobbyctl touch calibrate` run in the
/// QEMU x86 guest (TCG) with a bochs-display (1920×1080) driven by the kernel's bochs DRM driver.
/// The host takes QMP screendumps and recomputes every pixel. One boot per test.
@Suite(
    "Display (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") {
        if let reason = LabGuest.unavailableReason {
            print("skipping the display lab tests: \(reason)")
            return false
        }
        return true
    }
)
struct DisplayLabTests {
    static let panel = DisplaySize(width: 1920, height: 1080)
    static let displayDevice = ["-device", "bochs-display,id=display0,xres=1920,yres=1080,vgamem=32M"]

    /// The checks the suite must report as passed.
    static let suiteChecks = [
        "damage copies only the changed rectangles", "CRTC restored after rotation 90", "CRTC restored after rotation 0",
        "CRTC restored after rotation 180", "CRTC restored after rotation 270", "no-device is reported as such",
        "no-device-auto is reported as such", "connector is reported as such", "mode is reported as such",
        "not-a-display is reported as such", "opening /dev/dri/card0 as nobody is permission denied",
        "present 1 after unplug is deviceGone", "present 2 after unplug is deviceGone", "close after unplug",
    ]

    /// Takes a screendump and clicks the tablet so the guest goes on.
    static func screendump(_ guest: LabGuest, _ qmp: QMPClient, name: String) async throws -> PPMImage {
        let path = guest.runDirectory.appendingPathComponent("\(name).ppm").path
        try qmp.execute("screendump", ["filename": path])
        let image = try PPMImage(path: path)
        try qmp.sendInput(leftButton: true)
        try await Task.sleep(for: .milliseconds(80))
        try qmp.sendInput(leftButton: false)
        return image
    }

    /// Mismatching pixels of `image` against the expected kiosk frame turned by `rotation`.
    static func mismatches(_ image: PPMImage, expected frame: PixelFrame, rotation: DisplayRotation) -> (count: Int, first: String?) {
        var count = 0
        var first: String?
        for y in 0..<image.height {
            for x in 0..<image.width {
                let k = rotation.kioskPoint(panelX: x, panelY: y, kiosk: frame.size)
                let want = frame[k.x, k.y] & 0xFF_FFFF
                let got = image.pixel(x: x, y: y)
                if want != got {
                    count += 1
                    if first == nil { first = "panel (\(x),\(y)) = kiosk (\(k.x),\(k.y)): got \(String(got, radix: 16)), want \(String(want, radix: 16))" }
                }
            }
        }
        return (count, first)
    }

    @Test("DRM at 0/90/180/270, damage with page flips, CRTC restore, fbdev, errors, unplug: pixels checked by screendump")
    func displaySuite() async throws {
        let guest = try LabGuest(command: [LabGuest.product("lobby-display-probe"), "suite"], tablet: true, extraArguments: Self.displayDevice)
        defer { guest.stop() }
        let qmp = try QMPClient(socketPath: guest.qmpSocket)
        let expectedShows = ["drm-90", "drm-damage", "drm-0", "drm-180", "drm-270", "fbdev-90"]
        for (index, name) in expectedShows.enumerated() {
            let shows = try await guest.waitForProbeLines(count: index + 1, timeout: 90) { $0.hasPrefix("SHOW ") }
            let words = shows[index].split(separator: " ").map(String.init)
            #expect(words[1] == name, "show \(index) is \(words[1])")
            let degrees = Int(words[words.firstIndex(of: "rotation")! + 1])!
            let rotation = DisplayRotation(degrees: degrees)!
            let variant = Int(words.first { $0.hasPrefix("variant=") }!.dropFirst("variant=".count))!
            let kiosk = rotation.kioskSize(panel: Self.panel)
            #expect(words[2] == kiosk.description)
            var frame = DisplayTestPattern.frame(size: kiosk, variant: variant)
            if name == "drm-damage" {
                for line in guest.probeLines where line.hasPrefix("DAMAGE ") {
                    let parts = line.split(separator: " ").dropFirst().map(String.init)
                    let rect = BlitRect(x: Int(parts[0])!, y: Int(parts[1])!, width: Int(parts[2])!, height: Int(parts[3])!)
                    frame.fill(rect, colour: 0xFF00_0000 | UInt32(parts[4], radix: 16)!)
                }
            }
            let image = try await Self.screendump(guest, qmp, name: name)
            #expect(image.width == Self.panel.width && image.height == Self.panel.height)
            let result = Self.mismatches(image, expected: frame, rotation: rotation)
            #expect(result.count == 0, "\(name): \(result.count) pixels differ, first \(result.first ?? "")")
        }
        let status = try await guest.waitForResult(timeout: 90)
        let lines = guest.probeLines
        for failure in lines where failure.hasPrefix("FAIL ") { Issue.record("guest check failed: \(failure.dropFirst(5))") }
        for check in Self.suiteChecks {
            #expect(lines.contains { $0.hasPrefix("PASS \(check)") }, "missing PASS for '\(check)'")
        }
        #expect(lines.contains { $0.hasPrefix("ERROR unplugged ") && $0.contains("went away") })
        #expect(lines.contains { $0.hasPrefix("PERMISSION denied ") && $0.contains("'video' group") })
        #expect(status == 0, "probe exit status \(status); console:\n\(guest.output.suffix(2_000))")
        print("display suite: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }
}
