#if canImport(Glibc)
import Glibc
#endif
import LobbyPrinting

/// Opens the channel a `BackendTransport` names: a TCP connection or a serial port in raw 8N1.
public enum PrinterConnector {
    /// Connects or opens within `timeout`.
    public static func open(_ transport: BackendTransport, timeout: Duration) throws(DeviceError) -> FileDescriptorChannel {
        switch transport {
        case let .tcp(host, port): try connectTCP(host: host, port: port, timeout: timeout)
        case let .serial(path, baud, flow): try openSerial(path: path, baud: baud, hardwareFlowControl: flow)
        case let .usb(address):
            throw .openFailed(device: address.description, message: "USB printers are opened with USBPrinterChannel (LobbyUSBPrinter), not a file descriptor")
        }
    }

    /// A non-blocking TCP connection; tries each address of `host` until one connects.
    public static func connectTCP(host: String, port: UInt16, timeout: Duration) throws(DeviceError) -> FileDescriptorChannel {
        let device = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .openFailed(device: device, message: "cannot resolve host: \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: DeviceError = .openFailed(device: device, message: "no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let socketDescriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), address.pointee.ai_protocol)
            guard socketDescriptor >= 0 else { continue }
            var one: Int32 = 1
            _ = setsockopt(socketDescriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let channel = FileDescriptorChannel(descriptor: socketDescriptor, device: device)
            if connect(socketDescriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return channel }
            guard errno == EINPROGRESS else {
                lastError = .openFailed(device: device, message: FileDescriptorChannel.errorText())
                continue
            }
            do {
                try channel.waitFor(events: Int16(POLLOUT), timeout: timeout, operation: "connect")
            } catch {
                lastError = error
                continue
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(socketDescriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
            if socketError == 0 { return channel }
            lastError = .openFailed(device: device, message: FileDescriptorChannel.errorText(socketError))
        }
        throw lastError
    }

    /// A serial port in raw mode (8 data bits, no parity, 1 stop bit) at `baud`.
    public static func openSerial(path: String, baud: Int, hardwareFlowControl: Bool) throws(DeviceError) -> FileDescriptorChannel {
        let descriptor = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .openFailed(device: path, message: FileDescriptorChannel.errorText()) }
        let channel = FileDescriptorChannel(descriptor: descriptor, device: path)
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else {
            throw .openFailed(device: path, message: "not a serial port: \(FileDescriptorChannel.errorText())")
        }
        cfmakeraw(&settings)
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
        settings.c_cflag &= ~tcflag_t(CSTOPB | PARENB)
        if hardwareFlowControl { settings.c_cflag |= tcflag_t(CRTSCTS) } else { settings.c_cflag &= ~tcflag_t(CRTSCTS) }
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        let speed = speedConstant(baud)
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
        guard tcsetattr(descriptor, TCSANOW, &settings) == 0 else {
            throw .openFailed(device: path, message: "cannot set \(baud) 8N1: \(FileDescriptorChannel.errorText())")
        }
        // Drop stale input (late replies) only: output still queued from the previous job (the
        // end of a cancelled raster band, the reset) must reach the printer.
        tcflush(descriptor, TCIFLUSH)
        return channel
    }

    static func speedConstant(_ baud: Int) -> speed_t {
        switch baud {
        case 1200: speed_t(B1200)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 9600: speed_t(B9600)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115_200: speed_t(B115200)
        default: speed_t(B19200)
        }
    }
}
