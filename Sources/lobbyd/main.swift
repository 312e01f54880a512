import ArgumentParser
import Foundation
import LobbyDaemon

/// The Lobby daemon: owns the queue, serves the API and the hall display, drives the devices.
@main
struct Lobbyd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobbyd",
        abstract: "Runs the lobby of a public-service centre: queue, API, hall display and devices.",
        discussion: """
        Without options it reads /etc/lobby/lobby.yaml. `lobbyd --demo` runs a sample centre with simulated traffic.

        ENVIRONMENT
          LOBBY_LOG_LEVEL    trace, debug, info (default), notice, warning,
                             error or critical
          LOBBY_DEMO_DIR     --demo: where the demo keeps its configuration
                             copy and journal ($TMPDIR/lobby-demo-UID)
          LOBBY_RUNTIME_DIR  --demo: where the demo puts its socket (/run/lobby
                             when writable, else $XDG_RUNTIME_DIR/lobby, else
                             /tmp/lobby-UID)
          XDG_RUNTIME_DIR    the user's runtime directory (LOBBY_RUNTIME_DIR)
          NOTIFY_SOCKET      set by systemd (Type=notify): where READY,
                             WATCHDOG and STOPPING go
          WATCHDOG_USEC      set by systemd (WatchdogSec=): lobbyd says it is
                             alive at half this interval
        See Docs/Configuration.md, "Environment".
        """)

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config = "/etc/lobby/lobby.yaml"

    @Flag(help: "Run the built-in sample centre with simulated citizens and operators.")
    var demo = false

    @Option(help: "Speed of the demo's simulated traffic (1 = real time).")
    var demoSpeed = 1.0

    @Flag(help: "Start the demo with an empty journal.")
    var fresh = false

    @Option(help: "With --demo: windows left for a person, e.g. 1,2 (the simulated operators leave them alone).")
    var humanWindows: String?

    @Option(help: "Listen on this TCP port instead of the configured one (0: any free port).")
    var port: Int?

    @Option(help: "Serve the API on this Unix socket instead of the configured one ('none' to disable).")
    var socket: String?

    @Option(help: "Use this journal file instead of the configured one.")
    var journal: String?

    @Flag(help: "Check the configuration and exit (0 when valid).")
    var check = false

    func run() async throws {
        var o = DaemonOptions()
        o.configPath = config
        o.demo = demo
        o.demoSpeed = max(0.1, demoSpeed)
        o.demoFresh = fresh
        if let humanWindows {
            o.demoHumanWindows = try humanWindows.split(separator: ",").map { part in
                guard let n = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--human-windows takes window numbers separated by commas, e.g. 1,2; '\(part)' is not a number")
                }
                return n
            }
        }
        o.port = port
        o.socketPath = socket
        o.journalPath = journal
        o.checkOnly = check
        let code = await Daemon.run(o)
        if code != 0 { throw ExitCode(code) }
    }
}
