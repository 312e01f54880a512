import Foundation
import LobbyJournal
import LobbyQueue

/// Writes journal records on a dedicated thread, batching whatever arrives while a write is in
/// progress into one transaction (group commit). Callers wait until their record is durable.
final class JournalWriter: @unchecked Sendable {
    private let journal: Journal
    private let condition = NSCondition()
    private var pending: [(JournalRecord, CheckedContinuation<Void, any Error>)] = []
    private var stopping = false
    private var failure: JournalError?
    private var thread: Thread?
    /// Largest batch written so far (for metrics).
    private(set) var largestBatch = 0

    init(journal: Journal) {
        self.journal = journal
        let t = Thread { [unowned self] in self.loop() }
        t.name = "lobby-journal"
        thread = t
        t.start()
    }

    /// Queues a record; `completion` is resumed once it is on disk, or with the write's error.
    ///
    /// Synchronous, so the owner (the queue actor) enqueues records in sequence order.
    func enqueue(_ record: JournalRecord, completion c: CheckedContinuation<Void, any Error>) {
        condition.lock()
        if let failure {
            condition.unlock()
            c.resume(throwing: failure)
            return
        }
        pending.append((record, c))
        condition.signal()
        condition.unlock()
    }

    /// Clears a failure after the owner has rebuilt its state from disk.
    func reset() {
        condition.lock()
        failure = nil
        condition.unlock()
    }

    /// The sequence of the last durable record.
    var lastSequence: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return journal.lastSequence
    }

    /// Finishes pending writes and stops the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        while true {
            condition.lock()
            let done = thread == nil
            condition.unlock()
            if done { return }
            usleep(1_000)
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                thread = nil
                condition.unlock()
                return
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            let failed = failure
            condition.unlock()

            if let failed {
                for (_, c) in batch { c.resume(throwing: failed) }
                continue
            }
            do {
                try journal.append(batch.map(\.0))
                largestBatch = max(largestBatch, batch.count)
                for (_, c) in batch { c.resume() }
            } catch {
                condition.lock()
                failure = error
                condition.unlock()
                for (_, c) in batch { c.resume(throwing: error) }
            }
        }
    }
}
