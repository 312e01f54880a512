import Foundation
import LobbySerial
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Candle boards, QSystem keypads and FF 68 devices on the master side of a pseudo-terminal.
///
/// Every device sees every byte the master writes; answers go back at once (a pty has no
/// baud rate). Faults: silent devices, noise bursts on the line, lost acknowledgements, an
/// adapter that echoes the master's own bytes. Stopped (the port disappears) by `stop()`.
public final class CompatibleBusSimulator: Sendable {
    private struct State: Sendable {
        var devices: [CompatibleDevice] = []
        var history: [Int: [(at: UInt64, text: String)]] = [:]
        var framer: DeviceSideFramer
        var noiseRate = 0.0
        var random = SeededGenerator(seed: 0xC0FFEE)
        var pendingOutput: [[UInt8]] = []
    }

    private let wire: PseudoTerminalWire
    /// Path the master opens (the pty's slave).
    public let portPath: String
    /// Whether the line echoes the master's bytes back (a half-duplex adapter hearing itself).
    public let echoesMaster: Bool
    /// The FF 68 poll function the devices answer.
    public let pollFunction: UInt8
    private let state: Mutex<State>

    /// Creates a simulator of an FF 68 bus (`ff68` true) or a Candle/QSystem bus.
    public init(ff68: Bool, echoesMaster: Bool = false, pollFunction: UInt8 = 0x00) throws(SerialPortError) {
        wire = try PseudoTerminalWire()
        portPath = wire.portPath
        self.echoesMaster = echoesMaster
        self.pollFunction = pollFunction
        state = Mutex(State(framer: DeviceSideFramer(ff68: ff68)))
    }

    deinit { stop() }

    /// Adds a device; returns its index.
    @discardableResult
    public func add(_ kind: CompatibleDevice.Kind, address: UInt8) -> Int {
        state.withLock { state in
            state.devices.append(CompatibleDevice(kind: kind, address: address))
            return state.devices.count - 1
        }
    }

    /// A device's state (a copy).
    public func device(_ index: Int) -> CompatibleDevice { state.withLock { $0.devices[index] } }

    /// What a board shows (or a keypad's display).
    public func text(_ index: Int) -> String { device(index).shownText }

    /// Every change of what a board shows, with the monotonic time (µs) it changed.
    public func history(_ index: Int) -> [(at: UInt64, text: String)] { state.withLock { $0.history[index] ?? [] } }

    /// A QSystem keypad key press (code 31…34), delivered at the next scan.
    public func pressKey(_ index: Int, code: UInt8) { state.withLock { $0.devices[index].pendingKeys.append(code) } }

    /// An FF 68 frame the device sends until the host echoes it (evaluator: function 0x11, data [key]).
    public func queueFrame(_ index: Int, function: UInt8, data: [UInt8]) {
        state.withLock { state in
            let address = state.devices[index].address
            state.devices[index].pendingFrames.append(CompatibleDevice.ff68(address: address, function: function, data: data))
        }
    }

    /// The device misses the host's next `count` echoes (so it sends the same frame again).
    public func loseEchoes(_ index: Int, count: Int = 1) { state.withLock { $0.devices[index].ignoreEchoes += count } }

    /// Makes a device stop (or resume) answering and listening.
    public func setSilent(_ index: Int, _ silent: Bool) { state.withLock { $0.devices[index].silent = silent } }

    /// Power-cycles a device: what it showed and buffered is lost.
    public func powerCycle(_ index: Int) {
        let now = MonotonicClock.microseconds()
        state.withLock { state in
            state.devices[index].powerCycle()
            state.history[index, default: []].append((now, ""))
        }
    }

    /// Chance per frame from the master of a burst of random bytes on the line (before any answer).
    public func setNoise(rate: Double, seed: UInt64 = 1) {
        state.withLock {
            $0.noiseRate = rate
            $0.random = SeededGenerator(seed: seed)
        }
    }

    /// Writes raw bytes onto the line as if a device sent them (unsolicited frames, garbage).
    public func inject(_ bytes: [UInt8]) { state.withLock { $0.pendingOutput.append(bytes) } }

    // MARK: Running

    /// Starts the simulator thread.
    public func start() {
        wire.start(name: "compat-bus-simulator") { [self] received, now in
            self.state.withLock { state in self.step(&state, received: received, now: now) }
        }
    }

    /// Stops the thread and closes the pseudo-terminal (the port disappears).
    public func stop() { wire.stop() }

    private func step(_ state: inout State, received: [UInt8], now: UInt64) -> [[UInt8]] {
        var output = state.pendingOutput
        state.pendingOutput.removeAll()
        if echoesMaster && !received.isEmpty { output.append(received) }
        for byte in received {
            guard let frame = state.framer.consume(byte) else { continue }
            if state.random.chance(state.noiseRate) {
                output.append((0..<Int.random(in: 1...5, using: &state.random)).map { _ in UInt8.random(in: 0...255, using: &state.random) })
            }
            for index in state.devices.indices {
                let before = state.devices[index].shownText
                if let answer = state.devices[index].receive(frame, pollFunction: pollFunction) { output.append(answer) }
                let after = state.devices[index].shownText
                if state.devices[index].kind == .candleBoard && (after != before || state.history[index] == nil) {
                    state.history[index, default: []].append((now, after))
                }
            }
        }
        return output
    }
}
