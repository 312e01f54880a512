import LobbyQueue

/// A durable change of the queue, as broadcast to the event stream, boards and displays.
public struct QueueNotification: Sendable {
    /// The journal record (already durable).
    public let record: JournalRecord
    /// Calls in the record, for displays: ticket number and window (no personal data).
    public let calls: [DisplayCall]
    /// The number of every ticket the record's events concern.
    public let numbers: [TicketID: TicketNumber]
}

/// A subscription that resumes after a client's last event (`Last-Event-ID`).
public struct QueueResumption: Sendable {
    /// The changes from now on.
    public let stream: AsyncStream<QueueNotification>
    /// The changes the client missed, oldest first; nil when they can no longer be sent.
    public let missed: [QueueNotification]?
    /// The last durable sequence when the subscription began.
    public let durableSequence: UInt64
}

/// One call shown on the hall display and boards.
public struct DisplayCall: Sendable, Hashable, Codable {
    /// The ticket number, e.g. `A042`.
    public let ticket: String
    /// The window number.
    public let window: Int
    /// Whether this is a repeat call of the same ticket.
    public let recall: Bool
    /// When, in milliseconds since 1970.
    public let at: Int64
    /// A sequence that orders calls (the journal sequence).
    public let sequence: UInt64
}
