import Foundation
import Glibc

/// A QMP session with the lab guest's QEMU over its unix socket (host side of the tests).
public final class QMPClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Why a QMP exchange failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Connects (retrying while QEMU creates the socket), reads the greeting and negotiates capabilities.
    public init(socketPath: String, timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var connected: Int32 = -1
        while connected < 0 {
            let candidate = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard candidate >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(socketPath.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                close(candidate)
                throw Failure(description: "QMP socket path too long: \(socketPath)")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in bytes.enumerated() { raw[index] = byte }
            }
            let status = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(candidate, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if status == 0 {
                connected = candidate
            } else {
                close(candidate)
                guard Date() < deadline else { throw Failure(description: "cannot connect to QMP at \(socketPath)") }
                usleep(50_000)
            }
        }
        fd = connected
        var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        _ = try message()  // greeting
        _ = try execute("qmp_capabilities")
    }

    deinit { close(fd) }

    /// Runs a command and returns its `return` value; events in between are skipped.
    @discardableResult
    public func execute(_ command: String, _ arguments: [String: Any]? = nil) throws -> Any? {
        var request: [String: Any] = ["execute": command]
        if let arguments { request["arguments"] = arguments }
        var data = try JSONSerialization.data(withJSONObject: request)
        data.append(0x0a)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw Failure(description: "\(command): write failed (errno \(errno))") }
        while true {
            let reply = try message()
            if reply["event"] != nil { continue }
            if let error = reply["error"] { throw Failure(description: "\(command): \(error)") }
            return reply["return"]
        }
    }

    /// `input-send-event` with abs/btn events for the usb-tablet (no `device`: there is no display).
    public func sendInput(x: Int? = nil, y: Int? = nil, leftButton: Bool? = nil) throws {
        var events: [[String: Any]] = []
        if let x { events.append(["type": "abs", "data": ["axis": "x", "value": x]]) }
        if let y { events.append(["type": "abs", "data": ["axis": "y", "value": y]]) }
        if let leftButton { events.append(["type": "btn", "data": ["down": leftButton, "button": "left"]]) }
        try execute("input-send-event", ["events": events])
    }

    private func message() throws -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: 0x0a) {
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw Failure(description: "QMP sent a non-object: \(String(decoding: line, as: UTF8.self))")
                }
                return object
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "QMP socket closed or timed out (errno \(errno))") }
            buffer += chunk[0..<count]
        }
    }
}
