import LobbyProbeSupport
import Foundation
import LobbyIDReaders
import Synchronization

/// Collects a monitor's events on a background task (with the monotonic time each arrived) so the
/// probe can wait for one that matches, with a deadline.
final class EventInbox: Sendable {
    /// One received event.
    struct Received: Sendable {
        var event: MRZReaderEvent
        /// CLOCK_MONOTONIC microseconds when the consumer got it.
        var arrivedAt: Int64
    }

    private final class Store: Sendable {
        let list = Mutex<[Received]>([])
    }

    private let store = Store()
    private let consumer: Task<Void, Never>

    /// Starts consuming `stream`; every event is also echoed with `echo`.
    init(_ stream: AsyncStream<MRZReaderEvent>, echo: @escaping @Sendable (MRZReaderEvent) -> Void) {
        let store = self.store
        consumer = Task {
            for await event in stream {
                let arrived = ProbeOutput.now()
                echo(event)
                store.list.withLock { $0.append(Received(event: event, arrivedAt: arrived)) }
            }
        }
    }

    /// Stops the monitor (ends the stream) and waits for the consumer.
    func close() async {
        consumer.cancel()
        await consumer.value
    }

    /// Removes and returns the first event matching `predicate`, waiting up to `seconds`; events before it are dropped.
    func next(within seconds: Double, where predicate: (MRZReaderEvent.Kind) -> Bool) async -> Received? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found: Received? = store.list.withLock { list in
                guard let index = list.firstIndex(where: { predicate($0.event.kind) }) else { return nil }
                let match = list[index]
                list.removeSubrange(0...index)
                return match
            }
            if let found { return found }
            if Date() >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Forgets everything received so far.
    func clear() {
        store.list.withLock { $0.removeAll() }
    }
}

extension MRZReaderEvent.Kind {
    var isAttached: Bool { if case .attached = self { true } else { false } }
    var isDetached: Bool { if case .detached = self { true } else { false } }
    var isMissing: Bool { if case .missing = self { true } else { false } }
    var isDocument: Bool { if case .document = self { true } else { false } }
    var isNoise: Bool { if case .noise = self { true } else { false } }
    var isDocumentOrNoise: Bool { isDocument || isNoise }
}
