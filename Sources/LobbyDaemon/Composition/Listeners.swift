import Foundation
import Hummingbird
import LobbyConfiguration
import Logging
import ServiceLifecycle

/// Builds lobbyd's two HTTP listeners (TCP and the Unix socket) with their connection limits.
struct Listeners {
    let api: APIConfiguration
    let logger: Logger
    let demo: Bool
    private let tcpConnections: ConnectionRegistry
    private let socketConnections: ConnectionRegistry

    /// Limits follow the configuration and the process's file limit (raised first).
    init(api: APIConfiguration, logger: Logger, demo: Bool) {
        self.api = api
        self.logger = logger
        self.demo = demo
        let fileLimit = Daemon.raiseFileLimit()
        var limits = ConnectionLimits(maxConnections: min(api.maxConnections, max(16, fileLimit - 128)),
                                      headerTimeout: .seconds(Int64(api.headerTimeoutSeconds)),
                                      idleTimeout: .seconds(Int64(api.idleTimeoutSeconds)))
        tcpConnections = ConnectionRegistry(limits: limits)
        limits.maxConnections = 64
        socketConnections = ConnectionRegistry(limits: limits)
    }

    /// The TCP listener; once it listens it prints its address (and the demo's banner), writes
    /// `lobbyd.url` beside the socket and tells systemd it is ready.
    func tcp(router: Router<BasicRequestContext>, notifier: SystemdNotifier) -> some Service {
        let api = api
        let logger = logger
        let demo = demo
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(registry: tcpConnections)])),
            configuration: .init(address: .hostname(api.host, port: api.port), serverName: "lobbyd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? api.port
                let url = "http://\(api.host == "::1" ? "[::1]" : api.host):\(port)/"
                logger.info("HTTP API listening", metadata: ["url": "\(url)"])
                say("lobbyd: listening on \(url)")
                if let socket = api.socketPath {
                    try? url.write(toFile: (socket as NSString).deletingLastPathComponent + "/lobbyd.url", atomically: true, encoding: .utf8)
                }
                if demo { say(Self.demoBanner(url: url, socket: api.socketPath)) }
                notifier.notify("READY=1\nSTATUS=serving on \(url)\nMAINPID=\(getpid())")
            },
            logger: logger)
    }

    /// The Unix socket listener (mode 0660: its group is trusted).
    func socket(path: String, router: Router<BasicRequestContext>) -> some Service {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? fm.removeItem(atPath: path)
        let logger = logger
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(registry: socketConnections)])),
            configuration: .init(address: .unixDomainSocket(path: path), serverName: "lobbyd"),
            onServerRunning: { _ in
                chmod(path, 0o660)
                logger.info("Unix socket listening", metadata: ["path": "\(path)"])
            },
            logger: logger)
    }

    static func demoBanner(url: String, socket: String?) -> String {
        """
        lobbyd demo is running — the sample centre with simulated citizens and operators.
          Hall display:  \(url)
          API:           \(url)api/v1/status   (kiosk token demo-kiosk-token-0001, technician demo-technician-token-0001)
          Command line:  lobbyctl status        (finds this daemon by its socket \(socket ?? "-"))
          Metrics:       \(url)metrics
          Boards:        lobbyctl board show 0x11   (window 1's LED board, simulated; lobbyctl bus scan lists them all)
          Kiosk:         lobbyctl kiosk status      (a headless kiosk; lobbyctl kiosk tap X Y taps it)
          Printers:      \(DemoDevices.printers.joined(separator: ", "))   (the kiosk's, simulated; lobbyctl status shows their health)
          Console:       \(url)console      (operator: \(DemoAccounts.operatorName) / \(DemoAccounts.password); lobbyd --demo --human-windows 1 leaves window 1 to you)
          Supervisor:    \(url)supervisor   (supervisor: \(DemoAccounts.supervisorName) / \(DemoAccounts.password))
        Stop with Ctrl-C.
        """
    }
}
