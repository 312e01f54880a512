import LobbyEscPos

/// Encodes a `MonoBitmap` as a 1-bit greyscale PNG, for `--png` previews and docs; the picture
/// holds exactly the printed dots (black or white, nothing in between).
public enum PNGEncoder {
    /// PNG bytes of the bitmap, optionally enlarged by a whole `scale` for viewing.
    public static func encode(_ bitmap: MonoBitmap, scale: Int = 1) throws(RenderError) -> [UInt8] {
        bitmap.pngData(scale: scale)
    }
}
