/// A summary of durations in seconds: count, mean, percentiles and a histogram.
public struct Distribution: Sendable, Hashable {
    /// Upper edges of the histogram buckets in seconds; the last bucket is open-ended.
    public static let bucketEdges: [Int64] = [300, 600, 900, 1800, 3600]

    /// Number of observations.
    public var count: Int
    /// Mean in seconds (0 when empty).
    public var mean: Double
    /// Median in seconds.
    public var p50: Int64
    /// 90th percentile in seconds.
    public var p90: Int64
    /// Largest observation.
    public var max: Int64
    /// Counts per bucket: ≤5 min, ≤10, ≤15, ≤30, ≤60, more.
    public var buckets: [Int]

    /// Summarises observations (in seconds).
    public init(_ values: [Int64]) {
        let sorted = values.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count)
        func percentile(_ p: Double) -> Int64 {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
        }
        p50 = percentile(0.5)
        p90 = percentile(0.9)
        max = sorted.last ?? 0
        var b = Array(repeating: 0, count: Self.bucketEdges.count + 1)
        for v in sorted { b[Self.bucketEdges.firstIndex { v <= $0 } ?? Self.bucketEdges.count] += 1 }
        buckets = b
    }
}

/// Statistics of one group of tickets (a service, window, operator or hour, or all).
public struct GroupStatistics: Sendable, Hashable {
    /// Tickets issued in the group.
    public var issued: Int
    /// Tickets served to the end.
    public var served: Int
    /// Tickets marked no-show.
    public var noShows: Int
    /// Time from issue to first call.
    public var waiting: Distribution
    /// Time from start (or call) to finish.
    public var service: Distribution
    /// Share of called tickets called within the centre's target wait (nil when none was called).
    public var withinTargetShare: Double?
    /// Votes per score, index 0 for score 1 … index 4 for score 5.
    public var votes: [Int]
    /// Share of votes that are 4 or 5 (nil when there are no votes).
    public var satisfiedShare: Double?
}
