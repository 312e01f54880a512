internal import CRender
import LobbyRender
import LobbyKiosk

/// An ARGB32 drawing surface of one screen size that kiosk screens are rendered into; keeps
/// its pango context so repeated frames reuse fonts and glyph caches.
public final class KioskCanvas {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    let surface: OpaquePointer
    let cairo: OpaquePointer
    let fonts: KioskFonts

    /// A canvas of `width`×`height` pixels.
    public init(width: Int, height: Int) throws(KioskRenderError) {
        guard width > 0, height > 0, width <= 8192, height <= 8192 else { throw .badSize(width: width, height: height) }
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .cairoFailure(String(cString: cairo_status_to_string(status)))
        }
        cairo = cairo_create(surface)!
        fonts = KioskFonts()
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Bytes per row of the pixel data.
    public var stride: Int { Int(cairo_image_surface_get_stride(surface)) }

    /// Draws `model` (laid out for this size); with `clip`, only that rectangle is repainted.
    public func draw(_ model: KioskScreenModel, clip: PixelRect? = nil) {
        let painter = KioskPainter(cairo: cairo, fonts: fonts, model: model)
        cairo_save(cairo)
        if let clip {
            cairo_rectangle(cairo, Double(clip.x), Double(clip.y), Double(clip.width), Double(clip.height))
            cairo_clip(cairo)
        }
        painter.paint(clip: clip)
        cairo_restore(cairo)
        cairo_surface_flush(surface)
    }

    /// Calls `body` with the ARGB32 pixels (native-endian 0xAARRGGBB words, `stride` bytes per row).
    public func withPixels<R>(_ body: (UnsafeRawBufferPointer, Int) throws -> R) rethrows -> R {
        cairo_surface_flush(surface)
        let data = cairo_image_surface_get_data(surface)!
        return try body(UnsafeRawBufferPointer(start: data, count: stride * height), stride)
    }

    /// The pixels as 0xAARRGGBB words, row by row without padding.
    public func pixels() -> [UInt32] {
        withPixels { raw, stride in
            var out = [UInt32](repeating: 0, count: width * height)
            for y in 0..<height {
                for x in 0..<width { out[y * width + x] = raw.load(fromByteOffset: y * stride + x * 4, as: UInt32.self) }
            }
            return out
        }
    }

    /// The canvas as PNG bytes.
    public func pngData() throws(KioskRenderError) -> [UInt8] {
        do {
            return try PNGEncoder.write(surface)
        } catch {
            throw .cairoFailure(error.description)
        }
    }
}
