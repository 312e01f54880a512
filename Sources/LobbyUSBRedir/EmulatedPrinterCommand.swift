import LobbyEscPos
import LobbyPrinting

/// The control commands of the USB printer emulator, one per line on its stdin (the same words
/// as `lobby-printer-sim`'s control socket): `normal`, `paper-out`, `paper-low`, `paper-ok`,
/// `cover-open`, `cover-closed`, `offline`, `online`, `status`, plus `hold-after N` (stop taking
/// job data after N bytes), `release`, `unplug` and `quit`, which
/// the emulator itself carries out.
public enum EmulatedPrinterCommand: Equatable, Sendable {
    /// Change (or just report) the printer's condition.
    case condition(SimulatedPrinterCondition)
    /// Send `device_disconnect` (the printer leaves the bus; the socket stays).
    case unplug
    /// Stop answering bulk OUT after this many job bytes (nil: release and take everything).
    case hold(afterJobBytes: Int?)
    /// Stop the emulator.
    case quit

    /// Parses a line against the current condition; the error says what is wrong.
    public init(line: String, current: SimulatedPrinterCondition) throws(EmulatedPrinterCommandError) {
        let word = line.split(separator: " ").first.map(String.init) ?? ""
        var condition = current
        switch word {
        case "normal": condition = SimulatedPrinterCondition()
        case "paper-out": condition.paper = .out
        case "paper-low": condition.paper = .nearEnd
        case "paper-ok": condition.paper = .present
        case "cover-open": condition.isCoverOpen = true
        case "cover-closed": condition.isCoverOpen = false
        case "offline": condition.answersStatus = false
        case "online": condition.answersStatus = true
        case "status": break
        case "unplug": self = .unplug; return
        case "hold-after":
            let words = line.split(separator: " ")
            guard words.count == 2, let count = Int(words[1]), count >= 0 else { throw EmulatedPrinterCommandError(line: line) }
            self = .hold(afterJobBytes: count)
            return
        case "release": self = .hold(afterJobBytes: nil); return
        case "quit": self = .quit; return
        default: throw EmulatedPrinterCommandError(line: line)
        }
        self = .condition(condition)
    }
}

/// An emulator command line that is not a command.
public struct EmulatedPrinterCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line as given.
    public var line: String

    /// Creates an error.
    public init(line: String) { self.line = line }
    /// `unknown command '…' (known: …)`.
    public var description: String {
        "unknown command '\(line)' (known: normal, paper-out, paper-low, paper-ok, cover-open, cover-closed, offline, online, status, hold-after N, release, unplug, quit)"
    }
}
