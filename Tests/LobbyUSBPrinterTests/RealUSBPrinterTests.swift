import Foundation
import LobbyLabSupport
import LobbyTestSupport
import Testing

/// The real USB tier for printers: `lobby-escpos-backend` runs inside the QEMU x86 guest exactly as
/// cupsd runs it (argv `job-id user title copies options file`, `DEVICE_URI`), and reaches two
/// emulated ESC/POS printers through libusb, the guest kernel's usbfs and xHCI, and QEMU's
/// `usb-redir` devices, behind which `lobby-usb-printer-sim` speaks usbredir on the host:
/// a printer-class device (1209:0001, bound to the guest's usblp driver) and a vendor-class device
/// (0416:5011, listed only through the known-printer data file).
@Suite(
    "Real USB ESC/POS printers (QEMU lab, usb-redir)", .tags(.emulated, .cups),
    .serialized,
    .enabled("needs qemu-system-x86 and the Debian kernel package (Tests/Lab/build-guest.sh)") {
        if let reason = LabGuest.unavailableReason {
            print("skipping the real USB printer tests: \(reason)")
            return false
        }
        return true
    }
)
struct RealUSBPrinterTests {
    static let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let ticketFile = testDirectory.appendingPathComponent("Jobs/ticket.bin")
    static let knownIDsFile = LabGuest.packageDirectory.appendingPathComponent("Sources/LobbyEscPos/Profiles/usb/known-usb-printers.json")
    static let printerURI = "lobby-escpos:usb/1209:0001?serial=LOBBYSIM0001&retry-delay=0&status-timeout=3"
    static let vendorURI = "lobby-escpos:usb/0416:5011?retry-delay=0&status-timeout=3"
    static let clearAll = "STATE: -media-empty-error,media-low-report,cover-open-error,offline-report,other-error"

    /// QEMU arguments: one usb-redir device per emulator socket, and the command port on ttyS1.
    static func qemuArguments(run: URL) -> [String] {
        ["-chardev", "socket,id=redir0,path=\(run.appendingPathComponent("p0.sock").path),server=on,wait=off",
         "-device", "usb-redir,chardev=redir0,id=printer0,bus=xhci.0",
         "-chardev", "socket,id=redir1,path=\(run.appendingPathComponent("p1.sock").path),server=on,wait=off",
         "-device", "usb-redir,chardev=redir1,id=printer1,bus=xhci.0",
         "-chardev", "socket,id=steps,path=\(run.appendingPathComponent("steps.sock").path),server=on,wait=off",
         "-serial", "chardev:steps"]
    }

    /// One backend run (or other command) in the guest: exit status, stderr lines, milliseconds.
    struct Run {
        var status: Int
        var lines: [String]
        var milliseconds: Int
    }

    /// The lab: guest, command port, the two emulators.
    final class Lab {
        let guest: LabGuest
        let port: GuestCommandPort
        let printer: USBPrinterSimProcess
        let vendor: USBPrinterSimProcess

        init() async throws {
            let run = LabGuest.freshRunDirectory()
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            guest = try LabGuest(
                command: [LabGuest.labDirectory.appendingPathComponent("usb-printer-check.sh").path,
                          LabGuest.product("lobby-escpos-backend"), RealUSBPrinterTests.knownIDsFile.path],
                tablet: false, extraArguments: RealUSBPrinterTests.qemuArguments(run: run), runDirectory: run)
            printer = try USBPrinterSimProcess(
                socketPath: run.appendingPathComponent("p0.sock").path, outputFile: run.appendingPathComponent("p0.bin"),
                arguments: ["--class", "printer", "--vid", "1209", "--pid", "0001", "--serial", "LOBBYSIM0001",
                            "--manufacturer", "Lobby", "--product", "Sim TM-58"])
            vendor = try USBPrinterSimProcess(
                socketPath: run.appendingPathComponent("p1.sock").path, outputFile: run.appendingPathComponent("p1.bin"),
                arguments: ["--class", "vendor", "--vid", "0416", "--pid", "5011", "--serial", "none",
                            "--manufacturer", "Printer", "--product", "POS58"])
            port = try GuestCommandPort(socketPath: run.appendingPathComponent("steps.sock").path)
            try await guest.waitForProbeLines(timeout: 90) { $0 == "READY" }
        }

        func stop() {
            try? port.send("quit")
            printer.stop()
            vendor.stop()
            guest.stop()
        }

        /// Sends a command and waits for its `DONE name …` line.
        func run(_ command: String, name: String, timeout: Double = 60) async throws -> Run {
            RealUSBPrinterTests.progress("guest: \(command)")
            let before = guest.probeLines.filter { $0.hasPrefix("DONE \(name) ") }.count
            try port.send(command)
            let done = try await guest.waitForProbeLines(count: before + 1, timeout: timeout) { $0.hasPrefix("DONE \(name) ") }
            let words = done[before].split(separator: " ")
            let lines = guest.probeLines.filter { $0.hasPrefix("\(name) STDERR ") }.map { String($0.dropFirst("\(name) STDERR ".count)) }
            return Run(status: Int(words[2]) ?? -1, lines: lines, milliseconds: words.count > 3 ? Int(words[3]) ?? -1 : -1)
        }

        /// Runs the backend for one job.
        func job(_ name: String, uri: String, copies: Int = 1, file: URL = RealUSBPrinterTests.ticketFile, timeout: Double = 60) async throws -> Run {
            try await run("job \(name) \(uri) \(copies) \(file.path)", name: name, timeout: timeout)
        }

        /// Waits until usblp has bound the printer-class interface (enumeration is done).
        func waitForEnumeration() async throws -> [String] {
            for attempt in 0..<40 {
                _ = try await run("drivers", name: "drivers")
                let lines = guest.probeLines.filter { $0.hasPrefix("DRIVER usblp ") }
                if let last = lines.last, last != "DRIVER usblp none" { return lines }
                if attempt == 39 { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            throw LabHelperProcess.Failure(description: "usblp never bound the emulated printer; console:\n\(guest.output.suffix(3_000))")
        }
    }

    /// A progress line on stderr (seen while the test runs).
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("usb-printer-lab: \(line)\n".utf8))
    }

    @Test("discovery, exact bytes, usblp detach/re-attach, paper out, cover open, paper low, silent, stalled, not found, unplug mid-job")
    func printerLifecycle() async throws {
        let lab = try await Lab()
        defer { lab.stop() }
        let started = Date()
        let ticket = try [UInt8](Data(contentsOf: Self.ticketFile))

        // 1. Enumeration: the guest's usblp binds the printer-class interface.
        let usblp = try await lab.waitForEnumeration()
        #expect(usblp.last?.hasSuffix(":1.0 ") == true || usblp.last?.contains(":1.0") == true, "\(usblp)")
        #expect(lab.printer.output.contains { $0.hasPrefix("USBSIM CONTROL GET_DEVICE_ID") }, "usblp asked for the IEEE 1284 device ID")

        // 2. Discovery lists both printers; without the known-ID file only the printer-class one.
        let discover = try await lab.run("discover", name: "discover")
        #expect(discover.status == 0)
        let usbLines = lab.guest.probeLines.filter { $0.hasPrefix("DISCOVER direct ") }.map { String($0.dropFirst("DISCOVER ".count)) }
        #expect(usbLines.contains(
            "direct lobby-escpos:usb/1209:0001?serial=LOBBYSIM0001 \"Lobby Sim TM-58\" \"Lobby Sim TM-58 ESC/POS (USB 1209:0001, printer class) serial LOBBYSIM0001\" \"MFG:Lobby;CMD:ESC/POS;MDL:Sim TM-58;CLS:PRINTER;DES:Lobby Sim TM-58;\""),
            "\(usbLines)")
        #expect(usbLines.contains(
            "direct lobby-escpos:usb/0416:5011 \"Generic POS-58 (Winbond controller)\" \"Generic POS-58 (Winbond controller) ESC/POS (USB 0416:5011, vendor class)\" \"MFG:Generic;MDL:POS-58 (Winbond controller);CMD:ESC/POS;CLS:PRINTER;\""),
            "\(usbLines)")
        _ = try await lab.run("discover-without-ids", name: "discover-without-ids")
        let withoutIDs = lab.guest.probeLines.filter { $0.hasPrefix("DISCOVER direct ") }.count - usbLines.count
        #expect(withoutIDs == 1, "without the data file only the printer-class device is listed")

        // 3. A ticket on the printer-class device: exact bytes, usblp detached and given back.
        let first = try await lab.job("ok1", uri: Self.printerURI)
        #expect(first.status == 0, "\(first.lines)")
        #expect(first.lines.contains(Self.clearAll))
        #expect(first.lines.contains("INFO: Ticket printed"))
        #expect(first.lines.contains("PAGE: 1 1"))
        #expect(first.lines.contains("DEBUG: detached the kernel driver from interface 0"), "\(first.lines)")
        #expect(first.lines.contains("DEBUG: re-attached the kernel driver to interface 0"), "\(first.lines)")
        #expect(lab.printer.receivedBytes == ticket, "received \(lab.printer.receivedBytes.count) bytes")
        let after = try await lab.run("drivers", name: "drivers")
        #expect(after.status == 0)
        #expect(lab.guest.probeLines.filter { $0.hasPrefix("DRIVER usblp ") }.last == usblp.last, "usblp bound again after the job")

        // 4. 60 copies (4260 bytes: two bulk chunks), byte for byte.
        let copies = try await lab.job("copies", uri: Self.printerURI, copies: 60)
        #expect(copies.status == 0, "\(copies.lines)")
        #expect(lab.printer.receivedBytes == ticket + Array([[UInt8]](repeating: ticket, count: 60).joined()))
        let printedSoFar = lab.printer.receivedBytes.count

        // 5. Paper out: stop the queue (exit 4), nothing sent.
        try await lab.printer.send("paper-out")
        let paperOut = try await lab.job("paperout", uri: Self.printerURI)
        #expect(paperOut.status == 4)
        #expect(paperOut.lines.contains("STATE: +media-empty-error"), "\(paperOut.lines)")
        #expect(paperOut.lines.contains("ERROR: Printer is out of paper"))
        #expect(lab.printer.receivedBytes.count == printedSoFar, "no job byte sent to a printer without paper")

        // 6. Cover open: exit 4 with cover-open-error.
        try await lab.printer.send("paper-ok")
        try await lab.printer.send("cover-open")
        let cover = try await lab.job("cover", uri: Self.printerURI)
        #expect(cover.status == 4)
        #expect(cover.lines.contains("STATE: +cover-open-error"), "\(cover.lines)")

        // 7. Paper low: prints, reports media-low.
        try await lab.printer.send("cover-closed")
        try await lab.printer.send("paper-low")
        let low = try await lab.job("low", uri: Self.printerURI)
        #expect(low.status == 0)
        #expect(low.lines.contains("STATE: +media-low-report"), "\(low.lines)")
        #expect(lab.printer.receivedBytes.count == printedSoFar + ticket.count)

        // 8. A silent printer: offline-report, retry later (6) after the status timeout.
        try await lab.printer.send("normal")
        try await lab.printer.send("offline")
        let silent = try await lab.job("silent", uri: Self.printerURI)
        #expect(silent.status == 6)
        #expect(silent.lines.contains("STATE: +offline-report"), "\(silent.lines)")
        #expect(silent.lines.contains { $0.hasPrefix("ERROR: Printer is offline: ") && $0.contains("did not answer DLE EOT") }, "\(silent.lines)")
        #expect(lab.guest.probeLines.filter { $0.hasPrefix("DRIVER usblp ") }.last == usblp.last)

        // 9. The printer stops taking data mid-job: the write stalls; part of the ticket is out, so
        // the job is cancelled (5), never retried (6 would send the whole ticket again); no hang.
        try await lab.printer.send("online")
        let beforeStall = lab.printer.receivedBytes.count
        try await lab.printer.send("hold-after \(beforeStall + 1000)")
        let stalled = try await lab.job("stalled", uri: Self.printerURI + "&write-timeout=2", copies: 60)
        #expect(stalled.status == 5, "\(stalled.lines)")
        #expect(stalled.lines.contains { $0.hasPrefix("ERROR: USB printer 1209:0001") && $0.contains("job write") && $0.contains("timed out") }, "\(stalled.lines)")
        #expect(stalled.lines.contains("STATE: +offline-report"), "\(stalled.lines)")
        #expect(stalled.milliseconds < 15_000, "took \(stalled.milliseconds) ms")
        try await lab.printer.send("release")

        // 10. A serial number that is not there: not connected, retry later.
        let missing = try await lab.job("missing", uri: "lobby-escpos:usb/1209:0001?serial=NOPE&retry-delay=0")
        #expect(missing.status == 6)
        #expect(missing.lines.contains("STATE: +offline-report"))
        #expect(missing.lines.contains { $0.contains("is not connected") && $0.contains("none matches") }, "\(missing.lines)")

        // 11. The vendor-class printer: no kernel driver to detach, exact bytes, paper out.
        let vendorJob = try await lab.job("vendor", uri: Self.vendorURI)
        #expect(vendorJob.status == 0, "\(vendorJob.lines)")
        #expect(!vendorJob.lines.contains { $0.contains("detached") })
        #expect(lab.vendor.receivedBytes == ticket)
        try await lab.vendor.send("paper-out")
        let vendorOut = try await lab.job("vendorout", uri: Self.vendorURI)
        #expect(vendorOut.status == 4)
        #expect(vendorOut.lines.contains("STATE: +media-empty-error"))

        // 12. Unplugged mid-job (QMP device_del while the printer holds the job): offline, exit 5
        // (part of the ticket was sent), fast.
        let beforeUnplug = lab.printer.output.filter { $0.hasPrefix("USBSIM HELD ") }.count
        try await lab.printer.send("hold-after \(lab.printer.receivedBytes.count + 2000)")
        try lab.port.send("job unplug \(Self.printerURI)&write-timeout=30 60 \(Self.ticketFile.path)")
        try await lab.printer.waitFor(count: beforeUnplug + 1, timeout: 60) { $0.hasPrefix("USBSIM HELD ") }
        let qmp = try QMPClient(socketPath: lab.guest.qmpSocket)
        try qmp.execute("device_del", ["id": "printer0"])
        try await lab.guest.waitForProbeLines(timeout: 60) { $0.hasPrefix("DONE unplug ") }
        let unplug = try await lab.run("drivers", name: "drivers")
        _ = unplug
        let unplugLines = lab.guest.probeLines.filter { $0.hasPrefix("unplug STDERR ") }.map { String($0.dropFirst("unplug STDERR ".count)) }
        let unplugDone = lab.guest.probeLines.first { $0.hasPrefix("DONE unplug ") }?.split(separator: " ") ?? []
        #expect(unplugDone.count == 4 && unplugDone[2] == "5", "\(unplugDone) \(unplugLines)")
        #expect(unplugLines.contains("STATE: +offline-report"), "\(unplugLines)")
        #expect(unplugLines.contains { $0.contains("was unplugged during job write") }, "\(unplugLines)")
        #expect((Int(unplugDone.last ?? "") ?? .max) < 25_000, "the backend ended well before its 30 s write timeout")
        #expect(lab.guest.probeLines.filter { $0.hasPrefix("DRIVER usblp ") }.last == "DRIVER usblp none")

        // 13. After the unplug, discovery lists only the vendor-class printer.
        _ = try await lab.run("discover", name: "discover")
        let last = lab.guest.probeLines.filter { $0.hasPrefix("DISCOVER direct ") }.suffix(1)
        #expect(last.first?.contains("usb/0416:5011") == true, "\(last)")

        _ = try await lab.run("quit", name: "quit")
        let result = try await lab.guest.waitForResult(timeout: 30)
        #expect(result == 0)
        print("usb printer lab: \(String(format: "%.1f", Date().timeIntervalSince(started))) s after boot, \(String(format: "%.1f", lab.guest.elapsed)) s in all")
    }
}
