@preconcurrency import Glibc
import LobbyEscPos
import LobbyPrinterDevice
import LobbyPrinting

/// The simulated ESC/POS printer: one poll loop over the TCP listener, its connections, the
/// pseudo-terminal and the control socket. Stores every job it receives in `outputFolder`
/// (`job-0001.bin` … and one JSON line per job in `jobs.jsonl`) and answers `DLE EOT n`
/// according to its condition.
final class PrinterSimulator {
    var control = SimulatorControl()
    let outputFolder: String
    let jobGap: Duration
    private let tcp: SocketListener?
    private let pty: PseudoTerminal?
    private let controlListener: SocketListener?
    private var sessions: [Int32: SimulatorSession] = [:]
    private var controlConnections: [Int32: [UInt8]] = [:]
    private var jobCount = 0
    private var printedCount = 0
    private var allowance = 0.0
    private var lastRefill = ContinuousClock.now
    private let clock = ContinuousClock()

    init(tcp: SocketListener?, pty: PseudoTerminal?, control: SocketListener?, outputFolder: String, jobGap: Duration) {
        self.tcp = tcp
        self.pty = pty
        self.controlListener = control
        self.outputFolder = outputFolder
        self.jobGap = jobGap
        if let pty { sessions[pty.master] = SimulatorSession(descriptor: pty.master, transport: "pty", now: clock.now) }
    }

    /// Runs until `shouldStop` returns true.
    func run(until shouldStop: () -> Bool) {
        while !shouldStop() {
            refillAllowance()
            var entries: [pollfd] = []
            let reading = control.bytesPerSecond == 0 || allowance >= 1
            if let tcp { entries.append(pollfd(fd: tcp.descriptor, events: Int16(POLLIN), revents: 0)) }
            if let controlListener { entries.append(pollfd(fd: controlListener.descriptor, events: Int16(POLLIN), revents: 0)) }
            for descriptor in sessions.keys { entries.append(pollfd(fd: descriptor, events: reading ? Int16(POLLIN) : 0, revents: 0)) }
            for descriptor in controlConnections.keys { entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&entries, nfds_t(entries.count), 20)
            if ready < 0, errno != EINTR { break }
            for entry in entries where entry.revents != 0 { handle(entry.fd, entry.revents) }
            endQuietPseudoTerminalJob()
        }
        for session in sessions.values where session.transport == "tcp" { finishJob(of: session) }
        if let pty, let session = sessions[pty.master] { finishJob(of: session) }
    }

    private func refillAllowance() {
        let now = clock.now
        let elapsed = lastRefill.duration(to: now)
        lastRefill = now
        guard control.bytesPerSecond > 0 else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        allowance = min(allowance + seconds * Double(control.bytesPerSecond), max(1, Double(control.bytesPerSecond) / 10))
    }

    private func handle(_ descriptor: Int32, _ events: Int16) {
        if descriptor == tcp?.descriptor {
            while let connection = tcp?.acceptConnection() {
                var one: Int32 = 1
                _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                sessions[connection] = SimulatorSession(descriptor: connection, transport: "tcp", now: clock.now)
            }
        } else if descriptor == controlListener?.descriptor {
            while let connection = controlListener?.acceptConnection() { controlConnections[connection] = [] }
        } else if let session = sessions[descriptor] {
            readJobBytes(session)
        } else if controlConnections[descriptor] != nil {
            readControl(descriptor)
        }
    }

    private func readJobBytes(_ session: SimulatorSession) {
        var limit = 65536
        if control.bytesPerSecond > 0 { limit = max(0, min(limit, Int(allowance))) }
        guard limit > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { read(session.descriptor, $0.baseAddress!, limit) }
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
            if session.transport == "tcp" {
                finishJob(of: session)
                sessions[session.descriptor] = nil
                close(session.descriptor)
            }
            return
        }
        guard count > 0 else { return }
        if control.bytesPerSecond > 0 { allowance -= Double(count) }
        session.lastActivity = clock.now
        session.receivedCount += count
        var replies: [UInt8] = []
        defer {
            // One write for all replies to this chunk (no Nagle/delayed-ACK stall between them).
            if !replies.isEmpty { _ = replies.withUnsafeBytes { write(session.descriptor, $0.baseAddress!, replies.count) } }
        }
        for event in session.framer.consume(buffer[0..<count]) {
            switch event {
            case let .statusRequest(kind):
                if let reply = control.condition.reply(to: kind) { replies.append(reply) }
            case let .data(bytes):
                for byte in bytes {
                    if let remaining = control.paperOutAfter {
                        if remaining == 0 {
                            control.condition.paper = .out
                            control.paperOutAfter = nil
                        } else {
                            control.paperOutAfter = remaining - 1
                        }
                    }
                    if !control.condition.prints { session.printed = false }
                    session.data.append(byte)
                }
            }
        }
    }

    private func endQuietPseudoTerminalJob() {
        guard let pty, let session = sessions[pty.master], !session.data.isEmpty,
              session.lastActivity.duration(to: clock.now) >= jobGap else { return }
        finishJob(of: session)
    }

    private func finishJob(of session: SimulatorSession) {
        let job = session.takeJob()
        guard !job.data.isEmpty else { return }
        jobCount += 1
        if job.printed { printedCount += 1 }
        let name = "job-" + String(repeating: "0", count: max(0, 4 - String(jobCount).count)) + String(jobCount) + ".bin"
        let summary = JobSummary.describe(job.data)
        writeFile(outputFolder + "/" + name, job.data)
        let line = "{\"job\":\(jobCount),\"file\":\"\(name)\",\"transport\":\"\(session.transport)\",\"bytes\":\(job.data.count),"
            + "\"printed\":\(job.printed),\"condition\":\"\(control.condition.name)\",\"images\":\(summary.images),\"cuts\":\(summary.cuts)}\n"
        appendFile(outputFolder + "/jobs.jsonl", Array(line.utf8))
        emit("job \(jobCount) \(session.transport) \(job.data.count) bytes \(job.printed ? "printed" : "NOT printed (\(control.condition.name))"): \(summary.text)")
    }

    private func readControl(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, 512) }
        if count <= 0 {
            if count == 0 || (errno != EAGAIN && errno != EINTR) {
                controlConnections[descriptor] = nil
                close(descriptor)
            }
            return
        }
        var pending = (controlConnections[descriptor] ?? []) + buffer[0..<count]
        while let newline = pending.firstIndex(of: 0x0A) {
            let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharactersInWhitespace()
            pending.removeSubrange(...newline)
            let reply: String
            if let problem = control.apply(line) {
                reply = "error \(problem)\n"
            } else {
                reply = "ok condition=\(control.condition.name) rate=\(control.bytesPerSecond) jobs=\(jobCount) printed=\(printedCount)\n"
                emit("control: \(line) -> \(control.condition.name)")
            }
            let bytes = Array(reply.utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, bytes.count) }
        }
        controlConnections[descriptor] = pending
    }
}

/// Prints one line on stdout at once (the tests read it through a pipe).
func emit(_ line: String) {
    fputs(line + "\n", stdout)
    fflush(stdout)
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return emit("error: cannot write \(path): \(String(cString: strerror(errno)))") }
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, bytes.count) }
    close(descriptor)
}

func appendFile(_ path: String, _ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return emit("error: cannot write \(path): \(String(cString: strerror(errno)))") }
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, bytes.count) }
    close(descriptor)
}

extension String {
    func trimmingCharactersInWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
