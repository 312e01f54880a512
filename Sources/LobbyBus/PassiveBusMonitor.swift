import LobbyQueue
import LobbySerial
import LobbyWire

/// Listens on a port the daemon is not using and decodes whatever travels on it (a technician's
/// bus monitor). Opens the port read-only with a shared lock: it never transmits, and fails
/// with `inUse` while a bus master holds the port. On RS-485 it hears both the master and the
/// devices when its adapter is a second one attached to the same pair.
public final class PassiveBusMonitor {
    /// The port.
    public let port: SerialPort
    /// The protocol used to decode.
    public let busProtocol: BusProtocol
    /// A pause longer than this ends a partial frame (reported as undecodable).
    public var gapMicroseconds: UInt64
    private var splitter: WireFrameSplitter
    private let wallClock: @Sendable () -> Instant
    private var buffer = [UInt8](repeating: 0, count: 1024)

    /// Opens `endpoint` to listen at `baud`; the gap defaults to 20 ms or 4 byte times, whichever is longer.
    public init(
        endpoint: SerialEndpoint, baud: UInt32, busProtocol: BusProtocol, gapMicroseconds: UInt64? = nil,
        wallClock: @escaping @Sendable () -> Instant = BusRunner.systemWallClock
    ) throws(SerialPortError) {
        port = try SerialPort.open(endpoint, settings: .listening(baud: baud))
        self.busProtocol = busProtocol
        self.gapMicroseconds = gapMicroseconds ?? max(20_000, 40 * 1_000_000 / UInt64(max(baud, 1)))
        splitter = WireFrameSplitter(busProtocol: busProtocol)
        self.wallClock = wallClock
    }

    /// Closes the port.
    public func close() { port.close() }

    /// Reads and decodes until `deadline` (monotonic µs), `interrupt` becomes readable, or
    /// `onFrame` returns false. Port failures end the run with the error.
    public func run(until deadline: UInt64 = .max, interrupt: Int32 = -1, onFrame: (MonitoredFrame) -> Bool) throws(SerialPortError) {
        let bus = port.endpoint.description
        while true {
            let now = MonotonicClock.microseconds()
            guard now < deadline else { break }
            let waitUntil = splitter.pendingCount > 0 ? min(deadline, now + gapMicroseconds) : min(deadline, now + 1_000_000)
            let count = try port.read(into: &buffer, deadline: waitUntil, interrupt: interrupt)
            let chunks = count > 0 ? splitter.consume(Array(buffer[0..<count])) : splitter.flush()
            for chunk in chunks {
                let frame = MonitoredFrame(
                    chunk, direction: .observed, microseconds: MonotonicClock.microseconds(), wallClock: wallClock(), bus: bus,
                    busProtocol: busProtocol)
                if !onFrame(frame) { return }
            }
            if count == 0 && interrupt >= 0 && MonotonicClock.microseconds() < waitUntil { break }
        }
        for chunk in splitter.flush() {
            _ = onFrame(MonitoredFrame(
                chunk, direction: .observed, microseconds: MonotonicClock.microseconds(), wallClock: wallClock(), bus: bus,
                busProtocol: busProtocol))
        }
    }
}
