import LobbyQueue

/// A closed service day folded into per-group counts (Decision 0054): the whole centre with its
/// arrivals, and one group per service, agency, window, operator and hour. Waits and service
/// times are kept as exact tallies, so a report merged from day summaries equals one computed
/// from every ticket. Only for days that can no longer change (before the read model's current day).
public struct DaySummary: Sendable, Hashable {
    /// The group name of the whole centre's part.
    public static let centre = "*"

    /// One stored part: `group` is `centre` or a breakdown's raw value, `key` the row's key.
    public struct Part: Sendable, Hashable {
        /// `DaySummary.centre` or a `ReportBreakdown` raw value.
        public var group: String
        /// The row key (empty for the centre).
        public var key: String
        /// The encoded counts.
        public var bytes: [UInt8]
    }

    /// The service day.
    public let day: LocalDate
    var centre = Accumulator()
    var arrivals: [Int: Int] = [:]  // (weekday - 1) * 24 + hour -> tickets
    var groups: [ReportBreakdown: [String: Accumulator]] = [:]

    /// Folds the facts of one service day (facts of other days are ignored).
    public init(day: LocalDate, tickets: some Sequence<TicketFact>, appointments: some Sequence<AppointmentFact>) {
        self.day = day
        for t in tickets where t.day == day {
            centre.add(t)
            arrivals[(t.weekday.rawValue - 1) * 24 + t.hour, default: 0] += 1
            for by in ReportBreakdown.allCases { groups[by, default: [:]][Report.key(of: t, by: by), default: Accumulator()].add(t) }
        }
        for a in appointments where a.day == day && a.outcome != nil {
            centre.add(a)
            for by in ReportBreakdown.allCases {
                if let k = Report.key(of: a, by: by) { groups[by, default: [:]][k, default: Accumulator()].add(a) }
            }
        }
    }

    /// The parts to store: the centre's (always, so an empty day is known to be summarised) and one per group.
    public func parts() -> [Part] {
        var w = SummaryCodec.Writer()
        w.unsigned(SummaryCodec.version)
        SummaryCodec.encode(centre, into: &w)
        w.unsigned(UInt64(arrivals.count))
        for (slot, n) in arrivals.sorted(by: { $0.key < $1.key }) {
            w.int(slot)
            w.int(n)
        }
        var out = [Part(group: Self.centre, key: "", bytes: w.bytes)]
        for by in ReportBreakdown.allCases {
            for (key, a) in (groups[by] ?? [:]).sorted(by: { $0.key < $1.key }) {
                var w = SummaryCodec.Writer()
                w.unsigned(SummaryCodec.version)
                SummaryCodec.encode(a, into: &w)
                out.append(Part(group: by.rawValue, key: key, bytes: w.bytes))
            }
        }
        return out
    }
}

extension ReportBuilder {
    /// Counts a stored centre part of a summarised day (instead of that day's tickets and appointments).
    public mutating func addCentre(of day: LocalDate, bytes: [UInt8]) throws(SummaryDecodingError) {
        var r = SummaryCodec.Reader(bytes)
        guard try r.unsigned() == SummaryCodec.version else { throw SummaryDecodingError(offset: 0) }
        let a = try SummaryCodec.decode(from: &r)
        var slots: [(Int, Int)] = []
        for _ in 0..<(try r.count()) {
            let slot = try r.int(), n = try r.int()
            guard (0..<7 * 24).contains(slot) else { throw SummaryDecodingError(offset: r.at) }
            slots.append((slot, n))
        }
        addCentre(day: day, a, arrivals: slots)
    }

    /// Counts a stored group part (of this report's breakdown) of a summarised day.
    public mutating func addGroup(of day: LocalDate, key: String, bytes: [UInt8]) throws(SummaryDecodingError) {
        var r = SummaryCodec.Reader(bytes)
        guard try r.unsigned() == SummaryCodec.version else { throw SummaryDecodingError(offset: 0) }
        addGroup(day: day, key: key, try SummaryCodec.decode(from: &r))
    }
}
