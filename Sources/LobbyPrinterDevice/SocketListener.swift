import CPseudoTerminal
#if canImport(Glibc)
import Glibc
#endif

/// Non-blocking listening sockets for simulators: TCP on loopback and Unix domain sockets.
public struct SocketListener: Sendable {
    /// The listening descriptor (non-blocking, close-on-exec).
    public let descriptor: Int32
    /// The TCP port (0 for Unix sockets).
    public let port: UInt16
    /// What it listens on, for messages.
    public let address: String

    /// Listens on 127.0.0.1:`port` (0 picks a free port).
    public static func tcpLoopback(port: UInt16) throws(DeviceError) -> SocketListener {
        let address = "127.0.0.1:\(port)"
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .openFailed(device: address, message: FileDescriptorChannel.errorText()) }
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            let message = FileDescriptorChannel.errorText()
            _ = close(descriptor)
            throw .openFailed(device: address, message: message)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let actual = UInt16(bigEndian: socketAddress.sin_port)
        return SocketListener(descriptor: descriptor, port: actual, address: "127.0.0.1:\(actual)")
    }

    /// Listens on a Unix domain socket at `path` (an old socket file there is replaced).
    public static func unixDomain(path: String) throws(DeviceError) -> SocketListener {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .openFailed(device: path, message: FileDescriptorChannel.errorText()) }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: socketAddress.sun_path) else {
            _ = close(descriptor)
            throw .openFailed(device: path, message: "socket path longer than \(MemoryLayout.size(ofValue: socketAddress.sun_path) - 1) bytes")
        }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        unlink(path)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(descriptor, 4) == 0 else {
            let message = FileDescriptorChannel.errorText()
            _ = close(descriptor)
            throw .openFailed(device: path, message: message)
        }
        return SocketListener(descriptor: descriptor, port: 0, address: path)
    }

    /// Accepts one pending connection (non-blocking), or nil when none is waiting.
    public func acceptConnection() -> Int32? {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else { return nil }
        _ = fcntl(connection, F_SETFL, fcntl(connection, F_GETFL) | O_NONBLOCK)
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
        return connection
    }
}

/// A pseudo-terminal pair: the simulator keeps the master (and a slave descriptor, so reads do
/// not fail while no client has the slave open); clients open `slavePath` like a serial port.
public struct PseudoTerminal: Sendable {
    /// Master side (non-blocking).
    public let master: Int32
    /// A slave descriptor kept open by the owner.
    public let heldSlave: Int32
    /// `/dev/pts/N`.
    public let slavePath: String

    /// Opens a pair with the slave in raw mode (no echo, no newline translation).
    public static func open() throws(DeviceError) -> PseudoTerminal {
        var name = [CChar](repeating: 0, count: 128)
        let master = lobby_open_pty_master(&name, name.count)
        guard master >= 0 else { throw .openFailed(device: "/dev/ptmx", message: FileDescriptorChannel.errorText()) }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slave = Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw .openFailed(device: path, message: FileDescriptorChannel.errorText()) }
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        tcsetattr(slave, TCSANOW, &settings)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        return PseudoTerminal(master: master, heldSlave: slave, slavePath: path)
    }
}
