/// An `ESC &` definition of user-defined characters: `1B 26 y c1 c2`, then for each code from
/// `c1` to `c2` its width `x` and `y × x` bytes of columns (top byte first, MSB at the top).
///
/// The printer prints the glyph instead of its resident character for these codes while the
/// user-defined set is selected (`ESC % 1`). `ESC @` forgets them, so a ticket sends its own.
public struct UserDefinedCharacters: Equatable, Sendable {
    /// Bytes per column (`y`): 3 for the 24-dot Font A.
    public var verticalBytes: Int
    /// The first code defined (`c1`, 0x20-0x7E).
    public var firstCode: UInt8
    /// The glyphs of `c1`, `c1 + 1`, …; each is `verticalBytes × 8` rows tall.
    public var glyphs: [MonoBitmap]

    /// Creates a definition; the codes must stay within 0x20-0x7E.
    public init(verticalBytes: Int, firstCode: UInt8, glyphs: [MonoBitmap]) {
        precondition(!glyphs.isEmpty && firstCode >= 0x20 && Int(firstCode) + glyphs.count - 1 <= 0x7E, "codes outside 0x20-0x7E")
        precondition(glyphs.allSatisfy { $0.heightDots == verticalBytes * 8 && $0.widthDots <= 255 }, "glyph size does not match")
        self.verticalBytes = verticalBytes
        self.firstCode = firstCode
        self.glyphs = glyphs
    }

    /// The last code defined (`c2`).
    public var lastCode: UInt8 { firstCode + UInt8(glyphs.count - 1) }

    /// The glyph of a code, if this definition has it.
    public func glyph(for code: UInt8) -> MonoBitmap? {
        guard code >= firstCode, code <= lastCode else { return nil }
        return glyphs[Int(code - firstCode)]
    }

    /// Appends the command bytes.
    public func encode(into output: inout [UInt8]) {
        output += [0x1B, 0x26, UInt8(verticalBytes), firstCode, lastCode]
        for glyph in glyphs {
            output.append(UInt8(glyph.widthDots))
            for x in 0..<glyph.widthDots {
                for byteIndex in 0..<verticalBytes {
                    var value: UInt8 = 0
                    for bit in 0..<8 where glyph[x, byteIndex * 8 + bit] { value |= 0x80 >> UInt8(bit) }
                    output.append(value)
                }
            }
        }
    }

    /// The glyph of `x` columns from column bytes (the inverse of `encode` for one character).
    public static func glyph(verticalBytes: Int, columns: Int, bytes: ArraySlice<UInt8>) -> MonoBitmap {
        var glyph = MonoBitmap(widthDots: columns, heightDots: verticalBytes * 8)
        var index = bytes.startIndex
        for x in 0..<columns {
            for byteIndex in 0..<verticalBytes {
                let value = bytes[index]
                index += 1
                for bit in 0..<8 where value & (0x80 >> UInt8(bit)) != 0 { glyph[x, byteIndex * 8 + bit] = true }
            }
        }
        return glyph
    }
}
