import LobbyEscPos

/// Splits the byte stream a printer receives into job data and real-time status requests, the
/// way a printer's command interpreter does: `DLE EOT n` is a request only where a command may
/// start, never inside the parameters or data of another command (a raster band can contain
/// `10 04 01`). `GS r n` (transmit status) is a request too. Command lengths come from
/// `EscPosCommandHeader`.
public struct EscPosStreamFramer: Equatable, Sendable {
    /// A piece of the stream.
    public enum Event: Equatable, Sendable {
        /// Job bytes (commands and their data), in order.
        case data([UInt8])
        /// A `DLE EOT n` real-time status request (not part of the job).
        case statusRequest(RealTimeStatusKind)
        /// A `GS r n` transmit-status request (not part of the job); answered in order, once the
        /// printer has processed everything received before it.
        case transmitStatus(UInt8)
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
            switch EscPosCommandHeader.classify(header) {
            case .needMore:
                continue
            case let .statusRequest(kind):
                flush()
                events.append(.statusRequest(kind))
                header.removeAll()
            case let .transmitStatus(n):
                flush()
                events.append(.transmitStatus(n))
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
}
