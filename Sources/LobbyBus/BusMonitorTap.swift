import Synchronization

/// Where a running bus publishes every frame it sends and receives (the bus monitor's tap).
///
/// Costs nothing while nobody listens. Subscribers are called on the bus's thread: they must
/// return quickly (the stream variant buffers the newest frames and never blocks the bus).
public final class BusMonitorTap: Sendable {
    private let subscribers = Mutex<(next: Int, callbacks: [Int: @Sendable (MonitoredFrame) -> Void])>((0, [:]))

    /// Creates a tap without subscribers.
    public init() {}

    /// Whether anyone listens (the runner skips describing frames otherwise).
    public var isActive: Bool { subscribers.withLock { !$0.callbacks.isEmpty } }

    /// Adds a callback; returns a token for `unsubscribe`.
    @discardableResult
    public func subscribe(_ callback: @escaping @Sendable (MonitoredFrame) -> Void) -> Int {
        subscribers.withLock { state in
            state.next += 1
            state.callbacks[state.next] = callback
            return state.next
        }
    }

    /// Removes a callback.
    public func unsubscribe(_ token: Int) { subscribers.withLock { _ = $0.callbacks.removeValue(forKey: token) } }

    /// Every frame from now on, as a stream (keeps the newest `buffer` frames when the reader is slow);
    /// ending the iteration unsubscribes.
    public func frames(buffer: Int = 1000) -> AsyncStream<MonitoredFrame> {
        let (stream, continuation) = AsyncStream.makeStream(of: MonitoredFrame.self, bufferingPolicy: .bufferingNewest(buffer))
        let token = subscribe { continuation.yield($0) }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(token) }
        return stream
    }

    /// Delivers a frame to every subscriber.
    public func publish(_ frame: MonitoredFrame) {
        let callbacks = subscribers.withLock { Array($0.callbacks.values) }
        for callback in callbacks { callback(frame) }
    }
}
