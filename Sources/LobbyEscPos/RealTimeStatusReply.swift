/// One validated reply byte to `DLE EOT n`.
public struct RealTimeStatusReply: Equatable, Hashable, Sendable {
    /// Which request it answers.
    public let kind: RealTimeStatusKind
    /// The reply byte; always matches `0xx1xx10`.
    public let byte: UInt8

    /// True for bytes that can be a `DLE EOT` reply: bits 0, 1, 4, 7 are `0, 1, 1, 0`.
    public static func isReplyByte(_ byte: UInt8) -> Bool { byte & 0x93 == 0x12 }

    /// Validates a reply byte.
    public init(kind: RealTimeStatusKind, byte: UInt8) throws(PrinterStatusError) {
        guard Self.isReplyByte(byte) else { throw .notARealTimeStatusByte(kind: kind, byte: byte) }
        self.kind = kind
        self.byte = byte
    }

    /// The condition this reply alone tells.
    public var condition: PrinterCondition { PrinterCondition().applying(self) }
}

/// A status byte or report that does not have the fixed bits its kind requires.
public enum PrinterStatusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `DLE EOT n` reply byte without the `0xx1xx10` pattern.
    case notARealTimeStatusByte(kind: RealTimeStatusKind, byte: UInt8)
    /// An Automatic Status Back report whose byte at `index` lacks its fixed bits.
    case notAnAutomaticStatusReport(index: Int, byte: UInt8)

    /// A message that says what is wrong.
    public var description: String {
        switch self {
        case let .notARealTimeStatusByte(kind, byte):
            "byte 0x\(String(byte, radix: 16)) is not a DLE EOT \(kind.rawValue) reply (expected pattern 0xx1xx10)"
        case let .notAnAutomaticStatusReport(index, byte):
            "byte \(index) (0x\(String(byte, radix: 16))) of an Automatic Status Back report lacks its fixed bits"
        }
    }
}
