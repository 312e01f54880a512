import LobbyBus
import LobbyConfiguration
import LobbyQueue
import LobbySerial
import LobbyWire
import Logging
import ServiceLifecycle
import Synchronization

/// Runs every configured serial bus inside lobbyd: feeds boards and keypads from the queue,
/// delivers keypad commands to it, and keeps device health in the registry.
final class BusBridge: Service, Sendable {
    /// One running bus.
    struct Bus: Sendable {
        let configuration: BusPortConfiguration
        let service: BusService
        let notify: AsyncStream<BusNotification>.Continuation
    }

    let buses: [Bus]
    /// Key and vote events of every keypad, for `lobbyctl keypad watch` through lobbyd.
    let keypadEvents = KeypadEventFeed()
    private let queue: QueueService
    private let health: HealthRegistry
    private let logger: Logger
    private let healthUpdates: AsyncStream<(String, String)>
    private let healthContinuation: AsyncStream<(String, String)>.Continuation

    init(configurations: [BusPortConfiguration], queue: QueueService, health: HealthRegistry, logger: Logger) {
        self.queue = queue
        self.health = health
        self.logger = logger
        (healthUpdates, healthContinuation) = AsyncStream.makeStream(of: (String, String).self, bufferingPolicy: .unbounded)
        let updates = healthContinuation
        let feed = keypadEvents
        buses = configurations.map { config in
            let (stream, continuation) = AsyncStream.makeStream(of: BusNotification.self, bufferingPolicy: .unbounded)
            let name = config.name
            let service = BusService(
                endpoint: SerialEndpoint(parsing: config.port), settings: Self.serialSettings(config),
                configuration: Self.busConfiguration(config), sink: QueueBusSink(queue: queue), notifications: stream,
                observer: { event in
                    if case .effect(.keypadEvent(let address, let keypadEvent, _)) = event {
                        feed.publish(KeypadEventFeed.Item(bus: name, address: address, event: keypadEvent))
                    }
                    Self.observe(event, bus: name, updates: updates, logger: logger)
                })
            return Bus(configuration: config, service: service, notify: continuation)
        }
    }

    /// The health key of a device, e.g. `bus:hall/0x20`.
    static func healthKey(bus: String, address: DeviceAddress) -> String { "bus:\(bus)/\(address)" }

    /// The master's timing and devices for a configured bus.
    static func busConfiguration(_ c: BusPortConfiguration) -> BusConfiguration {
        let devices = c.devices.map { d in
            let role: BusDeviceRole = switch d.use {
            case .windowBoard(let w): .windowBoard(w)
            case .hallBoard: .hallBoard
            case .keypad(let w, let target): .keypad(w, transferTarget: target)
            }
            return BusDeviceConfiguration(address: DeviceAddress(d.address), role: role)
        }
        let busProtocol: BusProtocol = switch c.protocolName {
        case .lobby: .lobby
        case .candle: .candleQSystem
        case .ff68: .ff68
        }
        var options = CompatibilityOptions()
        let settings = c.compatibility
        if let v = settings.framePacingMilliseconds { options.framePacing = UInt64(v) * 1_000 }
        if let v = settings.answerTimeoutMilliseconds { options.answerTimeout = UInt64(v) * 1_000 }
        if let v = settings.boardRefreshSeconds { options.boardRefreshInterval = UInt64(v) * 1_000_000 }
        if let v = settings.adapterEcho { options.adapterEcho = v }
        if let v = settings.evaluatorScores { options.evaluatorScores = v.map { UInt8($0) } }
        let keys: [String: OperatorKey] = ["call-next": .callNext, "recall": .recall, "no-show": .noShow, "finish": .finish, "transfer": .transfer]
        for (code, name) in settings.callerKeys { options.ff68CallerKeys[UInt8(code)] = keys[name] }
        return BusConfiguration(
            devices: devices, busProtocol: busProtocol, baud: c.baud, compatibility: options,
            minimumCallDisplay: UInt64(c.minimumCallDisplayMilliseconds) * 1_000, voteTimeoutSeconds: UInt16(c.voteTimeoutSeconds))
    }

    /// Port settings for a configured bus.
    static func serialSettings(_ c: BusPortConfiguration) -> SerialSettings {
        SerialSettings(baud: c.baud, rs485: c.rs485 ? RS485Settings() : nil)
    }

    func run() async throws {
        for bus in buses {
            for d in bus.configuration.devices {
                await health.set(Self.healthKey(bus: bus.configuration.name, address: DeviceAddress(d.address)), "unknown")
            }
            logger.info("bus starting", metadata: ["bus": "\(bus.configuration.name)", "port": "\(bus.configuration.port)",
                                                   "devices": "\(bus.configuration.devices.count)"])
        }
        let notifications = await queue.subscribe()
        let (startup, translator) = try await queue.read { engine in
            var t = BusNotificationTranslator()
            return (t.startup(engine: engine), t)
        }
        broadcast(startup)
        let buses = self.buses
        let health = self.health
        let healthUpdates = self.healthUpdates
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for bus in buses { group.addTask { await bus.service.run() } }
                group.addTask {
                    for await (key, state) in healthUpdates { await health.set(key, state) }
                }
                group.addTask {
                    var translator = translator
                    for await n in notifications {
                        self.broadcast(translator.translate(n.record.events) { n.numbers[$0]?.description })
                    }
                }
            }
        }
        healthContinuation.finish()
        keypadEvents.finish()
    }

    private func broadcast(_ notifications: [BusNotification]) {
        for n in notifications { for bus in buses { bus.notify.yield(n) } }
    }

    /// Every bus's device reports, for the API and metrics.
    var reports: [(bus: BusPortConfiguration, devices: [DeviceReport], portOpen: Bool)] {
        buses.map { ($0.configuration, $0.service.reports, $0.service.runner.isPortOpen) }
    }

    /// The RS-485 outcome in the log's words.
    static func rs485Text(_ outcome: RS485Outcome) -> String {
        switch outcome {
        case .notRequested: "not requested"
        case .enabled: "enabled"
        case .notApplicable(let errno): "not applicable (the driver has no RS-485 mode, errno \(errno))"
        }
    }

    private static func observe(_ event: BusEvent, bus: String, updates: AsyncStream<(String, String)>.Continuation, logger: Logger) {
        switch event {
        case .effect(.healthChanged(let address, let state)):
            updates.yield((healthKey(bus: bus, address: address), state == .online ? "ok" : state.rawValue))
            let level: Logger.Level = state == .offline ? .warning : .info
            logger.log(level: level, "bus device health", metadata: ["bus": "\(bus)", "address": "\(address)", "state": "\(state.rawValue)"])
        case .effect(.addressConflict(let address)):
            updates.yield((healthKey(bus: bus, address: address), "address-conflict"))
            logger.warning("two devices answer at one address", metadata: ["bus": "\(bus)", "address": "\(address)"])
        case .effect(.wrongDeviceKind(let address, let kind)):
            updates.yield((healthKey(bus: bus, address: address), "wrong-kind"))
            logger.warning("device is of another kind than configured", metadata: ["bus": "\(bus)", "address": "\(address)", "kind": "\(kind.description)"])
        case .effect(.deviceRestarted(let address)):
            logger.info("bus device restarted; repainting", metadata: ["bus": "\(bus)", "address": "\(address)"])
        case .effect(.identified(let address, let identity)):
            logger.info("bus device identified", metadata: ["bus": "\(bus)", "address": "\(address)",
                                                            "kind": "\(identity.kind.description)", "firmware": "\(identity.firmware.description)",
                                                            "serial": "\(identity.serial.description)"])
        case .effect(.keypadEvent(let address, let event, let disposition)):
            if case .submit(let request) = disposition {
                logger.debug("keypad command", metadata: ["bus": "\(bus)", "address": "\(address)", "command": "\(request.command.name)", "event": "\(event.description)"])
            }
        case .portOpened(let rs485):
            logger.info("bus port open", metadata: ["bus": "\(bus)", "rs485": "\(Self.rs485Text(rs485))"])
        case .portUnavailable(let error):
            logger.warning("bus port unavailable; retrying", metadata: ["bus": "\(bus)", "error": "\(error)"])
        case .effect(.submit), .effect(.boardPainted):
            break
        }
    }
}
