import LobbyBus
import LobbyQueue

/// Delivers keypad commands to the queue actor; the bus acknowledges an event only once durable.
struct QueueBusSink: QueueCommandSink {
    let queue: QueueService

    func submit(_ request: CommandRequest) async -> SinkDecision {
        do {
            _ = try await queue.submit(request)
            return .accepted
        } catch {
            switch error {
            case .refused(let reason): return .refused("\(reason)")
            case .journalUnavailable(let reason): return .unavailable(reason)
            }
        }
    }
}
