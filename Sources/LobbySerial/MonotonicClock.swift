#if canImport(Glibc)
    import Glibc
#endif

/// The system's monotonic clock in microseconds (CLOCK_MONOTONIC).
public enum MonotonicClock {
    /// Microseconds since an arbitrary origin (boot).
    public static func microseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1000
    }
}
