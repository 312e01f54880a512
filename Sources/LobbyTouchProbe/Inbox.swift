import Foundation
import LobbyEvdev
import LobbyTouch
import Synchronization

/// Collects a monitor's updates on a background task so the probe can wait for one that
/// matches, with a deadline.
final class Inbox: Sendable {
    /// The received updates behind a lock (a class, so the consumer task can share it).
    private final class Received: Sendable {
        let list = Mutex<[TouchscreenUpdate]>([])
    }

    private let received = Received()
    private let consumer: Task<Void, Never>

    /// Starts consuming `stream`; every update is also echoed with `echo`.
    init(_ stream: AsyncStream<TouchscreenUpdate>, echo: @escaping @Sendable (TouchscreenUpdate) -> Void) {
        let received = self.received
        consumer = Task {
            for await update in stream {
                echo(update)
                received.list.withLock { $0.append(update) }
            }
        }
    }

    /// Stops the monitor (ends the stream) and waits for the consumer.
    func close() async {
        consumer.cancel()
        await consumer.value
    }

    /// Removes and returns the first update matching `predicate`, waiting up to `seconds`;
    /// updates before it are dropped.
    func next(within seconds: Double, where predicate: (TouchscreenUpdate) -> Bool) async -> TouchscreenUpdate? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found: TouchscreenUpdate? = received.list.withLock { list in
                guard let index = list.firstIndex(where: predicate) else { return nil }
                let match = list[index]
                list.removeSubrange(0...index)
                return match
            }
            if let found { return found }
            if Date() >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The gestures received within `seconds` from now (waits the whole time).
    func gestures(during seconds: Double) async -> [GestureEvent] {
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1_000)))
        return received.list.withLock { list in
            let gestures = list.compactMap { update -> GestureEvent? in
                if case .gesture(let gesture) = update { gesture } else { nil }
            }
            list.removeAll()
            return gestures
        }
    }

    /// Forgets everything received so far.
    func clear() {
        received.list.withLock { $0.removeAll() }
    }
}
