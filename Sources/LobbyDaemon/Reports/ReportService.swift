import Foundation
import LobbyQueue
import LobbyReportStore
import LobbyReports
import Logging
import ServiceLifecycle

/// lobbyd's report read model: follows the queue's durable records live, catches up from the
/// journal file after a restart or a missed notification, and answers reports (Decision 0048).
///
/// A failing report store never touches the queue: reports answer 503 and `/healthz` says why.
actor ReportService {
    private var model: ReportReadModel?
    private let path: String
    private let journalPath: String
    private let configuration: CentreConfiguration
    private let health: HealthRegistry
    private let logger: Logger
    private var failure: String?
    private var lastAttempt: ContinuousClock.Instant?
    /// How often a failing store is tried again as records arrive.
    static let retryInterval = Duration.seconds(2)

    /// The store's path beside the journal.
    static func storePath(journalPath: String) -> String {
        ((journalPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(ReportStore.fileName)
    }

    init(journalPath: String, configuration: CentreConfiguration, health: HealthRegistry, logger: Logger) {
        self.journalPath = journalPath
        path = Self.storePath(journalPath: journalPath)
        self.configuration = configuration
        self.health = health
        self.logger = logger
    }

    /// Opens the store when needed and reads the journal's records it does not hold yet.
    func catchUp() async -> String? {
        do {
            let model = try self.model ?? ReportReadModel(path: path, configuration: configuration, retentionDays: configuration.reportRetentionDays)
            self.model = model
            let started = ContinuousClock.now
            let applied = try model.catchUp(journalPath: journalPath)
            if applied > 0 {
                logger.info("reports caught up", metadata: ["records": "\(applied)", "through": "\(model.lastSequence)",
                                                            "took": "\(ContinuousClock.now - started)"])
            }
            await setFailure(nil)
        } catch {
            // The fold may have run ahead of what the store could write (a full or failing disk):
            // the next attempt reopens the store and continues from what it really holds.
            model = nil
            await setFailure("\(error)")
        }
        return failure
    }

    /// Applies a durable record; on a gap or failure, catches up from the journal instead. While
    /// the store is failing (a full disk), it tries again at most every `retryInterval`; a report
    /// request always tries.
    func apply(_ record: JournalRecord) async {
        guard let model, failure == nil else {
            let now = ContinuousClock.now
            if failure != nil, let last = lastAttempt, now - last < Self.retryInterval { return }
            lastAttempt = now
            _ = await catchUp()
            return
        }
        do {
            try model.apply(record)
        } catch {
            self.model = nil  // reopened from what the store holds, then caught up from the journal
            _ = await catchUp()
        }
    }

    /// A report; first includes every record durable up to `through`.
    func report(from: LocalDate, to: LocalDate, by: ReportBreakdown, through: UInt64) async throws(ReportStoreError) -> Report {
        if model == nil || model!.lastSequence < through {
            if let failure = await catchUp() { throw ReportStoreError(failure) }
        }
        guard let model else { throw ReportStoreError("the report store is not open") }
        return try model.report(from: from, to: to, by: by)
    }

    /// Reports a failure (and its end) in `/healthz`; a store that never failed is not listed.
    private func setFailure(_ text: String?) async {
        if text != failure {
            if let text { logger.error("reports", metadata: ["failing": "\(text)"]) }
            await health.set("reports", text.map { "failing: \($0) (the queue is not affected; reports catch up once reports.db can be written)" } ?? "ok")
        }
        failure = text
    }
}

/// Feeds the report service: catches up at start, then applies every durable queue record.
struct ReportFeed: Service {
    let reports: ReportService
    let queue: QueueService

    func run() async throws {
        let stream = await queue.subscribe()
        _ = await reports.catchUp()
        await cancelWhenGracefulShutdown {
            for await notification in stream { await reports.apply(notification.record) }
        }
        // The stream also ends when StreamCloser closes every subscription at shutdown, which may
        // come before this service's turn to stop; returning early would count as a failure.
        try? await gracefulShutdown()
    }
}
