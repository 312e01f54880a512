import LobbyMRZ
import LobbySystem

/// The clock evdev stamps events with (`CLOCK_MONOTONIC`), as the assemblers' `InputInstant`.
enum ReaderClock {
    /// Now on `CLOCK_MONOTONIC` (or `CLOCK_REALTIME` when `monotonic` is false).
    static func now(monotonic: Bool = true) -> InputInstant {
        let time = MonotonicClock.reading(monotonic: monotonic)
        return InputInstant(seconds: time.seconds, microseconds: time.microseconds)
    }

    /// Milliseconds from `now` until `deadline`, rounded up, at least 0 (a `poll(2)` timeout).
    static func pollTimeout(until deadline: InputInstant, now: InputInstant) -> Int32 {
        MonotonicClock.pollTimeout(microseconds: deadline.microseconds - now.microseconds)
    }
}
