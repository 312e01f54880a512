import Foundation
import LobbyIDReaders
@testable import LobbyMRZ
import Synchronization
import Testing

/// The MRZ vectors of LobbyMRZTests (synthetic and ICAO specimens), found beside this file.
enum Vectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LobbyMRZTests").appendingPathComponent("Vectors")

    /// Blocks of one file: `#` lines are comments (the last one titles the block), blank lines separate.
    static func blocks(_ name: String) throws -> [(title: String, lines: [String])] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var blocks: [(title: String, lines: [String])] = []
        var title = ""
        var lines: [String] = []
        func flush() {
            if !lines.isEmpty { blocks.append((title, lines)) }
            lines = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flush() } else if line.hasPrefix("#") {
                flush()
                title = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
            } else { lines.append(line) }
        }
        flush()
        return blocks
    }

    static func all() throws -> [(title: String, lines: [String])] {
        try blocks("icao-specimens.txt") + blocks("azerbaijani-synthetic.txt")
    }

    /// The synthetic new Azerbaijani TD1 card (FIN in line 1).
    static func newAzerbaijaniTD1() throws -> [String] {
        try #require(blocks("azerbaijani-synthetic.txt").first { $0.title.hasPrefix("new TD1") }).lines
    }
}

/// Collects a monitor's events so a test can wait for one, with a deadline.
final class EventCollector: Sendable {
    private final class Store: Sendable {
        let events = Mutex<[MRZReaderEvent]>([])
    }

    private let store = Store()
    private let consumer: Task<Void, Never>

    init(_ stream: AsyncStream<MRZReaderEvent>) {
        let store = self.store
        consumer = Task {
            for await event in stream { store.events.withLock { $0.append(event) } }
        }
    }

    /// Ends the stream (stops the reader threads) and waits for the consumer.
    func close() async {
        consumer.cancel()
        await consumer.value
    }

    /// Removes and returns the first event matching `predicate` within `seconds`; earlier events are dropped.
    func next(within seconds: Double = 5, where predicate: (MRZReaderEvent.Kind) -> Bool = { _ in true }) async -> MRZReaderEvent? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found: MRZReaderEvent? = store.events.withLock { list in
                guard let index = list.firstIndex(where: { predicate($0.kind) }) else { return nil }
                let match = list[index]
                list.removeSubrange(0...index)
                return match
            }
            if let found { return found }
            if Date() >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Everything not yet taken.
    var pending: [MRZReaderEvent] { store.events.withLock { $0 } }
}

extension MRZReaderEvent.Kind {
    var attachedNode: AttachedReader? { if case .attached(let node) = self { node } else { nil } }
    var reading: MRZReading? { if case .document(let reading) = self { reading } else { nil } }
    var noise: MRZNoise? { if case .noise(let noise) = self { noise } else { nil } }
    var isDetached: Bool { if case .detached = self { true } else { false } }
    var isMissing: Bool { if case .missing = self { true } else { false } }
    var isFailed: Bool { if case .failed = self { true } else { false } }
    var isDocumentOrNoise: Bool { reading != nil || noise != nil }
}
