import LobbyTestSupport
import Testing
@testable import LobbyEscPos

@Suite(.tags(.unit)) struct EscPosDecoderTests {
    @Test func decodesTheFourRasterImagesOfARealFile() throws {
        let bytes = try TestFiles.bytes(TestFiles.vectors.appendingPathComponent("bit-image.bin"))
        let decoded = try EscPosDecoder().decode(bytes)
        let images = decoded.images
        #expect(images.count == 4)
        #expect(images.map(\.kind) == [.raster(.normal), .raster(.doubleWidth), .raster(.doubleHeight), .raster(.quadruple)])
        #expect(images.map(\.byteOffset) == [164, 2566, 4965, 7364])
        for image in images {
            #expect(image.bitmap.widthDots == 128)
            #expect(image.bitmap.heightDots == 148)
            #expect(image.bandCount == 1)
        }
        // The same picture is sent four times with different scales.
        #expect(Set(images.map(\.bitmap)).count == 1)
        let ink = try #require(images[0].bitmap.inkBounds)
        #expect(ink.width > 64 && ink.height > 100)
        #expect(decoded.commands.first?.command == .initialize)
        #expect(decoded.commands.last?.command == .cut(.feedThenFullCut(feedUnits: 3)))
        #expect(String(decoding: decoded.text, as: UTF8.self).contains("Large Tux in correct proportion"))
    }

    @Test func recognisesAndDescribesNativeQRCodes() throws {
        let bytes = try TestFiles.bytes(TestFiles.vectors.appendingPathComponent("qr-code.bin"))
        let decoded = try EscPosDecoder().decode(bytes)
        let codes = decoded.twoDimensionalCodes
        #expect(!codes.isEmpty)
        #expect(codes.allSatisfy { $0.symbol == 0x31 })
        let stored = codes.compactMap(\.storedQRData)
        #expect(stored.first == Array("Testing 123".utf8))
        #expect(stored.contains(Array("0123456789012345678901234567890123456789".utf8)))
        // Every "store" is followed by a "print stored symbol".
        #expect(codes.filter { $0.function == 0x51 }.count == stored.count)
        #expect(codes.contains { $0.summary == "QR module size 16" })
        #expect(decoded.images.isEmpty)
        #expect(decoded.commands.contains { $0.command == .justification(.center) })
        #expect(decoded.commands.last?.command == .cut(.feedThenFullCut(feedUnits: 3)))
    }

    @Test func truncatedImageReportsItsStartOffset() throws {
        let bytes = try TestFiles.bytes(TestFiles.vectors.appendingPathComponent("bit-image.bin"))
        let cut = Array(bytes.prefix(2000))
        #expect(throws: EscPosDecodingError.truncated(command: "GS v 0", byteOffset: 164, neededBytes: 2376, availableBytes: 1836)) {
            try EscPosDecoder().decode(cut)
        }
    }

    @Test(arguments: [
        ([UInt8]([0x1B, 0x40, 0x1B, 0x7A, 0x00]), EscPosDecodingError.unknownCommand(byteOffset: 2, bytes: [0x1B, 0x7A])),
        ([0x41, 0x42, 0x07], .unknownCommand(byteOffset: 2, bytes: [0x07])),
        ([0x1D, 0x56], .truncated(command: "GS V", byteOffset: 0, neededBytes: 3, availableBytes: 2)),
        ([0x0A, 0x1D, 0x56, 0x41], .truncated(command: "GS V", byteOffset: 1, neededBytes: 4, availableBytes: 3)),
        ([0x1B], .truncated(command: "ESC", byteOffset: 0, neededBytes: 2, availableBytes: 1)),
        ([0x1B, 0x2A, 0x05, 0x01, 0x00, 0x00], .invalidParameter(command: "ESC *", byteOffset: 0, parameter: "m", value: 5)),
        ([0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50], .truncated(command: "GS ( k", byteOffset: 0, neededBytes: 10, availableBytes: 7)),
        ([0x10, 0x04, 0x07], .invalidParameter(command: "DLE EOT", byteOffset: 0, parameter: "n", value: 7)),
        ([0x1D, 0x56, 0x07], .invalidParameter(command: "GS V", byteOffset: 0, parameter: "m", value: 7)),
    ])
    func badInputIsReportedWithItsByteOffset(bytes: [UInt8], expected: EscPosDecodingError) {
        #expect(throws: expected) { try EscPosDecoder().decode(bytes) }
    }

    @Test func everyCommandRoundTripsThroughTheDecoder() throws {
        var band = MonoBitmap(widthDots: 24, heightDots: 24)
        band[5, 7] = true
        let commands: [EscPosCommand] = [
            .initialize, .text(Array("A042".utf8)), .lineFeed, .carriageReturn, .feedLines(3), .feedDots(40),
            .lineSpacing(24), .defaultLineSpacing, .printMode(0x30), .justification(.right),
            .rasterImage(RasterImageCommand(scale: .quadruple, bitmap: band)),
            .columnImage(ColumnImageCommand(density: .double24, bitmap: band)),
            .cut(.feedThenFullCut(feedUnits: 9)), .cut(.feedThenPartialCut(feedUnits: 1)), .cut(.fullCut), .cut(.partialCut),
            .twoDimensionalCode(TwoDimensionalCodeCommand(symbol: 0x31, function: 0x50, parameters: [0x30] + Array("x".utf8))),
            .enableAutomaticStatusBack(0x0F), .realTimeStatusRequest(.paperSensor),
        ]
        let bytes = EscPosCommand.bytes(of: commands)
        let decoded = try EscPosDecoder().decode(bytes)
        #expect(decoded.commands.map(\.command) == commands)
        // Offsets are where each command starts.
        var offset = 0
        for (entry, command) in zip(decoded.commands, commands) {
            #expect(entry.byteOffset == offset)
            offset += EscPosCommand.bytes(of: [command]).count
        }
    }

    @Test func bandsSeparatedByOtherCommandsAreSeparateImages() throws {
        let band = MonoBitmap(widthDots: 8, heightDots: 2)
        let commands: [EscPosCommand] = [
            .rasterImage(RasterImageCommand(bitmap: band)), .rasterImage(RasterImageCommand(bitmap: band)),
            .lineFeed,
            .rasterImage(RasterImageCommand(bitmap: band)),
            .rasterImage(RasterImageCommand(scale: .doubleWidth, bitmap: band)),
        ]
        let images = try EscPosDecoder().decode(EscPosCommand.bytes(of: commands)).images
        #expect(images.map(\.bandCount) == [2, 1, 1])
        #expect(images.map(\.bitmap.heightDots) == [4, 2, 2])
    }
}
