import LobbyTestSupport
import Testing
@testable import LobbyEscPos

@Suite(.tags(.unit)) struct EscPosEncoderTests {
    static func profile(
        cut: CutCommand = .feedThenPartialCut(feedUnits: 0), image: PrinterProfile.ImageCommand = .rasterGSv0,
        maxBandRows: Int = 256, feedLines: UInt8 = 0
    ) -> PrinterProfile {
        PrinterProfile(
            name: "test", width: .dots576, cut: cut, imageCommand: image, maxBandRows: maxBandRows,
            feedLinesBeforeCut: feedLines
        )
    }

    @Test func ticketStartsWithInitialiseAndEndsWithFeedAndCut() throws {
        var bitmap = MonoBitmap(widthDots: 16, heightDots: 2)
        bitmap[0, 0] = true
        bitmap[15, 1] = true
        let bytes = EscPosEncoder(profile: Self.profile(cut: .feedThenFullCut(feedUnits: 3), feedLines: 2))
            .ticketBytes(for: bitmap)
        #expect(bytes == [
            0x1B, 0x40,
            0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x80, 0x00, 0x00, 0x01,
            0x1B, 0x64, 0x02,
            0x1D, 0x56, 0x41, 0x03,
        ])
    }

    @Test(arguments: [
        (CutCommand.feedThenFullCut(feedUnits: 5), [UInt8]([0x1D, 0x56, 0x41, 0x05])),
        (.feedThenPartialCut(feedUnits: 0), [0x1D, 0x56, 0x42, 0x00]),
        (.fullCut, [0x1D, 0x56, 0x00]),
        (.partialCut, [0x1D, 0x56, 0x01]),
        (.none, []),
    ])
    func everyCutVariantEncodesAndDecodes(cut: CutCommand, expectedTail: [UInt8]) throws {
        let bitmap = MonoBitmap(widthDots: 8, heightDots: 1)
        let bytes = EscPosEncoder(profile: Self.profile(cut: cut)).ticketBytes(for: bitmap)
        #expect(Array(bytes.suffix(expectedTail.count)) == expectedTail)
        #expect(bytes.count == 2 + 9 + expectedTail.count)
        let decoded = try EscPosDecoder().decode(bytes)
        let cuts = decoded.commands.compactMap { entry -> CutCommand? in
            if case let .cut(cut) = entry.command { return cut }
            return nil
        }
        #expect(cuts == (cut == .none ? [] : [cut]))
    }

    /// Heights around the band limit: one band, exactly full, one row over, several bands.
    @Test(arguments: [1, 255, 256, 257, 511, 512, 513, 1000])
    func rasterBandsSplitAtTheLimitAndRoundTrip(height: Int) throws {
        let limit = 256
        var generator = PatternGenerator(seed: UInt64(height))
        let bitmap = generator.bitmap(widthDots: 576, heightDots: height).bitmap
        let commands = EscPosEncoder.rasterBands(of: bitmap, maxBandRows: limit)
        let bandHeights = commands.map { command -> Int in
            guard case let .rasterImage(band) = command else { return -1 }
            return band.bitmap.heightDots
        }
        #expect(bandHeights.count == (height + limit - 1) / limit)
        #expect(bandHeights.allSatisfy { $0 > 0 && $0 <= limit })
        #expect(bandHeights.dropLast().allSatisfy { $0 == limit })
        #expect(bandHeights.reduce(0, +) == height)

        let bytes = EscPosEncoder(profile: Self.profile(maxBandRows: limit)).ticketBytes(for: bitmap)
        let decoded = try EscPosDecoder().decode(bytes)
        #expect(decoded.images.count == 1)
        #expect(decoded.images.first?.bandCount == bandHeights.count)
        #expect(decoded.images.first?.bitmap == bitmap)
        #expect(decoded.images.first?.kind == .raster(.normal))
    }

    @Test(arguments: [(384, 24), (384, 25), (576, 47), (13, 5)])
    func columnImageFallbackRoundTrips(width: Int, height: Int) throws {
        var generator = PatternGenerator(seed: UInt64(width + height))
        let bitmap = generator.bitmap(widthDots: width, heightDots: height).bitmap
        let bytes = EscPosEncoder(profile: Self.profile(cut: .fullCut, image: .columnESCStar)).ticketBytes(for: bitmap)
        let decoded = try EscPosDecoder().decode(bytes)
        #expect(decoded.images.count == 1)
        let image = try #require(decoded.images.first)
        #expect(image.kind == .columnImage(.double24))
        #expect(image.bandCount == (height + 23) / 24)
        // The last band is padded with white rows to 24.
        #expect(image.bitmap == bitmap.padded(toWidthDots: width, heightDots: image.bandCount * 24))
        // Line spacing is set to 24 dots before the bands and restored after them.
        #expect(decoded.commands.map(\.command).contains(.lineSpacing(24)))
        #expect(decoded.commands.map(\.command).contains(.defaultLineSpacing))
    }

    @Test func columnImageBytesAreTopByteFirstMostSignificantBitTop() {
        var band = MonoBitmap(widthDots: 2, heightDots: 24)
        band[0, 0] = true
        band[0, 23] = true
        band[1, 8] = true
        var bytes: [UInt8] = []
        ColumnImageCommand(density: .double24, bitmap: band).encode(into: &bytes)
        #expect(bytes == [0x1B, 0x2A, 33, 2, 0, 0x80, 0x00, 0x01, 0x00, 0x80, 0x00])
    }

    @Test func rasterWidthIsRoundedUpToWholeBytes() throws {
        var bitmap = MonoBitmap(widthDots: 10, heightDots: 3)
        bitmap[9, 2] = true
        let decoded = try EscPosDecoder().decode(EscPosCommand.bytes(of: EscPosEncoder.rasterBands(of: bitmap, maxBandRows: 2)))
        let image = try #require(decoded.images.first)
        #expect(image.bitmap.widthDots == 16)
        #expect(image.bitmap == bitmap.padded(toWidthDots: 16, heightDots: 3))
    }
}
