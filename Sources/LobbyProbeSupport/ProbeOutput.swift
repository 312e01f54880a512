@preconcurrency import Glibc
import Synchronization

/// The lab probes' console protocol (lobby-touch-probe, lobby-mrz-probe inside the QEMU guest):
/// every line the host parses starts with `LOBBY-PROBE `.
///
///     LOBBY-PROBE PASS <check>             a check passed
///     LOBBY-PROBE FAIL <check>: <detail>   a check failed
///     LOBBY-PROBE <WORD> <details>         a probe's own report (READY, TAP, EVENT, BENCH, …)
///     LOBBY-PROBE SUMMARY passed=N failed=M
public enum ProbeOutput {
    private static let counts = Mutex<(passed: Int, failed: Int)>((0, 0))

    /// Prints one marker line and flushes (the console is the lab's only channel).
    public static func say(_ text: String) {
        print("LOBBY-PROBE " + text)
        fflush(stdout)
    }

    /// Records and prints a check.
    public static func check(_ name: String, _ condition: Bool, _ detail: @autoclosure () -> String = "") {
        counts.withLock { condition ? ($0.passed += 1) : ($0.failed += 1) }
        say(condition ? "PASS \(name)" : "FAIL \(name): \(detail())")
    }

    /// Prints the summary; the exit status for it (0 only when something passed and nothing failed).
    public static func summary() -> Int32 {
        let (passed, failed) = counts.withLock { $0 }
        say("SUMMARY passed=\(passed) failed=\(failed)")
        return failed == 0 && passed > 0 ? 0 : 1
    }
}
