import LobbyEscPos
import LobbyPrinting

/// Asks a printer for real-time status (`DLE EOT n`) over a channel and merges the replies.
/// Replies are matched with `PrinterReplyParser`; noise and unasked bytes are ignored. A printer
/// that does not answer within the timeout yields `.noReply`.
public struct StatusPoller {
    /// The channel to the printer.
    public let channel: any PrinterChannel
    /// Limit for each reply.
    public let replyTimeout: Duration

    /// Creates a poller.
    public init(channel: any PrinterChannel, replyTimeout: Duration) {
        self.channel = channel
        self.replyTimeout = replyTimeout
    }

    /// Polls `DLE EOT 1` and `4`, then 2 and 3 when the answers call for them.
    public func poll() -> BackendStatusReading {
        var condition = PrinterCondition()
        do {
            guard try ask([.printer, .paperSensor], into: &condition) else { return noReply() }
            let followUps = BackendStatusPolicy.followUpKinds(after: condition)
            if !followUps.isEmpty {
                guard try ask(followUps, into: &condition) else { return noReply() }
                let more = BackendStatusPolicy.followUpKinds(after: condition)
                if !more.isEmpty { guard try ask(more, into: &condition) else { return noReply() } }
            }
        } catch {
            return .noReply(error.description)
        }
        return .condition(condition)
    }

    private func noReply() -> BackendStatusReading {
        .noReply("\(channel.device) did not answer DLE EOT within \(replyTimeout)")
    }

    /// Sends the requests and reads until each is answered; false on timeout.
    private func ask(_ kinds: [RealTimeStatusKind], into condition: inout PrinterCondition) throws(DeviceError) -> Bool {
        var parser = PrinterReplyParser()
        var request: [UInt8] = []
        for kind in kinds {
            request += kind.requestBytes
            parser.expectReply(to: kind)
        }
        try channel.write(request, stallTimeout: replyTimeout, operation: "status request")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: replyTimeout)
        var answered = 0
        while answered < kinds.count {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return false }
            let bytes = try channel.read(timeout: remaining, operation: "status reply")
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
