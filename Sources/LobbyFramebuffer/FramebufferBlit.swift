/// A rectangle of pixels to copy (the damaged part of a frame).
public struct BlitRect: Hashable, Sendable {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width.
    public var width: Int
    /// Height.
    public var height: Int
    /// A rectangle from its parts.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The part inside a `width`×`height` buffer (nil when nothing is).
    public func clipped(width w: Int, height h: Int) -> BlitRect? {
        let left = max(0, x), top = max(0, y), right = min(w, x + width), bottom = min(h, y + height)
        return right > left && bottom > top ? BlitRect(x: left, y: top, width: right - left, height: bottom - top) : nil
    }
}

/// Copies ARGB32 frames (cairo's native-endian 0xAARRGGBB) into scan-out buffers, converting
/// the pixel format; only a rectangle for partial updates.
public enum FramebufferBlit {
    /// One source pixel in `format`, as the little-endian bytes stored in the buffer.
    public static func convert(_ argb: UInt32, to format: FramebufferFormat) -> UInt32 {
        let r = (argb >> 16) & 0xFF, g = (argb >> 8) & 0xFF, b = argb & 0xFF
        switch format {
        case .xrgb8888: return 0xFF00_0000 | (r << 16) | (g << 8) | b
        case .xbgr8888: return 0xFF00_0000 | (b << 16) | (g << 8) | r
        case .rgb565: return ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3)
        }
    }

    /// Copies `rect` of `source` (ARGB32, `sourceStride` bytes per row) into `destination`
    /// (`format`, `destinationStride` bytes per row), both `width`×`height`.
    public static func copy(_ source: UnsafeRawBufferPointer, sourceStride: Int, into destination: UnsafeMutableRawBufferPointer,
                            destinationStride: Int, format: FramebufferFormat, width: Int, height: Int, rect: BlitRect) {
        guard let r = rect.clipped(width: width, height: height) else { return }
        precondition(source.count >= sourceStride * height && destination.count >= destinationStride * height, "buffers too small")
        for y in r.y..<(r.y + r.height) {
            let sourceRow = y * sourceStride, destinationRow = y * destinationStride
            if format == .xrgb8888 {
                // Same layout: copy the row span as it is (alpha is ignored by scan-out).
                let from = sourceRow + r.x * 4, to = destinationRow + r.x * 4, count = r.width * 4
                destination.baseAddress!.advanced(by: to).copyMemory(from: source.baseAddress!.advanced(by: from), byteCount: count)
                continue
            }
            for x in r.x..<(r.x + r.width) {
                let pixel = convert(source.load(fromByteOffset: sourceRow + x * 4, as: UInt32.self), to: format)
                if format == .rgb565 {
                    destination.storeBytes(of: UInt16(truncatingIfNeeded: pixel).littleEndian, toByteOffset: destinationRow + x * 2, as: UInt16.self)
                } else {
                    destination.storeBytes(of: pixel.littleEndian, toByteOffset: destinationRow + x * 4, as: UInt32.self)
                }
            }
        }
    }
}
