#!/usr/bin/env python3
"""Generate the firmware's bitmap font from a BDF font (Terminus 8x16 from xfonts-terminus).

Usage: make_font.py FONT.bdf OUT.swift OUT.txt

Writes a Swift source file with a `TerminusFont` conforming to `BitmapFont`, and a text
table (one glyph per line: code point in hex, then glyph rows in hex) that host tests load
to render exactly what the firmware renders. The glyph set is the one the protocol
specification promises: printable ASCII, Azerbaijani Latin, Russian Cyrillic, a few
punctuation marks and arrows. A hollow box is appended as the fallback glyph.
"""
import sys

WANTED = (
    list(range(0x20, 0x7F))
    + [0x18F, 0x259, 0x11E, 0x11F, 0x130, 0x131, 0xC7, 0xE7, 0xD6, 0xF6, 0xDC, 0xFC, 0x15E, 0x15F]
    + list(range(0x410, 0x450)) + [0x401, 0x451]
    + [0xAB, 0xBB, 0xB0, 0xB7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2116]
    + [0x2190, 0x2191, 0x2192, 0x2193]
)


def parse_bdf(path):
    glyphs = {}
    width = height = None
    with open(path, encoding="latin-1") as handle:
        lines = iter(handle.read().splitlines())
    for line in lines:
        if line.startswith("FONTBOUNDINGBOX"):
            _, w, h, _, _ = line.split()
            width, height = int(w), int(h)
        if not line.startswith("STARTCHAR"):
            continue
        code = None
        bbx = None
        rows = []
        for line in lines:
            if line.startswith("ENCODING"):
                code = int(line.split()[1])
            elif line.startswith("BBX"):
                bbx = [int(v) for v in line.split()[1:]]
            elif line == "BITMAP":
                for line in lines:
                    if line == "ENDCHAR":
                        break
                    rows.append(int(line, 16))
                break
        if code is None or bbx is None:
            continue
        if bbx[0] != width or bbx[1] != height:
            continue  # only full-cell glyphs of the monospaced font
        bytes_per_row = (bbx[0] + 7) // 8
        shift = bytes_per_row * 8 - 8
        glyphs[code] = [(r >> shift) & 0xFF for r in rows]
    return width, height, glyphs


def main():
    source, swift_out, table_out = sys.argv[1:4]
    width, height, glyphs = parse_bdf(source)
    if width is None or width > 8:
        sys.exit(f"{source}: glyph width {width} not supported (1...8)")
    missing = [f"U+{c:04X}" for c in WANTED if c not in glyphs]
    if missing:
        sys.exit(f"{source}: font lacks {', '.join(missing)}")
    codes = sorted(set(WANTED))
    box = [0] * height
    for y in range(2, height - 2):
        box[y] = 0x81 if 2 < y < height - 3 else 0xFF
    box = [(v >> (8 - width)) << (8 - width) if width < 8 else v for v in box]
    rows = []
    for code in codes:
        rows.extend(glyphs[code])
    rows.extend(box)
    with open(table_out, "w") as table:
        table.write(f"# width {width} height {height} glyphs {len(codes)} (+ fallback box)\n")
        for code in codes:
            table.write(f"{code:04X} " + "".join(f"{v:02X}" for v in glyphs[code]) + "\n")
        table.write("FALLBACK " + "".join(f"{v:02X}" for v in box) + "\n")
    with open(swift_out, "w") as out:
        out.write("// Generated at build time by Firmware/Scripts/make_font.py; do not edit or commit.\n")
        out.write(f"// Source: {source.split('/')[-1]} ({len(codes)} glyphs, {width}x{height}).\n\n")
        out.write("/// The firmware font, generated from Terminus at build time.\n")
        out.write("struct TerminusFont: BitmapFont, Sendable {\n")
        out.write(f"    var glyphWidth: Int {{ {width} }}\n")
        out.write(f"    var glyphHeight: Int {{ {height} }}\n")
        out.write(f"    var fallbackGlyph: Int {{ {len(codes)} }}\n")
        out.write("    static let codePoints: [UInt16] = [\n")
        for i in range(0, len(codes), 12):
            out.write("        " + ", ".join(f"0x{c:04X}" for c in codes[i:i + 12]) + ",\n")
        out.write("    ]\n")
        out.write("    static let rows: [UInt8] = [\n")
        for i in range(0, len(rows), height):
            out.write("        " + ", ".join(f"0x{v:02X}" for v in rows[i:i + height]) + ",\n")
        out.write("    ]\n")
        out.write("""
    func glyphIndex(for scalar: UInt32) -> Int? {
        var low = 0
        var high = Self.codePoints.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let value = UInt32(Self.codePoints[middle])
            if value == scalar { return middle }
            if value < scalar { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    func row(_ row: Int, ofGlyph glyph: Int) -> UInt8 {
        let index = glyph * glyphHeight + row
        guard row >= 0, row < glyphHeight, index >= 0, index < Self.rows.count else { return 0 }
        return Self.rows[index]
    }
}
""")


if __name__ == "__main__":
    main()
