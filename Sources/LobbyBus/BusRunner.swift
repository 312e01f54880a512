import Foundation
import LobbyQueue
import LobbySerial
import LobbySystem
import LobbyWire
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What the runner reports besides the master's effects.
public enum BusEvent: Sendable, Equatable {
    /// An effect of the bus master (submissions, health, paints).
    case effect(BusEffect)
    /// The port was opened; what became of the RS-485 request.
    case portOpened(RS485Outcome)
    /// The port failed or could not be opened; it is retried every `reopenDelay`.
    case portUnavailable(SerialPortError)
}

/// Runs one bus on its own thread: owns the port, the `BusMaster` and the transaction loop.
///
/// Serial I/O blocks in poll(2), so it runs on a dedicated thread, never on the Swift
/// concurrency pool. Inputs arrive through `post(_:)`, which wakes the thread via an eventfd.
public final class BusRunner: Sendable {
    /// Inputs to the runner's thread.
    public enum Input: Sendable {
        /// A notification from the daemon.
        case notification(BusNotification)
        /// The sink's decision for a submitted keypad event.
        case decided(KeypadEventKey, SinkDecision)
        /// Runs a technician operation on the runner's thread between transactions, with the open
        /// port (nil when it is not open); when it returns true, every device is repainted.
        case exclusive(@Sendable (BusLink?) -> Bool)
    }

    /// The bus's port.
    public let endpoint: SerialEndpoint
    private let settings: SerialSettings
    private let configuration: BusConfiguration
    private let firstSequence: UInt8
    private let reopenDelay: UInt64
    private let onEvent: @Sendable (BusEvent) -> Void
    private let wallClock: @Sendable () -> Instant
    private let inputs = Mutex<[Input]>([])
    private let state = Mutex<(stopping: Bool, reports: [DeviceReport], portOpen: Bool)>((false, [], false))
    /// Wakes the thread for new inputs; nil when no eventfd could be made (the thread then sleeps its timeouts).
    private let wakeSignal = try? WakeSignal()
    private let finished = DispatchSemaphore(value: 0)
    private let started = Mutex(false)
    /// Every frame sent and received on this bus, decoded (the bus monitor); free while unobserved.
    public let monitorTap = BusMonitorTap()

    /// Creates a runner; nothing happens until `start()`.
    public init(
        endpoint: SerialEndpoint, settings: SerialSettings, configuration: BusConfiguration,
        firstSequence: UInt8 = UInt8.random(in: 0...255), reopenDelay: UInt64 = 500_000,
        wallClock: @escaping @Sendable () -> Instant = BusRunner.systemWallClock,
        onEvent: @escaping @Sendable (BusEvent) -> Void
    ) {
        self.endpoint = endpoint
        self.settings = settings
        self.configuration = configuration
        self.firstSequence = firstSequence
        self.reopenDelay = reopenDelay
        self.wallClock = wallClock
        self.onEvent = onEvent
    }

    /// The real-time clock as an `Instant`.
    public static func systemWallClock() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(milliseconds: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }

    /// Every frame from now on, decoded, for as long as the stream is iterated (bus monitor).
    public func monitor(buffer: Int = 1000) -> AsyncStream<MonitoredFrame> { monitorTap.frames(buffer: buffer) }

    /// Every device's state as of the last transaction.
    public var reports: [DeviceReport] { state.withLock { $0.reports } }

    /// Whether the port is open now.
    public var isPortOpen: Bool { state.withLock { $0.portOpen } }

    /// Starts the thread (once).
    public func start() {
        let first = started.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard first else { return }
        let thread = Thread { [self] in
            self.loop()
            self.finished.signal()
        }
        thread.name = "lobby-bus \(endpoint)"
        thread.start()
    }

    /// Stops the thread and closes the port; returns when the thread has ended.
    public func stop() {
        let wasStarted = started.withLock { $0 }
        let alreadyStopping = state.withLock { value -> Bool in
            defer { value.stopping = true }
            return value.stopping
        }
        wake()
        if wasStarted && !alreadyStopping { finished.wait() }
    }

    /// Queues an input for the thread.
    public func post(_ input: Input) {
        inputs.withLock { $0.append(input) }
        wake()
    }

    private func wake() { wakeSignal?.signal() }

    private func drainWake() { wakeSignal?.clear() }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func drainInputs() -> [Input] {
        inputs.withLock { value -> [Input] in
            defer { value.removeAll() }
            return value
        }
    }

    private func loop() {
        if configuration.busProtocol != .lobby {
            compatibilityLoop()
            return
        }
        var master = BusMaster(configuration: configuration, firstSequence: firstSequence)
        var link: BusLink?
        var nextOpen: UInt64 = 0
        let timing = BusTiming(baud: configuration.baud)
        while !isStopping {
            drainWake()
            for input in drainInputs() {
                let now = BusTime(microseconds: MonotonicClock.microseconds())
                switch input {
                case .notification(let notification): master.notify(notification, now: now)
                case .decided(let key, let decision): master.sinkDecided(key, decision, now: now)
                case .exclusive(let body):
                    if body(link) { master.notify(.repaintAll, now: BusTime(microseconds: MonotonicClock.microseconds())) }
                }
            }
            if link == nil {
                openPort(nextOpen: &nextOpen) { port, now in
                    let opened = BusLink(port: port, timing: timing)
                    opened.monitor = lobbyMonitor(bus: endpoint.description)
                    link = opened
                    master.portOpened(now: now)
                }
                if link == nil {
                    waitForWake(until: nextOpen)
                    continue
                }
            }
            guard let active = link else { continue }
            do throws(SerialPortError) {
                switch master.nextStep(now: BusTime(microseconds: MonotonicClock.microseconds())) {
                case .idle(let until):
                    _ = try active.idle(until: until.microseconds, interrupt: wakeSignal?.descriptor ?? -1)
                case .send(let request):
                    let report = try active.perform(request.message, to: request.address, sequence: request.sequence)
                    let effects = master.complete(
                        request, report: report, now: BusTime(microseconds: MonotonicClock.microseconds()), wallClock: wallClock())
                    let reports = master.reports
                    state.withLock { $0.reports = reports }
                    for effect in effects { onEvent(.effect(effect)) }
                }
            } catch {
                portFailed(active.port, error, nextOpen: &nextOpen)
                link = nil
            }
        }
        link?.port.close()
        state.withLock { $0.portOpen = false }
    }

    /// Turns the Lobby link's traffic into monitor records while someone listens.
    private func lobbyMonitor(bus: String) -> (BusTraffic) -> Void {
        let tap = monitorTap
        let wallClock = self.wallClock
        return { traffic in
            guard tap.isActive else { return }
            let direction: MonitoredFrame.Direction = traffic.direction == .sent ? .sent : .received
            let chunk: WireChunk = traffic.frame != nil ? .frame(traffic.raw) : .noise(traffic.raw, reason: traffic.rejection.map { "\($0)" } ?? "damaged")
            tap.publish(MonitoredFrame(
                chunk, direction: direction, microseconds: traffic.microseconds, wallClock: wallClock(), bus: bus, busProtocol: .lobby))
        }
    }

    /// The loop of a Candle/QSystem or FF 68 bus: paced writes, polls, unsolicited frames.
    private func compatibilityLoop() {
        var master = CompatibilityMaster(configuration: configuration)
        var link: CompatibilityLink?
        var nextOpen: UInt64 = 0
        func now() -> BusTime { BusTime(microseconds: MonotonicClock.microseconds()) }
        func publish(_ effects: [BusEffect]) {
            let reports = master.reports
            state.withLock { $0.reports = reports }
            for effect in effects { onEvent(.effect(effect)) }
        }
        while !isStopping {
            drainWake()
            for input in drainInputs() {
                switch input {
                case .notification(let notification): master.notify(notification, now: now())
                case .decided(let key, let decision): master.sinkDecided(key, decision, now: now())
                case .exclusive(let body):
                    // Lobby technician operations need a Lobby link: on this bus they get none.
                    if body(nil) { master.notify(.repaintAll, now: now()) }
                }
            }
            publish(master.dueSubmissions(now: now()))
            if link == nil {
                openPort(nextOpen: &nextOpen) { port, now in
                    link = CompatibilityLink(port: port, configuration: configuration, tap: monitorTap, wallClock: wallClock)
                    master.portOpened(now: now)
                }
                if link == nil {
                    waitForWake(until: nextOpen)
                    continue
                }
            }
            guard let active = link else { continue }
            do throws(SerialPortError) {
                switch master.nextStep(now: now()) {
                case .idle(let until):
                    let inputs = try active.idle(until: until.microseconds, interrupt: wakeSignal?.descriptor ?? -1)
                    if !inputs.isEmpty { publish(master.received(inputs, now: now(), wallClock: wallClock())) }
                case .send(let request):
                    let (outcome, others) = try active.perform(request)
                    var effects = master.complete(request, outcome: outcome, now: now(), wallClock: wallClock())
                    if !others.isEmpty { effects += master.received(others, now: now(), wallClock: wallClock()) }
                    publish(effects)
                }
            } catch {
                portFailed(active.port, error, nextOpen: &nextOpen)
                link = nil
            }
        }
        link?.port.close()
        state.withLock { $0.portOpen = false }
    }

    /// Opens the port when its retry time has come: `opened` sets up the link and the master,
    /// then the opening is reported; a failure schedules the next try and is reported.
    private func openPort(nextOpen: inout UInt64, _ opened: (SerialPort, BusTime) -> Void) {
        let now = MonotonicClock.microseconds()
        guard now >= nextOpen else { return }
        do throws(SerialPortError) {
            let port = try SerialPort.open(endpoint, settings: settings)
            opened(port, BusTime(microseconds: now))
            state.withLock { $0.portOpen = true }
            onEvent(.portOpened(port.rs485))
        } catch {
            nextOpen = now + reopenDelay
            onEvent(.portUnavailable(error))
        }
    }

    /// The open port failed (unplugged, I/O error): closes it, schedules a reopen, reports it.
    private func portFailed(_ port: SerialPort, _ error: SerialPortError, nextOpen: inout UInt64) {
        port.close()
        state.withLock { $0.portOpen = false }
        nextOpen = MonotonicClock.microseconds() + reopenDelay
        onEvent(.portUnavailable(error))
    }

    private func waitForWake(until deadline: UInt64) {
        let now = MonotonicClock.microseconds()
        guard deadline > now else { return }
        let milliseconds = Int32(min((deadline - now + 999) / 1000, 1000))
        if let wakeSignal { wakeSignal.wait(milliseconds: milliseconds) } else { _ = poll(nil, 0, milliseconds) }
    }
}
