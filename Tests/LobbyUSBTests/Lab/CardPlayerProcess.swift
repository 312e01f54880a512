import LobbyLabSupport
import Foundation
import Synchronization

/// `Tests/Lab/card-player.py` running on the host: plays the synthetic card on QEMU's VSCard socket.
/// Commands go to its stdin; its `PLAYER …` lines are collected for the test to wait on.
final class CardPlayerProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lines = LineBuffer()

    /// A failure of the player.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the player on `socketPath` (it retries the connection until QEMU listens) with `python`
    /// (a venv's interpreter for the BAC chip, which needs pycryptodome).
    init(socketPath: String, arguments: [String] = [], python: String = "python3") throws {
        let script = LabGuest.labDirectory.appendingPathComponent("card-player.py").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, socketPath] + arguments
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = output.fileHandleForReading
        let lines = self.lines
        let thread = Thread {
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
        }
        thread.start()
    }

    deinit { stop() }

    /// Sends one command line (`insert`, `remove`, `mute on`, …).
    func send(_ command: String) throws {
        guard process.isRunning else { throw Failure(description: "player ended; output:\n\(output)") }
        try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
    }

    /// Everything the player printed so far.
    var output: [String] { lines.lines.withLock { $0 } }

    /// Waits until `count` lines satisfy `predicate`.
    @discardableResult
    func waitFor(count: Int = 1, timeout: Double, where predicate: (String) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let matching = output.filter(predicate)
            if matching.count >= count { return matching }
            guard Date() < deadline, process.isRunning else {
                throw Failure(description: "waited \(timeout) s for \(count) player line(s); output:\n\(output.suffix(40).joined(separator: "\n"))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the player (quit, then terminate if it lingers).
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.write(contentsOf: Data("quit\n".utf8))
        try? input.fileHandleForWriting.close()
        for _ in 0..<50 where process.isRunning { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// The player's lines behind a lock, shared with the reader thread.
final class LineBuffer: Sendable {
    /// Every line read so far.
    let lines = Mutex<[String]>([])
}
