import LobbyWire

/// A synthetic 8×16 font for simulated boards: printable ASCII and "→"; every glyph differs,
/// space is blank. (Real boards use the Terminus font generated for the firmware.)
public struct SimulatedFont: BitmapFont, Sendable {
    private static let covered: [UInt32] = Array(0x20...0x7E) + [0x2192]
    /// Creates the font.
    public init() {}
    /// 8 pixels.
    public var glyphWidth: Int { 8 }
    /// 16 pixels.
    public var glyphHeight: Int { 16 }
    /// The hollow box.
    public var fallbackGlyph: Int { Self.covered.count }

    /// The glyph of a scalar, if covered.
    public func glyphIndex(for scalar: UInt32) -> Int? {
        if scalar >= 0x20 && scalar <= 0x7E { return Int(scalar - 0x20) }
        return scalar == 0x2192 ? Self.covered.count - 1 : nil
    }

    /// One row of a glyph.
    public func row(_ row: Int, ofGlyph glyph: Int) -> UInt8 {
        if glyph == fallbackGlyph { return row == 0 || row == 15 ? 0xFF : 0x81 }
        let scalar = Self.covered[glyph]
        if scalar == 0x20 || row < 2 || row > 13 { return 0 }
        return UInt8(truncatingIfNeeded: scalar &* 29 &+ UInt32(row) &* 71) | 0x10
    }
}
