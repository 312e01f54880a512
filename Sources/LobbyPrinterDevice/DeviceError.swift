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
    /// No such device is connected (a USB printer unplugged or switched off).
    case notFound(device: String, message: String)
    /// The device exists but this process may not open or claim it (permissions, another owner).
    case accessDenied(device: String, message: String)
    /// The device went away during an operation (USB unplugged mid-job).
    case unplugged(device: String, operation: String)

    /// True when retrying later can help (the device is absent, silent or went away); false when
    /// a person must act first (permissions, another program holding the device).
    public var isTransient: Bool {
        if case .accessDenied = self { return false }
        return true
    }

    /// A message that says what failed and where.
    public var description: String {
        switch self {
        case let .openFailed(device, message): "cannot open \(device): \(message)"
        case let .timedOut(device, operation, after): "\(device): \(operation) timed out after \(after)"
        case let .closedByDevice(device, operation): "\(device): connection closed by the device during \(operation)"
        case let .ioFailed(device, operation, message): "\(device): \(operation) failed: \(message)"
        case let .notFound(device, message): "\(device) is not connected: \(message)"
        case let .accessDenied(device, message): "\(device): access denied: \(message)"
        case let .unplugged(device, operation): "\(device) was unplugged during \(operation)"
        }
    }
}
