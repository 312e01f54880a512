import CLobbySerial

#if canImport(Glibc)
    import Glibc
#endif

/// An open serial port (or a TCP or Unix socket endpoint) in raw 8N1 mode with deadline-bounded reads.
///
/// Not thread-safe: one owner (the bus runner's thread) reads and writes it.
public final class SerialPort {
    /// Where the port was opened.
    public let endpoint: SerialEndpoint
    /// The settings used.
    public let settings: SerialSettings
    /// What became of the kernel RS-485 request.
    public let rs485: RS485Outcome
    /// The file descriptor, -1 once closed.
    public private(set) var fileDescriptor: Int32

    private init(endpoint: SerialEndpoint, settings: SerialSettings, fd: Int32, rs485: RS485Outcome) {
        self.endpoint = endpoint
        self.settings = settings
        self.fileDescriptor = fd
        self.rs485 = rs485
    }

    deinit { close() }

    /// Opens `endpoint`: O_NOCTTY|O_NONBLOCK|O_CLOEXEC, exclusive use, raw mode, RS-485, flush.
    public static func open(_ endpoint: SerialEndpoint, settings: SerialSettings = SerialSettings()) throws(SerialPortError) -> SerialPort {
        switch endpoint {
        case .device(let path): return try openDevice(path: path, settings: settings, endpoint: endpoint)
        case .tcp(let host, let port): return try openTCP(host: host, port: port, settings: settings, endpoint: endpoint)
        case .unix(let path): return try openUnix(path: path, settings: settings, endpoint: endpoint)
        }
    }

    private static func openDevice(path: String, settings: SerialSettings, endpoint: SerialEndpoint) throws(SerialPortError) -> SerialPort {
        let fd = Glibc.open(path, (settings.readOnly ? O_RDONLY : O_RDWR) | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .classify(errno, call: "open", port: path) }
        func fail(_ code: Int32, _ call: String) -> SerialPortError {
            Glibc.close(fd)
            return .classify(code, call: call, port: path)
        }
        guard isatty(fd) == 1 else { throw fail(ENOTTY, "isatty") }
        if settings.readOnly {
            // Shared: several listeners may watch; a master's exclusive lock makes this fail.
            if flock(fd, LOCK_SH | LOCK_NB) != 0 { throw fail(errno == EWOULDBLOCK ? EBUSY : errno, "flock") }
        } else if settings.exclusive {
            // flock also works for root, whom TIOCEXCL does not stop.
            if flock(fd, LOCK_EX | LOCK_NB) != 0 { throw fail(errno == EWOULDBLOCK ? EBUSY : errno, "flock") }
            let result = lobby_serial_set_exclusive(fd)
            if result != 0 { throw fail(-result, "ioctl(TIOCEXCL)") }
        }
        let configured = lobby_serial_configure_raw(fd, settings.baud)
        if configured == -EINVAL {
            Glibc.close(fd)
            throw .unsupportedBaud(port: path, baud: settings.baud)
        }
        if configured != 0 { throw fail(-configured, "tcsetattr") }
        var outcome = RS485Outcome.notRequested
        if let rs485 = settings.rs485 {
            let result = lobby_serial_set_rs485(
                fd, rs485.flags.rawValue, rs485.delayBeforeSendMilliseconds, rs485.delayAfterSendMilliseconds)
            switch -result {
            case 0: outcome = .enabled
            case ENOTTY, EINVAL, EOPNOTSUPP: outcome = .notApplicable(errno: -result)
            default: throw fail(-result, "ioctl(TIOCSRS485)")
            }
        }
        let flushed = lobby_serial_flush(fd)
        if flushed != 0 { throw fail(-flushed, "tcflush") }
        return SerialPort(endpoint: endpoint, settings: settings, fd: fd, rs485: outcome)
    }

    private static func openTCP(host: String, port: UInt16, settings: SerialSettings, endpoint: SerialEndpoint) throws(SerialPortError) -> SerialPort {
        let name = endpoint.description
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .classify(errno, call: "socket", port: name) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            Glibc.close(fd)
            throw .system(port: name, call: "inet_pton", errno: EINVAL)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .connectionFailed(port: name, errno: code)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return SerialPort(endpoint: endpoint, settings: settings, fd: fd, rs485: .notRequested)
    }

    private static func openUnix(path: String, settings: SerialSettings, endpoint: SerialEndpoint) throws(SerialPortError) -> SerialPort {
        let name = endpoint.description
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw .system(port: name, call: "socket path", errno: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .classify(errno, call: "socket", port: name) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .connectionFailed(port: name, errno: code)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return SerialPort(endpoint: endpoint, settings: settings, fd: fd, rs485: .notRequested)
    }

    /// Closes the port (idempotent).
    public func close() {
        if fileDescriptor >= 0 {
            Glibc.close(fileDescriptor)
            fileDescriptor = -1
        }
    }

    /// Discards unread input and unsent output.
    public func discardPending() {
        guard fileDescriptor >= 0 else { return }
        if case .device = endpoint { _ = lobby_serial_flush(fileDescriptor) }
    }

    /// Writes every byte, waiting for the driver's buffer up to `deadline` (monotonic microseconds).
    public func write(_ bytes: [UInt8], deadline: UInt64) throws(SerialPortError) {
        var offset = 0
        while offset < bytes.count {
            guard fileDescriptor >= 0 else { throw .deviceGone(port: endpoint.description, errno: EBADF) }
            let written = bytes.withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            guard written < 0, code == EAGAIN || code == EINTR else {
                throw .classify(written == 0 ? EIO : code, call: "write", port: endpoint.description)
            }
            let now = MonotonicClock.microseconds()
            guard now < deadline else { throw .system(port: endpoint.description, call: "write (output stalled)", errno: ETIMEDOUT) }
            _ = try wait(events: Int16(POLLOUT), until: deadline, interrupt: -1)
        }
    }

    /// Reads what is available into `buffer` (up to its capacity), waiting until `deadline` for
    /// the first byte; returns 0 on timeout or when `interrupt` became readable.
    public func read(into buffer: inout [UInt8], deadline: UInt64, interrupt: Int32 = -1) throws(SerialPortError) -> Int {
        var readyButEmpty = 0
        while true {
            guard fileDescriptor >= 0 else { throw .deviceGone(port: endpoint.description, errno: EBADF) }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 { return count }
            if count == 0 {
                // A raw tty with VMIN=0 returns 0 when empty; a TCP peer returns 0 once it closed,
                // and so does a tty that poll(2) called readable twice without data (hung up).
                if endpoint.isSocket { throw .connectionFailed(port: endpoint.description, errno: ECONNRESET) }
                if readyButEmpty >= 2 { throw .deviceGone(port: endpoint.description, errno: EIO) }
            } else {
                let code = errno
                guard code == EAGAIN || code == EINTR else { throw .classify(code, call: "read", port: endpoint.description) }
            }
            guard try wait(events: Int16(POLLIN), until: deadline, interrupt: interrupt) else { return 0 }
            readyButEmpty += 1
        }
    }

    /// Waits until the port is ready for `events`; false on timeout or interrupt.
    private func wait(events: Int16, until deadline: UInt64, interrupt: Int32) throws(SerialPortError) -> Bool {
        var descriptors = [pollfd(fd: fileDescriptor, events: events, revents: 0), pollfd(fd: interrupt, events: Int16(POLLIN), revents: 0)]
        while true {
            let now = MonotonicClock.microseconds()
            guard now < deadline else { return false }
            let milliseconds = Int32(min((deadline - now + 999) / 1000, 60_000))
            let ready = poll(&descriptors, interrupt >= 0 ? 2 : 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .classify(errno, call: "poll", port: endpoint.description)
            }
            if ready == 0 { continue }
            if interrupt >= 0 && descriptors[1].revents != 0 { return false }
            let revents = descriptors[0].revents
            if revents & Int16(POLLNVAL) != 0 { throw .deviceGone(port: endpoint.description, errno: EBADF) }
            if revents & events != 0 { return true }
            if revents & Int16(POLLHUP | POLLERR) != 0 { throw .deviceGone(port: endpoint.description, errno: EIO) }
        }
    }
}
