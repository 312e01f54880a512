import LobbyEscPos
import LobbyPrinting

/// The runtime settings of the simulator and the text protocol that changes them (one command
/// per line on the control socket, one reply line each):
///
/// | command | effect |
/// |---|---|
/// | `normal` | paper present, cover closed, answering, not stalled, no pending paper-out (speeds stay) |
/// | `paper-out` / `paper-low` / `paper-ok` | roll sensor: out, near end, present |
/// | `paper-out-after N` | paper runs out after N more printed job bytes (mid-job) |
/// | `cover-open` / `cover-closed` | cover switch |
/// | `offline` / `online` | stop / resume answering status (bytes are still read, not printed) |
/// | `stall` / `resume` | stop / resume taking data at all (full buffer, head stopped) |
/// | `throughput N` (or `slow N`) | print at most N job bytes per second (0: unlimited) |
/// | `speed MM` | print at MM mm/s (raster rows of the configured head width at its dpi) |
/// | `baud N` | the pty's wire: N baud 8N1, N/10 bytes per second (0: unlimited) |
/// | `buffer N` | receive buffer of N bytes |
/// | `status` | no change |
///
/// Every reply is `ok condition=… rate=… jobs=… printed=…` or `error …`.
struct SimulatorControl {
    var condition = SimulatedPrinterCondition()
    /// Print rate in bytes per second (0: unlimited); set directly or from `speed`.
    var bytesPerSecond = 0.0
    /// Wire rate of the pty in bytes per second (0: unlimited).
    var wireBytesPerSecond = 0.0
    /// Receive buffer size.
    var bufferBytes = 4096
    /// Head width in dots (turns mm/s into bytes/s).
    var widthDots = 576
    /// Resolution (turns mm/s into rows/s).
    var dotsPerInch = 203
    var paperOutAfter: Int?
    /// True: the printer takes no data and prints nothing.
    var isStalled = false

    /// Bytes per second of raster data at `millimetresPerSecond`.
    func rasterBytesPerSecond(millimetresPerSecond: Double) -> Double {
        millimetresPerSecond * Double(dotsPerInch) / 25.4 * Double(widthDots / 8)
    }

    /// `normal`, `paper-out`, … plus `+stalled`.
    var conditionName: String { condition.name + (isStalled ? "+stalled" : "") }

    /// Applies one command line; returns nil for a valid command or an error message.
    mutating func apply(_ line: String) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let command = words.first else { return "empty command" }
        func number() -> Int? { words.count == 2 ? Int(words[1]).flatMap { $0 >= 0 ? $0 : nil } : nil }
        switch command {
        case "normal":
            condition = SimulatedPrinterCondition()
            paperOutAfter = nil
            isStalled = false
        case "paper-out": condition.paper = .out
        case "paper-low": condition.paper = .nearEnd
        case "paper-ok": condition.paper = .present; paperOutAfter = nil
        case "paper-out-after":
            guard let count = number() else { return "usage: paper-out-after BYTES" }
            paperOutAfter = count
        case "cover-open": condition.isCoverOpen = true
        case "cover-closed": condition.isCoverOpen = false
        case "offline": condition.answersStatus = false
        case "online": condition.answersStatus = true
        case "stall": isStalled = true
        case "resume": isStalled = false
        case "slow", "throughput":
            guard let rate = number() else { return "usage: \(command) BYTES_PER_SECOND" }
            bytesPerSecond = Double(rate)
        case "speed":
            guard let speed = number(), speed > 0 else { return "usage: speed MM_PER_SECOND" }
            bytesPerSecond = rasterBytesPerSecond(millimetresPerSecond: Double(speed))
        case "baud":
            guard let baud = number() else { return "usage: baud N (0: unlimited)" }
            wireBytesPerSecond = Double(baud) / 10
        case "buffer":
            guard let size = number(), size > 0 else { return "usage: buffer BYTES" }
            bufferBytes = size
        case "status": break
        default: return "unknown command '\(command)'"
        }
        return nil
    }
}
