import CLobbySerial

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal pair for tests and simulators: the slave path stands in for a serial
/// device, the master side is the simulated bus.
public final class PseudoTerminal: @unchecked Sendable {
    /// The master side (the simulated devices read and write here), -1 once closed.
    public private(set) var masterDescriptor: Int32
    /// A slave descriptor kept open so the master never sees a hang-up between port reopenings.
    private var keeperDescriptor: Int32
    /// The slave's path, e.g. `/dev/pts/7`.
    public let slavePath: String

    /// Opens a new pair with the slave in raw mode.
    public init() throws(SerialPortError) {
        var master: Int32 = -1
        var slave: Int32 = -1
        var path = [CChar](repeating: 0, count: 128)
        let result = lobby_serial_open_pty(&master, &slave, &path, path.count)
        guard result == 0 else { throw .system(port: "pty", call: "openpty", errno: -result) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        masterDescriptor = master
        keeperDescriptor = slave
        slavePath = path.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { close() }

    /// Closes both sides: the slave's users see the device disappear (EIO / hang-up).
    public func close() {
        if keeperDescriptor >= 0 {
            Glibc.close(keeperDescriptor)
            keeperDescriptor = -1
        }
        if masterDescriptor >= 0 {
            Glibc.close(masterDescriptor)
            masterDescriptor = -1
        }
    }
}
