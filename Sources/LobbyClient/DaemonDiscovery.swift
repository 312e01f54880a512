import Foundation

/// Finds the Unix socket of the local lobbyd without options, and never silently reaches a
/// different daemon than the one asked for (Decision 0041):
///
/// - `$LOBBY_SOCKET`, when set, is the only socket tried; if it is missing or nothing answers
///   there, that is an error naming the variable (no fallback to the default places).
/// - Otherwise the default places are tried in order; a missing socket is skipped, a socket left
///   behind by a stopped lobbyd (connection refused) is skipped with a note, and a socket that
///   exists but may not be used (permission denied) stops the search with that error.
public enum DaemonDiscovery {
    /// What connecting to a socket path found.
    public enum Probe: Sendable, Hashable {
        /// Something accepted the connection.
        case answers
        /// No file at the path.
        case missing
        /// A socket file without a listener: left behind by a process that has stopped.
        case refused
        /// The socket exists but this user may not connect (group `lobby`).
        case denied
        /// Anything else, with the system's reason.
        case failed(String)
    }

    /// The outcome: the socket to use with notes on what was skipped, or why none can be used.
    public enum Outcome: Sendable, Hashable {
        /// Use `path`; `notes` tell what was skipped on the way (for standard error).
        case found(path: String, notes: [String])
        /// No socket can be used; the sentence says why and what to do.
        case failed(String)
    }

    /// The default places, in the order they are tried.
    public static func defaultPaths(environment: [String: String], uid: UInt32) -> [String] {
        var list = ["/run/lobby/lobbyd.sock"]
        if let xdg = environment["XDG_RUNTIME_DIR"], !xdg.isEmpty { list.append(xdg + "/lobby/lobbyd.sock") }
        list.append("/tmp/lobby-\(uid)/lobbyd.sock")
        return list
    }

    /// Decides which socket to use; `probe` connects to a path and says what it found.
    public static func locate(environment: [String: String], uid: UInt32, probe: (String) -> Probe) -> Outcome {
        if let chosen = environment["LOBBY_SOCKET"], !chosen.isEmpty {
            switch probe(chosen) {
            case .answers:
                return .found(path: chosen, notes: [])
            case .missing:
                return .failed("LOBBY_SOCKET names \(chosen), but no socket is there (lobbyd there has stopped, or the variable is stale); "
                    + "start that lobbyd, or unset LOBBY_SOCKET to use the default sockets, or give --socket or --url")
            case .refused:
                return .failed("LOBBY_SOCKET names \(chosen), but no lobbyd answers there (connection refused: the socket was left by a lobbyd that has stopped); "
                    + "start that lobbyd, or unset LOBBY_SOCKET to use the default sockets, or give --socket or --url")
            case .denied:
                return .failed("LOBBY_SOCKET names \(chosen), but this user may not connect to it (permission denied); run as a member of group lobby")
            case .failed(let reason):
                return .failed("LOBBY_SOCKET names \(chosen), which cannot be used: \(reason)")
            }
        }
        let candidates = defaultPaths(environment: environment, uid: uid)
        var notes: [String] = []
        for path in candidates {
            switch probe(path) {
            case .answers:
                return .found(path: path, notes: notes)
            case .missing:
                continue
            case .refused:
                notes.append("\(path) is left over from a lobbyd that has stopped (connection refused); skipped")
            case .denied:
                return .failed("lobbyd's socket \(path) exists, but this user may not connect to it (permission denied); run as a member of group lobby")
            case .failed(let reason):
                notes.append("\(path) cannot be used (\(reason)); skipped")
            }
        }
        let skipped = notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
        return .failed("lobbyd is not running: no socket answers at \(candidates.joined(separator: ", "))\(skipped); "
            + "start it (lobbyd --demo for the demo), or give --socket or --url")
    }

    /// Connects to the Unix socket at `path` and closes the connection again.
    public static func probe(_ path: String) -> Probe {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        do {
            try UnixSocket.connect(fd, to: path)
            return .answers
        } catch {
            switch error {
            case .pathTooLong: return .failed("the path is too long for a socket")
            case .system(ENOENT), .system(ENOTDIR): return .missing
            case .system(ECONNREFUSED): return .refused
            case .system(EACCES), .system(EPERM): return .denied
            case .system(let e): return .failed(String(cString: strerror(e)))
            }
        }
    }
}
