import LobbyQueue
import LobbySerial
import LobbyWire

/// Performs compatibility requests on an open port: paced writes, adapter echo check, answers,
/// and the FF 68 echo that acknowledges a device's frame. One owner (the runner's thread).
final class CompatibilityLink {
    let port: SerialPort
    private let busProtocol: BusProtocol
    private let options: CompatibilityOptions
    private let baud: UInt32
    private let tap: BusMonitorTap
    private let bus: String
    private let wallClock: @Sendable () -> Instant
    private var splitter: WireFrameSplitter
    private var buffer = [UInt8](repeating: 0, count: 512)

    init(port: SerialPort, configuration: BusConfiguration, tap: BusMonitorTap, wallClock: @escaping @Sendable () -> Instant) {
        self.port = port
        busProtocol = configuration.busProtocol
        options = configuration.compatibility
        baud = configuration.baud
        self.tap = tap
        bus = port.endpoint.description
        self.wallClock = wallClock
        splitter = WireFrameSplitter(busProtocol: configuration.busProtocol)
    }

    private func wire(_ bytes: Int) -> UInt64 { UInt64(10 * bytes) * 1_000_000 / UInt64(max(baud, 1)) }

    private func publish(_ chunk: WireChunk, _ direction: MonitoredFrame.Direction) {
        guard tap.isActive else { return }
        tap.publish(MonitoredFrame(
            chunk, direction: direction, microseconds: MonotonicClock.microseconds(), wallClock: wallClock(), bus: bus,
            busProtocol: busProtocol))
    }

    /// Writes one frame; with an echoing adapter reads it back and compares.
    private func write(_ frame: [UInt8]) throws(SerialPortError) -> EchoResult {
        publish(.frame(frame), .sent)
        let start = MonotonicClock.microseconds()
        try port.write(frame, deadline: start + 1_000_000 + wire(frame.count))
        guard options.adapterEcho else { return .notChecked }
        var echoed: [UInt8] = []
        let deadline = MonotonicClock.microseconds() + wire(frame.count) + 50_000
        while echoed.count < frame.count {
            var chunk = [UInt8](repeating: 0, count: frame.count - echoed.count)
            let count = try port.read(into: &chunk, deadline: deadline)
            if count == 0 { break }
            echoed += chunk[0..<count]
        }
        if echoed == frame { return .intact }
        return echoed.isEmpty ? .missing : .damaged
    }

    /// Reads until `deadline` (or `interrupt`), decoding what arrives; stops early when
    /// `until` accepts an input. Returns the inputs and the count of undecodable bursts.
    private func receive(until deadline: UInt64, interrupt: Int32 = -1, stopWhen until: (CompatibilityInput) -> Bool = { _ in false })
        throws(SerialPortError) -> (inputs: [CompatibilityInput], damaged: Int)
    {
        var inputs: [CompatibilityInput] = []
        var damaged = 0
        while true {
            let count = try port.read(into: &buffer, deadline: deadline, interrupt: interrupt)
            if count == 0 {
                // A gap (or the deadline): a partial frame will not be completed.
                for chunk in splitter.flush() {
                    publish(chunk, .received)
                    damaged += 1
                }
                return (inputs, damaged)
            }
            var done = false
            for chunk in splitter.consume(Array(buffer[0..<count])) {
                publish(chunk, .received)
                switch chunk {
                case .noise:
                    damaged += 1
                case .frame(let bytes):
                    guard let input = CompatibilityWire.input(bytes, busProtocol: busProtocol, pollFunction: options.ff68PollFunction) else {
                        continue
                    }
                    try acknowledge(input)
                    inputs.append(input)
                    if until(input) { done = true }
                }
            }
            if done && splitter.pendingCount == 0 { return (inputs, damaged) }
        }
    }

    /// FF 68: the host echoes every frame a device sends as its acknowledgement.
    private func acknowledge(_ input: CompatibilityInput) throws(SerialPortError) {
        guard case .ff68(_, _, _, let raw) = input else { return }
        _ = try write(raw)
    }

    /// Performs a request; returns its outcome and the inputs of other devices seen meanwhile.
    func perform(_ request: CompatibilityRequest) throws(SerialPortError) -> (CompatibilityOutcome, [CompatibilityInput]) {
        var echo = EchoResult.notChecked
        var others: [CompatibilityInput] = []
        var damaged = 0
        for frame in request.frames {
            let result = try write(frame)
            echo = Self.worse(echo, result)
            if request.pacing > 0 {
                let received = try receive(until: MonotonicClock.microseconds() + request.pacing)
                others += received.inputs
                damaged += received.damaged
            }
        }
        guard let timeout = request.answerTimeout else {
            return (CompatibilityOutcome(echo: echo, damagedChunks: damaged), others)
        }
        let address = request.address.rawValue
        let received = try receive(until: MonotonicClock.microseconds() + timeout) { $0.address == address }
        var answer: CompatibilityInput?
        for input in received.inputs {
            if answer == nil && input.address == address { answer = input } else { others.append(input) }
        }
        return (CompatibilityOutcome(echo: echo, answer: answer, damagedChunks: damaged + received.damaged), others)
    }

    private static func worse(_ a: EchoResult, _ b: EchoResult) -> EchoResult {
        let order: [EchoResult] = [.notChecked, .intact, .damaged, .missing]
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }

    /// Waits until `deadline` or `interrupt`, decoding frames devices send on their own.
    func idle(until deadline: UInt64, interrupt: Int32) throws(SerialPortError) -> [CompatibilityInput] {
        try receive(until: deadline, interrupt: interrupt).inputs
    }
}
