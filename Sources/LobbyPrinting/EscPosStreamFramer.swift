import LobbyEscPos

/// Splits the byte stream a printer receives into job data and real-time status requests, the
/// way a printer's command interpreter does: `DLE EOT n` is a request only where a command may
/// start, never inside the parameters or data of another command (a raster band can contain
/// `10 04 01`). Knows the lengths of the commands Lobby sends plus common one- and two-byte
/// parameter commands; an unknown `ESC x`/`GS x` is taken as two bytes.
public struct EscPosStreamFramer: Equatable, Sendable {
    /// A piece of the stream.
    public enum Event: Equatable, Sendable {
        /// Job bytes (commands and their data), in order.
        case data([UInt8])
        /// A `DLE EOT n` real-time status request (not part of the job).
        case statusRequest(RealTimeStatusKind)
    }

    private var header: [UInt8] = []
    private var payloadRemaining = 0

    /// A framer at a command boundary.
    public init() {}

    /// True when the stream is at a command boundary (nothing partial held).
    public var isAtCommandBoundary: Bool { header.isEmpty && payloadRemaining == 0 }

    /// Feeds bytes; returns the events, with consecutive data bytes joined.
    public mutating func consume(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        var data: [UInt8] = []
        func flush() {
            if !data.isEmpty { events.append(.data(data)); data.removeAll() }
        }
        for byte in bytes {
            if payloadRemaining > 0 {
                payloadRemaining -= 1
                data.append(byte)
                continue
            }
            if header.isEmpty {
                if byte == 0x10 || byte == 0x1B || byte == 0x1D { header = [byte] } else { data.append(byte) }
                continue
            }
            header.append(byte)
            switch Self.classify(header) {
            case .needMore:
                continue
            case let .statusRequest(kind):
                flush()
                events.append(.statusRequest(kind))
                header.removeAll()
            case let .command(payload):
                data += header
                header.removeAll()
                payloadRemaining = payload
            }
        }
        flush()
        return events
    }

    private enum HeaderClass: Equatable {
        case needMore
        case statusRequest(RealTimeStatusKind)
        case command(payload: Int)
    }

    private static let escOneParameter: Set<UInt8> = Set("!-3EGJMRUVadet{".utf8)
    private static let gsOneParameter: Set<UInt8> = Set("!BHabfhrw".utf8)

    private static func classify(_ header: [UInt8]) -> HeaderClass {
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
            default:
                if gsOneParameter.contains(command) { return count == 3 ? .command(payload: 0) : .needMore }
                return .command(payload: 0)
            }
        }
    }
}
