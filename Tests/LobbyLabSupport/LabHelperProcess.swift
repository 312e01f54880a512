import Foundation
import Synchronization

/// A helper program the lab tests run on the host beside the guest (the card player, the USB
/// printer emulator): commands go to its standard input one line at a time, and every line it
/// prints is collected for the test to wait on.
public final class LabHelperProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lines = Lines()
    private let name: String
    private let endedProcessFails: Bool

    /// A failure of the helper: what was waited for and its last output.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// A failure saying `description`.
        public init(description: String) { self.description = description }
    }

    /// Starts `executable` with `arguments`. `name` appears in failures; with `endedProcessFails`
    /// a wait fails as soon as the helper has ended instead of at its timeout.
    public init(name: String, executable: String, arguments: [String], endedProcessFails: Bool) throws {
        self.name = name
        self.endedProcessFails = endedProcessFails
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
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
                    lines.all.withLock { $0.append(line) }
                }
            }
        }.start()
    }

    deinit { stop() }

    /// Everything the helper printed so far.
    public var output: [String] { lines.all.withLock { $0 } }

    /// Sends one command line.
    public func send(_ command: String) throws {
        guard process.isRunning else { throw Failure(description: "\(name) ended; output:\n\(output.suffix(20).joined(separator: "\n"))") }
        try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
    }

    /// Waits until `count` lines satisfy `predicate`.
    @discardableResult
    public func waitFor(count: Int = 1, timeout: Double, where predicate: (String) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let matching = output.filter(predicate)
            if matching.count >= count { return matching }
            guard Date() < deadline, process.isRunning || !endedProcessFails else {
                throw Failure(description: "waited \(timeout) s for \(count) \(name) line(s); output:\n\(output.suffix(40).joined(separator: "\n"))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the helper: `quit`, then terminate if it lingers.
    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.write(contentsOf: Data("quit\n".utf8))
        try? input.fileHandleForWriting.close()
        for _ in 0..<50 where process.isRunning { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// The helper's lines behind a lock, shared with the reader thread.
private final class Lines: Sendable {
    let all = Mutex<[String]>([])
}
