/// Exact counts of whole-second durations: every distinct value with how often it occurred.
/// Tallies of days merge into the tally of a month with nothing lost, so percentiles stay exact.
struct Tally: Sendable, Hashable {
    private(set) var counts: [Int64: Int] = [:]
    private(set) var total = 0

    /// Counts one observation.
    mutating func add(_ value: Int64, times: Int = 1) {
        counts[value, default: 0] += times
        total += times
    }

    /// Adds another tally's observations.
    mutating func merge(_ other: Tally) {
        if total == 0 {
            self = other
            return
        }
        for (value, n) in other.counts { counts[value, default: 0] += n }
        total += other.total
    }

    /// How many observations are at most `limit`.
    func count(atMost limit: Int64) -> Int {
        counts.reduce(0) { $1.key <= limit ? $0 + $1.value : $0 }
    }

    /// The summary `Distribution` gives for the same observations: mean, nearest-rank p50 and p90, maximum.
    func durations() -> Durations {
        let sorted = counts.sorted { $0.key < $1.key }
        guard total > 0, let last = sorted.last else { return Durations(count: 0, mean: 0, p50: 0, p90: 0, max: 0) }
        let sum = sorted.reduce(Int64(0)) { $0 + $1.key * Int64($1.value) }
        func percentile(_ p: Double) -> Int64 {
            let rank = Swift.max(0, Swift.min(total - 1, Int((p * Double(total)).rounded(.up)) - 1))
            var seen = 0
            for (value, n) in sorted {
                seen += n
                if seen > rank { return value }
            }
            return last.key
        }
        return Durations(count: total, mean: Double(sum) / Double(total), p50: percentile(0.5), p90: percentile(0.9), max: last.key)
    }
}
