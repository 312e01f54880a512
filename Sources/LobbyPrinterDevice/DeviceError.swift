/// A failure talking to a printer device; every case names the device (`host:port` or a path).
public enum DeviceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Could not connect or open.
    case openFailed(device: String, message: String)
    /// Nothing happened within the limit.
    case timedOut(device: String, operation: String, after: Duration)
    /// The device closed the connection.
    case closedByDevice(device: String, operation: String)
    /// A system call failed.
    case ioFailed(device: String, operation: String, message: String)

    /// A message that says what failed and where.
    public var description: String {
        switch self {
        case let .openFailed(device, message): "cannot open \(device): \(message)"
        case let .timedOut(device, operation, after): "\(device): \(operation) timed out after \(after)"
        case let .closedByDevice(device, operation): "\(device): connection closed by the device during \(operation)"
        case let .ioFailed(device, operation, message): "\(device): \(operation) failed: \(message)"
        }
    }
}
