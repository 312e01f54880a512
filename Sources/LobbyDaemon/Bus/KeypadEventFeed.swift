import Foundation
import LobbyBus
import LobbyWire
import Synchronization

/// Keypad events seen by lobbyd's bus masters, fanned out to `lobbyctl keypad watch` clients.
final class KeypadEventFeed: Sendable {
    /// One event with where it came from.
    struct Item: Sendable {
        let bus: String
        let address: DeviceAddress
        let event: KeypadEvent
    }

    private let subscribers = Mutex<[UUID: AsyncStream<Item>.Continuation]>([:])

    /// Hands an event to every subscriber.
    func publish(_ item: Item) {
        for c in subscribers.withLock({ Array($0.values) }) { c.yield(item) }
    }

    /// The events from now on.
    func subscribe() -> AsyncStream<Item> {
        let (stream, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return stream
    }

    /// Ends every subscription (shutdown).
    func finish() {
        for c in subscribers.withLock({ value -> [AsyncStream<Item>.Continuation] in
            defer { value = [:] }
            return Array(value.values)
        }) { c.finish() }
    }
}
