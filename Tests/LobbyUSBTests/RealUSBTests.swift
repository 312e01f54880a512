import LobbyLabSupport
import Foundation
import LobbyTestSupport
import Testing

/// The real USB tier: `lobby-card-probe` runs inside a QEMU x86 guest (TCG, Debian kernel) and talks
/// through libusb and the kernel's usbfs to QEMU's usb-ccid reader (08e6:4433) on an xHCI controller;
/// `Tests/Lab/card-player.py` plays the card on the host over QEMU's VSCard passthru socket.
/// Skipped only when qemu or the kernel package cannot be installed.
@Suite(
    "Real USB CCID reader (QEMU lab)", .tags(.emulated),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") {
        if let reason = LabGuest.unavailableReason {
            print("skipping the real USB tests: \(reason)")
            return false
        }
        return true
    }
)
struct RealUSBTests {
    /// The synthetic card's ATR (T=1 only, IFSC 254, historical bytes "LOBBY").
    static let atr = "3B 85 81 31 FE 45 4C 4F 42 42 59 D4"
    /// What the probe prints for the synthetic MRZ with --reveal.
    static let revealedMRZ = "emrtd: TD1 ID AZE valid documentNumber AA1234567 surname NUMUNOV givenNames SINAQ TEST "
        + "birthDate 010203 sex M expiryDate 340203 nationality AZE fin 2QW3ER5"

    /// QEMU arguments of the reader and its passthru card on `socket`.
    static func readerArguments(socket: String) -> [String] {
        ["-device", "usb-ccid,id=ccid0,bus=xhci.0",
         "-chardev", "socket,id=vsc0,path=\(socket),server=on,wait=off",
         "-device", "ccid-card-passthru,chardev=vsc0,bus=ccid0.0"]
    }

    @Test("enumerate, class descriptor, insert → ATR → T=1 → DG1 MRZ, remove, mute card, BAC card, unplug mid-exchange")
    func readerLifecycle() async throws {
        let runDirectory = LabGuest.freshRunDirectory()
        let socket = runDirectory.appendingPathComponent("vsc.sock").path
        let script = LabGuest.labDirectory.appendingPathComponent("card-check.sh").path
        let guest = try LabGuest(
            command: [script, LabGuest.product("lobby-card-probe"), "watch", "--lab", "--reveal",
                      "--until-reader-removed", "--seconds", "80", "--card-timeout-ms", "3000"],
            tablet: false, extraArguments: Self.readerArguments(socket: socket), runDirectory: runDirectory)
        defer { guest.stop() }
        let player = try CardPlayerProcess(socketPath: socket)
        defer { player.stop() }
        try await player.waitFor(timeout: 30) { $0 == "PLAYER ACK 0" }  // reader added

        // 1. The reader is enumerated, its class descriptor read.
        try await guest.waitForProbeLines(timeout: 60) { $0.hasPrefix("READY ") }
        #expect(guest.probeLines.contains("EVENT reader added usb:1-1 08e6:4433 \"QEMU QEMU USB CCID\" tpdu T=0"))
        let descriptor = guest.probeLines.first { $0.hasPrefix("DESCRIPTOR 08e6:4433 ") }
        #expect(descriptor?.hasPrefix("DESCRIPTOR 08e6:4433 3621100100") == true, "descriptor line: \(descriptor ?? "none")")
        #expect(!guest.probeLines.contains { $0.hasPrefix("EVENT card inserted") }, "no card before the player inserts one")

        // 2. Insert: power on, ATR, T=1 (WTX and chained answers), SELECT/READ BINARY, MRZ parsed.
        try player.send("insert")
        let identified = try await guest.waitForProbeLines(timeout: 60) { $0.hasPrefix("EVENT card identified ") }
        #expect(identified[0].contains("ATR \(Self.atr) via T=1 (TPDU, IFSC 254) (protocol not listed by the reader)"), "\(identified[0])")
        #expect(identified[0].hasSuffix(Self.revealedMRZ), "\(identified[0])")
        #expect(player.output.contains("PLAYER BLOCK-IN 00E30102E0"), "the probe answered the card's WTX request")
        #expect(player.output.contains("PLAYER BLOCK-IN 00800080"), "the probe acknowledged the chained answer with R(0)")

        // 3. Remove: NotifySlotChange → card removed.
        try player.send("remove")
        try await guest.waitForProbeLines(timeout: 45) { $0 == "EVENT card removed usb:1-1 slot 0" }

        // 4. A chip that needs BAC: DG1 refused with 6982, reported as access control required.
        try player.send("bac on")
        try player.send("insert")
        let refused = try await guest.waitForProbeLines(count: 2, timeout: 60) { $0.hasPrefix("EVENT card identified ") }
        #expect(refused[1].hasSuffix("emrtd: access control required (BAC/PACE), MRZ not readable in plain mode"), "\(refused[1])")
        try player.send("remove")
        try await guest.waitForProbeLines(count: 2, timeout: 45) { $0 == "EVENT card removed usb:1-1 slot 0" }
        try player.send("bac off")

        // 5. A mute card: the ATR comes, then no answer: reported as mute (the slot still holds a card).
        try player.send("mute on")
        try player.send("insert")
        let mute = try await guest.waitForProbeLines(timeout: 60) { $0.hasPrefix("EVENT card failed ") }
        #expect(mute[0] == "EVENT card failed usb:1-1 slot 0 mute: the card does not answer (no answer to XfrBlock within 3000 ms)",
                "\(mute[0])")
        #expect(player.output.filter { $0.hasPrefix("PLAYER IGNORED ") }.count == 1, "a silent reader is not retried")
        try player.send("remove")
        try await guest.waitForProbeLines(count: 3, timeout: 45) { $0 == "EVENT card removed usb:1-1 slot 0" }

        // 6. Unplug mid-exchange: the card stays mute, the reader is removed while the probe waits for the answer.
        let ignoredBefore = player.output.filter { $0.hasPrefix("PLAYER IGNORED ") }.count
        try player.send("insert")
        try await player.waitFor(count: ignoredBefore + 1, timeout: 60) { $0.hasPrefix("PLAYER IGNORED ") }
        let qmp = try QMPClient(socketPath: guest.qmpSocket)
        try qmp.execute("device_del", ["id": "ccid0"])
        // QEMU unrealizes the passthru card before detaching the reader and answers the pending XfrBlock
        // with "no card"; a reader unplugged at another moment gives LIBUSB_ERROR_NO_DEVICE (`unplugged`).
        let unplugged = try await guest.waitForProbeLines(count: 2, timeout: 45) { $0.hasPrefix("EVENT card failed ") }
        #expect(["EVENT card failed usb:1-1 slot 0 unplugged: the reader was unplugged",
                 "EVENT card failed usb:1-1 slot 0 absent: no card in the reader"].contains(unplugged[1]), "\(unplugged[1])")
        try await guest.waitForProbeLines(timeout: 45) { $0 == "EVENT reader removed usb:1-1" }
        let tail = guest.probeLines.drop { !$0.hasPrefix("EVENT card failed") }.filter { $0.hasPrefix("EVENT ") }
        #expect(Array(tail.suffix(2)) == ["EVENT card removed usb:1-1 slot 0", "EVENT reader removed usb:1-1"], "\(tail)")

        let result = try await guest.waitForResult(timeout: 60)
        #expect(result == 0, "probe exit status \(result); console:\n\(guest.output.suffix(3_000))")
        print("card lab: \(String(format: "%.1f", guest.elapsed)) s including boot")
    }

    @Test("udevadm test of udev/71-lobby-card-readers.rules on QEMU's real USB CCID reader")
    func udevRule() async throws {
        let script = LabGuest.labDirectory.appendingPathComponent("udev-card-check.sh").path
        let guest = try LabGuest(command: [script], tablet: false, extraArguments: ["-device", "usb-ccid,id=ccid0,bus=xhci.0"])
        defer { guest.stop() }
        let result = try await guest.waitForResult(timeout: 60)
        #expect(result == 0, "console:\n\(guest.output.suffix(2_000))")
        let lines = guest.probeLines
        #expect(lines.contains("UDEV ID_USB_INTERFACES=:0b0000:"))
        #expect(lines.contains("UDEV LOBBY_CARD_READER=1"))
        let links = lines.first { $0.hasPrefix("UDEV DEVLINKS=") }?.dropFirst("UDEV DEVLINKS=".count).split(separator: " ").map(String.init) ?? []
        #expect(links.contains("/dev/lobby/card-reader"))
        #expect(links.contains { $0.hasPrefix("/dev/lobby/card-reader-pci-") }, "per-port link: \(links)")
        #expect(lines.contains { $0.hasPrefix("UDEV-LOG ") && $0.hasSuffix("MODE 0660") })
    }
}
