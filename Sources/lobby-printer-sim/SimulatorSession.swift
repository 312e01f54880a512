import LobbyPrinting

/// One byte stream into the simulated printer: a TCP connection (one job per connection) or the
/// pseudo-terminal (a job ends after a quiet gap).
final class SimulatorSession {
    let descriptor: Int32
    let transport: String
    var framer = EscPosStreamFramer()
    /// Job bytes received so far (status requests removed).
    var data: [UInt8] = []
    /// False once a job byte arrived while the printer could not print.
    var printed = true
    var lastActivity: ContinuousClock.Instant
    /// Bytes that arrived, status requests included.
    var receivedCount = 0

    init(descriptor: Int32, transport: String, now: ContinuousClock.Instant) {
        self.descriptor = descriptor
        self.transport = transport
        self.lastActivity = now
    }

    /// Takes the finished job out of the session.
    func takeJob() -> (data: [UInt8], printed: Bool) {
        defer {
            data.removeAll()
            printed = true
            framer = EscPosStreamFramer()
        }
        return (data, printed)
    }
}
