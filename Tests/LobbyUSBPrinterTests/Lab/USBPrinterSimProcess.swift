import Foundation
import LobbyLabSupport

/// `lobby-usb-printer-sim` on the host: the emulated USB printer behind one QEMU `usb-redir`
/// device. Commands go to its stdin; its `USBSIM …` lines are collected for the test to wait on.
final class USBPrinterSimProcess: Sendable {
    private let helper: LabHelperProcess
    /// Where the emulator appends the job bytes it received.
    let outputFile: URL

    /// Starts the emulator on QEMU's chardev socket (it retries until QEMU listens).
    init(socketPath: String, outputFile: URL, arguments: [String]) throws {
        self.outputFile = outputFile
        helper = try LabHelperProcess(
            name: "emulator", executable: LabGuest.product("lobby-usb-printer-sim"),
            arguments: ["--socket", socketPath, "--out", outputFile.path, "--max-seconds", "240"] + arguments, endedProcessFails: false)
    }

    /// Everything the emulator printed so far.
    var output: [String] { helper.output }

    /// The job bytes received so far.
    var receivedBytes: [UInt8] { (try? [UInt8](Data(contentsOf: outputFile))) ?? [] }

    /// Sends one command and waits for its `OK` line.
    func send(_ command: String, timeout: Double = 10) async throws {
        let before = output.filter { $0.hasPrefix("USBSIM OK ") }.count
        try helper.send(command)
        try await waitFor(count: before + 1, timeout: timeout) { $0.hasPrefix("USBSIM OK ") }
    }

    /// Waits until `count` lines satisfy `predicate`.
    @discardableResult
    func waitFor(count: Int = 1, timeout: Double, where predicate: (String) -> Bool) async throws -> [String] {
        try await helper.waitFor(count: count, timeout: timeout, where: predicate)
    }

    /// Ends the emulator.
    func stop() { helper.stop() }
}
