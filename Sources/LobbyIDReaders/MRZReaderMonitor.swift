import Foundation
import LobbyEvdev
import LobbySystem
import Synchronization

/// Runs the configured MRZ readers, each on a thread of its own, and reports what they do as an
/// `AsyncStream` — the port a daemon service consumes (and `lobbyctl mrz watch` prints).
///
/// Per reader, the first event is `attached`, `missing` or `failed`; afterwards health events
/// come only on change, documents and noise as they complete. A missing or failing reader is a
/// state, never a crash: it is looked for again on hotplug notifications and every rescan interval.
public struct MRZReaderMonitor: Sendable {
    /// The readers to run.
    public let readers: [MRZReaderConfiguration]
    /// Where udev keeps its database (to tell which unreadable nodes are readers).
    public let udevDataDirectory: String

    /// A monitor (nothing starts until `events()`).
    public init(readers: [MRZReaderConfiguration], udevDataDirectory: String = "/run/udev/data") {
        self.readers = readers
        self.udevDataDirectory = udevDataDirectory
    }

    /// Starts the reader threads and returns their events. The threads stop (releasing grabs and
    /// ports) when the consumer stops iterating or its task is cancelled; the stream finishes
    /// when all of them have stopped.
    public func events() -> AsyncStream<MRZReaderEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: MRZReaderEvent.self, bufferingPolicy: .unbounded)
        guard !readers.isEmpty else {
            continuation.finish()
            return stream
        }
        let stop: WakeSignal
        do {
            stop = try WakeSignal()
        } catch {
            let problem = EvdevError.systemCallFailed(call: error.call, errno: error.code).description
            for reader in readers { continuation.yield(MRZReaderEvent(reader: reader.name, kind: .failed(problem: problem))) }
            continuation.finish()
            return stream
        }
        continuation.onTermination = { _ in stop.signal() }
        let running = RunningCount(readers.count)
        let udevDataDirectory = self.udevDataDirectory
        for configuration in readers {
            let thread = Thread {
                let reporter = ReaderReporter(reader: configuration.name) { continuation.yield($0) }
                switch configuration.kind {
                case .keyboardWedge(let source):
                    WedgeReaderLoop(configuration: configuration, source: source, stop: stop, reporter: reporter,
                                    udevDataDirectory: udevDataDirectory).run()
                case .serial(let source):
                    SerialReaderLoop(configuration: configuration, source: source, stop: stop, reporter: reporter).run()
                }
                if running.finishOne() { continuation.finish() }
            }
            thread.name = "lobby-mrz-\(configuration.name)"
            thread.start()
        }
        return stream
    }
}

/// How many reader threads are still running.
final class RunningCount: Sendable {
    private let count: Mutex<Int>

    init(_ value: Int) { count = Mutex(value) }

    /// Counts one thread out; true for the last one.
    func finishOne() -> Bool {
        count.withLock { value in
            value -= 1
            return value == 0
        }
    }
}
