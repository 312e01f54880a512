import Foundation
import Synchronization

/// The QEMU x86 guest of the real-kernel tier, started by a test and stopped by it.
///
/// `Tests/Lab/build-guest.sh` builds (or reuses) the kernel + initramfs, `Tests/Lab/run-guest.sh
/// --print-qemu-args` writes the guest's command script and names QEMU's arguments, and this
/// class runs QEMU itself so it can read the console as it comes and kill QEMU on any failure.
public final class LabGuest: @unchecked Sendable {
    /// The lab scripts, found from this file's location (works after the folders are copied).
    public static let labDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lab")
    /// The package root (the guest runs commands there).
    public static let packageDirectory = labDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// Why the lab cannot run on this machine (nil when it can); builds the image once.
    public static let unavailableReason: String? = {
        let result = run(labDirectory.appendingPathComponent("build-guest.sh").path, [])
        switch result.status {
        case 0: return nil
        case 2: return "QEMU lab unavailable: " + result.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
        default: return nil  // a real build failure: let the test run and fail loudly
        }
    }()

    /// A built SwiftPM product next to the test bundle (e.g. `lobby-touch-probe`).
    public static func product(_ name: String) -> String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Where the guest's QMP socket is.
    public let qmpSocket: String
    /// A directory that lives as long as the guest (sockets of host peers go here).
    public let runDirectory: URL
    private let process = Process()
    private let console = ConsoleText()
    private let started = Date()

    /// A failure of the lab itself.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Boots the guest to run `command` (absolute path + arguments) with or without the usb-tablet;
    /// `extraArguments` are appended to QEMU's (e.g. the usb-ccid reader and its card chardev).
    public init(command: [String], tablet: Bool, extraArguments: [String] = [], runDirectory: URL = LabGuest.freshRunDirectory()) throws {
        self.runDirectory = runDirectory
        qmpSocket = runDirectory.appendingPathComponent("qmp.sock").path
        var options = ["--run-dir", runDirectory.path, "--print-qemu-args"]
        if !tablet { options.append("--no-tablet") }
        let prepared = Self.run(Self.labDirectory.appendingPathComponent("run-guest.sh").path, options + command,
                                directory: Self.packageDirectory)
        guard prepared.status == 0 else {
            throw Failure(description: "run-guest.sh failed (\(prepared.status)): \(prepared.errorText)")
        }
        let arguments = prepared.output.split(separator: "\n").map(String.init)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["qemu-system-x86_64"] + arguments + extraArguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let reader = pipe.fileHandleForReading
        let console = self.console
        let thread = Thread {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                console.bytes.withLock { $0 += data }
            }
        }
        thread.start()
    }

    deinit { stop() }

    /// A new, unique directory path for one guest (short: unix socket paths are limited to 107 bytes).
    public static func freshRunDirectory() -> URL {
        URL(fileURLWithPath: "/tmp").appendingPathComponent("lobby-card-\(getpid())-\(UUID().uuidString.prefix(8))")
    }

    /// Kills QEMU (if still running) and removes the run directory.
    public func stop() {
        if process.isRunning {
            process.terminate()
            // QEMU inherits the test runner's blocked signals and may ignore SIGTERM: kill it.
            for _ in 0..<100 where process.isRunning { usleep(30_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: runDirectory)
    }

    /// Everything the guest printed so far, without carriage returns.
    public var output: String {
        // Decoded as a whole: a multi-byte character may span two reads.
        String(decoding: console.bytes.withLock { $0 }, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
    }

    /// The probe's marker lines (`LOBBY-PROBE …`, prefix removed); only complete lines (a line still
    /// arriving over the serial console would otherwise match a prefix while cut short).
    public var probeLines: [String] {
        let text = output
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if !text.hasSuffix("\n") { lines.removeLast() }
        return lines.compactMap { line in
            guard let range = line.range(of: "LOBBY-PROBE ") else { return nil }
            return String(line[range.upperBound...])
        }
    }

    /// Seconds since QEMU started.
    public var elapsed: Double { Date().timeIntervalSince(started) }

    /// Waits until `count` probe lines satisfy `predicate`; returns them.
    @discardableResult
    public func waitForProbeLines(count: Int = 1, timeout: Double, where predicate: (String) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let matching = probeLines.filter(predicate)
            if matching.count >= count { return matching }
            guard Date() < deadline, process.isRunning else {
                throw Failure(description: "waited \(timeout) s for \(count) matching probe line(s); console:\n\(output.suffix(3_000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the guest's `LOBBY-LAB-RESULT n` marker and returns n.
    public func waitForResult(timeout: Double) async throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let line = output.split(separator: "\n").last(where: { $0.hasPrefix("LOBBY-LAB-RESULT ") }),
               let value = Int(line.dropFirst("LOBBY-LAB-RESULT ".count).prefix(while: \.isNumber)) {
                return value
            }
            guard Date() < deadline else {
                throw Failure(description: "no LOBBY-LAB-RESULT within \(timeout) s; console:\n\(output.suffix(3_000))")
            }
            if !process.isRunning, !output.contains("LOBBY-LAB-RESULT") {
                throw Failure(description: "QEMU ended without a result marker; console:\n\(output.suffix(3_000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Runs a helper to completion, capturing its output.
    public static func run(_ executable: String, _ arguments: [String], directory: URL? = nil) -> (status: Int32, output: String, errorText: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // stderr goes to a file: apt-get may write more than a pipe holds while stdout is read.
        let errorFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lobby-lab-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        guard let errors = try? FileHandle(forWritingTo: errorFile) else { return (127, "", "cannot create \(errorFile.path)") }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "", "\(error)") }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errors.close()
        let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}

/// The console bytes behind a lock, shared with the reader thread.
public final class ConsoleText: Sendable {
    /// Everything read so far.
    public let bytes = Mutex<[UInt8]>([])
}
