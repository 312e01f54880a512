import Foundation
import Glibc

/// The host end of the guest's second serial port (QEMU `-serial chardev:…` on a unix socket):
/// `Tests/Lab/usb-printer-check.sh` reads one command per line from /dev/ttyS1.
final class GuestCommandPort {
    private let descriptor: Int32

    /// A failure to reach the port.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects, retrying while QEMU creates the socket.
    init(socketPath: String, timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let candidate = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard candidate >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(socketPath.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                close(candidate)
                throw Failure(description: "socket path too long: \(socketPath)")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in for (index, byte) in bytes.enumerated() { raw[index] = byte } }
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(candidate, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if status == 0 {
                descriptor = candidate
                return
            }
            close(candidate)
            guard Date() < deadline else { throw Failure(description: "cannot connect to \(socketPath)") }
            usleep(50_000)
        }
    }

    deinit { close(descriptor) }

    /// Sends one command line.
    func send(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(description: "write to the guest's ttyS1 failed (errno \(errno))") }
    }
}
