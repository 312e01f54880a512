import LobbySerial
import LobbyWire

/// One frame seen on the bus, for `lobbyctl bus monitor`.
public struct BusTraffic: Sendable, Equatable {
    /// Direction of the bytes.
    public enum Direction: String, Sendable, Equatable {
        /// Master to devices.
        case sent
        /// Devices to master.
        case received
    }
    /// Direction.
    public var direction: Direction
    /// Master's monotonic time in microseconds.
    public var microseconds: UInt64
    /// The decoded frame, or nil for damaged bytes.
    public var frame: Frame?
    /// Why damaged bytes were rejected.
    public var rejection: FrameRejection?
}

/// Performs master transactions on an open port: frame out, answer in, retries with the same bytes.
public final class BusLink {
    /// The port.
    public let port: SerialPort
    /// Timing rules of the bus (attempts may be lowered, e.g. for a scan).
    public var timing: BusTiming
    /// Receives every frame sent and received (bus monitor).
    public var monitor: ((BusTraffic) -> Void)?
    private var decoder = FrameDecoder()
    private var buffer = [UInt8](repeating: 0, count: 512)

    /// Wraps an open port.
    public init(port: SerialPort, timing: BusTiming) {
        self.port = port
        self.timing = timing
    }

    /// Sends `message` to `destination` and waits for the answer, retrying per `timing`.
    public func perform(_ message: Message, to destination: DeviceAddress, sequence: SequenceNumber, source: DeviceAddress = .master)
        throws(SerialPortError) -> TransactionReport
    {
        var transaction = MasterTransaction(message, to: destination, from: source, sequence: sequence, timing: timing)
        decoder.reset()
        var damaged = 0
        var extra = 0
        var answer: Message?
        var action = transaction.start(now: BusTime(microseconds: MonotonicClock.microseconds()))
        while true {
            switch action {
            case .send(let wire, _):
                let now = MonotonicClock.microseconds()
                monitor?(BusTraffic(direction: .sent, microseconds: now, frame: message.frame(from: source, to: destination, sequence: sequence)))
                try port.write([0] + Array(wire), deadline: now + 1_000_000)
                action = .wait
            case .sentWithoutAnswer:
                // A broadcast: sent once, nobody answers.
                let now = MonotonicClock.microseconds()
                monitor?(BusTraffic(direction: .sent, microseconds: now, frame: message.frame(from: source, to: destination, sequence: sequence)))
                try port.write([0] + Array(transaction.wire), deadline: now + 1_000_000)
                return TransactionReport(answer: nil, attempts: transaction.attemptsMade)
            case .answered(let message):
                answer = message
                // Collect what is already buffered: a second device answering on the same address.
                extra += drainExtraAnswers(transaction)
                return TransactionReport(answer: answer, attempts: transaction.attemptsMade, damagedFrames: damaged, extraAnswers: extra)
            case .malformedAnswer:
                return TransactionReport(
                    answer: .nack(message.type, .badPayload, detail: 0), attempts: transaction.attemptsMade, damagedFrames: damaged)
            case .gaveUp(let attempts):
                return TransactionReport(answer: nil, attempts: attempts, damagedFrames: damaged)
            case .wait:
                let count = try port.read(into: &buffer, deadline: transaction.deadline.microseconds)
                if count == 0 {
                    action = transaction.timeout(now: BusTime(microseconds: MonotonicClock.microseconds()))
                    continue
                }
                var next = MasterTransaction.Action.wait
                for byte in buffer[0..<count] {
                    guard let output = decoder.consume(byte) else { continue }
                    switch output {
                    case .frame(let frame):
                        monitor?(BusTraffic(direction: .received, microseconds: MonotonicClock.microseconds(), frame: frame))
                        if case .wait = next {
                            next = transaction.receive(frame)
                        } else if isAnswer(frame, to: transaction) {
                            extra += 1
                        }
                    case .rejected(let rejection):
                        monitor?(BusTraffic(direction: .received, microseconds: MonotonicClock.microseconds(), rejection: rejection))
                        damaged += 1
                    }
                }
                action = next
            }
        }
    }

    private func isAnswer(_ frame: Frame, to transaction: MasterTransaction) -> Bool {
        frame.header.source == transaction.destination && frame.header.destination == transaction.source
            && frame.header.sequence == transaction.sequence
    }

    private func drainExtraAnswers(_ transaction: MasterTransaction) -> Int {
        var extra = 0
        let deadline = MonotonicClock.microseconds() + timing.wireMicroseconds(bytes: 4)
        while let count = try? port.read(into: &buffer, deadline: deadline), count > 0 {
            for byte in buffer[0..<count] {
                if case .frame(let frame)? = decoder.consume(byte), isAnswer(frame, to: transaction) { extra += 1 }
            }
        }
        return extra
    }

    /// Reads and discards bytes until `deadline` or `interrupt`; returns how many arrived.
    public func idle(until deadline: UInt64, interrupt: Int32) throws(SerialPortError) -> Int {
        let count = try port.read(into: &buffer, deadline: deadline, interrupt: interrupt)
        for byte in buffer[0..<count] { _ = decoder.consume(byte) }
        return count
    }
}

extension BusTraffic {
    init(direction: Direction, microseconds: UInt64, frame: Frame) {
        self.init(direction: direction, microseconds: microseconds, frame: frame, rejection: nil)
    }

    init(direction: Direction, microseconds: UInt64, rejection: FrameRejection) {
        self.init(direction: direction, microseconds: microseconds, frame: nil, rejection: rejection)
    }
}
