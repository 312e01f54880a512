import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// Status requests are found only between commands, never inside image data.
@Suite(.tags(.unit)) struct EscPosStreamFramerTests {
    @Test func statusRequestsBetweenCommandsAreSplitOff() {
        var framer = EscPosStreamFramer()
        let events = framer.consume([0x10, 0x04, 0x01, 0x1B, 0x40, 0x41, 0x10, 0x04, 0x04, 0x1D, 0x56, 0x42, 0x03, 0x10, 0x04, 0x02])
        #expect(events == [
            .statusRequest(.printer), .data([0x1B, 0x40, 0x41]), .statusRequest(.paperSensor),
            .data([0x1D, 0x56, 0x42, 0x03]), .statusRequest(.offlineCause),
        ])
        #expect(framer.isAtCommandBoundary)
    }

    @Test func rasterDataThatLooksLikeDLEEOTIsData() throws {
        // A 2-byte wide, 3-row raster band whose data contains 10 04 01.
        let band: [UInt8] = [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, 0x10, 0x04, 0x01, 0xFF, 0x10, 0x04]
        var framer = EscPosStreamFramer()
        let events = framer.consume(band + [0x10, 0x04, 0x04])
        #expect(events == [.data(band), .statusRequest(.paperSensor)])
    }

    @Test func splitArrivalGivesTheSameDataAsOneRead() {
        let bitmap = MonoBitmap(widthDots: 64, heightDots: 40)
        let profile = PrinterProfile(name: "p", width: .dots384, cut: .partialCut, maxBandRows: 16)
        let ticket = EscPosEncoder(profile: profile).ticketBytes(for: bitmap)
        let stream = [0x10, 0x04, 0x01] + ticket + [0x10, 0x04, 0x04]
        for chunk in [1, 2, 7, 64] {
            var framer = EscPosStreamFramer()
            var data: [UInt8] = []
            var requests: [RealTimeStatusKind] = []
            var index = 0
            while index < stream.count {
                for event in framer.consume(stream[index..<min(index + chunk, stream.count)]) {
                    switch event {
                    case let .data(bytes): data += bytes
                    case let .statusRequest(kind): requests.append(kind)
                    case .transmitStatus: Issue.record("no GS r in this stream")
                    }
                }
                index += chunk
            }
            #expect(data == ticket, "chunk \(chunk)")
            #expect(requests == [.printer, .paperSensor], "chunk \(chunk)")
        }
    }

    @Test func columnImagesAndTwoDimensionalCodesAreSkippedByLength() {
        // ESC * 33 (24-dot, 3 bytes per column) with 2 columns = 6 data bytes.
        let column: [UInt8] = [0x1B, 0x2A, 33, 0x02, 0x00, 0x10, 0x04, 0x01, 0x10, 0x04, 0x02]
        // GS ( k pL=4 pH=0 then 4 parameter bytes.
        let code: [UInt8] = [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x10, 0x04]
        var framer = EscPosStreamFramer()
        #expect(framer.consume(column + code) == [.data(column + code)])
        #expect(framer.isAtCommandBoundary)
    }
}
