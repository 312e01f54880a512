import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The fault tier's network side: idle and half-sent connections, floods past the file limit,
/// streams that never write, a port already taken, and how long a stop may take.
@Suite("Faults: connections and stopping", .tags(.host), .serialized)
struct ConnectionFaultTests {
    static let tech = "tech-token-1234567"

    /// Opens a TCP connection to lobbyd and optionally sends `text`; returns the descriptor.
    static func connection(_ port: Int, sending text: String? = nil) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else {
            close(fd)
            return -1
        }
        if let text { _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        return fd
    }

    /// Whether the peer closed `fd` (a read returns 0 or fails) within `seconds`.
    static func closedByPeer(_ fd: Int32, within seconds: Double) -> Bool {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    static func start(_ scratch: Scratch, extra: String = "") throws -> DaemonProcess {
        let config = scratch.path + "/lobby.yaml"
        var text = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        text = text.replacingOccurrences(of: "  maxBodyBytes: 4096\n", with: "  maxBodyBytes: 4096\n" + extra)
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return try DaemonProcess(arguments: ["--config", config], scratch: scratch)
    }

    @Test("a half-sent request head and an idle connection are closed after the header timeout")
    func halfSentHeads() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try Self.start(scratch, extra: "  headerTimeoutSeconds: 2\n  idleTimeoutSeconds: 2\n")
        defer { d.stop() }
        let half = Self.connection(d.port, sending: "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        let idle = Self.connection(d.port)
        defer { close(half); close(idle) }
        #expect(Self.closedByPeer(half, within: 10), "a half-sent head was kept open")
        #expect(Self.closedByPeer(idle, within: 10), "a connection that never sent a request was kept open")
        // A kept-alive connection is closed after its idle time too.
        let keep = Self.connection(d.port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        defer { close(keep) }
        #expect(Self.closedByPeer(keep, within: 10))
    }

    @Test("1,100 idle connections do not stop service: the API answers, and the oldest idle ones make way")
    func idleFlood() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try Self.start(scratch)
        defer { d.stop() }
        var flood: [Int32] = []
        defer { for fd in flood { close(fd) } }
        for _ in 0..<1_100 {
            let fd = Self.connection(d.port)
            if fd >= 0 { flood.append(fd) }
        }
        #expect(flood.count > 1_000, "the test could not open its connections (file limit of the test process?)")
        for _ in 0..<5 {
            let r = try rawRequest(port: d.port, method: "GET", path: "/api/v1/status", body: "", token: Self.tech)
            #expect(r.status == 200)
        }
        let socketClient = d.socketClient()
        #expect(try socketClient.send("GET", "/api/v1/status").status == 200, "lobbyctl's socket stopped answering")
        #expect(d.process.isRunning)
    }

    @Test("SIGTERM with open event streams that never write: lobbyd stops within its bound, TCP before the socket")
    func stopWithSilentStreams() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try Self.start(scratch)
        let streams = [
            Self.connection(d.port, sending: "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.tech)\r\n\r\n"),
            Self.connection(d.port, sending: "GET /api/v1/display/events HTTP/1.1\r\nHost: x\r\n\r\n"),
        ]
        defer { for fd in streams { close(fd) } }
        // A stream whose client went away without a word (as after Ctrl-C).
        let gone = Self.connection(d.port, sending: "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.tech)\r\n\r\n")
        usleep(300_000)
        close(gone)
        usleep(200_000)
        let started = Date()
        kill(d.process.processIdentifier, SIGTERM)
        try eventually("lobbyd has stopped", seconds: 20) { !d.process.isRunning }
        let took = Date().timeIntervalSince(started)
        #expect(took < 16, "lobbyd took \(took) s to stop; the stated bound is 15 s")
        #expect(d.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: d.socket), "the socket file stays after a stop")
    }

    @Test("a port already taken: lobbyd exits non-zero at once and names the address")
    func portTaken() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        listen(holder, 1)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .replacingOccurrences(of: "listen: 127.0.0.1:0", with: "listen: 127.0.0.1:\(port)")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Built.executable("lobbyd"))
        p.arguments = ["--config", config]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { usleep(50_000) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus != 0)
        #expect(text.contains("cannot listen on 127.0.0.1:\(port)") && text.contains("Address already in use"), "\(text)")
    }

    @Test("the systemd unit has no reload that stops the centre, a file limit, and a stop bound above lobbyd's own")
    func unitFile() throws {
        let unit = try String(contentsOf: Built.repository.appendingPathComponent("systemd/lobbyd.service"), encoding: .utf8)
        #expect(!unit.contains("ExecReload"))
        #expect(unit.contains("LimitNOFILE="))
        let stop = unit.split(separator: "\n").first { $0.hasPrefix("TimeoutStopSec=") }.flatMap { Int($0.dropFirst("TimeoutStopSec=".count).dropLast()) }
        #expect((stop ?? 0) > 15)
    }
}
