import LobbyProbeSupport

/// lobby-touch-probe's reports beside PASS/FAIL/SUMMARY (`LobbyProbeSupport`):
///
///     LOBBY-PROBE READY                    a touchscreen is open: send input now
///     LOBBY-PROBE HEALTH <health>          the monitor's health changed
///     LOBBY-PROBE TAP <x> <y>              a tap, screen pixels with 2 decimals
extension ProbeOutput {
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
