@preconcurrency import Glibc
import LobbyProbeSupport

/// lobby-mrz-probe's reports beside PASS/FAIL/SUMMARY (`LobbyProbeSupport`):
///
///     LOBBY-PROBE EVENT <mrz watch line>   an event, as `lobbyctl mrz watch` prints it (masked)
///     LOBBY-PROBE BENCH <name> <values>    a measurement
///     LOBBY-PROBE READER <path>            `type`: the uinput reader's node
extension ProbeOutput {
    /// CLOCK_MONOTONIC in microseconds (the clock evdev stamps events with).
    static func now() -> Int64 {
        var value = timespec()
        clock_gettime(CLOCK_MONOTONIC, &value)
        return Int64(value.tv_sec) * 1_000_000 + Int64(value.tv_nsec) / 1_000
    }
}
