/// How the backend sends one job (Decision 0020): in pieces of whole commands (a raster band is
/// never split), with a `DLE EOT` poll after each piece. A printer answers a poll only once it has
/// taken in the bytes before it, so each answer paces the backend at the printer's real
/// throughput and tells how far the ticket got; the wait for each answer follows the piece's
/// bytes and paper. After the last piece the backend waits for the printer to finish printing
/// (`GS r 1`, answered in order) before it reports the ticket printed.
public struct BackendSendPlan: Equatable, Sendable {
    /// One piece of the job.
    public struct Piece: Equatable, Sendable {
        /// Where the piece is in the job.
        public var range: Range<Int>
        /// Longest wait for the `DLE EOT` answer after the piece.
        public var replyLimit: Duration
        /// `job-media-progress` to report before sending the piece (the share of the job sent
        /// once the piece is out, so it is never lower than the truth).
        public var progressOnceSent: Int
    }

    /// Pieces are at most this long unless one command alone is longer.
    public static let pieceBytes = 4096
    /// Multiplier on each piece's and the drain's physical time.
    public static let margin = 2.0

    /// The job's commands.
    public let layout: EscPosJobLayout
    /// The pieces in order.
    public let pieces: [Piece]
    /// Longest wait for the printer to finish printing after the last piece.
    public let drainLimit: Duration
    /// The physical limit of the whole job at this pace.
    public let estimate: PrintTimeEstimate

    /// Plans `job` for a printer at `pace`, each status answer allowed `statusTimeout` plus the
    /// piece's own time.
    public init(job: [UInt8], pace: PrinterPace, statusTimeout: Duration) {
        let layout = EscPosJobLayout(job)
        self.layout = layout
        estimate = PrintTimeEstimate(layout: layout, pace: pace)
        var pieces: [Piece] = []
        var commandIndex = 0
        for range in layout.pieces(maximumBytes: Self.pieceBytes) {
            var dots = 0
            while commandIndex < layout.commands.count, layout.commands[commandIndex].range.lowerBound < range.upperBound {
                dots += layout.commands[commandIndex].feedDots
                commandIndex += 1
            }
            let time = PrintTimeEstimate(bytes: range.count, paperMillimetres: Double(dots) * 25.4 / Double(pace.dotsPerInch), pace: pace)
            pieces.append(Piece(range: range, replyLimit: statusTimeout + time.physicalLimit * Self.margin,
                                progressOnceSent: Self.progress(written: range.upperBound, total: job.count)))
        }
        self.pieces = pieces
        drainLimit = statusTimeout + estimate.printing * Self.margin
    }

    /// `job-media-progress` for `written` of `total` bytes: 0 only when nothing was written, 100
    /// only when everything was, otherwise 1…99.
    public static func progress(written: Int, total: Int) -> Int {
        guard written > 0, total > 0 else { return 0 }
        guard written < total else { return 100 }
        return min(99, max(1, written * 100 / total))
    }
}

/// The answer to `GS r 1` (transmit paper sensor status): one byte with bits 4 and 7 clear; bits
/// 0–1 say the roll is near its end, bits 2–3 that it is out. A printer answers it only after
/// processing (printing) everything it received before it.
public struct PaperSensorReply: Equatable, Sendable {
    /// The byte.
    public var byte: UInt8

    /// Recognises a reply byte; nil for anything else (a `DLE EOT` reply has bit 4 set).
    public init?(byte: UInt8) {
        guard byte & 0x90 == 0 else { return nil }
        self.byte = byte
    }

    /// The `GS r 1` request.
    public static let requestBytes: [UInt8] = [0x1D, 0x72, 0x01]

    /// True when the roll end sensor reports no paper.
    public var isPaperOut: Bool { byte & 0x0C != 0 }
    /// True when the near-end sensor reports little paper.
    public var isNearEnd: Bool { byte & 0x03 != 0 }
}
