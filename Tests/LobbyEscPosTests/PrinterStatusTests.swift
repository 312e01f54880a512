import LobbyTestSupport
import Testing
@testable import LobbyEscPos

@Suite(.tags(.unit)) struct PrinterStatusTests {
    @Test func printerStatusOfflineVector() throws {
        let condition = try RealTimeStatusReply(kind: .printer, byte: 0x1A).condition
        #expect(condition.isOnline == false)
        #expect(condition.drawerPin3High == false)
        #expect(condition.feedButtonPressed == false)
        #expect(condition.preventsPrinting)
    }

    @Test func offlineCauseCoverOpenFeedingErrorVector() throws {
        let condition = try RealTimeStatusReply(kind: .offlineCause, byte: 0x5E).condition
        #expect(condition.isCoverOpen == true)
        #expect(condition.isFeedingByButton == true)
        #expect(condition.hasError == true)
        #expect(condition.isStoppedByPaperEnd == false)
    }

    @Test func paperPresentVector() throws {
        let condition = try RealTimeStatusReply(kind: .paperSensor, byte: 0x12).condition
        #expect(condition.paper == .present)
        #expect(condition.isPaperNearEnd == false)
        #expect(!condition.preventsPrinting)
    }

    @Test func outOfPaperPrinterAnswersOfflineAndPaperEnd() throws {
        let condition = PrinterCondition()
            .applying(try RealTimeStatusReply(kind: .printer, byte: 0x1A))
            .applying(try RealTimeStatusReply(kind: .paperSensor, byte: 0x7E))
        #expect(condition.isOnline == false)
        #expect(condition.isPaperEnd == true)
        #expect(condition.isPaperNearEnd == true)
        #expect(condition.paper == .out)
        #expect(condition.isCoverOpen == nil, "n = 2 was not asked")
    }

    @Test(arguments: [(UInt8(0x12), PaperState.present), (0x1E, .nearEnd), (0x16, .nearEnd), (0x32, .out), (0x52, .out)])
    func paperSensorBitPairs(byte: UInt8, expected: PaperState) throws {
        #expect(try RealTimeStatusReply(kind: .paperSensor, byte: byte).condition.paper == expected)
    }

    @Test func errorCauseBits() throws {
        let condition = try RealTimeStatusReply(kind: .errorCause, byte: 0x12 | 0x08 | 0x40).condition
        #expect(condition.hasAutocutterError == true)
        #expect(condition.hasAutoRecoverableError == true)
        #expect(condition.hasUnrecoverableError == false)
    }

    @Test(arguments: [UInt8(0x00), 0x10, 0x13, 0x92, 0xFF, 0x02])
    func bytesWithoutTheFixedPatternAreRejected(byte: UInt8) {
        #expect(throws: PrinterStatusError.notARealTimeStatusByte(kind: .printer, byte: byte)) {
            try RealTimeStatusReply(kind: .printer, byte: byte)
        }
    }

    @Test func automaticStatusReportCarriesAllGroups() throws {
        // Offline + cover open; autocutter error; paper near end and paper end; byte 4 plain.
        let report = try AutomaticStatusReport(0x10 | 0x08 | 0x20, 0x08, 0x0F, 0x00)
        let condition = report.condition
        #expect(condition.isOnline == false)
        #expect(condition.isCoverOpen == true)
        #expect(condition.hasAutocutterError == true)
        #expect(condition.paper == .out)
        #expect(try AutomaticStatusReport(0x10, 0x00, 0x00, 0x00).condition.paper == .present)
        #expect(throws: PrinterStatusError.notAnAutomaticStatusReport(index: 3, byte: 0x10)) {
            try AutomaticStatusReport(0x10, 0x00, 0x10, 0x00)
        }
    }
}
