/// What a successful command produced; repeated requests return the same outcome.
public enum CommandOutcome: Sendable, Hashable {
    /// The command concerned this ticket (issued, called, finished, voted …).
    case ticket(TicketID)
    /// The citizen already holds an active ticket for the service: reprint it, no new ticket.
    case existingTicket(TicketID)
    /// The command concerned this window (state, sign-in).
    case window(WindowID)
    /// The command concerned this appointment (booked, cancelled, rescheduled).
    case appointment(BookingCode)
    /// The command was recorded; it concerns no ticket, window or appointment.
    case recorded

    /// The ticket, for ticket outcomes.
    public var ticket: TicketID? {
        switch self {
        case .ticket(let t), .existingTicket(let t): t
        case .window, .appointment, .recorded: nil
        }
    }

    /// The booking code, for appointment outcomes.
    public var appointment: BookingCode? {
        if case .appointment(let code) = self { return code }
        return nil
    }
}

/// One entry of the journal: a command that was accepted and the events it caused.
public struct JournalRecord: Sendable, Hashable {
    /// Position in the journal, starting at 1, without gaps.
    public var sequence: UInt64
    /// The client's request identifier.
    public var requestID: RequestID
    /// The command.
    public var command: QueueCommand
    /// When the queue accepted it.
    public var at: Instant
    /// The result reported to the client.
    public var outcome: CommandOutcome
    /// The state changes, applied in order.
    public var events: [QueueEvent]

    /// Creates a record.
    public init(sequence: UInt64, requestID: RequestID, command: QueueCommand, at: Instant, outcome: CommandOutcome, events: [QueueEvent]) {
        self.sequence = sequence
        self.requestID = requestID
        self.command = command
        self.at = at
        self.outcome = outcome
        self.events = events
    }
}

/// The answer to a command: the outcome, and whether it was a repeat of an earlier request.
public struct CommandResult: Sendable, Hashable {
    /// The outcome.
    public var outcome: CommandOutcome
    /// The record to make durable, nil when the request was a repeat (nothing new to write).
    public var record: JournalRecord?
    /// True when the request id had been seen and the first outcome is returned.
    public var isRepeat: Bool { record == nil }
}
