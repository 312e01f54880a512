/// The live state of a window.
public struct WindowStatus: Sendable, Hashable {
    /// Open, paused or closed.
    public var state: WindowState
    /// The operator signed in, if any.
    public var signedIn: OperatorID?
    /// The ticket called to or served at the window, if any.
    public var current: TicketID?
    /// Priority calls in a row since the last regular call (for `PriorityPolicy.first`).
    public var consecutivePriorityCalls: Int

    /// A closed window with nobody signed in.
    public static let initial = WindowStatus(state: .closed, signedIn: nil, current: nil, consecutivePriorityCalls: 0)
}

/// The most recent observed durations of one service, for estimates.
public struct RollingDurations: Sendable, Hashable {
    /// How many observations are kept.
    public static let capacity = 20
    /// The kept observations in seconds, oldest first.
    public private(set) var seconds: [Int64] = []

    /// An empty window of observations.
    public init() {}

    /// Adds an observation, dropping the oldest beyond the capacity.
    public mutating func add(_ value: Int64) {
        if seconds.count == Self.capacity { seconds.removeFirst() }
        seconds.append(value)
    }

    /// The mean of the observations, nil when there are none.
    public var mean: Double? {
        seconds.isEmpty ? nil : Double(seconds.reduce(0, +)) / Double(seconds.count)
    }
}

/// A compact record of a finished ticket of a past day, kept for statistics.
public struct ServedRecord: Sendable, Hashable {
    /// The ticket's id (ids are never reused, also across days).
    public var id: TicketID
    /// The number it was called by.
    public var number: TicketNumber
    /// The language it was issued in.
    public var language: Language
    /// The ticket's service day.
    public var day: LocalDate
    /// The service it was served for (after transfers).
    public var service: ServiceID
    /// The final state (done, no-show, cancelled, expired).
    public var state: TicketState
    /// The window it was served at.
    public var window: WindowID?
    /// The operator who served it.
    public var servedBy: OperatorID?
    /// When it was issued.
    public var issuedAt: Instant
    /// When it was first called.
    public var firstCalledAt: Instant?
    /// When service began.
    public var startedAt: Instant?
    /// When service ended.
    public var finishedAt: Instant?
    /// The satisfaction vote.
    public var vote: Int?

    /// The record of a ticket.
    public init(_ t: Ticket) {
        id = t.id
        number = t.number
        language = t.language
        day = t.day
        service = t.service
        state = t.state
        window = t.window
        servedBy = t.servedBy
        issuedAt = t.issuedAt
        firstCalledAt = t.firstCalledAt
        startedAt = t.startedAt
        finishedAt = t.finishedAt
        vote = t.vote
    }
}

/// What the queue remembers of a request id.
public struct RequestMemory: Sendable, Hashable {
    /// The command first sent with the id.
    public var command: QueueCommand
    /// Its outcome.
    public var outcome: CommandOutcome
    /// The service day it was made on (old ids are forgotten after a day).
    public var day: LocalDate
}

/// The per-prefix numbering position of the day.
public struct PrefixCounter: Sendable, Hashable {
    /// The last number issued (0 before the first).
    public var last: Int
    /// The current pass through the range.
    public var cycle: Int
}
