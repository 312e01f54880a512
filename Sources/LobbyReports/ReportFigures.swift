import LobbyQueue

/// A share with the counts behind it, so that 1 of 2 is never read like 100 of 200.
public struct Share: Sendable, Hashable, Codable {
    /// How many have the property.
    public var count: Int
    /// Out of how many.
    public var of: Int

    /// Creates a share.
    public init(_ count: Int, of: Int) {
        self.count = count
        self.of = of
    }

    /// The share (nil when `of` is 0).
    public var value: Double? { of == 0 ? nil : Double(count) / Double(of) }

    /// The 95 % Wilson score interval of the share (nil when `of` is 0): wide for few, narrow for many.
    public var interval: ClosedRange<Double>? {
        guard of > 0 else { return nil }
        let n = Double(of), p = Double(count) / n, z = 1.959964
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return max(0, centre - half)...min(1, centre + half)
    }

    private enum Keys: String, CodingKey { case count, of, value, low, high }

    /// Encodes the counts, the share and its interval.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(count, forKey: .count)
        try c.encode(of, forKey: .of)
        try c.encode(value, forKey: .value)
        try c.encode(interval?.lowerBound, forKey: .low)
        try c.encode(interval?.upperBound, forKey: .high)
    }

    /// Decodes the counts (the share and interval follow from them).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(try c.decode(Int.self, forKey: .count), of: try c.decode(Int.self, forKey: .of))
    }
}

/// A summary of durations in whole seconds; percentiles are nearest-rank, as in `Distribution`.
public struct Durations: Sendable, Hashable, Codable {
    /// How many observations.
    public var count: Int
    /// Their mean (0 when none).
    public var mean: Double
    /// The median.
    public var p50: Int64
    /// The 90th percentile.
    public var p90: Int64
    /// The largest.
    public var max: Int64

    /// Creates a summary from its parts.
    public init(count: Int, mean: Double, p50: Int64, p90: Int64, max: Int64) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.max = max
    }

    /// Summarises observations.
    public init(_ values: [Int64]) {
        let d = Distribution(values)
        count = d.count
        mean = d.mean
        p50 = d.p50
        p90 = d.p90
        max = d.max
    }
}

/// Appointment figures of a group.
public struct AppointmentFigures: Sendable, Hashable, Codable {
    /// Checked in no later than their time.
    public var keptEarly = 0
    /// Checked in after their time.
    public var keptLate = 0
    /// Their day ended without a check-in.
    public var missed = 0
    /// Withdrawn by the booking system.
    public var cancelled = 0
    /// Kept (early or late).
    public var kept: Int { keptEarly + keptLate }
    /// Every ended appointment.
    public var total: Int { kept + missed + cancelled }
    /// Creates empty figures.
    public init() {}

    mutating func merge(_ o: AppointmentFigures) {
        keptEarly += o.keptEarly
        keptLate += o.keptLate
        missed += o.missed
        cancelled += o.cancelled
    }
}

/// The figures of one group of tickets (the whole centre, or one service, agency, window, operator or hour).
public struct ReportFigures: Sendable, Hashable, Codable {
    /// Tickets issued (every ticket of the group exactly once).
    public var issued: Int
    /// Served to the end.
    public var served: Int
    /// Called but did not come.
    public var noShows: Int
    /// Withdrawn.
    public var cancelled: Int
    /// Still open at the end of their day.
    public var expired: Int
    /// Still open now (today's tickets only).
    public var open: Int
    /// Tickets moved to another service at least once.
    public var transferred: Int
    /// Tickets called again at least once.
    public var recalled: Int
    /// Issue to first call, of called tickets.
    public var wait: Durations
    /// Called tickets called within the centre's target wait.
    public var withinTarget: Share
    /// Start to finish, of served tickets.
    public var serviceTime: Durations
    /// How appointments ended.
    public var appointments: AppointmentFigures
    /// Votes per score: index 0 is score 1, index 4 is score 5.
    public var votes: [Int]
    /// Votes of 4 or 5 among all votes.
    public var satisfied: Share
    /// Served tickets that got a vote.
    public var votedOfServed: Share
}

/// A staff member's (or window's) figures against what the centre achieves on the same mix of services.
///
/// For each service the centre's own figure over the whole period is weighted by how many of this
/// row's tickets were of that service; the row is then compared with that expectation.
public struct MixComparison: Sendable, Hashable, Codable {
    /// The share of 4–5 votes the centre gets on this row's mix of voted services.
    public var expectedSatisfied: Double?
    /// The row's share of 4–5 votes minus the expectation (positive is better than the centre).
    public var satisfiedDifference: Double?
    /// The mean service time, in seconds, the centre needs for this row's mix of served services.
    public var expectedServiceSeconds: Double?
    /// The row's mean service time divided by the expectation (below 1 is quicker than the centre).
    public var serviceTimeRatio: Double?
}
