import LobbyTestSupport
import Testing
@testable import LobbyEscPos

@Suite(.tags(.unit)) struct PrinterReplyParserTests {
    @Test func repliesAnswerRequestsInOrder() throws {
        var parser = PrinterReplyParser()
        parser.expectReply(to: .printer)
        parser.expectReply(to: .paperSensor)
        let events = parser.consume([0x1A, 0x7E])
        #expect(events == [
            .realTimeStatus(try RealTimeStatusReply(kind: .printer, byte: 0x1A)),
            .realTimeStatus(try RealTimeStatusReply(kind: .paperSensor, byte: 0x7E)),
        ])
        #expect(parser.pendingRequests.isEmpty)
    }

    @Test func automaticReportsAndRepliesInterleaveByteByByte() throws {
        var parser = PrinterReplyParser()
        parser.expectReply(to: .offlineCause)
        let stream: [UInt8] = [0x10, 0x00, 0x00, 0x00, 0x5E, 0x18, 0x00, 0x0C, 0x00]
        var events: [PrinterReplyParser.Event] = []
        for byte in stream { events += parser.consume(byte) }
        #expect(events == [
            .automaticStatus(try AutomaticStatusReport(0x10, 0x00, 0x00, 0x00)),
            .realTimeStatus(try RealTimeStatusReply(kind: .offlineCause, byte: 0x5E)),
            .automaticStatus(try AutomaticStatusReport(0x18, 0x00, 0x0C, 0x00)),
        ])
    }

    @Test func aLostByteResynchronisesByDroppingOneByte() throws {
        var parser = PrinterReplyParser()
        // A report whose last byte was lost, then a complete report.
        let events = parser.consume([0x14, 0x00, 0x00, 0x18, 0x00, 0x0C, 0x00])
        #expect(events == [
            .discarded(0x14), .discarded(0x00), .discarded(0x00),
            .automaticStatus(try AutomaticStatusReport(0x18, 0x00, 0x0C, 0x00)),
        ])
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func aReplyInsideAPartialReportIsStillFound() throws {
        var parser = PrinterReplyParser()
        parser.expectReply(to: .paperSensor)
        let events = parser.consume([0x10, 0x00, 0x12])
        #expect(events == [
            .discarded(0x10), .discarded(0x00),
            .realTimeStatus(try RealTimeStatusReply(kind: .paperSensor, byte: 0x12)),
        ])
    }

    @Test func noiseAndUnaskedRepliesAreReportedNotMisread() {
        var parser = PrinterReplyParser()
        #expect(parser.consume([0xFF, 0x12, 0x01]) == [.discarded(0xFF), .unsolicitedStatusByte(0x12), .discarded(0x01)])
    }

    @Test func abandonedRequestsDoNotCaptureLateReplies() {
        var parser = PrinterReplyParser()
        parser.expectReply(to: .printer)
        #expect(parser.abandonPendingRequests() == [.printer])
        #expect(parser.consume(0x16) == [.unsolicitedStatusByte(0x16)])
    }

    @Test func partialReportWaitsForMoreBytes() throws {
        var parser = PrinterReplyParser()
        #expect(parser.consume([0x10, 0x00]).isEmpty)
        #expect(parser.bufferedByteCount == 2)
        #expect(parser.consume([0x03, 0x00]) == [.automaticStatus(try AutomaticStatusReport(0x10, 0x00, 0x03, 0x00))])
    }
}
