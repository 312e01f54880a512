import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// lobbyctl finds lobbyd's socket without options, and never silently reaches another daemon.
@Suite("lobbyctl finds its daemon", .tags(.host), .serialized)
struct LobbyctlDiscoveryTests {
    static let run = "/run/lobby/lobbyd.sock"
    static let xdg = "/x/lobby/lobbyd.sock"
    static let tmp = "/tmp/lobby-7/lobbyd.sock"

    static func locate(_ environment: [String: String], _ found: [String: DaemonDiscovery.Probe]) -> DaemonDiscovery.Outcome {
        DaemonDiscovery.locate(environment: environment, uid: 7) { found[$0] ?? .missing }
    }

    @Test("$LOBBY_SOCKET is the only socket tried: missing, stale or forbidden is an error naming it")
    func explicitSocket() {
        let others: [String: DaemonDiscovery.Probe] = [Self.run: .answers, Self.xdg: .answers]
        #expect(Self.locate(["LOBBY_SOCKET": "/s/a.sock"], others.merging(["/s/a.sock": .answers]) { $1 }) == .found(path: "/s/a.sock", notes: []))
        guard case .failed(let missing) = Self.locate(["LOBBY_SOCKET": "/s/a.sock", "XDG_RUNTIME_DIR": "/x"], others) else {
            Issue.record("a missing $LOBBY_SOCKET must not fall back to another daemon")
            return
        }
        #expect(missing.hasPrefix("LOBBY_SOCKET names /s/a.sock, but no socket is there"))
        guard case .failed(let stale) = Self.locate(["LOBBY_SOCKET": "/s/a.sock"], others.merging(["/s/a.sock": .refused]) { $1 }) else {
            Issue.record("a stale $LOBBY_SOCKET must not fall back to another daemon")
            return
        }
        #expect(stale.contains("connection refused: the socket was left by a lobbyd that has stopped"))
        guard case .failed(let denied) = Self.locate(["LOBBY_SOCKET": "/s/a.sock"], ["/s/a.sock": .denied]) else {
            Issue.record("expected an error")
            return
        }
        #expect(denied.contains("permission denied"))
    }

    @Test("the default places in order: missing ones skipped, stale ones skipped with a note, forbidden ones stop the search")
    func defaultPlaces() {
        #expect(DaemonDiscovery.defaultPaths(environment: ["XDG_RUNTIME_DIR": "/x"], uid: 7) == [Self.run, Self.xdg, Self.tmp])
        #expect(Self.locate(["XDG_RUNTIME_DIR": "/x"], [Self.xdg: .answers, Self.tmp: .answers]) == .found(path: Self.xdg, notes: []))
        #expect(Self.locate(["XDG_RUNTIME_DIR": "/x", "LOBBY_SOCKET": ""], [Self.run: .refused, Self.tmp: .answers])
            == .found(path: Self.tmp, notes: ["\(Self.run) is left over from a lobbyd that has stopped (connection refused); skipped"]))
        guard case .failed(let denied) = Self.locate(["XDG_RUNTIME_DIR": "/x"], [Self.run: .denied, Self.xdg: .answers]) else {
            Issue.record("a socket this user may not use must not be passed over for another daemon")
            return
        }
        #expect(denied.contains("\(Self.run) exists, but this user may not connect to it"))
        guard case .failed(let none) = Self.locate([:], [Self.run: .refused]) else {
            Issue.record("expected an error")
            return
        }
        #expect(none.hasPrefix("lobbyd is not running: no socket answers at \(Self.run), /tmp/lobby-7/lobbyd.sock (\(Self.run) is left over"))
    }

    @Test("against real daemons: a stale $LOBBY_SOCKET is refused with exit 3 though another lobbyd runs; status says which daemon it reached")
    func realDaemons() throws {
        if FileManager.default.fileExists(atPath: Self.run) { return }  // a real lobbyd runs on this machine and would be found first
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let runtime = scratch.path + "/runtime"
        try FileManager.default.createDirectory(atPath: runtime + "/lobby", withIntermediateDirectories: true)
        let socket = runtime + "/lobby/lobbyd.sock"
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: socket).write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { d.stop() }

        // $LOBBY_SOCKET names a daemon that is gone: no fallback to the one in the runtime directory.
        let gone = scratch.path + "/gone.sock"
        var (code, out) = try runTool("lobbyctl", ["status"], environment: ["LOBBY_SOCKET": gone, "XDG_RUNTIME_DIR": runtime])
        #expect(code == 3)
        #expect(out.contains("LOBBY_SOCKET names \(gone), but no socket is there"), "\(out)")
        #expect(!out.contains("service day"))

        // A socket file left behind by a stopped process (nothing listens): refused, with the reason.
        let stale = scratch.path + "/stale.sock"
        try leaveStaleSocket(at: stale)
        (code, out) = try runTool("lobbyctl", ["status", "--json"], environment: ["LOBBY_SOCKET": stale, "XDG_RUNTIME_DIR": runtime])
        #expect(code == 3)
        #expect(out.contains("connection refused"), "\(out)")
        #expect(out.contains("\"exitCode\":3"))

        // Without $LOBBY_SOCKET the default places are searched, and status names what it reached.
        (code, out) = try runTool("lobbyctl", ["status"], environment: ["LOBBY_SOCKET": "", "XDG_RUNTIME_DIR": runtime])
        #expect(code == 0, "\(out)")
        #expect(out.contains("reached at:    unix:\(socket)"), "\(out)")
    }

    /// Binds a Unix socket at `path` and closes it without removing the file.
    func leaveStaleSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(fd)
        guard rc == 0, FileManager.default.fileExists(atPath: path) else { throw TestFailure("cannot leave a socket file at \(path)") }
    }
}
