import Foundation
import LobbyJournal
import LobbyQueue
import Logging

/// The single owner of queue state: decides commands, journals them durably, then tells subscribers.
public actor QueueService {
    /// Why a command was not carried out.
    public enum Failure: Error, Sendable {
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
    private let writer: JournalWriter
    private let journalPath: String
    private let logger: Logger
    private var subscribers: [UUID: AsyncStream<QueueNotification>.Continuation] = [:]
    private var recentCalls: [DisplayCall] = []
    private let clock: @Sendable () -> Instant
    /// Counts of refused commands by error code (for metrics).
    public private(set) var refusals: [String: Int] = [:]
    /// Number of commands accepted since start.
    public private(set) var accepted = 0
    /// The journal damage found at start, if any.
    public let damageAtStart: JournalDamage?

    /// The centre configuration.
    public nonisolated let configuration: CentreConfiguration

    /// Opens the journal, replays it and starts the writer.
    public init(configuration: CentreConfiguration, journalPath: String, logger: Logger,
                clock: @escaping @Sendable () -> Instant = QueueService.systemClock) throws {
        var engine = try QueueEngine(configuration: configuration)
        let horizon = Journal.lastRecordTime(path: journalPath)?.adding(seconds: -QueueEngine.requestMemorySpanSeconds)
        let opening = try Journal.open(path: journalPath) { engine.replay($0, requestHorizon: horizon) }
        if let damage = opening.damage {
            logger.error("journal damaged; kept the intact prefix", metadata: ["damage": "\(damage)"])
        }
        self.engine = engine
        self.configuration = configuration
        self.writer = JournalWriter(journal: opening.journal)
        self.journalPath = journalPath
        self.logger = logger
        self.clock = clock
        self.damageAtStart = opening.damage
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
        let result: CommandResult
        do {
            result = try engine.execute(request, now: clock())
        } catch {
            refusals[error.code, default: 0] += 1
            throw .refused(error)
        }
        guard let record = result.record else { return Reply(outcome: result.outcome, isRepeat: true) }
        do {
            // The closure runs on this actor before it suspends: records reach the writer in sequence.
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                writer.enqueue(record, completion: c)
            }
        } catch {
            logger.critical("journal write failed; rebuilding state from disk", metadata: ["error": "\(error)"])
            rebuildFromDisk()
            throw .journalUnavailable("\(error)")
        }
        accepted += 1
        publish(record)
        return Reply(outcome: result.outcome, isRepeat: false)
    }

    /// Runs `body` on the current state (moved to the service day of now) and returns its result.
    ///
    /// The state never leaves the actor: handing out copies would make every later command copy
    /// the whole state (copy-on-write) while a reader still holds one.
    public func read<T: Sendable>(_ body: @Sendable (QueueEngine) -> T) -> T {
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

    /// Number of live subscribers.
    public var subscriberCount: Int { subscribers.count }

    /// The largest group-commit batch so far.
    public var largestBatch: Int { writer.largestBatch }

    /// The last durable journal sequence.
    public var durableSequence: UInt64 { writer.lastSequence }

    /// Stops: finishes pending journal writes and ends every subscription.
    public func shutdown() {
        writer.stop()
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    /// Ends every event stream (before the HTTP server drains its connections at shutdown).
    public func finishSubscriptions() {
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    private func publish(_ record: JournalRecord) {
        var calls: [DisplayCall] = []
        for e in record.events {
            switch e {
            case .ticketCalled(let t, let w, _), .ticketRecalled(let t, let w):
                guard let number = engine.state.tickets[t]?.number else { continue }
                var recall = false
                if case .ticketRecalled = e { recall = true }
                calls.append(DisplayCall(ticket: number.description, window: w.rawValue, recall: recall, at: record.at.milliseconds, sequence: record.sequence))
            default: continue
            }
        }
        recentCalls.append(contentsOf: calls)
        if recentCalls.count > 50 { recentCalls.removeFirst(recentCalls.count - 50) }
        let n = QueueNotification(record: record, calls: calls)
        for c in subscribers.values { c.yield(n) }
    }

    private func rebuildFromDisk() {
        do {
            var fresh = try QueueEngine(configuration: configuration)
            _ = try Journal.open(path: journalPath) { fresh.replay($0) }
            engine = fresh
            writer.reset()
        } catch {
            logger.critical("cannot re-read the journal; commands will be refused", metadata: ["error": "\(error)"])
        }
    }
}
