import LobbyEscPos

/// The condition of the simulated ESC/POS printer (`lobby-printer-sim`), and the `DLE EOT n`
/// bytes a real printer in that condition answers.
public struct SimulatedPrinterCondition: Equatable, Sendable {
    /// Paper present, near its end, or out.
    public var paper: PaperState = .present
    /// Cover open.
    public var isCoverOpen = false
    /// False: the printer answers nothing (offline, powered off behind a print server).
    public var answersStatus = true

    /// A printer with paper, cover closed, answering.
    public init() {}

    /// The reply byte to `DLE EOT n`, or nil when the printer does not answer.
    public func reply(to kind: RealTimeStatusKind) -> UInt8? {
        guard answersStatus else { return nil }
        let paperOut = paper == .out
        switch kind {
        case .printer:
            return 0x12 | (paperOut || isCoverOpen ? 0x08 : 0)
        case .offlineCause:
            return 0x12 | (isCoverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (paperOut || isCoverOpen ? 0x40 : 0)
        case .errorCause:
            return 0x12
        case .paperSensor:
            switch paper {
            case .out: return 0x7E
            case .nearEnd: return 0x1E
            case .present, .unknown: return 0x12
            }
        }
    }

    /// The reply byte to `GS r n` (transmit status), or nil when the printer does not answer.
    /// n = 1 or 49: paper sensor (bits 0–1 near end, bits 2–3 roll end); n = 2 or 50: drawer
    /// kick connector (0). Bits 4 and 7 are always clear, so the reply never looks like a
    /// `DLE EOT` reply.
    public func transmitStatusReply(_ n: UInt8) -> UInt8? {
        guard answersStatus else { return nil }
        switch n {
        case 1, 49:
            switch paper {
            case .out: return 0x0F
            case .nearEnd: return 0x03
            case .present, .unknown: return 0x00
            }
        case 2, 50: return 0x00
        default: return nil
        }
    }

    /// True when received job bytes end up on paper.
    public var prints: Bool { answersStatus && paper != .out && !isCoverOpen }

    /// `normal`, `paper-low`, `paper-out`, `cover-open`, `offline` (joined with `+`).
    public var name: String {
        var parts: [String] = []
        if !answersStatus { parts.append("offline") }
        if paper == .out { parts.append("paper-out") }
        if paper == .nearEnd { parts.append("paper-low") }
        if isCoverOpen { parts.append("cover-open") }
        return parts.isEmpty ? "normal" : parts.joined(separator: "+")
    }
}
