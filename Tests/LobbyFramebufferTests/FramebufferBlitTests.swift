import LobbyFramebuffer
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct FramebufferBlitTests {
    @Test(arguments: [
        (UInt32(0xFF12_3456), FramebufferFormat.xrgb8888, UInt32(0xFF12_3456)),
        (0xFF12_3456, .xbgr8888, 0xFF56_3412),
        (0xFFFF_0000, .rgb565, 0xF800), (0xFF00_FF00, .rgb565, 0x07E0), (0xFF00_00FF, .rgb565, 0x001F), (0xFF84_8284, .rgb565, 0x8410),
    ])
    func convertsPixels(_ argb: UInt32, _ format: FramebufferFormat, _ expected: UInt32) {
        #expect(FramebufferBlit.convert(argb, to: format) == expected)
    }

    @Test(arguments: [FramebufferFormat.xrgb8888, .xbgr8888, .rgb565])
    func copiesOnlyTheDamagedRectangle(_ format: FramebufferFormat) {
        let width = 7, height = 5, sourceStride = width * 4 + 4, destinationStride = width * format.bytesPerPixel + 6
        var source = [UInt8](repeating: 0, count: sourceStride * height)
        for y in 0..<height { for x in 0..<width {
            let value = UInt32(0xFF00_0000) | UInt32(x * 30) << 16 | UInt32(y * 40) << 8 | 0x10
            withUnsafeBytes(of: value) { for i in 0..<4 { source[y * sourceStride + x * 4 + i] = $0[i] } }
        } }
        var destination = [UInt8](repeating: 0xAA, count: destinationStride * height)
        let rect = BlitRect(x: 2, y: 1, width: 10, height: 2)  // runs past the right edge: clipped
        source.withUnsafeBytes { s in destination.withUnsafeMutableBytes { d in
            FramebufferBlit.copy(s, sourceStride: sourceStride, into: d, destinationStride: destinationStride, format: format,
                                 width: width, height: height, rect: rect)
        } }
        let bpp = format.bytesPerPixel
        for y in 0..<height { for x in 0..<width {
            let offset = y * destinationStride + x * bpp
            let stored = (0..<bpp).reduce(UInt32(0)) { $0 | UInt32(destination[offset + $1]) << (8 * UInt32($1)) }
            if (1...2).contains(y) && x >= 2 {
                let argb = source.withUnsafeBytes { $0.load(fromByteOffset: y * sourceStride + x * 4, as: UInt32.self) }
                #expect(stored == FramebufferBlit.convert(argb, to: format) || format == .xrgb8888 && stored == argb, "(\(x),\(y))")
            } else {
                #expect(stored == (bpp == 2 ? 0xAAAA : 0xAAAA_AAAA), "(\(x),\(y)) outside the rectangle untouched")
            }
        } }
    }

    @Test func fbdevBitfieldsPickTheFormat() {
        #expect(FramebufferFormat.fbdev(bitsPerPixel: 32, redOffset: 16, greenOffset: 8, blueOffset: 0) == .xrgb8888)
        #expect(FramebufferFormat.fbdev(bitsPerPixel: 32, redOffset: 0, greenOffset: 8, blueOffset: 16) == .xbgr8888)
        #expect(FramebufferFormat.fbdev(bitsPerPixel: 16, redOffset: 11, greenOffset: 5, blueOffset: 0) == .rgb565)
        #expect(FramebufferFormat.fbdev(bitsPerPixel: 8, redOffset: 0, greenOffset: 0, blueOffset: 0) == nil)
    }
}
