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
    /// The bytes as they travelled (sent: the leading `00`, COBS and delimiter; received: since the previous delimiter).
    public var raw: [UInt8] = []
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
    /// Received bytes since the last delimiter (raw bytes for the monitor).
    private var rawPending: [UInt8] = []
    /// When the last byte arrived (monotonic µs), for the inter-byte gap rule.
    private var lastByteAt: UInt64 = 0
    /// A partial frame older than this is dropped (Protocol.md §2.3: kept below 20 ms).
    static let interByteGap: UInt64 = 20_000

    /// Drops a partial frame when no byte came for longer than the inter-byte gap; true if it did.
    private func dropStalePartialFrame(now: UInt64) -> Bool {
        defer { lastByteAt = now }
        guard decoder.isInsideFrame, now &- lastByteAt > Self.interByteGap else { return false }
        decoder.reset()
        rawPending.removeAll(keepingCapacity: true)
        return true
    }

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
                monitor?(BusTraffic(
                    direction: .sent, microseconds: now, frame: message.frame(from: source, to: destination, sequence: sequence),
                    rejection: nil, raw: [0] + Array(wire)))
                try port.write([0] + Array(wire), deadline: now + 1_000_000)
                action = .wait
            case .sentWithoutAnswer:
                // A broadcast: sent once, nobody answers.
                let now = MonotonicClock.microseconds()
                monitor?(BusTraffic(
                    direction: .sent, microseconds: now, frame: message.frame(from: source, to: destination, sequence: sequence),
                    rejection: nil, raw: [0] + Array(transaction.wire)))
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
                if dropStalePartialFrame(now: MonotonicClock.microseconds()) { damaged += 1 }
                var next = MasterTransaction.Action.wait
                for byte in buffer[0..<count] {
                    let raw = collectRaw(byte)
                    guard let output = decoder.consume(byte) else { continue }
                    switch output {
                    case .frame(let frame):
                        monitor?(BusTraffic(direction: .received, microseconds: MonotonicClock.microseconds(), frame: frame, rejection: nil, raw: raw))
                        if case .wait = next {
                            next = transaction.receive(frame)
                        } else if isAnswer(frame, to: transaction) {
                            extra += 1
                        }
                    case .rejected(let rejection):
                        monitor?(BusTraffic(direction: .received, microseconds: MonotonicClock.microseconds(), frame: nil, rejection: rejection, raw: raw))
                        damaged += 1
                    }
                }
                action = next
            }
        }
    }

    /// Adds a received byte to the raw record; at a delimiter returns the bytes since the previous one.
    private func collectRaw(_ byte: UInt8) -> [UInt8] {
        guard monitor != nil else { return [] }
        rawPending.append(byte)
        guard byte == 0 else { return [] }
        defer { rawPending.removeAll(keepingCapacity: true) }
        return rawPending
    }

    private func isAnswer(_ frame: Frame, to transaction: MasterTransaction) -> Bool {
        frame.header.source == transaction.answerSource && frame.header.destination == transaction.source
            && frame.header.sequence == transaction.sequence
    }

    private func drainExtraAnswers(_ transaction: MasterTransaction) -> Int {
        var extra = 0
        let deadline = MonotonicClock.microseconds() + timing.wireMicroseconds(bytes: 4)
        while let count = try? port.read(into: &buffer, deadline: deadline), count > 0 {
            _ = dropStalePartialFrame(now: MonotonicClock.microseconds())
            for byte in buffer[0..<count] {
                let raw = collectRaw(byte)
                let output = decoder.consume(byte)
                if let output { report(output, raw: raw) }
                if case .frame(let frame)? = output, isAnswer(frame, to: transaction) { extra += 1 }
            }
        }
        return extra
    }

    /// Reads and discards bytes until `deadline` or `interrupt`; returns how many arrived.
    public func idle(until deadline: UInt64, interrupt: Int32) throws(SerialPortError) -> Int {
        let count = try port.read(into: &buffer, deadline: deadline, interrupt: interrupt)
        if count > 0 { _ = dropStalePartialFrame(now: MonotonicClock.microseconds()) }
        for byte in buffer[0..<count] {
            let raw = collectRaw(byte)
            if let output = decoder.consume(byte) { report(output, raw: raw) }
        }
        return count
    }

    private func report(_ output: DecoderOutput, raw: [UInt8]) {
        guard let monitor else { return }
        let now = MonotonicClock.microseconds()
        switch output {
        case .frame(let frame): monitor(BusTraffic(direction: .received, microseconds: now, frame: frame, rejection: nil, raw: raw))
        case .rejected(let rejection): monitor(BusTraffic(direction: .received, microseconds: now, frame: nil, rejection: rejection, raw: raw))
        }
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
