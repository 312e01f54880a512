import LobbyTestSupport
import Testing
@testable import LobbyEscPos

extension MonoBitmapFixture {
    var bitmap: MonoBitmap {
        var bitmap = MonoBitmap(widthDots: widthDots, heightDots: heightDots)
        for (x, y) in blackDots { bitmap[x, y] = true }
        return bitmap
    }
}

@Suite(.tags(.unit)) struct MonoBitmapTests {
    @Test func dotsArePackedMostSignificantBitLeftmost() throws {
        var bitmap = MonoBitmap(widthDots: 10, heightDots: 2)
        bitmap[0, 0] = true
        bitmap[9, 0] = true
        bitmap[7, 1] = true
        bitmap[8, 1] = true
        #expect(bitmap.bytes == [0x80, 0x40, 0x01, 0x80])
        #expect(bitmap[9, 0])
        #expect(!bitmap[8, 0])
        bitmap[9, 0] = false
        #expect(bitmap.bytes[1] == 0x00)
    }

    @Test func paddingBitsAreClearedSoEqualImagesCompareEqual() throws {
        let withJunk = try MonoBitmap(widthDots: 4, heightDots: 1, bytes: [0xFF])
        let clean = try MonoBitmap(widthDots: 4, heightDots: 1, bytes: [0xF0])
        #expect(withJunk == clean)
        #expect(withJunk.blackDotCount == 4)
    }

    @Test func wrongByteCountIsRejected() {
        #expect(throws: MonoBitmapError.byteCountMismatch(expected: 6, actual: 5)) {
            try MonoBitmap(widthDots: 9, heightDots: 3, bytes: [0, 0, 0, 0, 0])
        }
    }

    @Test(arguments: [(1, 1), (8, 3), (13, 7), (576, 40), (384, 1)])
    func portableBitmapRoundTrip(width: Int, height: Int) throws {
        var generator = PatternGenerator(seed: UInt64(width * 1000 + height))
        let bitmap = generator.bitmap(widthDots: width, heightDots: height).bitmap
        let data = bitmap.portableBitmapData()
        #expect(Array(data.prefix(3)) == Array("P4\n".utf8))
        #expect(try MonoBitmap(portableBitmapData: data) == bitmap)
    }

    @Test func portableBitmapHeaderMayHaveComments() throws {
        let data = Array("P4\n# made by hand\n12 2\n".utf8) + [0xFF, 0xF0, 0x00, 0x10]
        let bitmap = try MonoBitmap(portableBitmapData: data)
        #expect(bitmap.widthDots == 12 && bitmap.heightDots == 2)
        #expect(bitmap[11, 0] && !bitmap[0, 1] && bitmap[11, 1])
    }

    @Test func malformedPortableBitmapsAreRejectedWithOffsets() {
        #expect(throws: MonoBitmapError.notPortableBitmap(byteOffset: 0)) {
            try MonoBitmap(portableBitmapData: Array("P1\n1 1\n1".utf8))
        }
        #expect(throws: MonoBitmapError.malformedHeader(field: "height", byteOffset: 5)) {
            try MonoBitmap(portableBitmapData: Array("P4\n8 x\n".utf8))
        }
        #expect(throws: MonoBitmapError.truncatedBody(expectedBytes: 4, availableBytes: 3)) {
            try MonoBitmap(portableBitmapData: Array("P4\n16 2\n".utf8) + [1, 2, 3])
        }
    }

    @Test func inkBoundsCoverExactlyTheBlackDots() {
        var bitmap = MonoBitmap(widthDots: 40, heightDots: 30)
        #expect(bitmap.inkBounds == nil)
        bitmap[3, 5] = true
        bitmap[33, 20] = true
        #expect(bitmap.inkBounds == DotRectangle(x: 3, y: 5, width: 31, height: 16))
    }

    @Test func rowsAndAppendingAreInverse() {
        var generator = PatternGenerator(seed: 7)
        let bitmap = generator.bitmap(widthDots: 20, heightDots: 9).bitmap
        let top = bitmap.rows(from: 0, count: 4)
        let bottom = bitmap.rows(from: 4, count: 5)
        #expect(top.appendingRows(of: bottom) == bitmap)
        #expect(top.differingDotCount(comparedWith: bottom.rows(from: 0, count: 4)) > 0)
    }
}
