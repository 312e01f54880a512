import LobbyWire

// `BoardFont` itself is generated at build time by Plugins/BoardFontGenerator from the installed
// Terminus font with Firmware/Scripts/make_font.py: the same table the firmware draws with.

extension BoardFont {
    /// Whether the font has a glyph of its own for every scalar of `text` (else boards draw the box).
    public func covers(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { glyphIndex(for: $0.value) != nil }
    }
}
