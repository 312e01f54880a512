import Foundation

/// Health of the daemon's parts and devices, by name ("ok" or a reason); shown in /healthz,
/// /metrics and, as each change happens, in the technicians' event stream.
public actor HealthRegistry {
    /// One change of a part's health.
    public struct Change: Sendable, Equatable {
        /// The part, e.g. `printer:kiosk-a` or `bus:hall/0x11`.
        public let part: String
        /// Its new state.
        public let state: String
        /// The state before, nil when the part is new.
        public let previous: String?
    }

    private var states: [String: String] = [:]
    private var subscribers: [UUID: AsyncStream<Change>.Continuation] = [:]

    /// An empty registry.
    public init() {}

    /// Sets the health of a part; subscribers hear of it when the state changed.
    public func set(_ name: String, _ state: String) {
        let previous = states.updateValue(state, forKey: name)
        guard previous != state else { return }
        let change = Change(part: name, state: state, previous: previous)
        for c in subscribers.values { c.yield(change) }
    }

    /// Every part's health.
    public func all() -> [String: String] { states }

    /// The changes from now on, until the stream's consumer goes away or `finishSubscriptions()`.
    public func subscribe() -> AsyncStream<Change> {
        let (stream, continuation) = AsyncStream.makeStream(of: Change.self, bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    /// Ends every subscription (shutdown).
    public func finishSubscriptions() {
        for c in subscribers.values { c.finish() }
        subscribers = [:]
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }
}
