import LobbyLabSupport
import Foundation
import LobbyTestSupport
import Testing

/// The real USB tier with a BAC chip: `lobby-card-probe --bac-mrz` in the QEMU guest gets the MRZ "read at the
/// kiosk", and `Tests/Lab/card-player.py` (with `bac secure`, pycryptodome from the lab venv) plays a chip that
/// refuses plain access and runs BAC with the keys of its own MRZ. Skipped when the lab or the venv cannot be set up.
@Suite(
    "Real USB CCID reader, BAC chip (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs the QEMU lab and Tests/Lab/setup-card-venv.sh (pycryptodome)") {
        if let reason = LabGuest.unavailableReason {
            print("skipping the BAC lab tests: \(reason)")
            return false
        }
        if let problem = CardVenv.problem {
            print("skipping the BAC lab tests: \(problem)")
            return false
        }
        return true
    }
)
struct RealUSBBACTests {
    /// The MRZ the kiosk read: the player's main synthetic document (no real person).
    static let mrz = "IDAZEAA123456782QW3ER5<<<<<<<<" + "0102030M3402030AZE<<<<<<<<<<<7" + "NUMUNOV<<SINAQ<TEST<<<<<<<<<<<"

    @Test("BAC: right MRZ → DG1 read under secure messaging; wrong MRZ → BAC failed; card pulled mid-session → absent, removed")
    func basicAccessControl() async throws {
        let runDirectory = LabGuest.freshRunDirectory()
        let socket = runDirectory.appendingPathComponent("vsc.sock").path
        let script = LabGuest.labDirectory.appendingPathComponent("card-check.sh").path
        let guest = try LabGuest(
            command: [script, LabGuest.product("lobby-card-probe"), "watch", "--lab", "--reveal", "--until-reader-removed",
                      "--seconds", "100", "--card-timeout-ms", "3000", "--bac-mrz", Self.mrz],
            tablet: false, extraArguments: RealUSBTests.readerArguments(socket: socket), runDirectory: runDirectory)
        defer { guest.stop() }
        let player = try CardPlayerProcess(socketPath: socket, python: CardVenv.python)
        defer { player.stop() }
        try await player.waitFor(timeout: 30) { $0 == "PLAYER ACK 0" }
        try player.send("bac secure")
        try await player.waitFor(timeout: 10) { $0 == "PLAYER BAC secure" }
        try await guest.waitForProbeLines(timeout: 60) { $0.hasPrefix("READY ") }

        // 1. The MRZ read at the kiosk matches the chip: BAC, then DG1 under secure messaging.
        try player.send("insert")
        let identified = try await guest.waitForProbeLines(timeout: 60) { $0.hasPrefix("EVENT card identified ") }
        let revealed = "emrtd (BAC): TD1 ID AZE valid documentNumber AA1234567 surname NUMUNOV givenNames SINAQ TEST "
            + "birthDate 010203 sex M expiryDate 340203 nationality AZE fin 2QW3ER5"
        #expect(identified[0].hasSuffix(revealed), "\(identified[0])")
        #expect(player.output.contains("PLAYER BAC-OK"))
        #expect(player.output.contains("PLAYER SM-IN 00A4020C020101"), "SELECT EF.DG1 arrived protected")
        #expect(player.output.contains { $0.hasPrefix("PLAYER SM-IN 00B00000") }, "READ BINARY arrived protected")
        #expect(!player.output.contains("PLAYER SW 6982"), "nothing was tried in plain mode")
        #expect(!player.output.contains { $0.hasPrefix("PLAYER SM-ERROR") })
        try player.send("remove")
        try await guest.waitForProbeLines(timeout: 45) { $0 == "EVENT card removed usb:1-1 slot 0" }

        // 2. Another document on the chip (the MRZ read does not belong to it): BAC failed.
        try player.send("document other")
        try player.send("insert")
        let failed = try await guest.waitForProbeLines(count: 2, timeout: 60) { $0.hasPrefix("EVENT card identified ") }
        #expect(failed[1].hasSuffix("emrtd: BAC failed: the chip refused EXTERNAL AUTHENTICATE "
                                    + "(6300 warning: authentication failed (e.g. wrong BAC keys)): the MRZ keys do not match"), "\(failed[1])")
        #expect(player.output.contains("PLAYER BAC-REFUSED"))
        #expect(!failed[1].contains("AB7654321") && !failed[1].contains("SINAQOVA"), "no card data in the line")
        try player.send("remove")
        try await guest.waitForProbeLines(count: 2, timeout: 45) { $0 == "EVENT card removed usb:1-1 slot 0" }

        // 3. The card is pulled during the secure session (at the first protected READ BINARY).
        try player.send("document main")
        try player.send("pull-after 2")
        try player.send("insert")
        try await player.waitFor(timeout: 60) { $0 == "PLAYER PULLED" }
        let pulled = try await guest.waitForProbeLines(timeout: 45) { $0.hasPrefix("EVENT card failed ") }
        #expect(pulled[0] == "EVENT card failed usb:1-1 slot 0 absent: no card in the reader", "\(pulled[0])")
        try await guest.waitForProbeLines(count: 3, timeout: 45) { $0 == "EVENT card removed usb:1-1 slot 0" }
        #expect(guest.probeLines.filter { $0.hasPrefix("EVENT card identified ") }.count == 2, "the pulled card gave no reading")

        let qmp = try QMPClient(socketPath: guest.qmpSocket)
        try qmp.execute("device_del", ["id": "ccid0"])
        try await guest.waitForProbeLines(timeout: 45) { $0 == "EVENT reader removed usb:1-1" }
        let result = try await guest.waitForResult(timeout: 60)
        #expect(result == 0, "probe exit status \(result); console:\n\(guest.output.suffix(3_000))")
        print("BAC card lab: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }
}

/// The lab's Python venv with pycryptodome (`Tests/Lab/setup-card-venv.sh`), set up once per test run.
enum CardVenv {
    /// `$LOBBY_LAB_DIR/card-venv` (default /tmp/lobby-lab/card-venv); never committed.
    static let directory = (ProcessInfo.processInfo.environment["LOBBY_LAB_DIR"] ?? "/tmp/lobby-lab") + "/card-venv"
    /// Why the venv cannot be set up, nil when it is ready.
    static let problem: String? = {
        let result = LabGuest.run(LabGuest.labDirectory.appendingPathComponent("setup-card-venv.sh").path, [directory])
        return result.status == 0 ? nil : "setup-card-venv.sh failed (\(result.status)): " + result.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
    }()
    /// The venv's interpreter.
    static var python: String { directory + "/bin/python" }
}
