import LobbyQueue

/// What the daemon tells the bus master (fed as an `AsyncStream<BusNotification>`).
public enum BusNotification: Sendable, Equatable {
    /// A ticket was called to a window (`isRecall` for a repeated call); `number` is the displayed number.
    case called(window: WindowID, ticket: TicketID, number: String, isRecall: Bool = false)
    /// The window has no current ticket any more (no-show, transfer, park): its board goes blank.
    case windowCleared(window: WindowID)
    /// Service of `ticket` at `window` ended: the window's keypad invites a vote.
    case serviceFinished(window: WindowID, ticket: TicketID)
    /// Everything shown is stale (daemon start, day change): repaint every device.
    case repaintAll
}
