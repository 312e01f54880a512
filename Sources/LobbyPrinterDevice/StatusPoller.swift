import LobbyEscPos
import LobbyPrinting

/// Asks a printer for real-time status (`DLE EOT n`) over a channel and merges the replies.
/// Replies are matched with `PrinterReplyParser`; noise and unasked bytes are ignored. A printer
/// that does not answer within the limit yields `.noReply`. Waits end early when `shouldStop`
/// says so (the job was cancelled).
public struct StatusPoller {
    /// The channel to the printer.
    public let channel: any PrinterChannel
    /// Limit for each reply when the caller gives none.
    public let replyTimeout: Duration
    /// Checked while waiting; true ends the wait as if the printer had not answered.
    public var shouldStop: () -> Bool

    /// Creates a poller.
    public init(channel: any PrinterChannel, replyTimeout: Duration, shouldStop: @escaping () -> Bool = { false }) {
        self.channel = channel
        self.replyTimeout = replyTimeout
        self.shouldStop = shouldStop
    }

    /// Polls `DLE EOT 1` and `4`, then 2 and 3 when the answers call for them. The first answer
    /// may take up to `limit` (default `replyTimeout`): a printer answers only once it has taken
    /// in everything sent before the request.
    public func poll(waitingUpTo limit: Duration? = nil) -> BackendStatusReading {
        let first = limit ?? replyTimeout
        var condition = PrinterCondition()
        do {
            guard try ask([.printer, .paperSensor], into: &condition, limit: first) else { return noReply(first) }
            let followUps = BackendStatusPolicy.followUpKinds(after: condition)
            if !followUps.isEmpty {
                guard try ask(followUps, into: &condition, limit: replyTimeout) else { return noReply(replyTimeout) }
                let more = BackendStatusPolicy.followUpKinds(after: condition)
                if !more.isEmpty { guard try ask(more, into: &condition, limit: replyTimeout) else { return noReply(replyTimeout) } }
            }
        } catch {
            return .noReply(error.description)
        }
        return .condition(condition)
    }

    /// Sends `GS r 1` and waits up to `limit` for its answer, which a printer gives only once it
    /// has printed everything before it. nil when it did not answer.
    public func confirmEnd(waitingUpTo limit: Duration) -> PaperSensorReply? {
        do {
            try channel.write(PaperSensorReply.requestBytes, stallTimeout: limit, operation: "end-of-job request")
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: limit)
            while !shouldStop() {
                let remaining = clock.now.duration(to: deadline)
                if remaining <= .zero { return nil }
                for byte in try channel.read(timeout: min(remaining, Self.stopCheckInterval), operation: "end-of-job reply") {
                    // DLE EOT replies (bit 4 set) and flow-control bytes are not the answer.
                    if let reply = PaperSensorReply(byte: byte) { return reply }
                }
            }
        } catch {
            return nil
        }
        return nil
    }

    /// How often a wait checks `shouldStop`.
    static let stopCheckInterval: Duration = .milliseconds(100)

    private func noReply(_ limit: Duration) -> BackendStatusReading {
        .noReply("\(channel.device) did not answer DLE EOT within \(limit)")
    }

    /// Sends the requests and reads until each is answered; false on timeout or stop.
    private func ask(_ kinds: [RealTimeStatusKind], into condition: inout PrinterCondition, limit: Duration) throws(DeviceError) -> Bool {
        var parser = PrinterReplyParser()
        var request: [UInt8] = []
        for kind in kinds {
            request += kind.requestBytes
            parser.expectReply(to: kind)
        }
        try channel.write(request, stallTimeout: limit, operation: "status request")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        var answered = 0
        while answered < kinds.count {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero || shouldStop() { return false }
            let bytes = try channel.read(timeout: min(remaining, Self.stopCheckInterval), operation: "status reply")
            for event in parser.consume(bytes) {
                switch event {
                case let .realTimeStatus(reply):
                    condition = condition.applying(reply)
                    answered += 1
                case let .automaticStatus(report):
                    condition = condition.applying(report)
                case .unsolicitedStatusByte, .discarded:
                    break
                }
            }
        }
        return true
    }
}
