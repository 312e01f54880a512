internal import CRender
import LobbyEscPos

/// Lobby's one PNG writer, cairo's: printed dots as a greyscale picture of pure black and white
/// (nothing in between), RGB pixels (screens), or any cairo surface.
public enum PNGEncoder {
    /// PNG bytes of the bitmap (dots black, the rest white), optionally enlarged by a whole `scale` for viewing.
    public static func encode(_ bitmap: MonoBitmap, scale: Int = 1) throws(RenderError) -> [UInt8] {
        precondition(scale >= 1 && scale <= 8, "scale out of range")
        let source = scale == 1 ? bitmap : bitmap.scaled(x: scale, y: scale)
        let width = max(1, source.widthDots), height = max(1, source.heightDots)
        // cairo writes an A1 surface as greyscale, an opaque (1) bit white; its bits run from
        // the least significant on this little-endian machine, ESC/POS bitmaps' from the most.
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(width), Int32(height)) else {
            throw .cairoFailure("cannot create a \(width)×\(height) picture")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        for y in 0..<height {
            for index in 0..<stride {
                var byte: UInt8 = 0
                if index < source.bytesPerRow, y < source.heightDots, source.widthDots > 0 {
                    byte = source.bytes[y * source.bytesPerRow + index]
                }
                data[y * stride + index] = reversed[Int(~byte)]
            }
        }
        cairo_surface_mark_dirty(surface)
        return try write(surface)
    }

    /// PNG bytes of `width`×`height` RGB pixels (3 bytes each, row by row).
    public static func rgb(width: Int, height: Int, pixels: [UInt8]) throws(RenderError) -> [UInt8] {
        precondition(pixels.count == width * height * 3, "need 3 bytes per pixel")
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw .cairoFailure("cannot create a \(width)×\(height) picture")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let raw = UnsafeMutableRawPointer(cairo_image_surface_get_data(surface)!)
        for y in 0..<height {
            for x in 0..<width {
                let p = (y * width + x) * 3
                let pixel = UInt32(pixels[p]) << 16 | UInt32(pixels[p + 1]) << 8 | UInt32(pixels[p + 2])
                raw.storeBytes(of: pixel, toByteOffset: y * stride + x * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(surface)
        return try write(surface)
    }

    /// PNG bytes of a cairo surface.
    public static func write(_ surface: OpaquePointer) throws(RenderError) -> [UInt8] {
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        try check(status)
        return sink.bytes
    }

    private static func check(_ status: cairo_status_t) throws(RenderError) {
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairoFailure(String(cString: cairo_status_to_string(status))) }
    }

    /// Each byte with its bits in reverse order.
    private static let reversed: [UInt8] = (0..<256).map { value in
        var out: UInt8 = 0
        for bit in 0..<8 where value & (1 << bit) != 0 { out |= 0x80 >> UInt8(bit) }
        return out
    }
}
