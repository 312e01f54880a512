import Foundation
import Logging
import ServiceLifecycle

/// Talks to systemd when `$NOTIFY_SOCKET` is set: READY=1, WATCHDOG=1 at half `$WATCHDOG_USEC`, STOPPING=1.
public struct SystemdNotifier: Sendable {
    private let socketPath: String?

    /// Reads `$NOTIFY_SOCKET` from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether systemd asked for notifications.
    public var isEnabled: Bool { socketPath != nil }

    /// Sends one notification datagram; returns false when it could not be sent.
    @discardableResult
    public func notify(_ message: String) -> Bool {
        guard var path = socketPath else { return false }
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }  // abstract namespace
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in raw.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (path.hasPrefix("\0") ? 0 : 1))
        let sent = message.utf8CString.withUnsafeBufferPointer { buf in
            withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, buf.baseAddress, buf.count - 1, 0, $0, length) }
            }
        }
        return sent >= 0
    }
}

/// Sends WATCHDOG=1 while the daemon runs, STOPPING=1 when it begins to stop.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let interval: Duration?

    func run() async throws {
        await withGracefulShutdownHandler {
            try? await cancelWhenGracefulShutdown {
                guard let interval else {
                    try await Task.sleep(for: .seconds(86_400 * 365))
                    return
                }
                while true {
                    notifier.notify("WATCHDOG=1")
                    try await Task.sleep(for: interval)
                }
            }
        } onGracefulShutdown: {
            notifier.notify("STOPPING=1")
        }
    }
}
