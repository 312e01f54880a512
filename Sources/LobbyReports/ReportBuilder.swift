import LobbyQueue

/// Builds a report from facts given one at a time (so a year of facts need not be held at once).
/// The facts may come in any order; facts of days outside the report and its previous period are ignored.
public struct ReportBuilder {
    /// The first day.
    public let from: LocalDate
    /// The last day.
    public let to: LocalDate
    /// The first day of the previous period of the same length.
    public let previousFrom: LocalDate
    /// Its last day.
    public let previousTo: LocalDate
    private let by: ReportBreakdown
    private let target: Int64
    private var current = Accumulator(), before = Accumulator()
    private var groups: [String: Accumulator] = [:]
    private var arrivals = Array(repeating: Array(repeating: 0, count: 24), count: 7)
    private let fromOrdinal: Int, toOrdinal: Int, previousFromOrdinal: Int, previousToOrdinal: Int

    /// Starts a report of `from`…`to`.
    public init(from: LocalDate, to: LocalDate, by: ReportBreakdown, targetWaitSeconds: Int64) {
        self.from = from
        self.to = to
        let length = to.daysSinceEpoch - from.daysSinceEpoch + 1
        previousFrom = from.adding(days: -length)
        previousTo = from.adding(days: -1)
        self.by = by
        target = targetWaitSeconds
        fromOrdinal = from.ordinal
        toOrdinal = to.ordinal
        previousFromOrdinal = previousFrom.ordinal
        previousToOrdinal = previousTo.ordinal
    }

    /// Counts a ticket.
    public mutating func add(_ t: TicketFact) {
        let day = t.day.ordinal
        if day >= fromOrdinal && day <= toOrdinal {
            current.add(t)
            groups[Report.key(of: t, by: by), default: Accumulator()].add(t)
            arrivals[t.weekday.rawValue - 1][t.hour] += 1
        } else if day >= previousFromOrdinal && day <= previousToOrdinal {
            before.add(t)
        }
    }

    /// Counts a summarised day's centre part and its arrivals ((weekday - 1) * 24 + hour, tickets).
    mutating func addCentre(day: LocalDate, _ a: Accumulator, arrivals slots: [(Int, Int)]) {
        let day = day.ordinal
        if day >= fromOrdinal && day <= toOrdinal {
            current.merge(a)
            for (slot, n) in slots { arrivals[slot / 24][slot % 24] += n }
        } else if day >= previousFromOrdinal && day <= previousToOrdinal {
            before.merge(a)
        }
    }

    /// Counts a summarised day's part of one row (of this report's breakdown).
    mutating func addGroup(day: LocalDate, key: String, _ a: Accumulator) {
        let day = day.ordinal
        guard day >= fromOrdinal && day <= toOrdinal else { return }
        groups[key, default: Accumulator()].merge(a)
    }

    /// What the rows are.
    public var breakdown: ReportBreakdown { by }

    /// Counts an appointment: by service, agency and hour of the appointment from its own fact;
    /// the kept ones of a window or operator come from the tickets their check-in issued.
    public mutating func add(_ a: AppointmentFact) {
        guard a.outcome != nil else { return }
        let day = a.day.ordinal
        if day >= fromOrdinal && day <= toOrdinal {
            current.add(a)
            if let k = Report.key(of: a, by: by) { groups[k, default: Accumulator()].add(a) }
        } else if day >= previousFromOrdinal && day <= previousToOrdinal {
            before.add(a)
        }
    }

    /// The report.
    public func finish() -> Report {
        var groups = self.groups
        if by == .window || by == .operator {
            for (k, g) in groups { groups[k]?.appointments = g.keptFromTickets }
        }
        let centre = by == .window || by == .operator ? current.perService() : [:]
        let rows = groups.map { k, g in
            ReportRow(key: k, figures: g.figures(target: target), mix: centre.isEmpty || k == Report.noKey ? nil : g.comparison(with: centre))
        }.sorted { Report.order($0.key, $1.key) }
        return Report(from: LocalDateText(from), to: LocalDateText(to), by: by, targetWaitSeconds: target,
                      overall: current.figures(target: target), rows: rows, previousFrom: LocalDateText(previousFrom),
                      previousTo: LocalDateText(previousTo), previous: before.figures(target: target), arrivals: arrivals)
    }
}
