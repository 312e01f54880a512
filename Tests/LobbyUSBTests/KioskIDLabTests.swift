import Foundation
import LobbyLabSupport
import LobbyQueue
import LobbyTestSupport
import Testing

/// Both ID readers inside lobbyd on a real kernel: the QEMU guest runs lobbyd with a headless
/// kiosk, the usb-ccid card reader (the card played by `Tests/Lab/card-player.py`) and a uinput
/// keyboard-wedge MRZ reader (`lobby-mrz-probe type`); `Tests/Lab/kiosk-id-check.sh` drives the
/// kiosk over lobbyd's API and asks the host to insert and remove the card.
@Suite(
    "ID readers in lobbyd's kiosk (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") { LabGuest.unavailableReason == nil }
)
struct KioskIDLabTests {
    @Test("an appointment checks in by the card's chip and by the MRZ on the check-in keypad; another document is refused; nothing personal is logged")
    func checkInByBothReaders() async throws {
        let runDirectory = LabGuest.freshRunDirectory()
        let socket = runDirectory.appendingPathComponent("vsc.sock").path
        let script = LabGuest.labDirectory.appendingPathComponent("kiosk-id-check.sh").path
        let code = BookingCode(payload: 5_150).description
        let guest = try LabGuest(command: ["/bin/sh", script, LabGuest.product("lobbyd"), LabGuest.product("lobby-mrz-probe"), code],
                                 tablet: false, extraArguments: RealUSBTests.readerArguments(socket: socket), runDirectory: runDirectory)
        defer { guest.stop() }
        let player = try CardPlayerProcess(socketPath: socket)
        defer { player.stop() }
        try await player.waitFor(timeout: 60) { $0 == "PLAYER ACK 0" }

        try await guest.waitForProbeLines(timeout: 300) { $0 == "WANT insert" || $0.hasPrefix("FAIL") }
        #expect(!guest.probeLines.contains { $0.hasPrefix("FAIL") }, "\(guest.probeLines)")
        let health = guest.probeLines.first { $0.hasPrefix("HEALTH ") } ?? ""
        #expect(health.contains("\"kiosk:lab/mrz-reader\":\"ok\""), "the wedge reader is found and grabbed: \(health)")
        try player.send("insert")
        try await guest.waitForProbeLines(timeout: 120) { $0 == "WANT remove" || $0.hasPrefix("FAIL") }
        try player.send("remove")
        let result = try await guest.waitForResult(timeout: 180)
        let lines = guest.probeLines
        #expect(lines.contains("CHECKED-IN card"), "the chip's DG1 found the appointment: \(lines)")
        #expect(lines.contains("REFUSED other"), "\(lines)")
        #expect(lines.contains("CHECKED-IN mrz"), "\(lines)")
        let services = lines.first { $0.hasPrefix("SERVICES ") }.flatMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst(9).utf8)) as? [String: Any]
        }?["services"] as? [[String: Any]] ?? []
        #expect(services.first { $0["id"] as? String == "birth" }?["issuedToday"] as? Int == 1, "one ticket for the appointment: \(services)")
        #expect(lines.contains("PERSONAL-IN-LOG 0"), "lobbyd logged nothing personal: \(lines)")
        #expect(result == 0, "lobbyd stopped cleanly; console:\n\(guest.output.suffix(2_000))")
        print("kiosk ID lab: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }
}
