import Foundation
import Glibc
import LobbyTestSupport

/// One `lobby-printer-sim` process for a test: TCP on a free loopback port and/or a pty, a
/// control socket, jobs stored in its own folder. Stopped by `stop()` (and at most after 300 s).
final class SimulatedPrinterProcess {
    struct Job: Decodable {
        let job: Int
        let file: String
        let transport: String
        let bytes: Int
        let printed: Bool
        let condition: String
        let images: Int
        let cuts: Int
    }

    let folder: URL
    let controlPath: String
    private(set) var tcpPort: UInt16 = 0
    private(set) var ptyPath = ""
    private var process: SpawnedProcess!

    init(pseudoTerminal: Bool = false, tcp: Bool = true, initial: [String] = [], device: [String] = []) throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lobby-sim-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        controlPath = folder.appendingPathComponent("control").path
        var arguments = ["--out", folder.appendingPathComponent("jobs").path, "--control", controlPath, "--max-seconds", "300"]
        if tcp { arguments += ["--tcp", "0"] }
        if pseudoTerminal { arguments += ["--pty"] }
        for command in initial { arguments += ["--initial", command] }
        arguments += device
        process = try SpawnedProcess(
            TestProcess.productsFolder.appendingPathComponent("lobby-printer-sim").path, arguments,
            outputFile: folder.appendingPathComponent("simulator.log").path
        )
        guard eventually(10, { process.output.contains("ready") }) else {
            stop()
            throw TestFailure("simulator did not start: \(process.output)")
        }
        for line in process.output.split(separator: "\n") {
            if line.hasPrefix("tcp-port ") { tcpPort = UInt16(line.dropFirst(9)) ?? 0 }
            if line.hasPrefix("pty ") { ptyPath = String(line.dropFirst(4)) }
        }
    }

    deinit { stop() }

    var log: String { process.output }

    /// Sends one control command; returns the reply line.
    @discardableResult
    func command(_ line: String) throws -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in controlPath.utf8.enumerated() { buffer[index] = byte }
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw TestFailure("cannot connect to \(controlPath)") }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, bytes.count) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !reply.contains(0x0A) {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, 256) }
            guard count > 0 else { break }
            reply += buffer[0..<count]
        }
        let text = String(decoding: reply, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("ok") else { throw TestFailure("simulator refused '\(line)': \(text)") }
        return text
    }

    /// Jobs stored so far.
    func jobs() throws -> [Job] {
        let index = folder.appendingPathComponent("jobs/jobs.jsonl")
        guard let text = try? String(contentsOf: index, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Job.self, from: Data($0.utf8)) }
    }

    /// Every byte the printer printed so far, across jobs, in order (`stream.bin`).
    func stream() -> [UInt8] {
        (try? Data(contentsOf: folder.appendingPathComponent("jobs/stream.bin"))).map { [UInt8]($0) } ?? []
    }

    /// The bytes of a stored job.
    func bytes(of job: Job) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("jobs/\(job.file)")))
    }

    func stop() { process?.stop() }

    func removeFiles() { try? FileManager.default.removeItem(at: folder) }
}
