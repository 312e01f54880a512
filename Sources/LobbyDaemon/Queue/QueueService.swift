import Foundation
import LobbyJournal
import LobbyQueue
import Logging

/// The single owner of queue state: decides commands, journals them durably, then tells subscribers.
///
/// Commands are decided one at a time on a state that already holds the commands still being
/// written (so that group commit can batch them), but nothing that is not on disk is ever shown:
/// a read waits until every record decided before it is durable, and a repeated request waits
/// for its original's outcome and answers exactly that. When a write fails, every command not yet
/// durable is refused, the state is rebuilt once from the journal the writer holds open, and new
/// commands are refused for a short, growing back-off while the failure persists.
public actor QueueService {
    /// Why a command was not carried out.
    public enum Failure: Error, Sendable, Equatable {
        /// The queue refused the command.
        case refused(QueueError)
        /// The journal could not make it durable (nothing was acknowledged).
        case journalUnavailable(String)
    }

    /// The result of a command.
    public struct Reply: Sendable {
        /// The outcome.
        public let outcome: CommandOutcome
        /// Whether it repeated an earlier request.
        public let isRepeat: Bool
    }

    private var engine: QueueEngine
    /// An engine without records, for rebuilding.
    private let emptyEngine: QueueEngine
    private let writer: JournalWriter
    /// Held while lobbyd runs: no second writer on the journal.
    private let lock: JournalLock
    private let logger: Logger
    private let health: HealthRegistry?
    private var subscribers: [UUID: AsyncStream<QueueNotification>.Continuation] = [:]
    private var recentCalls: [DisplayCall] = []
    /// The last durable changes (oldest first), for event-stream clients that resume.
    private var recentNotifications: [QueueNotification] = []
    /// How many durable changes a resuming client can get back (Decision 0045).
    public static let resumableChanges = 1024
    private let clock: @Sendable () -> Instant
    /// Counts of refused commands by error code (for metrics).
    public private(set) var refusals: [String: Int] = [:]
    /// Number of commands accepted since start.
    public private(set) var accepted = 0
    /// Number of times a caller came to the queue (a command or a read) since start.
    public private(set) var visits = 0
    /// Journal write failures since start (for metrics).
    public private(set) var writeFailures = 0
    /// What opening the journal found and dealt with (a write cut short, a repaired log, an accepted loss).
    public let startNotes: [String]

    /// Records decided and handed to the writer, not yet durable or failed.
    private var pendingRecords = 0
    /// Readers waiting for the pending records to settle; while any wait, new commands wait too.
    private var readersWaiting = 0
    private var settleWaiters: [CheckedContinuation<Void, Never>] = []
    private var gateWaiters: [CheckedContinuation<Void, Never>] = []
    /// Repeats waiting for the outcome of an original still being written, by request id.
    private var inFlight: [RequestID: [CheckedContinuation<Failure?, Never>]] = [:]
    /// Set while the state is rebuilt after a failed write.
    private var recovery: Task<Void, Never>?
    /// Set when the state could not be rebuilt: nothing is served until it can be.
    private var unavailable: String?
    /// Set when the state was rebuilt but the journal's log could not be reset yet: reads are
    /// served, commands are refused until `JournalWriter.checkpoint` succeeds.
    private var notWritable: String?
    private var consecutiveFailures = 0
    private var recoveredEpoch = 0
    private var refuseUntil: Instant?
    private var lastFailure = ""

    /// The centre configuration.
    public nonisolated let configuration: CentreConfiguration

    /// Opens the journal (refusing a damaged one), replays it and starts the writer.
    public init(configuration: CentreConfiguration, journalPath: String, logger: Logger, health: HealthRegistry? = nil,
                clock: @escaping @Sendable () -> Instant = QueueService.systemClock) throws {
        lock = try JournalLock(journalPath: journalPath)
        var engine = try QueueEngine(configuration: configuration)
        emptyEngine = engine
        let horizon = Journal.lastRecordTime(path: journalPath)?.adding(seconds: -QueueEngine.requestMemorySpanSeconds)
        // The recent calls come back from the journal, so hall displays that reconnect after a
        // restart list what was called before it (only calls of tickets still held today).
        var replayedCalls: [(call: DisplayCall, ticket: TicketID)] = []
        let opening = try Journal.open(path: journalPath) { record in
            try engine.replay(record, requestHorizon: horizon)
            replayedCalls += Self.displayCalls(in: record, state: engine.state)
            if replayedCalls.count > 2 * Self.recentCallLimit { replayedCalls.removeFirst(Self.recentCallLimit) }
        }
        recentCalls = replayedCalls.filter { engine.state.tickets[$0.ticket] != nil }.suffix(Self.recentCallLimit).map(\.call)
        for note in opening.notes { logger.warning("journal", metadata: ["found": "\(note)"]) }
        self.engine = engine
        self.configuration = configuration
        self.writer = JournalWriter(journal: opening.journal)
        self.logger = logger
        self.health = health
        self.clock = clock
        self.startNotes = opening.notes
        logger.info("journal replayed", metadata: ["records": "\(opening.recordCount)", "path": "\(journalPath)"])
    }

    /// The wall clock as an `Instant`.
    public static let systemClock: @Sendable () -> Instant = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(milliseconds: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }

    /// Executes a command; returns once the change is durable.
    public func submit(_ request: CommandRequest) async throws(Failure) -> Reply {
        try await submit(request) { _, _ in () }.reply
    }

    /// Executes a command and reads what the caller needs of the state it produced (a ticket's
    /// print content, its estimate, a response body); returns both once the change is durable.
    ///
    /// For a new change `view` runs in the same actor turn as the decision, on a state that holds
    /// only records written before it, so nothing shown can still be lost once this returns. A
    /// repeat's view is read once everything decided before it is durable.
    public func submit<View: Sendable>(_ request: CommandRequest,
                                       view: @Sendable (QueueEngine, Reply) -> View) async throws(Failure) -> (reply: Reply, view: View) {
        visits += 1
        while readersWaiting > 0 { await withCheckedContinuation { gateWaiters.append($0) } }
        try await refuseWhileFailing()
        let result: CommandResult
        do {
            result = try engine.execute(request, now: clock())
        } catch {
            refusals[error.code, default: 0] += 1
            throw .refused(error)
        }
        guard let record = result.record else {
            // A repeat: if its original is still being written, its answer is the original's.
            if inFlight[request.requestID] != nil {
                let failure = await withCheckedContinuation { inFlight[request.requestID, default: []].append($0) }
                if let failure { throw failure }
            }
            let reply = Reply(outcome: result.outcome, isRepeat: true)
            return (reply, try await settledRead { view($0, reply) })
        }
        let reply = Reply(outcome: result.outcome, isRepeat: false)
        let seen = view(engine, reply)
        pendingRecords += 1
        inFlight[request.requestID] = []
        do {
            // The closure runs on this actor before it suspends: records reach the writer in sequence.
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                writer.enqueue(record, completion: c)
            }
        } catch {
            let failure = Failure.journalUnavailable(Self.describe(error))
            settle(request.requestID, failure)
            await recover(after: error)
            throw failure
        }
        settle(request.requestID, nil)
        if consecutiveFailures > 0 {
            consecutiveFailures = 0
            refuseUntil = nil
            await health?.set("journal", "ok")
            logger.notice("journal writes succeed again")
        }
        accepted += 1
        publish(record)
        return (reply, seen)
    }

    /// Runs `body` on the current state (moved to the service day of now) and returns its result.
    ///
    /// Waits until every command decided before it is durable, so that nothing that could still
    /// be lost is shown. The state never leaves the actor: handing out copies would make every
    /// later command copy the whole state (copy-on-write) while a reader still holds one.
    public func read<T: Sendable>(_ body: @Sendable (QueueEngine) -> T) async throws(Failure) -> T {
        visits += 1
        return try await settledRead(body)
    }

    /// `read` without counting a visit (for a repeat's view inside `submit`).
    private func settledRead<T: Sendable>(_ body: @Sendable (QueueEngine) -> T) async throws(Failure) -> T {
        while pendingRecords > 0 || recovery != nil {
            readersWaiting += 1
            await withCheckedContinuation { settleWaiters.append($0) }
            readersWaiting -= 1
        }
        defer { if readersWaiting == 0 { openGate() } }
        if let unavailable { throw .journalUnavailable(unavailable) }
        engine.advance(to: clock())
        return body(engine)
    }

    /// The last calls (newest last), for displays that (re)connect.
    public func calls() -> [DisplayCall] { recentCalls }

    /// A stream of durable changes; ends when the service stops.
    public func subscribe() -> AsyncStream<QueueNotification> {
        let (stream, continuation) = AsyncStream<QueueNotification>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// A stream of durable changes, with the changes after `sequence` that the client missed
    /// (registered in one actor turn: nothing is lost or sent twice between the two). The missed
    /// changes are nil when they are no longer held (older than the last `resumableChanges`, or
    /// from before lobbyd started) or when `sequence` is past the journal's end.
    public func subscribe(resumingAfter sequence: UInt64) -> QueueResumption {
        let durable = writer.lastSequence
        let stream = subscribe()
        guard sequence <= durable else {
            return QueueResumption(stream: stream, missed: nil, durableSequence: durable)
        }
        if sequence == durable { return QueueResumption(stream: stream, missed: [], durableSequence: durable) }
        guard let oldest = recentNotifications.first?.record.sequence, oldest <= sequence + 1 else {
            return QueueResumption(stream: stream, missed: nil, durableSequence: durable)
        }
        return QueueResumption(stream: stream, missed: recentNotifications.filter { $0.record.sequence > sequence }, durableSequence: durable)
    }

    /// Number of live subscribers.
    public var subscriberCount: Int { subscribers.count }

    /// The largest group-commit batch so far.
    public var largestBatch: Int { writer.largestBatch }

    /// The last durable journal sequence.
    public var durableSequence: UInt64 { writer.lastSequence }

    /// Stops: finishes pending journal writes and ends every subscription.
    public func shutdown() async {
        await writer.stop()
        finishSubscriptions()
    }

    /// Ends every event stream (before the HTTP server drains its connections at shutdown).
    public func finishSubscriptions() {
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    // MARK: - Durability bookkeeping

    /// The original of `id` is durable (`failure` nil) or failed: answer its repeats, and let
    /// waiting readers in once nothing is pending.
    private func settle(_ id: RequestID, _ failure: Failure?) {
        pendingRecords -= 1
        for waiter in inFlight.removeValue(forKey: id) ?? [] { waiter.resume(returning: failure) }
        resumeReadersIfSettled()
    }

    private func resumeReadersIfSettled() {
        guard pendingRecords == 0, recovery == nil else { return }
        let waiters = settleWaiters
        settleWaiters.removeAll()
        for w in waiters { w.resume() }
    }

    private func openGate() {
        let waiters = gateWaiters
        gateWaiters.removeAll()
        for w in waiters { w.resume() }
    }

    /// Refuses commands while the state is rebuilt and within the back-off after repeated write
    /// failures; once the back-off has passed, a state that could not be rebuilt is tried again.
    private func refuseWhileFailing() async throws(Failure) {
        if recovery != nil { throw .journalUnavailable("the journal is being re-read after a failed write (\(lastFailure))") }
        if let until = refuseUntil, clock() < until {
            let ms = until.milliseconds - clock().milliseconds
            throw .journalUnavailable("journal writes are failing (\(lastFailure)); the next attempt is in \(ms) ms")
        }
        if unavailable != nil {
            await runRecovery()
            if let unavailable { throw .journalUnavailable(unavailable) }
        }
        if notWritable != nil {
            if let error = await writer.checkpoint() {
                consecutiveFailures += 1
                notWritable = "\(error)"
                refuseUntil = clock().adding(milliseconds: Int64(Self.backoff(consecutiveFailures)))
                throw .journalUnavailable("journal writes are failing (\(lastFailure)); the journal's log cannot be reset yet: \(error)")
            }
            notWritable = nil
            logger.notice("the journal's log was reset; commands are taken again")
        }
    }

    /// Milliseconds of back-off after `failures` consecutive failures: none after the first, then 250 ms doubling to 5 s.
    private static func backoff(_ failures: Int) -> Int {
        min(5_000, failures <= 1 ? 0 : 125 << min(failures - 1, 6))
    }

    /// Rebuilds the state once per failed write: the first command that sees a failure starts
    /// it, later ones of the same failure wait for it.
    private func recover(after error: any Error) async {
        if let running = recovery {
            await running.value
            return
        }
        guard let failure = error as? JournalWriter.WriteFailure, failure.epoch > recoveredEpoch else { return }
        recoveredEpoch = failure.epoch
        writeFailures += 1
        consecutiveFailures += 1
        lastFailure = Self.describe(failure.error)
        logger.critical("journal write failed; rebuilding the state from the journal", metadata: ["error": "\(lastFailure)"])
        await runRecovery()
    }

    private func runRecovery() async {
        let task = Task { await self.rebuild() }
        recovery = task
        await task.value
    }

    private func rebuild() async {
        await health?.set("journal", "failing: \(lastFailure)")
        let backoff = Self.backoff(consecutiveFailures)
        refuseUntil = clock().adding(milliseconds: Int64(backoff))
        switch await writer.recover(into: emptyEngine) {
        case .success(let recovered):
            engine = recovered.engine
            unavailable = nil
            notWritable = recovered.notWritable.map { "\($0)" }
            logger.warning("queue state rebuilt from the journal", metadata: ["records": "\(engine.state.lastSequence)", "backoffMs": "\(backoff)"])
        case .failure(let e):
            consecutiveFailures += 1
            unavailable = "the journal cannot be read back after a failed write (\(e)); lobbyd tries again, or restart it once the disk is fixed"
            logger.critical("journal cannot be read back; every command and read is refused", metadata: ["error": "\(e)"])
            await health?.set("journal", "failed: \(e)")
        }
        recovery = nil
        resumeReadersIfSettled()
    }

    private static func describe(_ error: any Error) -> String {
        if let f = error as? JournalWriter.WriteFailure { return describe(f.error) }
        if let e = error as? JournalError {
            return e.isDiskFull ? "the disk is full (\(e))" : "\(e)"
        }
        return "\(error)"
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    /// How many recent calls displays get when they (re)connect.
    static let recentCallLimit = 50

    /// The calls and recalls of one record, read against the state after it.
    private static func displayCalls(in record: JournalRecord, state: QueueState) -> [(call: DisplayCall, ticket: TicketID)] {
        record.events.compactMap { e in
            switch e {
            case .ticketCalled(let t, let w, _), .ticketRecalled(let t, let w):
                guard let number = state.tickets[t]?.number else { return nil }
                var recall = false
                if case .ticketRecalled = e { recall = true }
                return (DisplayCall(ticket: number.description, window: w.rawValue, recall: recall, at: record.at.milliseconds,
                                    sequence: record.sequence), t)
            default: return nil
            }
        }
    }

    private func publish(_ record: JournalRecord) {
        var numbers: [TicketID: TicketNumber] = [:]
        for e in record.events {
            if let t = e.ticket, let number = engine.state.tickets[t]?.number { numbers[t] = number }
        }
        let calls = Self.displayCalls(in: record, state: engine.state).map(\.call)
        recentCalls.append(contentsOf: calls)
        if recentCalls.count > Self.recentCallLimit { recentCalls.removeFirst(recentCalls.count - Self.recentCallLimit) }
        let n = QueueNotification(record: record, calls: calls, numbers: numbers)
        recentNotifications.append(n)
        // Trimmed in batches: at least the last `resumableChanges` are held, at most twice as many.
        if recentNotifications.count >= 2 * Self.resumableChanges { recentNotifications.removeFirst(Self.resumableChanges) }
        for c in subscribers.values { c.yield(n) }
    }
}
