import Foundation
import LobbyFramebuffer
import LobbyLabSupport
import LobbyTestSupport
import Testing

/// The whole kiosk on a real kernel: lobbyd in the QEMU guest draws the kiosk (1080×1920 portrait)
/// rotated onto a 1920×1080 bochs display through DRM and reads QEMU's usb-tablet through evdev;
/// the host taps over QMP, as a citizen's finger would, from the attract screen to a ticket.
@Suite(
    "Kiosk in lobbyd (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") { LabGuest.unavailableReason == nil }
)
struct KioskLabTests {
    static let kiosk = DisplaySize(width: 1080, height: 1920)

    /// The kiosk states the guest reported, in order.
    static func states(_ guest: LabGuest) -> [[String: Any]] {
        guest.probeLines.filter { $0.hasPrefix("KIOSK ") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any]
        }
    }

    /// Whether `state` shows an enabled button whose action contains `action`.
    static func hasEnabled(_ action: String, _ state: [String: Any]) -> Bool {
        (state["buttons"] as? [[String: Any]] ?? []).contains { ($0["action"] as? String ?? "").contains(action) && $0["enabled"] as? Bool == true }
    }

    /// Taps the centre of the first enabled button whose action contains `action` on the tablet.
    static func tap(_ action: String, on state: [String: Any], _ qmp: QMPClient) async throws {
        let buttons = state["buttons"] as? [[String: Any]] ?? []
        guard let b = buttons.first(where: { ($0["action"] as? String ?? "").contains(action) && $0["enabled"] as? Bool == true }) else {
            throw KioskLabFailure(description: "no enabled button '\(action)' on \(state["screen"] ?? "?"): \(buttons.map { $0["action"] ?? "" })")
        }
        let kx = (b["x"] as! Int) + (b["width"] as! Int) / 2, ky = (b["y"] as! Int) + (b["height"] as! Int) / 2
        let panel = DisplayRotation.clockwise90.panelPoint(x: kx, y: ky, kiosk: kiosk)
        let size = DisplayLabTests.panel
        try qmp.sendInput(x: panel.x * 32_767 / (size.width - 1), y: panel.y * 32_767 / (size.height - 1))
        try await Task.sleep(for: .milliseconds(60))
        try qmp.sendInput(leftButton: true)
        try await Task.sleep(for: .milliseconds(80))
        try qmp.sendInput(leftButton: false)
    }

    /// The display's picture now (without touching the tablet).
    static func screendump(_ guest: LabGuest, _ qmp: QMPClient, name: String) async throws -> PPMImage {
        let path = guest.runDirectory.appendingPathComponent("\(name).ppm").path
        try qmp.execute("screendump", ["filename": path])
        return try PPMImage(path: path)
    }

    /// Waits for a new kiosk state after `count` known ones.
    static func next(_ guest: LabGuest, after count: Int, timeout: Double = 60) async throws -> [String: Any] {
        _ = try await guest.waitForProbeLines(count: count + 1, timeout: timeout) { $0.hasPrefix("KIOSK ") }
        return states(guest)[count]
    }

    @Test("taps on the usb-tablet take a citizen from the attract screen to a ticket, drawn on DRM at rotation 90")
    func citizenTakesTicket() async throws {
        let script = LabGuest.labDirectory.appendingPathComponent("kiosk-check.sh").path
        let guest = try LabGuest(command: ["/bin/sh", script, LabGuest.product("lobbyd"), LabGuest.product("lobbyctl"), "90"],
                                 tablet: true, extraArguments: DisplayLabTests.displayDevice)
        defer { guest.stop() }
        let qmp = try QMPClient(socketPath: guest.qmpSocket)

        // The attract screen, once a frame reached the display.
        // Boot, then lobbyd's start (the first frame of a debug build under TCG takes a while).
        var state = try await Self.next(guest, after: 0, timeout: 240)
        var seen = 1
        while !(state["screen"] as? String == "attract" && (state["framesPresented"] as? Int ?? 0) > 0 && (state["display"] as? String ?? "none") != "none") {
            state = try await Self.next(guest, after: seen, timeout: 120)
            seen += 1
        }
        #expect((state["display"] as? String)?.contains("rotation 90") == true, "\(state["display"] ?? "")")
        let attract = try await Self.screendump(guest, qmp, name: "attract")

        for action in ["start", "chooseLanguage:en", "passport", "takeTicket"] {
            if action == "passport", state["screen"] as? String == "categories" {
                try await Self.tap("openCategory", on: state, qmp)
                state = try await Self.next(guest, after: seen)
                seen += 1
            }
            // A button may be enabled a moment later (the confirm screen waits for the estimate).
            while !Self.hasEnabled(action, state) {
                state = try await Self.next(guest, after: seen)
                seen += 1
            }
            try await Self.tap(action, on: state, qmp)
            state = try await Self.next(guest, after: seen)
            seen += 1
            if state["screen"] as? String == "printing" {
                state = try await Self.next(guest, after: seen)
                seen += 1
            }
        }
        #expect(state["screen"] as? String == "doneUnprinted", "no printer here: the number is shown on screen; got \(state["screen"] ?? "?")")
        let done = try await Self.screendump(guest, qmp, name: "done")
        var differing = 0
        for y in stride(from: 0, to: done.height, by: 4) {
            for x in stride(from: 0, to: done.width, by: 4) where done.pixel(x: x, y: y) != attract.pixel(x: x, y: y) { differing += 1 }
        }
        #expect(differing > 2_000, "the done screen reached the display (\(differing) sampled pixels differ from the attract screen)")

        let status = try await guest.waitForResult(timeout: 60)
        let services = guest.probeLines.first { $0.hasPrefix("SERVICES ") }.flatMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst(9).utf8)) as? [String: Any]
        }
        let list = services?["services"] as? [[String: Any]] ?? []
        #expect(list.first { $0["id"] as? String == "passport" }?["issuedToday"] as? Int == 1, "one ticket issued: \(list)")
        #expect(status == 0, "lobbyd stopped cleanly; console:\n\(guest.output.suffix(2_000))")
        print("kiosk lab: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }
}

/// A kiosk lab step that could not be taken.
struct KioskLabFailure: Error, CustomStringConvertible {
    let description: String
}
