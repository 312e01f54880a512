import Foundation
import LobbyLabSupport
import LobbyTestSupport
import Testing

/// The real-kernel tier: `lobby-mrz-probe` runs inside the QEMU x86 guest (TCG) with a real Debian
/// kernel, real evdev and uinput: a virtual keyboard-wedge reader types synthetic MRZs by keycode.
/// Skipped only when qemu or the kernel package cannot be installed (see Docs/MRZ-readers.md).
@Suite(
    "MRZ wedge reader on a real kernel (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") {
        if let reason = LabGuest.unavailableReason {
            print("skipping the real-kernel MRZ tests: \(reason)")
            return false
        }
        return true
    }
)
struct RealKernelMRZTests {
    static let vectorDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LobbyMRZTests").appendingPathComponent("Vectors").path

    /// The checks the uinput scenario must report as passed (its PASS lines).
    static let checks = [
        "vectors loaded",
        "health is missing before the reader exists",
        "attached by hotplug and grabbed",
        "grab held: nobody else can take the reader",
        "kiosk keyboard left alone",
        "typed TD3 (passport, 2 x 44) read back",
        "typed TD1 (ID card, 3 x 30) read back",
        "typed TD2 (ID card, 2 x 36) read back",
        "typed old AZE TD2 ID card, lifetime expiry read back",
        "typed old AZE TD2 ID card, expiry date read back",
        "typed new TD1 ID card, FIN in line 1 columns 16-22 read back",
        "typed TD1 with a 12-character document number continued in the optional data (synthetic) read back",
        "no keystroke reached another reader of the node",
        "wrong birth-date check digit reported with its field",
        "zone cut short ends after the line timeout as an invalid document",
        "short input reported as noise",
        "unplug reported as detached",
        "no second missing event after the detach",
        "replugged without a restart",
        "reads after the replug",
        "monitor stops when its stream is cancelled",
        "grab released after the monitor stopped",
    ]

    @Test("uinput wedge reader: hotplug, grab, synthetic MRZs by keycode, noise, cut-off zone, unplug and replug")
    func uinputWedgeReader() async throws {
        let guest = try LabGuest(command: [LabGuest.product("lobby-mrz-probe"), "uinput", Self.vectorDirectory], tablet: false)
        defer { guest.stop() }
        let result = try await guest.waitForResult(timeout: 90)
        let lines = guest.probeLines
        for failure in lines where failure.hasPrefix("FAIL ") {
            Issue.record("guest check failed: \(failure.dropFirst(5))")
        }
        let passed = Set(lines.filter { $0.hasPrefix("PASS ") }.map { String($0.dropFirst(5)) })
        for check in Self.checks {
            #expect(passed.contains(check), "missing PASS for '\(check)'")
        }
        #expect(lines.contains("SUMMARY passed=\(Self.checks.count) failed=0"))
        #expect(result == 0, "probe exit status \(result); console:\n\(guest.output.suffix(2_000))")
        // What a technician would have seen: masked, never a name or a full document number.
        let shown = lines.filter { $0.hasPrefix("EVENT ") }.joined(separator: "\n")
        #expect(shown.contains("document TD1 ID AZE valid documentNumber AA******* surname ***"))
        for secret in ["ERIKSSON", "NUMUNOV", "L898902C", "AA1234567", "2QW3ER5"] {
            #expect(!shown.contains(secret), "masked event lines show \(secret)")
        }
        for line in lines where line.hasPrefix("BENCH ") { print(line) }
        print("uinput MRZ scenario: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }

    @Test("udevadm test of udev/74-lobby-mrz-readers.rules on real kernel devices")
    func udevRuleOnRealDevices() async throws {
        let script = LabGuest.labDirectory.appendingPathComponent("mrz-udev-check.sh").path
        let guest = try LabGuest(command: [script, LabGuest.product("lobby-mrz-probe")], tablet: false)
        defer { guest.stop() }
        let result = try await guest.waitForResult(timeout: 60)
        #expect(result == 0, "console:\n\(guest.output.suffix(2_000))")
        let lines = guest.probeLines
        #expect(lines.contains("UDEV-DONE"))
        let reader = lines.filter { $0.hasPrefix("UDEV reader ") }.map { String($0.dropFirst("UDEV reader ".count)) }
        #expect(reader.contains("LOBBY_MRZ_READER=1"))
        #expect(reader.contains("LIBINPUT_IGNORE_DEVICE=1"))
        #expect(!reader.contains { $0.hasPrefix("ID_INPUT_KEY=") || $0.hasPrefix("ID_INPUT_KEYBOARD=") }, "still a keyboard: \(reader)")
        #expect(!reader.contains { $0.hasPrefix("TAGS=") && ($0.contains(":seat:") || $0.contains(":uaccess:")) })
        #expect(reader.contains { $0.hasPrefix("DEVLINKS=") && $0.dropFirst("DEVLINKS=".count).split(separator: " ").contains("/dev/lobby/mrz-reader") })
        #expect(lines.contains { $0.hasPrefix("UDEV-LOG reader ") && $0.contains("74-lobby-mrz-readers.rules") && $0.hasSuffix("MODE 0660") })
        let keyboard = lines.filter { $0.hasPrefix("UDEV keyboard ") }
        #expect(keyboard.contains("UDEV keyboard ID_INPUT_KEY=1"), "the unlisted keyboard must have been checked")
        #expect(!keyboard.contains { $0.contains("LOBBY_MRZ_READER") || $0.contains("LIBINPUT_IGNORE_DEVICE") || $0.contains("/dev/lobby/") },
                "an unlisted keyboard must stay untouched: \(keyboard)")
    }
}
