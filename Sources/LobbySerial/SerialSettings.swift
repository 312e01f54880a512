/// Kernel RS-485 settings (`struct serial_rs485`) for ports whose driver switches direction.
public struct RS485Settings: Sendable, Equatable {
    /// Flag bits of `struct serial_rs485`.
    public struct Flags: OptionSet, Sendable, Equatable {
        /// The raw flag word.
        public let rawValue: UInt32
        /// Wraps a flag word.
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// SER_RS485_ENABLED.
        public static let enabled = Flags(rawValue: 1 << 0)
        /// SER_RS485_RTS_ON_SEND: RTS high while sending.
        public static let rtsOnSend = Flags(rawValue: 1 << 1)
        /// SER_RS485_RTS_AFTER_SEND: RTS high after sending.
        public static let rtsAfterSend = Flags(rawValue: 1 << 2)
        /// SER_RS485_RX_DURING_TX: receive own transmission.
        public static let receiveDuringTransmit = Flags(rawValue: 1 << 4)
        /// SER_RS485_TERMINATE_BUS: switch on the adapter's termination resistor.
        public static let terminateBus = Flags(rawValue: 1 << 5)
    }
    /// Flags to set.
    public var flags: Flags
    /// Milliseconds RTS is raised before sending.
    public var delayBeforeSendMilliseconds: UInt32
    /// Milliseconds RTS stays raised after sending.
    public var delayAfterSendMilliseconds: UInt32

    /// The usual setting: enabled, RTS on send, no delays.
    public init(flags: Flags = [.enabled, .rtsOnSend], delayBeforeSendMilliseconds: UInt32 = 0, delayAfterSendMilliseconds: UInt32 = 0) {
        self.flags = flags
        self.delayBeforeSendMilliseconds = delayBeforeSendMilliseconds
        self.delayAfterSendMilliseconds = delayAfterSendMilliseconds
    }
}

/// How to open a serial port.
public struct SerialSettings: Sendable, Equatable {
    /// Bits per second (8N1 always).
    public var baud: UInt32
    /// Kernel RS-485 mode to request, nil to leave the driver as it is.
    public var rs485: RS485Settings?
    /// Whether to take the port exclusively (TIOCEXCL and flock).
    public var exclusive: Bool
    /// Open for reading only, with a shared lock and no TIOCEXCL (a passive bus monitor): fails
    /// with `inUse` while a bus master holds the port.
    public var readOnly: Bool = false

    /// Creates settings; by default kernel RS-485 mode is requested where the driver has it.
    public init(baud: UInt32 = 115_200, rs485: RS485Settings? = RS485Settings(), exclusive: Bool = true) {
        self.baud = baud
        self.rs485 = rs485
        self.exclusive = exclusive
    }

    /// Settings of a passive listener: read-only, shared lock, the driver's RS-485 mode left alone.
    public static func listening(baud: UInt32) -> SerialSettings {
        var settings = SerialSettings(baud: baud, rs485: nil, exclusive: false)
        settings.readOnly = true
        return settings
    }
}

/// What became of the kernel RS-485 request when the port was opened.
public enum RS485Outcome: Sendable, Equatable {
    /// Not requested in the settings.
    case notRequested
    /// The driver accepted the settings.
    case enabled
    /// The driver has no RS-485 mode (ENOTTY/EINVAL: a pty, or a USB adapter that switches direction itself).
    case notApplicable(errno: Int32)
}

/// Where the bus is: a character device, or a TCP endpoint (an emulator's UART in tests).
public enum SerialEndpoint: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A tty path such as `/dev/lobby/rs485-hall`.
    case device(path: String)
    /// `tcp:HOST:PORT`.
    case tcp(host: String, port: UInt16)
    /// `unix:PATH`, a stream socket (an emulator's UART, a local serial proxy).
    case unix(path: String)

    /// Parses `tcp:HOST:PORT`, `unix:PATH` or a path.
    public init(parsing text: String) {
        if text.hasPrefix("unix:"), text.count > 5 {
            self = .unix(path: String(text.dropFirst(5)))
            return
        }
        if text.hasPrefix("tcp:") {
            let rest = text.dropFirst(4)
            if let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) {
                self = .tcp(host: String(rest[..<colon]), port: port)
                return
            }
        }
        self = .device(path: text)
    }

    /// The endpoint as written in configuration.
    public var description: String {
        switch self {
        case .device(let path): path
        case .tcp(let host, let port): "tcp:\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}

extension SerialEndpoint {
    /// Whether the endpoint is a socket (TCP or Unix), where a read of 0 bytes means the peer closed.
    public var isSocket: Bool {
        if case .device = self { return false }
        return true
    }
}
