import LobbyQueue
import LobbyWire

/// One line of a paint request.
public struct PaintedLine: Sendable, Equatable {
    /// Line index (0 = top).
    public var index: Int
    /// The content sent.
    public var line: BoardLine
}

/// Why the master sends a request (decides how the answer is used).
public enum RequestPurpose: Sendable, Equatable {
    /// Learn kind, geometry and serial.
    case identify
    /// Regular poll; keypads acknowledge events through the given id.
    case poll(acknowledging: EventID?)
    /// Probe of an offline device.
    case probe
    /// Paint these lines of a board.
    case paint([PaintedLine])
    /// Open a vote session on a keypad.
    case voteStart(TicketReference)
    /// Write the keypad's small display after a restart.
    case keypadRepaint
}

/// A request the runner should perform now.
public struct PlannedRequest: Sendable, Equatable {
    /// The device.
    public var address: DeviceAddress
    /// The message to send.
    public var message: Message
    /// What the answer is for.
    public var purpose: RequestPurpose
    /// The sequence number to use on every attempt.
    public var sequence: SequenceNumber
}

/// What the runner should do next.
public enum BusStep: Sendable, Equatable {
    /// Perform this transaction.
    case send(PlannedRequest)
    /// Nothing due before this time (or until a notification arrives).
    case idle(until: BusTime)
}

/// How a transaction ended, as reported by the runner.
public struct TransactionReport: Sendable, Equatable {
    /// The decoded answer, nil when every attempt went unanswered.
    public var answer: Message?
    /// Attempts made (1...3).
    public var attempts: Int
    /// Damaged frames received while waiting (CRC, COBS, length).
    public var damagedFrames: Int
    /// Further valid answers with the same sequence (a second device on the address).
    public var extraAnswers: Int

    /// Creates a report.
    public init(answer: Message?, attempts: Int, damagedFrames: Int = 0, extraAnswers: Int = 0) {
        self.answer = answer
        self.attempts = attempts
        self.damagedFrames = damagedFrames
        self.extraAnswers = extraAnswers
    }
}

/// Something the bus master wants the outside world to know or do.
public enum BusEffect: Sendable, Equatable {
    /// Submit this command to the queue; report the decision with `sinkDecided`.
    case submit(CommandRequest, KeypadEventKey)
    /// A device's health state changed.
    case healthChanged(DeviceAddress, HealthState)
    /// A board now shows its desired content completely.
    case boardPainted(DeviceAddress, BoardContent)
    /// A device restarted (uptime went down) or lost its content.
    case deviceRestarted(DeviceAddress)
    /// A device identified itself.
    case identified(DeviceAddress, DeviceIdentity)
    /// The device at this address is of another kind than configured.
    case wrongDeviceKind(DeviceAddress, DeviceKind)
    /// A keypad event was seen for the first time (or re-offered for submission).
    case keypadEvent(DeviceAddress, KeypadEvent, KeypadEventDisposition)
    /// Answers at this address look like two devices sharing it.
    case addressConflict(DeviceAddress)
}

/// A device's state for diagnostics (`lobbyctl bus status`, metrics).
public struct DeviceReport: Sendable, Equatable {
    /// Address.
    public var address: DeviceAddress
    /// Configured role.
    public var role: BusDeviceRole
    /// Health and counters.
    public var health: DeviceHealth
    /// Identity, once identified.
    public var identity: DeviceIdentity?
    /// Boards: the content the board should show now.
    public var target: BoardContent?
    /// Boards: whether the board shows `target` completely.
    public var isConverged: Bool
    /// Boards: calls waiting for their turn.
    public var queuedCalls: Int
    /// Keypads: events seen and not yet acknowledged.
    public var pendingEvents: Int
}
