import LobbyWire

/// What the compatibility master asks the runner to write (and whether to wait for an answer).
public struct CompatibilityRequest: Sendable, Equatable {
    /// Why the frames are written.
    public enum Purpose: Sendable, Equatable {
        /// Make a board show this content.
        case paint(BoardContent)
        /// Write a QSystem keypad's 3-character display.
        case keypadDisplay(String)
        /// Ask a keypad or evaluator for its news (QSystem scan, FF 68 poll).
        case poll
    }

    /// The device.
    public var address: DeviceAddress
    /// Frames to write, in order.
    public var frames: [[UInt8]]
    /// What the frames are for.
    public var purpose: Purpose
    /// Pause after each frame (the devices have no flow control).
    public var pacing: UInt64
    /// How long to wait for the device's answer; nil when none is expected.
    public var answerTimeout: UInt64?
}

/// What the runner should do next on a compatibility bus.
public enum CompatibilityStep: Sendable, Equatable {
    /// Write these frames.
    case send(CompatibilityRequest)
    /// Nothing due before this time (or until a notification or unsolicited bytes arrive).
    case idle(until: BusTime)
}

/// What became of the bytes an adapter that hears itself read back.
public enum EchoResult: Sendable, Equatable {
    /// The adapter does not echo (the configuration says so): nothing to compare.
    case notChecked
    /// Every byte came back as written: the frames left intact.
    case intact
    /// Bytes came back different: a collision or noise on the line.
    case damaged
    /// Nothing came back: the adapter or its line is dead.
    case missing
}

/// How a compatibility request ended, as reported by the runner.
public struct CompatibilityOutcome: Sendable, Equatable {
    /// The adapter echo check.
    public var echo: EchoResult
    /// The device's answer, if one was expected and came.
    public var answer: CompatibilityInput?
    /// Bursts of undecodable bytes received while waiting.
    public var damagedChunks: Int

    /// Creates an outcome.
    public init(echo: EchoResult = .notChecked, answer: CompatibilityInput? = nil, damagedChunks: Int = 0) {
        self.echo = echo
        self.answer = answer
        self.damagedChunks = damagedChunks
    }
}
