@preconcurrency import Glibc
import Synchronization

/// The probe's console protocol: every line the host parses starts with `LOBBY-PROBE `.
///
///     LOBBY-PROBE PASS <check>             a check passed
///     LOBBY-PROBE FAIL <check>: <detail>   a check failed
///     LOBBY-PROBE EVENT <mrz watch line>   an event, as `lobbyctl mrz watch` prints it (masked)
///     LOBBY-PROBE BENCH <name> <values>    a measurement
///     LOBBY-PROBE SUMMARY passed=N failed=M
enum ProbeOutput {
    private static let counts = Mutex<(passed: Int, failed: Int)>((0, 0))

    /// Prints one marker line and flushes (the console is the lab's only channel).
    static func say(_ text: String) {
        print("LOBBY-PROBE " + text)
        fflush(stdout)
    }

    /// Records and prints a check.
    static func check(_ name: String, _ condition: Bool, _ detail: @autoclosure () -> String = "") {
        counts.withLock { condition ? ($0.passed += 1) : ($0.failed += 1) }
        say(condition ? "PASS \(name)" : "FAIL \(name): \(detail())")
    }

    /// Prints the summary; the exit status for it.
    static func summary() -> Int32 {
        let (passed, failed) = counts.withLock { $0 }
        say("SUMMARY passed=\(passed) failed=\(failed)")
        return failed == 0 && passed > 0 ? 0 : 1
    }

    /// CLOCK_MONOTONIC in microseconds (the clock evdev stamps events with).
    static func now() -> Int64 {
        var value = timespec()
        clock_gettime(CLOCK_MONOTONIC, &value)
        return Int64(value.tv_sec) * 1_000_000 + Int64(value.tv_nsec) / 1_000
    }
}
