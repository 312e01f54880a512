import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// Job layout, physical limits, deadlines and the backend's send plan.
@Suite(.tags(.unit)) struct PrintTimingTests {
    /// A raster ticket like the daemon's: `ESC @`, 800 rows at 576 dots in bands of 256, a cut.
    static let raster: [UInt8] = {
        let bitmap = MonoBitmap(widthDots: 576, heightDots: 800)
        return EscPosEncoder(profile: PrinterProfile(name: "p", width: .dots576, cut: .feedThenPartialCut(feedUnits: 0))).ticketBytes(for: bitmap)
    }()

    @Test func aRasterTicketIsSplitIntoWholeCommandsAndItsPaperIsItsRows() {
        let layout = EscPosJobLayout(Self.raster)
        #expect(layout.byteCount == 2 + 4 * 8 + 800 * 72 + 4)
        #expect(layout.commands.count == 1 + 4 + 1)
        #expect(layout.paperDots == 800)
        #expect(!layout.isTruncated)
        #expect(layout.cutCommand == [0x1D, 0x56, 0x42, 0x00])
        #expect(layout.largestCommandBytes == 8 + 256 * 72)
        // A piece never splits a band: every piece boundary is a command boundary.
        let boundaries = Set(layout.commands.map(\.range.lowerBound))
        for piece in layout.pieces(maximumBytes: 4096) { #expect(boundaries.contains(piece.lowerBound)) }
        #expect(layout.pieces(maximumBytes: 4096).map(\.count) == [2, 18440, 18440, 18440, 2316])
        // 800 rows at 203 dpi = 100.1 mm.
        #expect(abs(layout.paperMillimetres(dotsPerInch: 203) - 100.1) < 0.05)
    }

    @Test func textLinesFeedsAndATruncatedRasterAreMeasured() {
        // Two text lines at the default spacing, ESC d 3 at 24-dot spacing, ESC J 40, a cut.
        let job: [UInt8] = [0x1B, 0x40] + Array("A\nB\n".utf8) + [0x1B, 0x33, 24, 0x1B, 0x64, 3, 0x1B, 0x4A, 40, 0x1D, 0x56, 0x01]
        let layout = EscPosJobLayout(job)
        #expect(layout.paperDots == 34 + 34 + 3 * 24 + 40)
        #expect(layout.cutCommand == [0x1D, 0x56, 0x01])
        let cut = EscPosJobLayout(Array(Self.raster.prefix(5000)))
        #expect(cut.isTruncated)
        #expect(cut.command(containing: 4999)?.range == 2..<5000)
        #expect(cut.command(containing: 4999)?.payloadStart == 10)
    }

    @Test func thePhysicalLimitIsTheSlowerOfWireAndPaper() {
        let layout = EscPosJobLayout(Self.raster)
        // A network printer at 50 mm/s: the paper is the limit, about 2 s.
        let network = PrintTimeEstimate(layout: layout, pace: PrinterPace())
        #expect(network.wire == .zero)
        #expect(network.physicalLimit == .milliseconds(2002))
        // The same ticket on a 19200-baud line: 57,638 bytes at 1920 B/s is 30 s on the wire.
        let serial = PrintTimeEstimate(layout: layout, pace: PrinterPace(linkBytesPerSecond: PrinterPace.serialBytesPerSecond(baud: 19200)))
        #expect(serial.wire == .milliseconds(30020))
        #expect(serial.physicalLimit == serial.wire)
        // Deadline = 5 s + 1.5 × limit + 3 s: 11 s on the network, 53 s at 19200 baud (not 15 s).
        let policy = PrintDeadlinePolicy()
        #expect(policy.deadline(for: network) == .milliseconds(11003))
        #expect(policy.deadline(for: serial) == .milliseconds(53030))
        // A cancelled job gets one band on the wire plus the printing, with the margin.
        #expect(policy.cancelAllowance(layout: layout, pace: PrinterPace(linkBytesPerSecond: 1920)) > .seconds(16))
    }

    @Test func theBackendPlanWaitsForEachPieceAsLongAsItsBytesAndPaperNeed() {
        let plan = BackendSendPlan(job: Self.raster, pace: PrinterPace(linkBytesPerSecond: 1920), statusTimeout: .seconds(2))
        #expect(plan.pieces.count == 5)
        // A band of 18,440 bytes takes 9.6 s at 19200 baud: its answer may take 2 s + 2 × 9.6 s.
        #expect(plan.pieces[1].replyLimit == .seconds(2) + .milliseconds(9605) * 2)
        #expect(plan.pieces.map(\.progressOnceSent) == [1, 31, 63, 95, 100])
        #expect(plan.drainLimit == .seconds(2) + .milliseconds(2002) * 2)
        #expect(BackendSendPlan.progress(written: 0, total: 10) == 0)
        #expect(BackendSendPlan.progress(written: 1, total: 1000) == 1)
        #expect(BackendSendPlan.progress(written: 999, total: 1000) == 99)
        #expect(BackendSendPlan.progress(written: 1000, total: 1000) == 100)
    }

    @Test func paperSensorRepliesAreToldApartFromRealTimeReplies() {
        #expect(PaperSensorReply(byte: 0x12) == nil)
        #expect(PaperSensorReply(byte: 0x00)?.isPaperOut == false)
        #expect(PaperSensorReply(byte: 0x0F)?.isPaperOut == true)
        #expect(PaperSensorReply(byte: 0x03)?.isNearEnd == true)
        var condition = SimulatedPrinterCondition()
        condition.paper = .out
        #expect(condition.transmitStatusReply(1).flatMap(PaperSensorReply.init(byte:))?.isPaperOut == true)
        condition.answersStatus = false
        #expect(condition.transmitStatusReply(1) == nil)
    }

    @Test func theFramerTakesGSrOutOfTheJob() {
        var framer = EscPosStreamFramer()
        let events = framer.consume([0x1B, 0x40, 0x1D, 0x72, 0x01, 0x10, 0x04, 0x04])
        #expect(events == [.data([0x1B, 0x40]), .transmitStatus(1), .statusRequest(.paperSensor)])
    }

    @Test func aProfileGivesThePrinterItsSpeedAndResolution() throws {
        let json = #"{"name": "slow-58mm", "widthDots": 384, "dpi": 180, "cut": "none", "imageCommand": "rasterGSv0", "status": "realTime", "maxBandRows": 256, "feedLinesBeforeCut": 4, "printSpeed": 40}"#
        let profile = try PrinterProfile(jsonBytes: Array(json.utf8), fileName: "slow-58mm.json")
        let printer = PoolPrinter("p", profile: profile, link: .serial(baud: 9600))
        #expect(printer.pace == PrinterPace(linkBytesPerSecond: 960, printMillimetresPerSecond: 40, dotsPerInch: 180))
        #expect(PoolPrinter("q").pace == PrinterPace())
        let tooFast = json.replacingOccurrences(of: "\"printSpeed\": 40", with: "\"printSpeed\": 5000")
        #expect(throws: DataFileError.self) { try PrinterProfile(jsonBytes: Array(tooFast.utf8), fileName: "slow-58mm.json") }
    }
}
