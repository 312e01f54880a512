import Glibc

/// The system's monotonic clock (`CLOCK_MONOTONIC`): the one clock the edges read; pure targets get time as a parameter.
public enum MonotonicClock {
    /// Microseconds since an arbitrary origin (boot).
    public static func microseconds() -> UInt64 {
        let time = read(CLOCK_MONOTONIC)
        return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1_000
    }

    /// Nanoseconds since an arbitrary origin (boot).
    public static func nanoseconds() -> UInt64 {
        let time = read(CLOCK_MONOTONIC)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Milliseconds elapsed since `start` (a value of `nanoseconds()`).
    public static func milliseconds(since start: UInt64) -> Double {
        Double(nanoseconds() &- start) / 1_000_000
    }

    /// Now as whole seconds and microseconds: `CLOCK_MONOTONIC`, or `CLOCK_REALTIME` when `monotonic` is
    /// false (the clock of an evdev device that refused `EVIOCSCLOCKID`).
    public static func reading(monotonic: Bool = true) -> (seconds: Int64, microseconds: Int64) {
        let time = read(monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME)
        return (Int64(time.tv_sec), Int64(time.tv_nsec) / 1_000)
    }

    /// A `poll(2)` timeout for `microseconds` from now: milliseconds rounded up, at least 0.
    public static func pollTimeout(microseconds: Int64) -> Int32 {
        guard microseconds > 0 else { return 0 }
        return Int32(clamping: (microseconds + 999) / 1_000)
    }

    private static func read(_ clock: clockid_t) -> timespec {
        var time = timespec()
        clock_gettime(clock, &time)
        return time
    }
}
