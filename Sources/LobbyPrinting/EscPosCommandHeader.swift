import LobbyEscPos

/// How a printer's command interpreter reads the start of a command: whether more header bytes
/// are needed, whether it is a status request, and how many payload bytes follow. Knows the
/// lengths of the commands Lobby sends plus common one- and two-byte parameter commands; an
/// unknown `ESC x`/`GS x` is taken as two bytes. Shared by `EscPosStreamFramer` (a stream) and
/// `EscPosJobLayout` (a whole job), so both split a job the same way.
enum EscPosCommandHeader: Equatable {
    /// The header is not complete yet.
    case needMore
    /// `DLE EOT n`: real-time status request.
    case statusRequest(RealTimeStatusKind)
    /// `GS r n`: transmit status, answered after everything before it was processed.
    case transmitStatus(UInt8)
    /// A command whose header is complete; `payload` data bytes follow it.
    case command(payload: Int)

    private static let escOneParameter: Set<UInt8> = Set("!-3EGJMRUVadet{".utf8)
    private static let gsOneParameter: Set<UInt8> = Set("!BHabfhw".utf8)

    /// Classifies a header that starts with `DLE`, `ESC` or `GS` and has at least two bytes.
    static func classify(_ header: [UInt8]) -> EscPosCommandHeader {
        let count = header.count
        let command = header[1]
        switch header[0] {
        case 0x10: // DLE
            switch command {
            case 0x04:
                guard count == 3 else { return .needMore }
                if let kind = RealTimeStatusKind(rawValue: header[2]) { return .statusRequest(kind) }
                return .command(payload: 0)
            case 0x05: return count == 3 ? .command(payload: 0) : .needMore
            case 0x14: return count == 5 ? .command(payload: 0) : .needMore
            default: return .command(payload: 0)
            }
        case 0x1B: // ESC
            if command == UInt8(ascii: "*") {
                guard count == 5 else { return .needMore }
                let columns = Int(header[3]) | Int(header[4]) << 8
                return .command(payload: header[2] >= 32 ? 3 * columns : columns)
            }
            if command == UInt8(ascii: "p") { return count == 5 ? .command(payload: 0) : .needMore }
            if escOneParameter.contains(command) { return count == 3 ? .command(payload: 0) : .needMore }
            return .command(payload: 0)
        default: // GS
            switch command {
            case UInt8(ascii: "v"):
                guard count == 8 else { return .needMore }
                let widthBytes = Int(header[4]) | Int(header[5]) << 8
                let rows = Int(header[6]) | Int(header[7]) << 8
                return .command(payload: widthBytes * rows)
            case UInt8(ascii: "V"):
                if count < 3 { return .needMore }
                let hasFeed = [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].contains(header[2])
                return !hasFeed || count == 4 ? .command(payload: 0) : .needMore
            case UInt8(ascii: "("):
                guard count == 5 else { return .needMore }
                return .command(payload: Int(header[3]) | Int(header[4]) << 8)
            case UInt8(ascii: "L"), UInt8(ascii: "W"):
                return count == 4 ? .command(payload: 0) : .needMore
            case UInt8(ascii: "r"):
                return count == 3 ? .transmitStatus(header[2]) : .needMore
            default:
                if gsOneParameter.contains(command) { return count == 3 ? .command(payload: 0) : .needMore }
                return .command(payload: 0)
            }
        }
    }
}
