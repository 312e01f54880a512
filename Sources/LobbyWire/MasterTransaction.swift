/// A point in time on the master's clock, in microseconds (the caller's monotonic clock).
public struct BusTime: Sendable, Equatable, Comparable {
    /// Microseconds since an arbitrary origin.
    public let microseconds: UInt64
    /// Wraps a microsecond count.
    public init(microseconds: UInt64) { self.microseconds = microseconds }
    /// This time plus a duration in microseconds.
    public func adding(_ duration: UInt64) -> BusTime { BusTime(microseconds: microseconds &+ duration) }
    /// Orders two times.
    public static func < (lhs: BusTime, rhs: BusTime) -> Bool { lhs.microseconds < rhs.microseconds }
}

/// Bus timing rules of Protocol.md §7 for one baud rate.
public struct BusTiming: Sendable, Equatable {
    /// Bits per second.
    public var baud: UInt32
    /// The longest a device may take between the request's delimiter and its first byte.
    public var turnaroundMicroseconds: UInt64 = 5_000
    /// Extra allowance for scheduling on the master's side.
    public var marginMicroseconds: UInt64 = 5_000
    /// Attempts per request (first try included).
    public var attempts: Int = 3

    /// Creates timing for a baud rate.
    public init(baud: UInt32) { self.baud = max(baud, 1) }

    /// Wire time of `bytes` bytes: 10 bits each (start, 8 data, stop).
    public func wireMicroseconds(bytes: Int) -> UInt64 {
        (UInt64(max(bytes, 0)) * 10 * 1_000_000 + UInt64(baud) - 1) / UInt64(baud)
    }

    /// How long the master waits for an answer after starting to send a request.
    public func answerDeadline(requestBytes: Int, answerBytes: Int = FrameLimits.maxEncoded) -> UInt64 {
        wireMicroseconds(bytes: requestBytes + answerBytes) + turnaroundMicroseconds + marginMicroseconds
    }
}

/// One request of the master with its retries: a state machine that returns what to do.
///
/// The caller sends `wire` (preceded by one `00`), feeds every decoded frame to
/// `receive(_:)`, and calls `timeout(now:)` when `deadline` passes.
public struct MasterTransaction: Sendable {
    /// What the caller does next.
    public enum Action: Sendable, Equatable {
        /// Send the request bytes (again) and wait until `deadline`.
        case send(EncodedFrame, deadline: BusTime)
        /// Keep waiting.
        case wait
        /// The device answered.
        case answered(Message)
        /// The device answered with a payload that does not parse.
        case malformedAnswer(MessageError)
        /// No answer after every attempt; the device counts as offline.
        case gaveUp(attempts: Int)
        /// A broadcast is complete once sent: nobody answers.
        case sentWithoutAnswer
    }

    /// The request frame as sent (identical on every attempt).
    public let wire: EncodedFrame
    /// Where the request goes.
    public let destination: DeviceAddress
    /// Who answers: the destination, except for a unicast setAddress, which the device
    /// answers from its new address (Protocol.md §6.5).
    public let answerSource: DeviceAddress
    /// The master's address.
    public let source: DeviceAddress
    /// The request's sequence number.
    public let sequence: SequenceNumber
    /// When the current attempt times out.
    public private(set) var deadline = BusTime(microseconds: 0)
    /// Attempts made so far.
    public private(set) var attemptsMade = 0
    /// Whether the transaction has finished.
    public private(set) var isFinished = false
    private let timing: BusTiming

    /// Prepares a request; nothing is sent until `start(now:)`.
    public init(
        _ message: Message, to destination: DeviceAddress, from source: DeviceAddress = .master,
        sequence: SequenceNumber, timing: BusTiming
    ) {
        self.destination = destination
        if case .setAddress(_, let newAddress) = message {
            answerSource = newAddress
        } else {
            answerSource = destination
        }
        self.source = source
        self.sequence = sequence
        self.timing = timing
        wire = message.frame(from: source, to: destination, sequence: sequence).encoded()
    }

    /// Starts the first attempt.
    public mutating func start(now: BusTime) -> Action {
        attempt(now: now)
    }

    private mutating func attempt(now: BusTime) -> Action {
        attemptsMade += 1
        deadline = now.adding(timing.answerDeadline(requestBytes: wire.count + 1))
        if destination == .broadcast {
            isFinished = true
            return .sentWithoutAnswer
        }
        return .send(wire, deadline: deadline)
    }

    /// Offers a decoded frame; answers to other requests or from other devices are ignored.
    public mutating func receive(_ frame: Frame) -> Action {
        guard !isFinished, frame.header.destination == source, frame.header.source == answerSource,
            frame.header.sequence == sequence
        else { return .wait }
        isFinished = true
        do throws(MessageError) {
            return .answered(try Message.decode(type: frame.header.type, payload: frame.payload))
        } catch {
            return .malformedAnswer(error)
        }
    }

    /// Called when `deadline` has passed: retry with the same bytes or give up.
    public mutating func timeout(now: BusTime) -> Action {
        guard !isFinished else { return .wait }
        guard now >= deadline else { return .wait }
        if attemptsMade >= timing.attempts {
            isFinished = true
            return .gaveUp(attempts: attemptsMade)
        }
        return attempt(now: now)
    }
}

/// When to probe a device that stopped answering: 1, 2, 4, 8, 16, then every 30 seconds.
public struct OfflineBackoff: Sendable, Equatable {
    /// Probes made since the device went offline.
    public private(set) var failedProbes = 0

    /// Starts the schedule (the device just went offline).
    public init() {}

    /// Seconds to wait before the next probe.
    public var nextDelaySeconds: UInt32 {
        failedProbes >= 5 ? 30 : UInt32(1) << UInt32(failedProbes)
    }

    /// Records an unanswered probe.
    public mutating func probeFailed() { failedProbes += 1 }
}
