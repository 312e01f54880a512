/// Splits the bytes a printer sends back into `DLE EOT` replies and Automatic Status Back
/// reports, tolerating noise.
///
/// The two kinds never share a byte pattern: a `DLE EOT` reply is `0xx1xx10`, a report starts with
/// `0xx1xx00` and continues with three bytes whose bits 4 and 7 are clear. A reply byte answers the
/// oldest request registered with `expectReply(to:)`. When a partial report meets a byte that
/// cannot continue it, the parser drops the report's first byte and reads the rest again
/// (resynchronisation by one byte), so one lost byte never hides the following reports.
public struct PrinterReplyParser: Equatable, Sendable {
    /// Something recognised in the reply stream.
    public enum Event: Equatable, Sendable {
        /// A reply to the oldest outstanding `DLE EOT n`.
        case realTimeStatus(RealTimeStatusReply)
        /// A complete Automatic Status Back report.
        case automaticStatus(AutomaticStatusReport)
        /// A reply-shaped byte while no request was outstanding.
        case unsolicitedStatusByte(UInt8)
        /// A byte that fits nothing and was dropped.
        case discarded(UInt8)
    }

    /// Most requests kept waiting for a reply; older ones are forgotten first.
    public static let maximumPendingRequests = 16

    /// Requests sent and not yet answered, oldest first.
    public private(set) var pendingRequests: [RealTimeStatusKind] = []
    private var partialReport: [UInt8] = []

    /// Creates a parser with nothing pending.
    public init() {}

    /// Registers a `DLE EOT n` request that was just sent.
    public mutating func expectReply(to kind: RealTimeStatusKind) {
        if pendingRequests.count == Self.maximumPendingRequests { pendingRequests.removeFirst() }
        pendingRequests.append(kind)
    }

    /// Forgets every outstanding request (after a reply timeout) and returns them.
    public mutating func abandonPendingRequests() -> [RealTimeStatusKind] {
        defer { pendingRequests.removeAll() }
        return pendingRequests
    }

    /// Feeds several bytes.
    public mutating func consume(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes { consume(byte, into: &events) }
        return events
    }

    /// Feeds one byte.
    public mutating func consume(_ byte: UInt8) -> [Event] {
        var events: [Event] = []
        consume(byte, into: &events)
        return events
    }

    private mutating func consume(_ byte: UInt8, into events: inout [Event]) {
        var work: [UInt8] = [byte]
        var index = 0
        while index < work.count {
            let next = work[index]
            index += 1
            if !partialReport.isEmpty {
                if AutomaticStatusReport.isFollowingByte(next) {
                    partialReport.append(next)
                    if partialReport.count == 4, let report = try? AutomaticStatusReport(
                        partialReport[0], partialReport[1], partialReport[2], partialReport[3]
                    ) {
                        events.append(.automaticStatus(report))
                        partialReport.removeAll()
                    }
                } else {
                    // Resynchronise: drop the first byte of the partial report, read the rest again.
                    events.append(.discarded(partialReport[0]))
                    let replay = Array(partialReport.dropFirst()) + [next]
                    partialReport.removeAll()
                    work.replaceSubrange(index..., with: replay + work[index...])
                }
            } else if AutomaticStatusReport.isFirstByte(next) {
                partialReport.append(next)
            } else if RealTimeStatusReply.isReplyByte(next) {
                if pendingRequests.isEmpty {
                    events.append(.unsolicitedStatusByte(next))
                } else if let reply = try? RealTimeStatusReply(kind: pendingRequests.removeFirst(), byte: next) {
                    events.append(.realTimeStatus(reply))
                }
            } else {
                events.append(.discarded(next))
            }
        }
    }

    /// Bytes of an unfinished report, held until more arrive.
    public var bufferedByteCount: Int { partialReport.count }
}
