import LobbyEscPos
import LobbyPrinting

/// Sends one job to a printer the way `BackendSendPlan` says: piece by piece, a status poll
/// after each piece, and, when asked, a wait until the printer has printed the end. When the job
/// is cancelled (`shouldStop`) in the middle of a command, the command is completed (the rest of
/// its header as sent, its payload as zeros: white raster rows), then the printer is reset
/// (`ESC @`) and the paper cut with the job's own cut command, so the next job starts on a
/// printer that is waiting for a command (Decision 0022).
public struct JobSender {
    /// What happened to the job.
    public enum Result: Equatable {
        /// Every piece was sent and answered (and the end confirmed, when asked).
        case sent(final: BackendStatusReading?, end: PaperSensorReply?)
        /// A poll between pieces (or after the last one) gave a reason to stop.
        case printerProblem(BackendStatusReading, phase: BackendPhase)
        /// A write made no progress or failed.
        case writeFailed(DeviceError, sent: Int)
        /// The printer did not confirm the end of the ticket in time.
        case endNotConfirmed(limit: Duration)
        /// The job was cancelled after `sent` bytes; `padding` zero bytes completed the command
        /// that was being sent.
        case cancelled(sent: Int, padding: Int)
    }

    /// The printer.
    public let channel: any PrinterChannel
    /// The poller, nil for a printer without a status channel.
    public let poller: StatusPoller?
    /// Limit without write progress.
    public let writeTimeout: Duration
    /// True once the job was cancelled.
    public let shouldStop: () -> Bool
    /// Called with each progress value (`job-media-progress`) before the bytes it counts are sent.
    public let progress: (Int) -> Void
    /// Called with the reading of each poll between pieces (status lines for cupsd).
    public let observe: (BackendStatusReading, BackendPhase) -> Void

    /// Bytes written per system call, so a cancel is noticed within one slice.
    public static let sliceBytes = 1024
    /// Limit for the writes that complete a cancelled command.
    public static let cancelWriteTimeout: Duration = .seconds(5)

    /// Creates a sender.
    public init(channel: any PrinterChannel, poller: StatusPoller?, writeTimeout: Duration, shouldStop: @escaping () -> Bool,
                progress: @escaping (Int) -> Void, observe: @escaping (BackendStatusReading, BackendPhase) -> Void) {
        self.channel = channel
        self.poller = poller
        self.writeTimeout = writeTimeout
        self.shouldStop = shouldStop
        self.progress = progress
        self.observe = observe
    }

    /// Sends `job` following `plan`; `confirmEnd` waits for `GS r 1` after the last piece.
    public func send(_ job: [UInt8], plan: BackendSendPlan, confirmEnd: Bool) -> Result {
        var sent = 0
        for piece in plan.pieces {
            if shouldStop() { return cancel(job, plan: plan, at: sent) }
            progress(piece.progressOnceSent)
            var offset = piece.range.lowerBound
            while offset < piece.range.upperBound {
                if shouldStop() { return cancel(job, plan: plan, at: offset) }
                let end = min(piece.range.upperBound, offset + Self.sliceBytes)
                do {
                    try channel.write(Array(job[offset..<end]), stallTimeout: writeTimeout, operation: "job write at byte \(offset) of \(job.count)")
                } catch {
                    if shouldStop() { return cancel(job, plan: plan, at: offset) }
                    return .writeFailed(error, sent: offset)
                }
                offset = end
            }
            sent = offset
            guard let poller else { continue }
            let phase: BackendPhase = sent == job.count ? .afterSending : .whileSending(sent: sent, total: job.count)
            let reading = poller.poll(waitingUpTo: piece.replyLimit)
            if shouldStop() { return cancel(job, plan: plan, at: sent) }
            observe(reading, phase)
            if BackendStatusPolicy.verdict(for: reading, phase: phase).exitCode != nil {
                return .printerProblem(reading, phase: phase)
            }
        }
        guard let poller, confirmEnd else { return .sent(final: nil, end: nil) }
        guard let end = poller.confirmEnd(waitingUpTo: plan.drainLimit) else {
            if shouldStop() { return cancel(job, plan: plan, at: sent) }
            return .endNotConfirmed(limit: plan.drainLimit)
        }
        // The printer has printed everything: one more poll for cover and error state.
        return .sent(final: poller.poll(), end: end)
    }

    /// Completes the command that byte `offset` is in, resets the printer and cuts.
    private func cancel(_ job: [UInt8], plan: BackendSendPlan, at offset: Int) -> Result {
        guard offset > 0 else { return .cancelled(sent: 0, padding: 0) }
        var completion: [UInt8] = []
        var padding = 0
        if offset < job.count, let command = plan.layout.command(containing: offset), command.range.lowerBound < offset,
           [0x10, 0x1B, 0x1D].contains(job[command.range.lowerBound]) {
            let headerEnd = command.payloadStart
            if offset < headerEnd { completion += job[offset..<headerEnd] }
            padding = command.range.upperBound - max(offset, headerEnd)
            completion += [UInt8](repeating: 0, count: padding)
        }
        completion += EscPosCommand.bytes(of: [.initialize])
        completion += plan.layout.cutCommand ?? []
        var written = 0
        while written < completion.count {
            let end = min(completion.count, written + Self.sliceBytes)
            do {
                try channel.write(Array(completion[written..<end]), stallTimeout: Self.cancelWriteTimeout, operation: "cancelled job completion")
            } catch {
                break
            }
            written = end
        }
        return .cancelled(sent: offset, padding: padding)
    }
}
