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
    /// The demo's windows left for a person: the simulated operators do not open or use them.
    public var demoHumanWindows: [Int] = []
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

/// The composition root: loads the configuration, plans what runs (`DaemonPlan`), builds it
/// (`DaemonAssembly`) and runs it as one service group until SIGTERM or SIGINT.
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
        config = apply(options, to: config)
        let demo = options.demo ? simulatedDevices(into: &config, logger: logger) : nil
        defer { demo?.stop() }
        let plan = DaemonPlan.make(configuration: config, options: options, environment: ProcessInfo.processInfo.environment)
        let assembly: DaemonAssembly
        do {
            assembly = try await DaemonAssembly.build(plan, config: config, options: options, demo: demo, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: \(error.message)\n".utf8))
            return error.code
        }
        return await serve(assembly, api: config.api, logger: logger)
    }

    /// The command line's overrides of port, socket and journal.
    static func apply(_ options: DaemonOptions, to configuration: DaemonConfiguration) -> DaemonConfiguration {
        var config = configuration
        if let port = options.port { config.api.port = port }
        if let socket = options.socketPath { config.api.socketPath = socket == "none" ? nil : socket }
        if let journal = options.journalPath { config.journalPath = journal }
        return config
    }

    /// Starts the demo's simulated devices and points the configuration at them (nil, with a
    /// warning, when they cannot be simulated).
    private static func simulatedDevices(into config: inout DaemonConfiguration, logger: Logger) -> DemoDevices? {
        if config.api.port == 0, let free = boundLoopbackPort(0) { config.api.port = free }
        do {
            let devices = try DemoDevices(windows: config.centre.windows.map(\.id))
            config.buses = [devices.busConfiguration]
            config.kiosk = devices.kiosk
            config.printing = devices.printing(statusBase: "http://\(config.api.host):\(config.api.port)")
            return devices
        } catch {
            logger.warning("demo devices not simulated", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Runs the assembled services until a stop signal; the exit code.
    private static func serve(_ assembly: DaemonAssembly, api: APIConfiguration, logger: Logger) async -> Int32 {
        var groupConfiguration = ServiceGroupConfiguration(
            services: assembly.services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // The stop bound (Docs/Troubleshooting.md): 10 s to drain, then 5 s for cancelled parts.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        defer { if let socket = api.socketPath { try? FileManager.default.removeItem(atPath: socket) } }
        do {
            try await group.run()
        } catch {
            let reason = Self.explain(error, api: api)
            logger.critical("lobbyd stopped on an error", metadata: ["error": "\(reason)"])
            FileHandle.standardError.write(Data("lobbyd: \(reason)\n".utf8))
            await assembly.queue.shutdown()
            return Self.isAddressInUse(error) ? 69 : 1
        }
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
