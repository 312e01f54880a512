internal import CRender

/// A decoded image as 0xAARRGGBB words, for golden comparisons and tools.
public struct KioskImage: Hashable, Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Pixels, row by row.
    public var pixels: [UInt32]

    /// An image from its parts.
    public init(width: Int, height: Int, pixels: [UInt32]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Reads a PNG file.
    public static func readPNG(_ path: String) throws(KioskRenderError) -> KioskImage {
        let surface = cairo_image_surface_create_from_png(path)!
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairoFailure("\(path): " + String(cString: cairo_status_to_string(status))) }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
        var pixels = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width { pixels[y * width + x] = data.load(fromByteOffset: y * stride + x * 4, as: UInt32.self) } }
        return KioskImage(width: width, height: height, pixels: pixels)
    }

    /// How many pixels differ from `other` by more than `tolerance` in any channel (nil: sizes differ).
    public func differingPixels(from other: KioskImage, tolerance: UInt32 = 0) -> Int? {
        guard width == other.width, height == other.height else { return nil }
        var count = 0
        for (a, b) in zip(pixels, other.pixels) where a != b {
            for shift in stride(from: 0, to: 32, by: 8) {
                let ca = (a >> UInt32(shift)) & 0xFF, cb = (b >> UInt32(shift)) & 0xFF
                if (ca > cb ? ca - cb : cb - ca) > tolerance { count += 1; break }
            }
        }
        return count
    }
}
