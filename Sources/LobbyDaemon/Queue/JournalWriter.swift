import Foundation
import LobbyJournal
import LobbyQueue

/// Writes journal records on a dedicated thread, batching whatever arrives while a write is in
/// progress into one transaction (group commit). Callers wait until their record is durable.
///
/// After a failed write every record already queued fails too (they were decided on a state
/// that included the failed ones), and so does every new record, until `recover` has re-read
/// the journal through the same connection on this thread. The journal is only ever touched by
/// this thread.
final class JournalWriter: @unchecked Sendable {
    /// A failed write, numbered so that the owner rebuilds its state once per failure.
    struct WriteFailure: Error, Sendable, CustomStringConvertible {
        /// 1 for the first failure since start, 2 for the next, …
        let epoch: Int
        /// What the journal reported.
        let error: JournalError
        var description: String { "\(error)" }
    }

    private enum Job {
        case append(JournalRecord, CheckedContinuation<Void, any Error>)
        case recover(QueueEngine, CheckedContinuation<Result<QueueEngine, JournalError>, Never>)
    }

    private let journal: Journal
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopping = false
    private var failure: WriteFailure?
    private var failures = 0
    private var running = true
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []
    private var durable: UInt64
    /// Largest batch written so far (for metrics).
    private(set) var largestBatch = 0

    init(journal: Journal) {
        self.journal = journal
        durable = journal.lastSequence
        let t = Thread { [unowned self] in self.loop() }
        t.name = "lobby-journal"
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
        if stopping {
            condition.unlock()
            c.resume(throwing: WriteFailure(epoch: 0, error: .cannotOpen(path: journal.path, reason: "lobbyd is stopping")))
            return
        }
        jobs.append(.append(record, c))
        condition.signal()
        condition.unlock()
    }

    /// After a failure: once every queued record has failed, re-reads the whole journal into
    /// `empty` through the writer's own connection and, when exactly the durable records were
    /// read, clears the failure and returns the rebuilt engine.
    func recover(into empty: QueueEngine) async -> Result<QueueEngine, JournalError> {
        await withCheckedContinuation { c in
            condition.lock()
            jobs.append(.recover(empty, c))
            condition.signal()
            condition.unlock()
        }
    }

    /// The sequence of the last durable record.
    var lastSequence: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return durable
    }

    /// Finishes queued writes and stops the thread.
    func stop() async {
        await withCheckedContinuation { requestStop($0) }
    }

    private func requestStop(_ c: CheckedContinuation<Void, Never>) {
        condition.lock()
        stopping = true
        guard running else {
            condition.unlock()
            c.resume()
            return
        }
        stopWaiters.append(c)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                running = false
                let waiters = stopWaiters
                stopWaiters.removeAll()
                condition.unlock()
                for w in waiters { w.resume() }
                return
            }
            // A batch: the appends up to the first recover job.
            var batch: [(JournalRecord, CheckedContinuation<Void, any Error>)] = []
            var recovery: (QueueEngine, CheckedContinuation<Result<QueueEngine, JournalError>, Never>)?
            var taken = 0
            for job in jobs {
                if case .append(let r, let c) = job {
                    batch.append((r, c))
                    taken += 1
                } else if batch.isEmpty, case .recover(let e, let c) = job {
                    recovery = (e, c)
                    taken += 1
                    break
                } else {
                    break
                }
            }
            jobs.removeFirst(taken)
            let failed = failure
            condition.unlock()

            if let (empty, c) = recovery {
                c.resume(returning: rebuild(empty))
                continue
            }
            if let failed {
                for (_, c) in batch { c.resume(throwing: failed) }
                continue
            }
            do {
                try journal.append(batch.map(\.0))
                condition.lock()
                durable = journal.lastSequence
                condition.unlock()
                largestBatch = max(largestBatch, batch.count)
                for (_, c) in batch { c.resume() }
            } catch {
                condition.lock()
                failures += 1
                let failed = WriteFailure(epoch: failures, error: error)
                failure = failed
                condition.unlock()
                for (_, c) in batch { c.resume(throwing: failed) }
            }
        }
    }

    private func rebuild(_ empty: QueueEngine) -> Result<QueueEngine, JournalError> {
        var engine = empty
        do {
            try journal.replayAll { try engine.replay($0) }
        } catch {
            return .failure(error)
        }
        condition.lock()
        failure = nil
        condition.unlock()
        return .success(engine)
    }
}
