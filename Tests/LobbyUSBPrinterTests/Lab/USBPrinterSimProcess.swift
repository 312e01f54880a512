import Foundation
import LobbyLabSupport
import Synchronization

/// `lobby-usb-printer-sim` on the host: the emulated USB printer behind one QEMU `usb-redir`
/// device. Commands go to its stdin; its `USBSIM …` lines are collected for the test to wait on.
final class USBPrinterSimProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lines = SimLines()
    /// Where the emulator appends the job bytes it received.
    let outputFile: URL

    /// A failure of the emulator.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the emulator on QEMU's chardev socket (it retries until QEMU listens).
    init(socketPath: String, outputFile: URL, arguments: [String]) throws {
        self.outputFile = outputFile
        process.executableURL = URL(fileURLWithPath: LabGuest.product("lobby-usb-printer-sim"))
        process.arguments = ["--socket", socketPath, "--out", outputFile.path, "--max-seconds", "240"] + arguments
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = output.fileHandleForReading
        let lines = self.lines
        Thread {
            var pending = Data()
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                pending += data
                while let newline = pending.firstIndex(of: 0x0a) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending = Data(pending[pending.index(after: newline)...])
                    lines.lines.withLock { $0.append(line) }
                }
            }
        }.start()
    }

    deinit { stop() }

    /// Everything the emulator printed so far.
    var output: [String] { lines.lines.withLock { $0 } }

    /// The job bytes received so far.
    var receivedBytes: [UInt8] { (try? [UInt8](Data(contentsOf: outputFile))) ?? [] }

    /// Sends one command and waits for its `OK` line.
    func send(_ command: String, timeout: Double = 10) async throws {
        guard process.isRunning else { throw Failure(description: "emulator ended; output:\n\(output.suffix(20).joined(separator: "\n"))") }
        let before = output.filter { $0.hasPrefix("USBSIM OK ") }.count
        try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
        try await waitFor(count: before + 1, timeout: timeout) { $0.hasPrefix("USBSIM OK ") }
    }

    /// Waits until `count` lines satisfy `predicate`.
    @discardableResult
    func waitFor(count: Int = 1, timeout: Double, where predicate: (String) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let matching = output.filter(predicate)
            if matching.count >= count { return matching }
            guard Date() < deadline else {
                throw Failure(description: "waited \(timeout) s for \(count) emulator line(s); output:\n\(output.suffix(30).joined(separator: "\n"))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the emulator (quit, then terminate if it lingers).
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.write(contentsOf: Data("quit\n".utf8))
        for _ in 0..<50 where process.isRunning { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// The emulator's lines behind a lock, shared with the reader thread.
final class SimLines: Sendable {
    /// Every line read so far.
    let lines = Mutex<[String]>([])
}
