/// One 4-byte Automatic Status Back report (sent unasked after `GS a n` when status changes).
///
/// Byte 1 matches `0xx1xx00`; bytes 2-4 have bits 4 and 7 clear.
public struct AutomaticStatusReport: Equatable, Hashable, Sendable {
    /// The four bytes.
    public let bytes: (UInt8, UInt8, UInt8, UInt8)

    /// True for a byte that can start a report.
    public static func isFirstByte(_ byte: UInt8) -> Bool { byte & 0x93 == 0x10 }
    /// True for a byte that can be byte 2, 3 or 4 of a report.
    public static func isFollowingByte(_ byte: UInt8) -> Bool { byte & 0x90 == 0x00 }

    /// Validates four bytes.
    public init(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) throws(PrinterStatusError) {
        guard Self.isFirstByte(first) else { throw .notAnAutomaticStatusReport(index: 1, byte: first) }
        for (index, byte) in [(2, second), (3, third), (4, fourth)] where !Self.isFollowingByte(byte) {
            throw .notAnAutomaticStatusReport(index: index, byte: byte)
        }
        self.bytes = (first, second, third, fourth)
    }

    /// The condition this report tells.
    public var condition: PrinterCondition { PrinterCondition().applying(self) }

    /// Equal when all four bytes are equal.
    public static func == (lhs: AutomaticStatusReport, rhs: AutomaticStatusReport) -> Bool {
        lhs.bytes == rhs.bytes
    }

    /// Hashes the four bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.0)
        hasher.combine(bytes.1)
        hasher.combine(bytes.2)
        hasher.combine(bytes.3)
    }
}
