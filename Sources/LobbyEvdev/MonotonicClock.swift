import LobbySystem
import LobbyTouch

/// The clock evdev stamps events with, as `EventTime`, so gesture deadlines can be compared with now.
extension MonotonicClock {
    /// `CLOCK_MONOTONIC` now (or `CLOCK_REALTIME` when `monotonic` is false).
    public static func now(monotonic: Bool = true) -> EventTime {
        let time = reading(monotonic: monotonic)
        return EventTime(seconds: time.seconds, microseconds: time.microseconds)
    }

    /// Milliseconds from `now` until `deadline`, rounded up, at least 0 (a `poll(2)` timeout).
    public static func pollTimeout(until deadline: EventTime, now: EventTime) -> Int32 {
        pollTimeout(microseconds: deadline.microseconds - now.microseconds)
    }
}
