/// A test picture whose every pixel is known from its coordinates: eight colour bars, a white
/// 1-pixel frame, a red block at the top-left corner and a green block at the top-right (so a
/// wrong rotation or mirror shows), and a grey ramp along the bottom. Used by the lab tests
/// (the host recomputes each pixel of a screendump) and `lobby-display-probe`.
public enum DisplayTestPattern {
    /// The colour of pixel (`x`, `y`) of a `size` picture, 0xFFRRGGBB.
    public static func colour(x: Int, y: Int, size: DisplaySize, variant: Int = 0) -> UInt32 {
        let w = size.width, h = size.height
        if x == 0 || y == 0 || x == w - 1 || y == h - 1 { return 0xFFFF_FFFF }
        let block = max(8, min(w, h) / 8)
        if y < block {
            if x < block { return 0xFFFF_0000 }
            if x >= w - block { return 0xFF00_FF00 }
        }
        if y >= h - block / 2 {
            let level = UInt32(x * 255 / max(1, w - 1))
            return 0xFF00_0000 | level << 16 | level << 8 | level
        }
        let bars: [UInt32] = [0xFFC0_C0C0, 0xFFC0_C000, 0xFF00_C0C0, 0xFF00_C000, 0xFFC0_00C0, 0xFFC0_0000, 0xFF00_00C0, 0xFF10_1010]
        let bar = bars[(x * bars.count / w + variant) % bars.count]
        // A fine checker in the middle of each bar shows pixel-exact placement.
        return (x / 4 + y / 4) % 2 == 0 ? bar : bar ^ 0x0020_2020
    }

    /// The whole picture.
    public static func frame(size: DisplaySize, variant: Int = 0) -> PixelFrame {
        var frame = PixelFrame(size: size)
        for y in 0..<size.height {
            for x in 0..<size.width { frame[x, y] = colour(x: x, y: y, size: size, variant: variant) }
        }
        return frame
    }
}
