/// Waiting, service and satisfaction statistics over a set of tickets.
public struct QueueStatistics: Sendable, Hashable {
    /// All tickets together.
    public var overall: GroupStatistics
    /// Per service (the service the ticket was finally served for).
    public var byService: [ServiceID: GroupStatistics]
    /// Per window that called the ticket.
    public var byWindow: [WindowID: GroupStatistics]
    /// Per operator who served the ticket.
    public var byOperator: [OperatorID: GroupStatistics]
    /// Per local hour of issue (0...23).
    public var byHour: [Int: GroupStatistics]
    /// The target the within-target share refers to, in seconds.
    public var targetWaitSeconds: Int64

    /// Computes statistics of the tickets of the service days `from...to` known to `state`.
    public static func compute(state: QueueState, from: LocalDate, to: LocalDate, targetWaitSeconds: Int64, calendar: ServiceCalendar) -> QueueStatistics {
        var records = state.history.filter { $0.day >= from && $0.day <= to }
        records += state.tickets.values.filter { $0.day >= from && $0.day <= to }.sorted { $0.id < $1.id }.map(ServedRecord.init)
        return compute(records: records, targetWaitSeconds: targetWaitSeconds, calendar: calendar)
    }

    /// Computes statistics of the given ticket records.
    public static func compute(records: [ServedRecord], targetWaitSeconds: Int64, calendar: ServiceCalendar) -> QueueStatistics {
        var byService: [ServiceID: [ServedRecord]] = [:]
        var byWindow: [WindowID: [ServedRecord]] = [:]
        var byOperator: [OperatorID: [ServedRecord]] = [:]
        var byHour: [Int: [ServedRecord]] = [:]
        for r in records {
            byService[r.service, default: []].append(r)
            if let w = r.window { byWindow[w, default: []].append(r) }
            if let o = r.servedBy { byOperator[o, default: []].append(r) }
            byHour[calendar.hour(at: r.issuedAt), default: []].append(r)
        }
        let group = { (rs: [ServedRecord]) in Self.group(rs, target: targetWaitSeconds) }
        return QueueStatistics(
            overall: group(records),
            byService: byService.mapValues(group),
            byWindow: byWindow.mapValues(group),
            byOperator: byOperator.mapValues(group),
            byHour: byHour.mapValues(group),
            targetWaitSeconds: targetWaitSeconds)
    }

    private static func group(_ records: [ServedRecord], target: Int64) -> GroupStatistics {
        var waits: [Int64] = []
        var services: [Int64] = []
        var votes = [0, 0, 0, 0, 0]
        var served = 0, noShows = 0
        for r in records {
            if let called = r.firstCalledAt { waits.append(called.seconds(since: r.issuedAt)) }
            if r.state == .done, let start = r.startedAt, let end = r.finishedAt {
                services.append(end.seconds(since: start))
                served += 1
            }
            if r.state == .noShow { noShows += 1 }
            if let v = r.vote, (1...5).contains(v) { votes[v - 1] += 1 }
        }
        let within = waits.isEmpty ? nil : Double(waits.filter { $0 <= target }.count) / Double(waits.count)
        let voteCount = votes.reduce(0, +)
        let satisfied = voteCount == 0 ? nil : Double(votes[3] + votes[4]) / Double(voteCount)
        return GroupStatistics(issued: records.count, served: served, noShows: noShows, waiting: Distribution(waits),
                               service: Distribution(services), withinTargetShare: within, votes: votes, satisfiedShare: satisfied)
    }
}
