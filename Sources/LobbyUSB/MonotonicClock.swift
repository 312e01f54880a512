import Glibc

/// CLOCK_MONOTONIC readings: the edge's only clock (the pure targets get time as a parameter).
enum MonotonicClock {
    /// Nanoseconds since an arbitrary start.
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Milliseconds elapsed since `start` (nanoseconds from `nanoseconds()`).
    static func milliseconds(since start: UInt64) -> Double {
        Double(nanoseconds() &- start) / 1_000_000
    }
}
