import LobbyTestSupport
import Testing
@testable import LobbyCCID

@Suite("CCID bulk and interrupt messages", .tags(.unit))
struct CCIDMessageTests {
    @Test(arguments: [
        (CCIDCommand.iccPowerOn(voltage: nil), UInt8(1), [0x62, 0, 0, 0, 0, 0, 1, 0, 0, 0] as [UInt8]),
        (.iccPowerOn(voltage: .volts3_0), 2, [0x62, 0, 0, 0, 0, 0, 2, 2, 0, 0]),
        (.iccPowerOff, 3, [0x63, 0, 0, 0, 0, 0, 3, 0, 0, 0]),
        (.getSlotStatus, 4, [0x65, 0, 0, 0, 0, 0, 4, 0, 0, 0]),
        (.getParameters, 5, [0x6C, 0, 0, 0, 0, 0, 5, 0, 0, 0]),
        (.abort, 6, [0x72, 0, 0, 0, 0, 0, 6, 0, 0, 0]),
        (.xfrBlock([0x00, 0xB0, 0x00, 0x00, 0x04]), 7, [0x6F, 5, 0, 0, 0, 0, 7, 0, 0, 0, 0x00, 0xB0, 0x00, 0x00, 0x04]),
        (.xfrBlock(data: [0xAA], blockWaitingExtension: 2, levelParameter: 0x0102), 8, [0x6F, 1, 0, 0, 0, 0, 8, 2, 0x02, 0x01, 0xAA]),
        (.setParameters(.t1(findexDindex: 0x13, crcChecksum: false, inverseConvention: false, guardTime: 0,
                            blockWaitingInteger: 4, characterWaitingInteger: 5, clockStop: 0, ifsc: 0xFE, nad: 0)), 9,
         [0x61, 7, 0, 0, 0, 0, 9, 1, 0, 0, 0x13, 0x10, 0x00, 0x45, 0x00, 0xFE, 0x00]),
        (.setParameters(.t0(findexDindex: 0x11, inverseConvention: true, guardTime: 2, waitingInteger: 10, clockStop: 0)), 10,
         [0x61, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0x11, 0x02, 0x02, 0x0A, 0x00]),
        (.escape([1, 2]), 11, [0x6B, 2, 0, 0, 0, 0, 11, 0, 0, 0, 1, 2]),
    ])
    func commandEncoding(command: CCIDCommand, sequence: UInt8, bytes: [UInt8]) {
        #expect(command.encoded(slot: 0, sequence: sequence) == bytes)
    }

    @Test func dataBlockWithATR() throws {
        let atr: [UInt8] = [0x3B, 0x02, 0x14, 0x50]
        let response = try CCIDResponse(decoding: [0x80, 4, 0, 0, 0, 0, 1, 0x00, 0x00, 0x00] + atr)
        #expect(response.kind == .dataBlock(chainParameter: 0))
        #expect(response.state.presence == .presentActive)
        #expect(try response.payload() == atr)
        #expect(response.answers(slot: 0, sequence: 1))
        #expect(!response.answers(slot: 0, sequence: 2))
    }

    @Test(arguments: [
        (UInt8(0x42), UInt8(0xFE), CCIDSlotError.cardAbsentOrMute(.absent)),
        (0x40, 0xFE, .cardAbsentOrMute(.presentActive)),
        (0x40, 0xFB, .hardwareError),
        (0x41, 0xE0, .slotBusy),
        (0x40, 0xF7, .badATRTCK),
        (0x40, 0x00, .commandNotSupported),
        (0x40, 0x05, .badParameter(offset: 5)),
        (0x40, 0xC0, .other(0xC0)),
    ])
    func failedCommands(status: UInt8, error: UInt8, expected: CCIDSlotError) throws {
        let response = try CCIDResponse(decoding: [0x81, 0, 0, 0, 0, 0, 3, status, error, 0x01])
        #expect(response.kind == .slotStatus(clockStatus: 1))
        #expect(response.state.outcome == .failed(expected))
        #expect(throws: expected) { try response.payload() }
    }

    @Test func timeExtension() throws {
        let response = try CCIDResponse(decoding: [0x80, 0, 0, 0, 0, 0, 9, 0x80, 0x02, 0x00])
        #expect(response.isTimeExtension)
        #expect(response.state.outcome == .timeExtension(multiplier: 2))
        #expect(try response.payload() == [])
    }

    @Test func parametersResponse() throws {
        let response = try CCIDResponse(decoding: [0x82, 5, 0, 0, 0, 0, 1, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x0A, 0x00])
        #expect(response.kind == .parameters(.t0(findexDindex: 0x11, inverseConvention: false, guardTime: 0, waitingInteger: 10, clockStop: 0)))
        let failed = try CCIDResponse(decoding: [0x82, 0, 0, 0, 0, 0, 1, 0x40, 0x07, 0x00])
        #expect(failed.kind == .parameters(nil))
        #expect(failed.state.outcome == .failed(.badParameter(offset: 7)))
    }

    @Test(arguments: [
        ([0x80, 1, 0] as [UInt8], CCIDDecodingError.truncated(what: "CCID message header", needed: 10, available: 3)),
        ([0x80, 10, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3], .truncated(what: "CCID message", needed: 20, available: 13)),
        ([0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0, 1, 0, 0, 0], .truncated(what: "CCID message", needed: 4_294_967_305, available: 10)),
        ([0x80, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2], .lengthMismatch(what: "CCID message dwLength", declared: 1, actual: 2)),
        ([0x99, 0, 0, 0, 0, 0, 1, 0, 0, 0], .unknownMessageType(0x99)),
        ([0x81, 0, 0, 0, 0, 0, 1, 0x03, 0, 0], .invalidValue(what: "bStatus card state (bits 1:0 = 3)", offset: 7, value: 0x03)),
        ([0x81, 0, 0, 0, 0, 0, 1, 0xC0, 0, 0], .invalidValue(what: "bStatus command status (bits 7:6 = 3)", offset: 7, value: 0xC0)),
        ([0x82, 2, 0, 0, 0, 0, 1, 0, 0, 1, 0x11, 0x10], .truncated(what: "T=1 protocol data", needed: 7, available: 2)),
        ([0x82, 0, 0, 0, 0, 0, 1, 0, 0, 7], .invalidValue(what: "bProtocolNum", offset: 7, value: 7)),
    ])
    func malformedResponses(bytes: [UInt8], error: CCIDDecodingError) {
        #expect(throws: error) { try CCIDResponse(decoding: bytes) }
    }

    @Test func malformedMessagesDescribeThemselves() {
        #expect(CCIDDecodingError.unknownMessageType(0x99).description == "unknown CCID message type 0x99 at byte offset 0")
        #expect(CCIDDecodingError.truncated(what: "CCID message", needed: 20, available: 13).description
            == "CCID message is truncated: needs 20 bytes, got 13")
        #expect(CCIDSlotError.cardAbsentOrMute(.absent).description == "no card in the slot (ICC_MUTE)")
    }

    @Test func notifySlotChange() throws {
        #expect(try CCIDInterruptMessage(decoding: [0x50, 0x03], slotCount: 1) == .slotChange([.init(slot: 0, cardPresent: true, changed: true)]))
        #expect(try CCIDInterruptMessage(decoding: [0x50, 0x02], slotCount: 1) == .slotChange([.init(slot: 0, cardPresent: false, changed: true)]))
        #expect(try CCIDInterruptMessage(decoding: [0x50, 0b0100_0001, 0x02], slotCount: 5)
            == .slotChange([
                .init(slot: 0, cardPresent: true, changed: false), .init(slot: 1, cardPresent: false, changed: false),
                .init(slot: 2, cardPresent: false, changed: false), .init(slot: 3, cardPresent: true, changed: false),
                .init(slot: 4, cardPresent: false, changed: true),
            ]))
        #expect(try CCIDInterruptMessage(decoding: [0x51, 0, 4, 0xFB], slotCount: 1) == .hardwareError(slot: 0, sequence: 4, code: 0xFB))
        #expect(throws: CCIDDecodingError.truncated(what: "NotifySlotChange", needed: 2, available: 1)) {
            try CCIDInterruptMessage(decoding: [0x50], slotCount: 1)
        }
        #expect(throws: CCIDDecodingError.truncated(what: "CCID interrupt message", needed: 1, available: 0)) {
            try CCIDInterruptMessage(decoding: [], slotCount: 1)
        }
    }
}
