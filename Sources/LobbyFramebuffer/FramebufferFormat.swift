/// Pixel formats of Linux scan-out buffers the kiosk can write (DRM fourcc / fbdev bitfields).
public enum FramebufferFormat: Hashable, Sendable {
    /// 32 bits, little-endian X:R:G:B (DRM_FORMAT_XRGB8888, fbdev 32 bpp red offset 16).
    case xrgb8888
    /// 32 bits, little-endian X:B:G:R (DRM_FORMAT_XBGR8888, fbdev 32 bpp red offset 0).
    case xbgr8888
    /// 16 bits R5:G6:B5 (DRM_FORMAT_RGB565, fbdev 16 bpp).
    case rgb565

    /// Bytes per pixel.
    public var bytesPerPixel: Int { self == .rgb565 ? 2 : 4 }

    /// The format an fbdev `fb_var_screeninfo` describes, or nil when unsupported.
    public static func fbdev(bitsPerPixel: Int, redOffset: Int, greenOffset: Int, blueOffset: Int) -> FramebufferFormat? {
        switch (bitsPerPixel, redOffset, greenOffset, blueOffset) {
        case (32, 16, 8, 0): .xrgb8888
        case (32, 0, 8, 16): .xbgr8888
        case (16, 11, 5, 0): .rgb565
        default: nil
        }
    }
}
