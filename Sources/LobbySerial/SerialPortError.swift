#if canImport(Glibc)
    import Glibc
#endif

/// Why a serial port operation failed; says which port and which system call.
public enum SerialPortError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The device node is missing or went away (ENOENT, ENODEV, ENXIO, EIO, hang-up): reopen later.
    case deviceGone(port: String, errno: Int32)
    /// Another process holds the port (EBUSY, or the lock is taken).
    case inUse(port: String)
    /// The process may not open the port (EACCES, EPERM): check the udev group.
    case permissionDenied(port: String)
    /// The configured baud rate has no termios speed.
    case unsupportedBaud(port: String, baud: UInt32)
    /// A TCP endpoint (emulator UART) refused or dropped the connection.
    case connectionFailed(port: String, errno: Int32)
    /// Any other failure of a system call.
    case system(port: String, call: String, errno: Int32)

    /// Whether the error means the port should be reopened later (rather than a configuration fault).
    public var isTransient: Bool {
        switch self {
        case .deviceGone, .inUse, .connectionFailed: true
        case .permissionDenied, .unsupportedBaud, .system: false
        }
    }

    /// Classifies an errno of `call` on `port`.
    public static func classify(_ code: Int32, call: String, port: String) -> SerialPortError {
        switch code {
        case ENOENT, ENODEV, ENXIO, EIO, ENOTCONN, ESHUTDOWN: .deviceGone(port: port, errno: code)
        case EBUSY, EWOULDBLOCK: .inUse(port: port)
        case EACCES, EPERM: .permissionDenied(port: port)
        case ECONNREFUSED, ECONNRESET, EPIPE: .connectionFailed(port: port, errno: code)
        default: .system(port: port, call: call, errno: code)
        }
    }

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case .deviceGone(let port, let code): "serial port \(port) is gone (\(Self.name(code))); will reopen"
        case .inUse(let port): "serial port \(port) is in use by another process"
        case .permissionDenied(let port): "no permission to open serial port \(port) (group lobby, mode 0660?)"
        case .unsupportedBaud(let port, let baud): "serial port \(port): baud rate \(baud) is not supported"
        case .connectionFailed(let port, let code): "serial endpoint \(port): connection failed (\(Self.name(code)))"
        case .system(let port, let call, let code): "serial port \(port): \(call) failed (\(Self.name(code)))"
        }
    }

    private static func name(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: text)), errno \(code)"
    }
}
