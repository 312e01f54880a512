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
        let queue: QueueService
        do {
            queue = try QueueService(configuration: config.centre, journalPath: config.journalPath, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: cannot start the queue: \(error)\n".utf8))
            return 1
        }
        let health = HealthRegistry()
        await health.set("journal", queue.damageAtStart == nil ? "ok" : "damaged tail cut off: \(queue.damageAtStart!)")

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
                                              health: health, logger: logger, port: demoDevices?.printerPort)
                for q in p.queues { await health.set("printer:\(q)", "unknown") }
            } catch {
                FileHandle.standardError.write(Data("lobbyd: configuration error: devices.printers: \(error)\n".utf8))
                return 78
            }
        }
        var routes = APIRoutes(queue: queue, auth: Authenticator(tokens: config.api.tokens, trustsConnection: false),
                               maxBody: config.api.maxBodyBytes, health: health)
        routes.printing = printing
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
        services.append(tcp)
        if let socket = api.socketPath {
            try? fm.createDirectory(atPath: (socket as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: socket)
            var socketRoutes = APIRoutes(queue: queue, auth: Authenticator(tokens: api.tokens, trustsConnection: true),
                                         maxBody: api.maxBodyBytes, health: health)
            socketRoutes.printing = printing
            socketRoutes.identity = identity
            socketRoutes.buses = buses
            socketRoutes.kiosk = kiosk
            services.append(Application(
                router: socketRoutes.router(),
                configuration: .init(address: .unixDomainSocket(path: socket), serverName: "lobbyd"),
                onServerRunning: { _ in
                    chmod(socket, 0o660)
                    logger.info("Unix socket listening", metadata: ["path": "\(socket)"])
                },
                logger: logger))
        }
        services.append(StreamCloser(queue: queue, health: health))
        if let printing, let p = config.printing {
            services.append(PrinterMonitor(printing: printing, health: health, interval: .seconds(max(1, min(2, p.faultProbeSeconds / 2))), logger: logger))
        }
        let watchdogUSec = ProcessInfo.processInfo.environment["WATCHDOG_USEC"].flatMap(Int.init)
        services.append(WatchdogService(notifier: notifier, interval: watchdogUSec.map { .microseconds($0 / 2) }))
        if demo { services.append(DemoTraffic(queue: queue, logger: logger, speed: options.demoSpeed)) }

        let group = ServiceGroup(configuration: .init(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("lobbyd stopped on an error", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("lobbyd: \(error)\n".utf8))
            await queue.shutdown()
            return 1
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
    func run() async throws {
        try? await gracefulShutdown()
        await queue.finishSubscriptions()
        await health.finishSubscriptions()
    }
}

/// Writes a line to standard output at once (no buffering, so supervisors and tests see it).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
