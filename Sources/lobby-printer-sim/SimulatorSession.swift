/// One byte stream into the simulated printer: a TCP connection (one job per connection) or the
/// pseudo-terminal (a job ends after a quiet gap). Received bytes wait in the receive buffer
/// until the print engine takes them, in order; a `GS r` request in the buffer is answered when
/// the engine reaches it, a `DLE EOT` request as soon as it is received. The command
/// interpreter belongs to the printer, not to the session (an unfinished raster command swallows
/// the next connection's bytes, as on a real printer).
final class SimulatorSession {
    /// What waits in the receive buffer.
    enum Queued {
        /// Job bytes.
        case data([UInt8])
        /// A `GS r n` request, answered once everything before it is printed.
        case transmitStatus(UInt8)
    }

    /// The descriptor; -1 once a TCP connection was closed (the buffer may still be printing).
    var descriptor: Int32
    let transport: String
    /// The receive buffer, oldest first.
    var queue: [Queued] = []
    /// Job bytes in `queue`.
    var queuedBytes = 0
    /// Job bytes printed (or dropped) so far for the current job (status requests removed).
    var data: [UInt8] = []
    /// False once a job byte was taken while the printer could not print.
    var printed = true
    var lastActivity: ContinuousClock.Instant
    /// Bytes that arrived, status requests included.
    var receivedCount = 0
    /// True once the TCP peer closed the connection: the job ends when the buffer is empty.
    var closing = false

    init(descriptor: Int32, transport: String, now: ContinuousClock.Instant) {
        self.descriptor = descriptor
        self.transport = transport
        self.lastActivity = now
    }

    /// Puts framed bytes into the receive buffer.
    func enqueue(_ item: Queued) {
        if case let .data(bytes) = item {
            queuedBytes += bytes.count
            if case let .data(previous)? = queue.last {
                queue[queue.count - 1] = .data(previous + bytes)
                return
            }
        }
        queue.append(item)
    }

    /// Takes up to `limit` job bytes from the head of the buffer; stops at a `GS r` request,
    /// which it returns instead (so it is answered in order).
    func dequeue(upTo limit: Int) -> (bytes: [UInt8], transmitStatus: UInt8?) {
        guard let first = queue.first else { return ([], nil) }
        switch first {
        case let .transmitStatus(n):
            queue.removeFirst()
            return ([], n)
        case let .data(bytes):
            let count = min(limit, bytes.count)
            if count == bytes.count { queue.removeFirst() } else { queue[0] = .data(Array(bytes[count...])) }
            queuedBytes -= count
            return (Array(bytes[0..<count]), nil)
        }
    }

    /// Takes the finished job out of the session.
    func takeJob() -> (data: [UInt8], printed: Bool) {
        defer {
            data.removeAll()
            printed = true
        }
        return (data, printed)
    }
}
