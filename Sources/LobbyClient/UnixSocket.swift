import Foundation

/// Connecting to a Unix domain socket by path (shared by the client and the discovery probe).
enum UnixSocket {
    /// Why a connection could not be made.
    enum Failure: Error {
        /// The path does not fit into `sockaddr_un`.
        case pathTooLong
        /// `connect` failed with this errno.
        case system(Int32)
    }

    /// Connects the stream socket `fd` to `path`.
    static func connect(_ fd: Int32, to path: String) throws(Failure) {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { throw .pathTooLong }
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if rc != 0 { throw .system(errno) }
    }
}
