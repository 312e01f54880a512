internal import CRender
import LobbyEscPos

/// Encodes a `MonoBitmap` as a PNG (black on white) with cairo, for `--png` previews and docs.
/// Returns bytes; writing them to a file is the caller's business.
public enum PNGEncoder {
    /// PNG bytes of the bitmap, optionally enlarged by a whole `scale` for viewing.
    public static func encode(_ bitmap: MonoBitmap, scale: Int = 1) throws(RenderError) -> [UInt8] {
        precondition(scale >= 1 && scale <= 8, "scale out of range")
        let width = max(1, bitmap.widthDots * scale)
        let height = max(1, bitmap.heightDots * scale)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairoFailure(String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let black = bitmap.widthDots > 0 && bitmap.heightDots > 0 && bitmap[x / scale, y / scale]
                row[x] = black ? 0x0000_0000 : 0x00FF_FFFF
            }
        }
        cairo_surface_mark_dirty(surface)

        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let written = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard written == CAIRO_STATUS_SUCCESS else {
            throw .cairoFailure(String(cString: cairo_status_to_string(written)))
        }
        return sink.bytes
    }
}
