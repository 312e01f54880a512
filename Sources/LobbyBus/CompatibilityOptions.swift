import LobbyWire

/// Timing and mapping of a bus that speaks a compatibility protocol (Candle/QSystem or FF 68).
///
/// These devices have no acknowledgement of the Lobby kind: the values here decide how long the
/// master waits for answers, how it paces writes and how often it re-sends what boards show.
/// Times in microseconds of the master's monotonic clock.
public struct CompatibilityOptions: Sendable, Equatable {
    /// Pause after every frame written; nil = the protocol's default (Candle 250 ms, FF 68 20 ms).
    public var framePacing: UInt64?
    /// How long to wait for a poll's answer; nil = wire time of poll and answer plus 30 ms.
    public var answerTimeout: UInt64?
    /// Unanswered polls in a row before a keypad or evaluator is marked offline.
    public var attempts: Int
    /// Boards cannot report what they show: their content is re-sent this often.
    public var boardRefreshInterval: UInt64
    /// The adapter receives its own transmission (half-duplex without direction control): every
    /// byte written is read back and compared, which proves the frame left intact.
    public var adapterEcho: Bool
    /// Characters of a Candle hall board's line (`A123  >5`).
    public var boardColumns: Int
    /// FF 68 evaluator: Lobby score (1…5) per key DATA[0] = 0…3.
    public var evaluatorScores: [UInt8]
    /// FF 68 function code of the host's poll and of a device's idle answer.
    public var ff68PollFunction: UInt8
    /// FF 68 caller function codes that are operator keys (site-specific; empty = none).
    public var ff68CallerKeys: [UInt8: OperatorKey]
    /// An FF 68 frame identical to the last one from the same device within this time is a
    /// re-delivery (the device missed the host's echo), not a new key press.
    public var duplicateWindow: UInt64
    /// How long after an `unavailable` decision a command is submitted again.
    public var resubmitDelay: UInt64

    /// Creates options with the documented defaults (Docs/Bus-compat.md).
    public init(
        framePacing: UInt64? = nil, answerTimeout: UInt64? = nil, attempts: Int = 3, boardRefreshInterval: UInt64 = 10_000_000,
        adapterEcho: Bool = false, boardColumns: Int = 8, evaluatorScores: [UInt8] = [5, 4, 2, 1], ff68PollFunction: UInt8 = 0x00,
        ff68CallerKeys: [UInt8: OperatorKey] = [:], duplicateWindow: UInt64 = 2_000_000, resubmitDelay: UInt64 = 1_000_000
    ) {
        self.framePacing = framePacing
        self.answerTimeout = answerTimeout
        self.attempts = attempts
        self.boardRefreshInterval = boardRefreshInterval
        self.adapterEcho = adapterEcho
        self.boardColumns = boardColumns
        self.evaluatorScores = evaluatorScores
        self.ff68PollFunction = ff68PollFunction
        self.ff68CallerKeys = ff68CallerKeys
        self.duplicateWindow = duplicateWindow
        self.resubmitDelay = resubmitDelay
    }

    /// The pause after each frame on a bus of `busProtocol`.
    public func pacing(for busProtocol: BusProtocol) -> UInt64 {
        if let framePacing { return framePacing }
        return busProtocol == .candleQSystem ? 250_000 : 20_000
    }

    /// The answer deadline of a poll of `requestBytes` whose answer has at most `answerBytes`.
    public func answerDeadline(requestBytes: Int, answerBytes: Int, baud: UInt32) -> UInt64 {
        if let answerTimeout { return answerTimeout }
        return UInt64(10 * (requestBytes + answerBytes)) * 1_000_000 / UInt64(max(baud, 1)) + 30_000
    }
}
