@preconcurrency import Glibc
import LobbyEscPos
import LobbyPrinterDevice
import LobbyPrinting

/// The simulated ESC/POS printer: one poll loop over the TCP listener, its connections, the
/// pseudo-terminal and the control socket. It behaves like a device at its real speed: bytes
/// cross the pty's wire at the configured baud rate, wait in a receive buffer of the configured
/// size (while it is full nothing more is read, so the sender is held back), and leave it at the
/// print rate. `DLE EOT n` is answered when received, `GS r n` when the print engine reaches it.
/// Stores every job it receives in `outputFolder` (`job-0001.bin` … and one JSON line per job in
/// `jobs.jsonl`) and every printed byte, across jobs and transports, in `stream.bin`.
final class PrinterSimulator {
    var control = SimulatorControl()
    let outputFolder: String
    let jobGap: Duration
    private let tcp: SocketListener?
    private let pty: PseudoTerminal?
    private let controlListener: SocketListener?
    /// Open sessions by descriptor.
    private var sessions: [Int32: SimulatorSession] = [:]
    /// Sessions whose bytes wait for the print engine, in arrival order (closed TCP sessions too).
    private var engineQueue: [SimulatorSession] = []
    /// Closed TCP sessions whose job is not finished yet (bytes still printing).
    private var closed: [SimulatorSession] = []
    /// The printer's command interpreter: one for all transports, like a real printer's.
    private var framer = EscPosStreamFramer()
    private var controlConnections: [Int32: [UInt8]] = [:]
    private var jobCount = 0
    private var printedCount = 0
    private var printBudget = 0.0
    private var wireBudget = 0.0
    private let clock = ContinuousClock()
    private var lastTick = ContinuousClock.now

    init(tcp: SocketListener?, pty: PseudoTerminal?, control: SocketListener?, outputFolder: String, jobGap: Duration) {
        self.tcp = tcp
        self.pty = pty
        self.controlListener = control
        self.outputFolder = outputFolder
        self.jobGap = jobGap
        if let pty { sessions[pty.master] = SimulatorSession(descriptor: pty.master, transport: "pty", now: clock.now) }
    }

    private var queuedBytes: Int { engineQueue.reduce(0) { $0 + $1.queuedBytes } }

    /// Runs until `shouldStop` returns true.
    func run(until shouldStop: () -> Bool) {
        while !shouldStop() {
            tick()
            var entries: [pollfd] = []
            if let tcp { entries.append(pollfd(fd: tcp.descriptor, events: Int16(POLLIN), revents: 0)) }
            if let controlListener { entries.append(pollfd(fd: controlListener.descriptor, events: Int16(POLLIN), revents: 0)) }
            // A session is watched only while the printer takes data: a full buffer holds the sender back.
            for session in sessions.values where canRead(session) {
                entries.append(pollfd(fd: session.descriptor, events: Int16(POLLIN), revents: 0))
            }
            for descriptor in controlConnections.keys { entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
            let busy = !engineQueue.isEmpty || (control.wireBytesPerSecond > 0 && wireBudget < 1)
            let ready = poll(&entries, nfds_t(entries.count), busy ? 5 : 20)
            if ready < 0, errno != EINTR { break }
            for entry in entries where entry.revents != 0 { handle(entry.fd, entry.revents) }
            tick()
            endFinishedJobs()
        }
        for session in Array(sessions.values) + closed where !session.data.isEmpty { finishJob(of: session) }
    }

    private func canRead(_ session: SimulatorSession) -> Bool {
        guard !control.isStalled, queuedBytes < control.bufferBytes else { return false }
        return session.transport != "pty" || control.wireBytesPerSecond == 0 || wireBudget >= 1
    }

    /// Advances the wire and the print engine to now.
    private func tick() {
        let now = clock.now
        let elapsed = lastTick.duration(to: now)
        lastTick = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if control.wireBytesPerSecond > 0 {
            wireBudget = min(wireBudget + seconds * control.wireBytesPerSecond, max(1, control.wireBytesPerSecond / 20))
        }
        if control.bytesPerSecond > 0 {
            printBudget = min(printBudget + seconds * control.bytesPerSecond, max(1, control.bytesPerSecond / 20))
        }
        runPrintEngine()
    }

    /// The print engine: takes bytes from the receive buffer in order at the print rate.
    private func runPrintEngine() {
        while let session = engineQueue.first, !control.isStalled {
            let canPrint = control.condition.prints
            // A printer that cannot print drops what it receives (the job is marked not printed).
            let limited = control.bytesPerSecond > 0 && canPrint
            let limit = limited ? Int(printBudget) : Int.max
            guard limit > 0 else { return }
            let (bytes, transmitStatus) = session.dequeue(upTo: limit)
            if let n = transmitStatus {
                if let reply = control.condition.transmitStatusReply(n) { send([reply], to: session) }
            } else if bytes.isEmpty {
                engineQueue.removeFirst()
                continue
            }
            if limited { printBudget -= Double(bytes.count) }
            for _ in bytes {
                if let remaining = control.paperOutAfter {
                    if remaining == 0 {
                        control.condition.paper = .out
                        control.paperOutAfter = nil
                    } else {
                        control.paperOutAfter = remaining - 1
                    }
                }
                if !control.condition.prints { session.printed = false }
            }
            session.data += bytes
            appendFile(outputFolder + "/stream.bin", bytes)
            if session.queue.isEmpty { engineQueue.removeFirst() }
        }
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
        var limit = max(0, min(65536, control.bufferBytes - queuedBytes))
        if session.transport == "pty", control.wireBytesPerSecond > 0 { limit = min(limit, Int(wireBudget)) }
        guard limit > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { read(session.descriptor, $0.baseAddress!, limit) }
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
            if session.transport == "tcp" {
                sessions[session.descriptor] = nil
                close(session.descriptor)
                session.descriptor = -1
                session.closing = true
                closed.append(session)
            }
            return
        }
        guard count > 0 else { return }
        if session.transport == "pty", control.wireBytesPerSecond > 0 { wireBudget -= Double(count) }
        session.lastActivity = clock.now
        session.receivedCount += count
        var replies: [UInt8] = []
        for event in framer.consume(buffer[0..<count]) {
            switch event {
            case let .statusRequest(kind):
                if let reply = control.condition.reply(to: kind) { replies.append(reply) }
            case let .transmitStatus(n):
                session.enqueue(.transmitStatus(n))
                if !engineQueue.contains(where: { $0 === session }) { engineQueue.append(session) }
            case let .data(bytes):
                session.enqueue(.data(bytes))
                if !engineQueue.contains(where: { $0 === session }) { engineQueue.append(session) }
            }
        }
        // One write for all replies to this chunk (no Nagle/delayed-ACK stall between them).
        send(replies, to: session)
    }

    private func send(_ bytes: [UInt8], to session: SimulatorSession) {
        guard !bytes.isEmpty, session.descriptor >= 0 else { return }
        _ = bytes.withUnsafeBytes { write(session.descriptor, $0.baseAddress!, bytes.count) }
    }

    /// Ends TCP jobs whose connection closed and whose bytes are all printed, and pty jobs after
    /// a quiet gap once printed.
    private func endFinishedJobs() {
        for session in Array(sessions.values) + closed where session.queue.isEmpty && !session.data.isEmpty {
            if session.closing || (session.transport == "pty" && session.lastActivity.duration(to: clock.now) >= jobGap) {
                finishJob(of: session)
            }
        }
        closed.removeAll { $0.queue.isEmpty }
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
            + "\"printed\":\(job.printed),\"condition\":\"\(control.conditionName)\",\"images\":\(summary.images),\"cuts\":\(summary.cuts)}\n"
        appendFile(outputFolder + "/jobs.jsonl", Array(line.utf8))
        emit("job \(jobCount) \(session.transport) \(job.data.count) bytes \(job.printed ? "printed" : "NOT printed (\(control.conditionName))"): \(summary.text)")
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
                reply = "ok condition=\(control.conditionName) rate=\(Int(control.bytesPerSecond)) jobs=\(jobCount) printed=\(printedCount)\n"
                emit("control: \(line) -> \(control.conditionName)")
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
