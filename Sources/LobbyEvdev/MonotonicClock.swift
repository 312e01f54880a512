import Glibc
import LobbyTouch

/// Reads the clock evdev stamps events with, so gesture deadlines can be compared with now.
public enum MonotonicClock {
    /// `CLOCK_MONOTONIC` now (or `CLOCK_REALTIME` when `monotonic` is false).
    public static func now(monotonic: Bool = true) -> EventTime {
        var value = timespec()
        clock_gettime(monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME, &value)
        return EventTime(seconds: Int64(value.tv_sec), microseconds: Int64(value.tv_nsec) / 1_000)
    }

    /// Milliseconds from `now` until `deadline`, rounded up, at least 0 (a `poll(2)` timeout).
    public static func pollTimeout(until deadline: EventTime, now: EventTime) -> Int32 {
        let microseconds = deadline.microseconds - now.microseconds
        guard microseconds > 0 else { return 0 }
        return Int32(clamping: (microseconds + 999) / 1_000)
    }
}
