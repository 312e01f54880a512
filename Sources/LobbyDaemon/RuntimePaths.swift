import Foundation

/// Where lobbyd puts the socket and the demo's files without options (lobbyctl finds them with
/// `DaemonDiscovery`).
public enum RuntimePaths {
    /// The socket of a system installation (systemd `RuntimeDirectory=lobby`).
    public static let systemSocket = "/run/lobby/lobbyd.sock"

    /// A per-user runtime directory when /run/lobby is not writable.
    public static var userRuntimeDirectory: String {
        if let xdg = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !xdg.isEmpty { return xdg + "/lobby" }
        return "/tmp/lobby-\(getuid())"
    }

    /// The directory for the demo's socket: /run/lobby when it can be used, else the user's.
    public static func demoRuntimeDirectory() -> String {
        let fm = FileManager.default
        if let dir = ProcessInfo.processInfo.environment["LOBBY_RUNTIME_DIR"], !dir.isEmpty {
            try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return dir
        }
        if (try? fm.createDirectory(atPath: "/run/lobby", withIntermediateDirectories: true)) != nil, fm.isWritableFile(atPath: "/run/lobby") {
            return "/run/lobby"
        }
        return userRuntimeDirectory
    }

    /// The demo's state directory (configuration copy and journal).
    public static var demoStateDirectory: String {
        if let s = ProcessInfo.processInfo.environment["LOBBY_DEMO_DIR"], !s.isEmpty { return s }
        return NSTemporaryDirectory() + "lobby-demo-\(getuid())"
    }
}
