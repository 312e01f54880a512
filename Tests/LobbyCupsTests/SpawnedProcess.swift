import Foundation
import Glibc
import LobbyTestSupport

/// A child process started with posix_spawn and a clean signal mask and default dispositions.
/// (Test runner threads block most signals, and `Process` passes that mask on: cupsd and the
/// simulator would then ignore SIGTERM.) Output goes to a file.
final class SpawnedProcess {
    let pid: pid_t
    let outputFile: String
    private var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String], outputFile: String) throws {
        self.outputFile = outputFile
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD, SIGHUP, SIGUSR1] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw TestFailure("cannot start \(executable): \(String(cString: strerror(status)))") }
        pid = child
    }

    deinit { stop() }

    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    var isRunning: Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = status
            return false
        }
        return true
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; reaps the child.
    func stop(grace: Double = 5) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        if !eventually(grace, { !isRunning }) {
            kill(pid, SIGKILL)
            _ = eventually(5) { !isRunning }
        }
    }
}
