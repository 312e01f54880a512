import Foundation
import LobbySerial
import LobbyBoardFont
import LobbyWire
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Simulated boards and keypads on the master side of a pseudo-terminal.
///
/// The bus master opens `portPath` like a real serial device. Every device sees every byte
/// (a multi-drop bus); answers of devices that speak at once are merged bitwise (garbage on
/// the wire, as on RS-485). A thread reads, answers, applies faults and advances the cores'
/// clocks (1 tick = 1 ms) until `stop()`.
public final class BusSimulator: Sendable {
    private struct Slot: Sendable {
        var device: SimulatedDevice
        var origin: UInt64
        var heldKeys: KeyMask = []
        var heldUntil: UInt64 = 0
    }
    private struct State: Sendable {
        var slots: [Slot] = []
        var silent = false
        var faults = FaultInjection.none
        var random = SeededGenerator(seed: 0x10BB_1E5)
        var pendingOutput: [(due: UInt64, bytes: [UInt8])] = []
        var bytesReceived = 0
        var framesAnswered = 0
        var answersToLose = 0
        /// Every change of a board's first line, with the simulator's clock (µs): what a citizen saw, when.
        var shownHistory: [Int: [(at: UInt64, text: String)]] = [:]
    }

    private let wire: PseudoTerminalWire
    /// Path the master opens (the pty's slave).
    public let portPath: String
    private let state = Mutex(State())

    /// Creates a simulator on a new pseudo-terminal.
    public init() throws(SerialPortError) {
        wire = try PseudoTerminalWire()
        portPath = wire.portPath
    }

    deinit { stop() }

    // MARK: Devices

    /// Adds a board; returns its index.
    @discardableResult
    public func addBoard(address: DeviceAddress, kind: DeviceKind = .windowBoard, lines: UInt8 = 1, columns: UInt8 = 8, serial: UInt64) -> Int {
        let configuration = BoardConfiguration(
            kind: kind, lines: lines, columns: columns, serial: DeviceSerial(serial),
            firmware: FirmwareVersion(major: 1, minor: 0, patch: 0), ticksPerSecond: 1000)
        return add(.board(BoardCore(configuration: configuration, address: address, font: BoardFont()), configuration: configuration))
    }

    /// Adds a keypad; returns its index.
    @discardableResult
    public func addKeypad(address: DeviceAddress, serial: UInt64) -> Int {
        let configuration = KeypadConfiguration(
            serial: DeviceSerial(serial), firmware: FirmwareVersion(major: 1, minor: 0, patch: 0), ticksPerSecond: 1000,
            debounceSamples: 3, displayColumns: 8, acceptsKeyInjection: true)
        return add(.keypad(KeypadCore(configuration: configuration, address: address), configuration: configuration))
    }

    private func add(_ device: SimulatedDevice) -> Int {
        let now = MonotonicClock.microseconds()
        return state.withLock { state in
            state.slots.append(Slot(device: device, origin: now))
            return state.slots.count - 1
        }
    }

    /// A device's state (a copy).
    public func device(_ index: Int) -> SimulatedDevice { state.withLock { $0.slots[index].device } }

    /// A board's frame buffer as rows of pixels (true = lit).
    public func frameBufferRows(_ index: Int) -> [[Bool]] {
        guard case .board(let core, _) = device(index) else { return [] }
        let matrix = core.frameBuffer
        return (0..<matrix.height).map { y in (0..<matrix.width).map { x in matrix.pixel(x: x, y: y) } }
    }

    /// A board's stored text of one line.
    public func boardText(_ index: Int, line: Int = 0) -> String {
        guard case .board(let core, _) = device(index) else { return "" }
        return String(decoding: Array(core.text(ofLine: line)), as: UTF8.self)
    }

    /// Every change of a board's first line so far, stamped with the simulator's monotonic clock
    /// when the frame that changed it arrived.
    public func shownHistory(_ index: Int) -> [(at: UInt64, text: String)] {
        state.withLock { $0.shownHistory[index] ?? [] }
    }

    /// Restarts a device: it loses its content, its events and its uptime.
    public func powerCycle(_ index: Int) {
        let now = MonotonicClock.microseconds()
        state.withLock { state in
            let device = state.slots[index].device
            state.slots[index] = Slot(device: device.poweredOn(at: device.address), origin: now)
        }
    }

    /// Holds a keypad key down for `milliseconds` (debounced by the core like a real key).
    public func press(_ index: Int, key: Int, milliseconds: UInt64 = 40) {
        let until = MonotonicClock.microseconds() + milliseconds * 1000
        state.withLock { state in
            state.slots[index].heldKeys = KeyMask.key(key)
            state.slots[index].heldUntil = until
        }
    }

    /// While true, every device ignores the bus (cable cut, power of the whole bus off).
    public func setSilent(_ silent: Bool) { state.withLock { $0.silent = silent } }

    /// Sets the faults between master and devices.
    public func setFaults(_ faults: FaultInjection, seed: UInt64 = 1) {
        state.withLock {
            $0.faults = faults
            $0.random = SeededGenerator(seed: seed)
        }
    }

    /// The next `count` answers are lost on the way back (the devices acted and answered; the
    /// master hears nothing), as when noise hits the line during an answer.
    public func loseAnswers(_ count: Int) { state.withLock { $0.answersToLose += count } }

    /// Bytes received from the master and answers sent.
    public var counters: (bytesReceived: Int, framesAnswered: Int) { state.withLock { ($0.bytesReceived, $0.framesAnswered) } }

    // MARK: Running

    /// Starts the simulator thread.
    public func start() {
        wire.start(name: "bus-simulator") { [self] received, now in
            self.state.withLock { state in self.step(&state, received: received, now: now) }
        }
    }

    /// Stops the thread and closes the pseudo-terminal (the port disappears).
    public func stop() { wire.stop() }

    private func step(_ state: inout State, received: [UInt8], now: UInt64) -> [[UInt8]] {
        state.bytesReceived += received.count
        for index in state.slots.indices {
            let slot = state.slots[index]
            let keys: KeyMask = now < slot.heldUntil ? slot.heldKeys : []
            state.slots[index].device.tick(now: ticks(now, slot.origin), keys: keys)
        }
        if !state.silent {
            for var byte in received {
                if state.random.chance(state.faults.dropRate) { continue }
                if state.random.chance(state.faults.corruptRate) { byte ^= UInt8(1) << UInt8.random(in: 0...7, using: &state.random) }
                var replies: [[UInt8]] = []
                for index in state.slots.indices {
                    let origin = state.slots[index].origin
                    if let reply = state.slots[index].device.receive(byte, now: ticks(now, origin)) {
                        replies.append(Array(reply))
                        if case .board(let core, _) = state.slots[index].device {
                            let text = String(decoding: Array(core.text(ofLine: 0)), as: UTF8.self)
                            if state.shownHistory[index]?.last?.text != text { state.shownHistory[index, default: []].append((now, text)) }
                        }
                    }
                    if state.slots[index].device.rebootRequested {
                        let device = state.slots[index].device
                        state.slots[index] = Slot(device: device.poweredOn(at: device.address), origin: now)
                    }
                }
                guard !replies.isEmpty else { continue }
                state.framesAnswered += 1
                if state.answersToLose > 0 {
                    state.answersToLose -= 1
                    continue
                }
                var answer = Self.merge(replies)
                for position in answer.indices where state.random.chance(state.faults.corruptRate) {
                    answer[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &state.random)
                }
                if state.random.chance(state.faults.noiseRate) {
                    let noise = (0..<Int.random(in: 1...6, using: &state.random)).map { _ in UInt8.random(in: 1...255, using: &state.random) }
                    answer = noise + [0] + answer
                }
                let delayed = state.random.chance(state.faults.delayRate)
                state.pendingOutput.append((due: now + (delayed ? state.faults.delayMicroseconds : 0), bytes: answer))
            }
        }
        var due: [[UInt8]] = []
        state.pendingOutput.removeAll { item in
            guard item.due <= now else { return false }
            due.append(item.bytes)
            return true
        }
        return due
    }

    /// Several drivers on one RS-485 pair: a dominant 0 bit wins (bitwise AND), lengths differ.
    static func merge(_ replies: [[UInt8]]) -> [UInt8] {
        guard replies.count > 1 else { return replies.first ?? [] }
        let length = replies.map(\.count).max() ?? 0
        return (0..<length).map { index in
            replies.reduce(UInt8(0xFF)) { result, reply in index < reply.count ? result & reply[index] : result }
        }
    }

    private func ticks(_ now: UInt64, _ origin: UInt64) -> Ticks { Ticks(UInt32(truncatingIfNeeded: (now &- origin) / 1000)) }
}
