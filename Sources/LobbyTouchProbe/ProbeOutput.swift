@preconcurrency import Glibc
import LobbyEvdev
import LobbyTouch
import Synchronization

/// The probe's console protocol: every line the host parses starts with `LOBBY-PROBE `.
///
///     LOBBY-PROBE PASS <check>             a check passed
///     LOBBY-PROBE FAIL <check>: <detail>   a check failed
///     LOBBY-PROBE READY                    a touchscreen is open: send input now
///     LOBBY-PROBE HEALTH <health>          the monitor's health changed
///     LOBBY-PROBE TAP <x> <y>              a tap, screen pixels with 2 decimals
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

    /// A point with 2 decimals: `270.00 480.00`.
    static func point(_ x: Double, _ y: Double) -> String {
        "\(fixed(x)) \(fixed(y))"
    }

    private static func fixed(_ value: Double) -> String {
        let scaled = Int64((value * 100).rounded())
        let fraction = String(abs(scaled) % 100)
        return (scaled < 0 ? "-" : "") + String(abs(scaled) / 100) + "." + String(repeating: "0", count: 2 - fraction.count) + fraction
    }
}
