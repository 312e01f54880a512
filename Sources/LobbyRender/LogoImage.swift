internal import CRender
import LobbyEscPos

/// Reads a centre's logo for its tickets: a PBM (P4) file as it is, or a PNG made 1-bit (a dot is
/// black where the picture is darker than mid-grey and not transparent). The logo prints at its
/// own size, one pixel per dot: prepare it at the printer's resolution (8 dots per mm at 203 dpi).
public enum LogoImage {
    /// Tallest logo accepted, in dots (about 25 mm): the logo should not eat the paper.
    public static let maximumHeightDots = 200

    /// The logo in `bytes`; the error says why they are not a usable picture.
    public static func load(_ bytes: [UInt8]) throws(RenderError) -> MonoBitmap {
        let bitmap: MonoBitmap
        if bytes.starts(with: Array("P4".utf8)) {
            do {
                bitmap = try MonoBitmap(portableBitmapData: bytes)
            } catch {
                throw .unreadableImage("PBM: \(error)")
            }
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            bitmap = try decodePNG(bytes)
        } else {
            throw .unreadableImage("the file starts neither with a PNG signature nor with P4")
        }
        guard bitmap.widthDots > 0, bitmap.heightDots > 0 else { throw .unreadableImage("the picture is empty") }
        guard bitmap.heightDots <= maximumHeightDots else {
            throw .unreadableImage("the logo is \(bitmap.heightDots) dots tall, at most \(maximumHeightDots) are allowed")
        }
        return bitmap
    }

    private static func decodePNG(_ bytes: [UInt8]) throws(RenderError) -> MonoBitmap {
        final class Source { var bytes: [UInt8] = []; var offset = 0 }
        let source = Source()
        source.bytes = bytes
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
                let count = Int(length)
                guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
                for index in 0..<count { data[index] = source.bytes[source.offset + index] }
                source.offset += count
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(source).toOpaque())
        }!
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .unreadableImage(String(cString: cairo_status_to_string(status))) }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        let data = cairo_image_surface_get_data(surface)!
        var bitmap = MonoBitmap(widthDots: width, heightDots: height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<width {
                let black: Bool
                if format == CAIRO_FORMAT_A8 || format == CAIRO_FORMAT_A1 {
                    black = format == CAIRO_FORMAT_A8 ? row.load(fromByteOffset: x, as: UInt8.self) >= 128
                        : (row.load(fromByteOffset: x / 8, as: UInt8.self) >> UInt8(x % 8)) & 1 == 1
                } else {
                    // ARGB32 / RGB24, premultiplied: dark and opaque prints.
                    let pixel = row.load(fromByteOffset: x * 4, as: UInt32.self)
                    let alpha = format == CAIRO_FORMAT_RGB24 ? 255 : Int(pixel >> 24)
                    let (r, g, b) = (Int(pixel >> 16 & 0xFF), Int(pixel >> 8 & 0xFF), Int(pixel & 0xFF))
                    // Over white: luminance of the premultiplied colour plus the white showing through.
                    let luminance = (r * 299 + g * 587 + b * 114) / 1000 + (255 - alpha)
                    black = alpha >= 128 && luminance < 128
                }
                if black { bitmap[x, y] = true }
            }
        }
        return bitmap
    }
}
