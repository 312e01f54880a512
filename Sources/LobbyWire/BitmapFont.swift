/// A monospaced bitmap font of at most 8 pixels wide glyphs.
///
/// Firmware uses a font generated at build time; host code may load one at run time.
public protocol BitmapFont {
    /// Glyph cell width in pixels (1...8).
    var glyphWidth: Int { get }
    /// Glyph cell height in pixels.
    var glyphHeight: Int { get }
    /// The glyph index for a Unicode scalar value, or nil if the font lacks it.
    func glyphIndex(for scalar: UInt32) -> Int?
    /// The glyph drawn for a scalar the font lacks.
    var fallbackGlyph: Int { get }
    /// One row of a glyph: bit 7 is the leftmost pixel.
    func row(_ row: Int, ofGlyph glyph: Int) -> UInt8
}

/// Decodes UTF-8 into Unicode scalar values without allocating.
public enum UTF8Scalars {
    /// The scalar reported for malformed input.
    public static let replacement: UInt32 = 0xFFFD

    /// Calls `body` with every scalar of `bytes`; malformed sequences yield U+FFFD.
    public static func forEach<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ body: (UInt32) -> Void)
    where Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            var length = 0
            var scalar: UInt32 = 0
            if lead < 0x80 {
                length = 1
                scalar = UInt32(lead)
            } else if lead & 0xE0 == 0xC0 && lead >= 0xC2 {
                length = 2
                scalar = UInt32(lead & 0x1F)
            } else if lead & 0xF0 == 0xE0 {
                length = 3
                scalar = UInt32(lead & 0x0F)
            } else if lead & 0xF8 == 0xF0 && lead <= 0xF4 {
                length = 4
                scalar = UInt32(lead & 0x07)
            }
            guard length > 0, index + length <= end else {
                body(replacement)
                index += 1
                continue
            }
            var valid = true
            var next = 1
            while next < length {
                let continuation = bytes[index + next]
                if continuation & 0xC0 != 0x80 {
                    valid = false
                    break
                }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
                next += 1
            }
            let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : (length == 4 ? 0x10000 : 0))
            if !valid || scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) {
                body(replacement)
                index += valid ? length : next
                continue
            }
            body(scalar)
            index += length
        }
    }

    /// The number of scalars in `bytes`.
    public static func count<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int where Bytes.Index == Int {
        var total = 0
        forEach(bytes) { _ in total += 1 }
        return total
    }
}
