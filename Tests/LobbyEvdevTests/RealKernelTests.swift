import LobbyLabSupport
import Foundation
import LobbyTestSupport
import Testing

/// The real-kernel tier: `lobby-touch-probe` runs inside a QEMU x86 guest (TCG) with a real
/// Debian kernel, real evdev, uinput and a USB tablet on an emulated xHCI controller.
/// Skipped only when qemu or the kernel package cannot be installed (see Docs/Touch-hardware.md).
@Suite(
    "Real kernel (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") {
        if let reason = LabGuest.unavailableReason {
            print("skipping the real-kernel tests: \(reason)")
            return false
        }
        return true
    }
)
struct RealKernelTests {
    /// The checks the uinput scenario must report as passed (its PASS lines).
    static let uinputChecks = [
        "health is absent before the screen exists",
        "discovered by hotplug",
        "tap at raw 1024,1024 is pixel 270,480",
        "second finger ignored, first finger taps at 540,1440",
        "long press at 810,960 while held",
        "no tap after a long press",
        "swipe rejected as moved",
        "unplug reported as absent",
        "replugged without a restart",
        "udev LIBINPUT_CALIBRATION_MATRIX 180° maps 1024,1024 to 810,1440",
        "monitor stops when its stream is cancelled",
        "session reads the touch-down",
        "kernel reported SYN_DROPPED",
        "contact with a lost lift is cancelled, not a tap",
        "tap after the resync at 540,960",
    ]

    /// Runs `lobby-touch-probe SCENARIO` in a guest and expects every check in `checks` to have
    /// passed (and nothing failed); returns the probe's lines.
    static func runScenario(_ scenario: String, checks: [String]) async throws -> [String] {
        let guest = try LabGuest(command: [LabGuest.product("lobby-touch-probe"), scenario], tablet: false)
        defer { guest.stop() }
        let result = try await guest.waitForResult(timeout: 60)
        let lines = guest.probeLines
        for failure in lines where failure.hasPrefix("FAIL ") {
            Issue.record("guest check failed: \(failure.dropFirst(5))")
        }
        let passed = Set(lines.filter { $0.hasPrefix("PASS ") }.map { String($0.dropFirst(5)) })
        for check in checks {
            #expect(passed.contains(check), "missing PASS for '\(check)'")
        }
        #expect(lines.contains("SUMMARY passed=\(checks.count) failed=0"))
        #expect(result == 0, "probe exit status \(result); console:\n\(guest.output.suffix(2_000))")
        print("\(scenario) scenario: \(String(format: "%.1f", guest.elapsed)) s including boot")
        return lines
    }

    @Test("uinput multitouch screen: discovery, taps, second finger, long press, replug, udev calibration, SYN_DROPPED")
    func uinputMultitouchScreen() async throws {
        _ = try await Self.runScenario("uinput", checks: Self.uinputChecks)
    }

    /// The checks the pen-panel scenario must report as passed.
    static let penPanelChecks = [
        "the eGalax panel is chosen over its silent sibling (built-in quirk 0eef:0001)",
        "tap on the pen panel at raw 2035,2047 is pixel 539.87 959.52",
        "tap on the pen panel at raw 600,3500 is pixel 153.48 1661.17",
        "an unlisted pen-reporting controller is a touchscreen by the heuristic",
        "a pen tablet with pressure, tilt and side buttons is refused",
        "configuration '0eef:0001 tablet' refuses the eGalax panel; the unlisted controller is chosen",
    ]

    @Test("uinput eGalax-shaped pen panel (BTN_TOOL_PEN + BTN_TOUCH) and its silent sibling: chosen by the monitor, taps; heuristic, tablet, configured class")
    func penReportingPanel() async throws {
        let lines = try await Self.runScenario("pen-panel", checks: Self.penPanelChecks)
        // What `lobbyctl touch list` prints for the real nodes (the probe prints the same text).
        #expect(lines.contains { $0.hasPrefix("LIST ") && $0.contains("touchscreen: single-touch (BTN_TOUCH), pen-reporting touch controller") },
                "\(lines.filter { $0.hasPrefix("LIST ") })")
    }

    /// Screen pixels of a usb-tablet position (0…32767 on 1080 × 1920), as the probe prints them.
    static func expectedTap(_ x: Int, _ y: Int) -> String {
        String(format: "TAP %.2f %.2f", Double(x) / 32_768 * 1_080, Double(y) / 32_768 * 1_920)
    }

    @Test("usb-tablet driven over QMP: taps at the right pixels, unplug and replug without a restart")
    func usbTabletOverQMP() async throws {
        let guest = try LabGuest(command: [LabGuest.product("lobby-touch-probe"), "tablet", "--taps", "3", "--timeout", "50"],
                                 tablet: true)
        defer { guest.stop() }
        let qmp = try QMPClient(socketPath: guest.qmpSocket)
        try await guest.waitForProbeLines(timeout: 40) { $0 == "READY" }
        #expect(guest.probeLines.contains("OPENED /dev/input/event1 0627:0001 single-touch")
                || guest.probeLines.contains { $0.hasPrefix("OPENED ") && $0.hasSuffix(" 0627:0001 single-touch") })

        let before = [(8_192, 16_384), (24_576, 8_192)]
        for (x, y) in before {
            try qmp.sendInput(x: x, y: y, leftButton: true)
            try await Task.sleep(for: .milliseconds(150))
            try qmp.sendInput(leftButton: false)
            try await Task.sleep(for: .milliseconds(250))
        }
        let taps = try await guest.waitForProbeLines(count: 2, timeout: 45) { $0.hasPrefix("TAP ") }
        #expect(taps == before.map { Self.expectedTap($0.0, $0.1) })

        try qmp.execute("device_del", ["id": "tablet0"])
        try await guest.waitForProbeLines(timeout: 45) { $0 == "HEALTH absent" }
        try qmp.execute("device_add", ["driver": "usb-tablet", "id": "tablet0", "bus": "xhci.0"])
        try await guest.waitForProbeLines(count: 2, timeout: 45) { $0 == "READY" }

        try qmp.sendInput(x: 16_384, y: 30_000, leftButton: true)
        try await Task.sleep(for: .milliseconds(150))
        try qmp.sendInput(leftButton: false)
        let allTaps = try await guest.waitForProbeLines(count: 3, timeout: 45) { $0.hasPrefix("TAP ") }
        #expect(allTaps.last == Self.expectedTap(16_384, 30_000))

        let result = try await guest.waitForResult(timeout: 60)
        #expect(result == 0, "probe exit status \(result); console:\n\(guest.output.suffix(2_000))")
        let health = guest.probeLines.filter { $0.hasPrefix("HEALTH ") }
        #expect(health == [
            "HEALTH present \"QEMU QEMU USB Tablet\" 0627:0001",
            "HEALTH absent",
            "HEALTH present \"QEMU QEMU USB Tablet\" 0627:0001",
        ])
        print("usb-tablet scenario: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }

    @Test("udevadm test of udev/70-lobby-touchscreen.rules on real kernel devices")
    func udevRuleOnRealDevices() async throws {
        let script = LabGuest.labDirectory.appendingPathComponent("udev-check.sh").path
        let guest = try LabGuest(command: [script, LabGuest.product("lobby-touch-probe")], tablet: true)
        defer { guest.stop() }
        let result = try await guest.waitForResult(timeout: 60)
        #expect(result == 0, "console:\n\(guest.output.suffix(2_000))")
        let lines = guest.probeLines
        #expect(lines.contains("UDEV-DONE"))
        let screen = lines.filter { $0.hasPrefix("UDEV touchscreen ") }.map { String($0.dropFirst("UDEV touchscreen ".count)) }
        #expect(screen.contains("LOBBY_TOUCHSCREEN=1"))
        #expect(screen.contains("LIBINPUT_IGNORE_DEVICE=1"))
        #expect(screen.contains { $0.hasPrefix("DEVLINKS=") && $0.dropFirst("DEVLINKS=".count).split(separator: " ").contains("/dev/lobby/touchscreen") })
        #expect(lines.contains { $0.hasPrefix("UDEV-LOG touchscreen ") && $0.hasSuffix("MODE 0660") })
        let tablet = lines.filter { $0.hasPrefix("UDEV tablet ") }
        #expect(tablet.contains("UDEV tablet ID_INPUT_MOUSE=1"), "the usb-tablet must have been checked")
        #expect(!tablet.contains { $0.contains("LOBBY_TOUCHSCREEN") || $0.contains("LIBINPUT_IGNORE_DEVICE") || $0.contains("/dev/lobby/") },
                "a mouse-like device that is not listed must stay untouched: \(tablet)")
    }
}
