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
        case recover(QueueEngine, CheckedContinuation<Result<Recovery, JournalError>, Never>)
        case checkpoint(CheckedContinuation<JournalError?, Never>)
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

    /// What a recovery found: the rebuilt state, and whether the journal takes writes again.
    struct Recovery: Sendable {
        /// The state of exactly the durable records.
        let engine: QueueEngine
        /// Nil when the write-ahead log was reset and writes continue; else why not yet.
        let notWritable: JournalError?
    }

    /// After a failure: once every queued record has failed, resets the write-ahead log (so no
    /// frame of the failed write stays behind) and re-reads the whole journal into `empty`
    /// through the writer's own connection. Writes continue only when the log was reset;
    /// otherwise `checkpoint()` must succeed first.
    func recover(into empty: QueueEngine) async -> Result<Recovery, JournalError> {
        await withCheckedContinuation { c in
            condition.lock()
            jobs.append(.recover(empty, c))
            condition.signal()
            condition.unlock()
        }
    }

    /// Tries again to reset the write-ahead log after a recovery that could not; nil when writes continue.
    func checkpoint() async -> JournalError? {
        await withCheckedContinuation { c in
            condition.lock()
            jobs.append(.checkpoint(c))
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
            var other: Job?
            var taken = 0
            for job in jobs {
                if case .append(let r, let c) = job {
                    batch.append((r, c))
                    taken += 1
                } else {
                    if batch.isEmpty {
                        other = job
                        taken += 1
                    }
                    break
                }
            }
            jobs.removeFirst(taken)
            let failed = failure
            condition.unlock()

            if case .recover(let empty, let c) = other {
                c.resume(returning: rebuild(empty))
                continue
            }
            if case .checkpoint(let c) = other {
                c.resume(returning: resetLog())
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

    private func rebuild(_ empty: QueueEngine) -> Result<Recovery, JournalError> {
        let notWritable = resetLog()
        var engine = empty
        do {
            try journal.replayAll { try engine.replay($0) }
        } catch {
            return .failure(error)
        }
        return .success(Recovery(engine: engine, notWritable: notWritable))
    }

    /// Checkpoints and truncates the log; clears the failure when that worked.
    private func resetLog() -> JournalError? {
        do {
            try journal.checkpoint()
        } catch {
            return error
        }
        condition.lock()
        failure = nil
        condition.unlock()
        return nil
    }
}
