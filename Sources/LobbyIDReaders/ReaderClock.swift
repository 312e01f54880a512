import Glibc
import LobbyMRZ

/// The clock evdev stamps events with (`CLOCK_MONOTONIC`), as the assemblers' `InputInstant`.
enum ReaderClock {
    /// Now on `CLOCK_MONOTONIC` (or `CLOCK_REALTIME` when `monotonic` is false).
    static func now(monotonic: Bool = true) -> InputInstant {
        var value = timespec()
        clock_gettime(monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME, &value)
        return InputInstant(seconds: Int64(value.tv_sec), microseconds: Int64(value.tv_nsec) / 1_000)
    }

    /// Milliseconds from `now` until `deadline`, rounded up, at least 0 (a `poll(2)` timeout).
    static func pollTimeout(until deadline: InputInstant, now: InputInstant) -> Int32 {
        let microseconds = deadline.microseconds - now.microseconds
        guard microseconds > 0 else { return 0 }
        return Int32(clamping: (microseconds + 999) / 1_000)
    }
}
