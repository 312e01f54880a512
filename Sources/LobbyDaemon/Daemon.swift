import Foundation
import Hummingbird
import LobbyJournal
import LobbyQueue
import Logging
import NIOCore
import ServiceLifecycle

/// Options of `lobbyd`, from its command line.
public struct DaemonOptions: Sendable {
    /// The configuration file (ignored with `demo`).
    public var configPath = "/etc/lobby/lobby.yaml"
    /// Run the built-in sample centre with simulated traffic.
    public var demo = false
    /// Speed of the demo's simulated traffic.
    public var demoSpeed = 1.0
    /// Start the demo with an empty journal.
    public var demoFresh = false
    /// Overrides the configured TCP port (0: any free port).
    public var port: Int?
    /// Overrides the configured socket path ("none" disables it).
    public var socketPath: String?
    /// Overrides the configured journal path.
    public var journalPath: String?
    /// Only check the configuration, then exit.
    public var checkOnly = false
    /// Creates default options.
    public init() {}
}

/// Wires the daemon: configuration, queue service, HTTP servers, systemd, demo traffic.
public enum Daemon {
    /// Runs until SIGTERM or SIGINT; returns the process exit code.
    public static func run(_ options: DaemonOptions) async -> Int32 {
        var mutableLogger = Logger(label: "lobbyd")
        mutableLogger.logLevel = ProcessInfo.processInfo.environment["LOBBY_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let logger = mutableLogger

        var config: DaemonConfiguration
        do {
            config = try loadConfiguration(options, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: configuration error: \(error)\n".utf8))
            return 78  // EX_CONFIG
        }
        if options.checkOnly {
            say("configuration OK: \(config.centre.services.count) services, \(config.centre.windows.count) windows, \(config.api.tokens.count) tokens")
            return 0
        }
        if let port = options.port { config.api.port = port }
        if let socket = options.socketPath { config.api.socketPath = socket == "none" ? nil : socket }
        if let journal = options.journalPath { config.journalPath = journal }
        var demoDevices: DemoDevices?
        if options.demo {
            if config.api.port == 0, let free = boundLoopbackPort(0) { config.api.port = free }
            do {
                let devices = try DemoDevices(windows: config.centre.windows.map(\.id))
                config.buses = [devices.busConfiguration]
                config.kiosk = devices.kiosk
                config.printing = devices.printing(statusBase: "http://\(config.api.host):\(config.api.port)")
                demoDevices = devices
            } catch {
                logger.warning("demo devices not simulated", metadata: ["error": "\(error)"])
            }
        }
        defer { demoDevices?.stop() }

        let fm = FileManager.default
        try? fm.createDirectory(atPath: (config.journalPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let health = HealthRegistry()
        let queue: QueueService
        do {
            queue = try QueueService(configuration: config.centre, journalPath: config.journalPath, logger: logger, health: health)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: cannot start the queue: \(error)\n".utf8))
            // EX_DATAERR for a damaged journal (a technician must decide), 1 otherwise.
            if let e = error as? JournalError {
                switch e {
                case .damaged, .emptyFile, .unreadable: return 65
                default: return 1
                }
            }
            return 1
        }
        let repaired = queue.startNotes.filter { $0.contains("damaged") }
        await health.set("journal", repaired.isEmpty ? "ok" : "repaired at start: \(repaired.joined(separator: "; "))")
        let links: TicketLinks
        do {
            links = try TicketLinks.load(stateDirectory: (config.journalPath as NSString).deletingLastPathComponent,
                                         statusURLTemplate: config.printing?.statusURL)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: \(error)\n".utf8))
            return 1
        }

        do {
            try DeviceLibraries.require(DeviceLibraries.needed(by: config, simulatedPrinters: demoDevices != nil), for: "the configured devices")
        } catch {
            FileHandle.standardError.write(Data("lobbyd: \(error)\n".utf8))
            return 69
        }
        var printing: TicketPrinting?
        if let p = config.printing {
            do {
                printing = try TicketPrinting(configuration: p, timeZone: TimeZone(identifier: config.centre.timeZone) ?? .current,
                                              links: links, health: health, logger: logger, windowLocations: config.windowLocations,
                                              port: demoDevices?.printerPort)
                for q in p.queues { await health.set("printer:\(q)", "unknown") }
            } catch {
                FileHandle.standardError.write(Data("lobbyd: configuration error: devices.printers: \(error)\n".utf8))
                return 78
            }
        }
        let lifetimes = StreamLifetimes()
        let fileLimit = raiseFileLimit()
        var limits = ConnectionLimits(maxConnections: min(config.api.maxConnections, max(16, fileLimit - 128)),
                                      headerTimeout: .seconds(Int64(config.api.headerTimeoutSeconds)),
                                      idleTimeout: .seconds(Int64(config.api.idleTimeoutSeconds)))
        let tcpConnections = ConnectionRegistry(limits: limits)
        limits.maxConnections = 64
        let socketConnections = ConnectionRegistry(limits: limits)
        var routes = APIRoutes(queue: queue, auth: Authenticator(tokens: config.api.tokens, trustsConnection: false),
                               maxBody: config.api.maxBodyBytes, health: health)
        routes.lifetimes = lifetimes
        routes.printing = printing
        routes.links = links
        var identity: DocumentIdentity?
        if let p = config.privacy, let calendar = ServiceCalendar(timeZoneIdentifier: config.centre.timeZone) {
            identity = try? DocumentIdentity(configuration: p, calendar: calendar)
        }
        routes.identity = identity
        let buses = config.buses.isEmpty ? nil : BusBridge(configurations: config.buses, queue: queue, health: health, logger: logger)
        routes.buses = buses
        var kiosk: KioskService?
        if let k = config.kiosk {
            do {
                kiosk = try KioskService(settings: k, centre: config.centre, queue: queue, printing: printing, identity: identity,
                                         health: health, logger: logger)
            } catch {
                FileHandle.standardError.write(Data("lobbyd: configuration error: devices.kiosk: \(error)\n".utf8))
                return 78
            }
        }
        routes.kiosk = kiosk
        let notifier = SystemdNotifier()
        let demo = options.demo
        let api = config.api
        let tcp = Application(
            router: routes.router(),
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
                if demo {
                    say("""
                    lobbyd demo is running — the sample centre with simulated citizens and operators.
                      Hall display:  \(url)
                      API:           \(url)api/v1/status   (kiosk token demo-kiosk-token-0001, technician demo-technician-token-0001)
                      Command line:  lobbyctl status        (finds this daemon by its socket \(api.socketPath ?? "-"))
                      Metrics:       \(url)metrics
                      Boards:        lobbyctl board show 0x11   (window 1's LED board, simulated; lobbyctl bus scan lists them all)
                      Kiosk:         lobbyctl kiosk status      (a headless kiosk; lobbyctl kiosk tap X Y taps it)
                      Printers:      \(DemoDevices.printers.joined(separator: ", "))   (the kiosk's, simulated; lobbyctl status shows their health)
                    Stop with Ctrl-C.
                    """)
                }
                notifier.notify("READY=1\nSTATUS=serving on \(url)\nMAINPID=\(getpid())")
            },
            logger: logger)

        var services: [any Service] = [QueueLifecycle(queue: queue)]
        if let buses { services.append(buses) }
        if let kiosk { services.append(kiosk) }
        // The socket listener before TCP: at shutdown (reverse order) TCP stops first, so lobbyctl
        // never finds lobbyd gone while the API still answers.
        if let socket = api.socketPath {
            try? fm.createDirectory(atPath: (socket as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: socket)
            var socketRoutes = APIRoutes(queue: queue, auth: Authenticator(tokens: api.tokens, trustsConnection: true),
                                         maxBody: api.maxBodyBytes, health: health)
            socketRoutes.printing = printing
            socketRoutes.links = links
            socketRoutes.identity = identity
            socketRoutes.buses = buses
            socketRoutes.kiosk = kiosk
            socketRoutes.lifetimes = lifetimes
            services.append(Application(
                router: socketRoutes.router(),
                server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(registry: socketConnections)])),
                configuration: .init(address: .unixDomainSocket(path: socket), serverName: "lobbyd"),
                onServerRunning: { _ in
                    chmod(socket, 0o660)
                    logger.info("Unix socket listening", metadata: ["path": "\(socket)"])
                },
                logger: logger))
        }
        services.append(tcp)
        services.append(StreamCloser(queue: queue, health: health, lifetimes: lifetimes))
        if let printing, let p = config.printing {
            services.append(PrinterMonitor(printing: printing, health: health, interval: .seconds(max(1, min(2, p.faultProbeSeconds / 2))), logger: logger))
        }
        let watchdogUSec = ProcessInfo.processInfo.environment["WATCHDOG_USEC"].flatMap(Int.init)
        services.append(WatchdogService(notifier: notifier, interval: watchdogUSec.map { .microseconds($0 / 2) }))
        if demo { services.append(DemoTraffic(queue: queue, logger: logger, speed: options.demoSpeed)) }

        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // The stop bound (Docs/Troubleshooting.md): 10 s to drain, then 5 s for cancelled parts.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            let reason = Self.explain(error, api: api)
            logger.critical("lobbyd stopped on an error", metadata: ["error": "\(reason)"])
            FileHandle.standardError.write(Data("lobbyd: \(reason)\n".utf8))
            await queue.shutdown()
            if let socket = api.socketPath { try? fm.removeItem(atPath: socket) }
            return Self.isAddressInUse(error) ? 69 : 1
        }
        if let socket = api.socketPath { try? fm.removeItem(atPath: socket) }
        logger.info("lobbyd stopped")
        return 0
    }

    private static func loadConfiguration(_ options: DaemonOptions, logger: Logger) throws -> DaemonConfiguration {
        guard options.demo else { return try ConfigurationLoader.load(path: options.configPath) }
        let dir = RuntimePaths.demoStateDirectory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/lobby.yaml"
        try SampleCentre.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        var config = try ConfigurationLoader.load(path: path)
        config.journalPath = dir + "/journal.db"
        if options.demoFresh {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: config.journalPath + suffix) }
        }
        config.api.socketPath = RuntimePaths.demoRuntimeDirectory() + "/lobbyd.sock"
        if options.port == nil, !portIsFree(config.api.port) { config.api.port = 0 }
        logger.info("demo configuration written", metadata: ["path": "\(path)"])
        return config
    }

    /// A sentence for an error that ended the service group: a listener that could not bind names its address.
    static func explain(_ error: any Error, api: APIConfiguration) -> String {
        if isAddressInUse(error) {
            return "cannot listen on \(api.host):\(api.port): Address already in use (another lobbyd, or another program, holds the port; "
                + "stop it or set api.listen to a free port)"
        }
        return "\(error)"
    }

    static func isAddressInUse(_ error: any Error) -> Bool {
        if let io = error as? IOError { return io.errnoCode == EADDRINUSE }
        return "\(error)".contains("Address already in use")
    }

    /// Raises the soft limit of open files to the hard limit (idle connections must never
    /// exhaust it); returns the limit now in force.
    static func raiseFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = max(limit.rlim_cur, min(limit.rlim_max, 65_536))
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }

    private static func portIsFree(_ port: Int) -> Bool {
        boundLoopbackPort(port) != nil
    }

    /// Binds a socket to 127.0.0.1:`port` (0: any free port) and closes it; the port it got, nil
    /// when the bind failed. The demo picks its port this way, so that the tickets' QR codes can
    /// name it before the server listens.
    static func boundLoopbackPort(_ port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: addr.sin_port)) : nil
    }
}

/// Keeps the queue service in the service group: on shutdown it flushes the journal last.
struct QueueLifecycle: Service {
    let queue: QueueService
    func run() async throws {
        try? await gracefulShutdown()
        await queue.shutdown()
    }
}

/// Ends event streams first at shutdown so the HTTP servers can drain.
struct StreamCloser: Service {
    let queue: QueueService
    let health: HealthRegistry
    let lifetimes: StreamLifetimes
    func run() async throws {
        try? await gracefulShutdown()
        lifetimes.closeAll()
        await queue.finishSubscriptions()
        await health.finishSubscriptions()
    }
}

/// Writes a line to standard output at once (no buffering, so supervisors and tests see it).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
