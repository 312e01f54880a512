import LobbyQueue

/// Where the bus master delivers keypad commands: the daemon's queue actor.
///
/// `submit` returns only once the command is durable (`accepted`), refused for good
/// (`refused`), or could not be decided now (`unavailable`, the event stays in the keypad and
/// is submitted again later). A repeated `requestID` must return the first decision.
public protocol QueueCommandSink: Sendable {
    /// Submits one command.
    func submit(_ request: CommandRequest) async -> SinkDecision
}
