import LobbyEscPos
import LobbyPrinting

/// The runtime settings of the simulator and the text protocol that changes them (one command
/// per line on the control socket, one reply line each):
///
/// | command | effect |
/// |---|---|
/// | `normal` | paper present, cover closed, answering, full speed, no pending paper-out |
/// | `paper-out` / `paper-low` / `paper-ok` | roll sensor: out, near end, present |
/// | `paper-out-after N` | paper runs out after N more job bytes (mid-job) |
/// | `cover-open` / `cover-closed` | cover switch |
/// | `offline` / `online` | stop / resume answering `DLE EOT` (bytes are still read, not printed) |
/// | `slow N` | read at most N bytes per second (0: unlimited) |
/// | `status` | no change |
///
/// Every reply is `ok condition=… rate=… jobs=… printed=…` or `error …`.
struct SimulatorControl {
    var condition = SimulatedPrinterCondition()
    var bytesPerSecond = 0
    var paperOutAfter: Int?

    /// Applies one command line; returns nil for a valid command or an error message.
    mutating func apply(_ line: String) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let command = words.first else { return "empty command" }
        func number() -> Int? { words.count == 2 ? Int(words[1]).flatMap { $0 >= 0 ? $0 : nil } : nil }
        switch command {
        case "normal":
            condition = SimulatedPrinterCondition()
            bytesPerSecond = 0
            paperOutAfter = nil
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
        case "slow":
            guard let rate = number() else { return "usage: slow BYTES_PER_SECOND" }
            bytesPerSecond = rate
        case "status": break
        default: return "unknown command '\(command)'"
        }
        return nil
    }
}
