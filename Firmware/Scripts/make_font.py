#!/usr/bin/env python3
"""Generate the board font (one glyph table for the firmware and the host) from Terminus.

Usage: make_font.py --font FONT.pcf[.gz] --swift OUT.swift [--import MODULE]

Reads the PCF font of Debian's xfonts-terminus (Terminus Bold 8x16, SIL OFL 1.1) directly,
keeps the repertoire Docs/Protocol.md §11 promises (printable ASCII, Azerbaijani Latin,
Russian Cyrillic, a few punctuation marks and arrows), appends a hollow box as the fallback
glyph and writes a Swift file with `public struct BoardFont: BitmapFont`.

The same script writes the table for both users: `Firmware/Makefile` compiles it into the
board images, and the package's build plugin (Plugins/BoardFontGenerator) compiles it into
the host module LobbyBoardFont that simulated boards and the bus tools use. Nothing derived
from the font is committed; it is generated from the installed font at build time.
"""
import argparse
import gzip
import struct
import sys

WANTED = (
    list(range(0x20, 0x7F))
    + [0x18F, 0x259, 0x11E, 0x11F, 0x130, 0x131, 0xC7, 0xE7, 0xD6, 0xF6, 0xDC, 0xFC, 0x15E, 0x15F]
    + list(range(0x410, 0x450)) + [0x401, 0x451]
    + [0xAB, 0xBB, 0xB0, 0xB7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2116]
    + [0x2190, 0x2191, 0x2192, 0x2193]
)

PCF_METRICS = 1 << 2
PCF_BITMAPS = 1 << 3
PCF_BDF_ENCODINGS = 1 << 5
PCF_COMPRESSED_METRICS = 0x100
PCF_BYTE_MASK = 1 << 2  # set: most significant byte first
PCF_BIT_MASK = 1 << 3  # set: most significant bit first (leftmost pixel)


class Table:
    """One PCF table: its format word and a reader honouring the format's byte order."""

    def __init__(self, data, offset):
        self.data = data
        self.format = struct.unpack_from("<I", data, offset)[0]
        self.order = ">" if self.format & PCF_BYTE_MASK else "<"
        self.position = offset + 4

    def read(self, code):
        value = struct.unpack_from(self.order + code, self.data, self.position)
        self.position += struct.calcsize(code)
        return value[0]


def parse_pcf(path):
    """Returns (cell width, cell height, {code point: [row bytes]}) of the font's full-cell glyphs."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[:4] != b"\x01fcp":
        sys.exit(f"{path}: not a PCF font")
    count = struct.unpack_from("<I", data, 4)[0]
    tables = {}
    for index in range(count):
        kind, _, _, offset = struct.unpack_from("<IIII", data, 8 + 16 * index)
        tables[kind] = offset
    for needed, name in ((PCF_METRICS, "metrics"), (PCF_BITMAPS, "bitmaps"), (PCF_BDF_ENCODINGS, "encodings")):
        if needed not in tables:
            sys.exit(f"{path}: PCF font without a {name} table")

    table = Table(data, tables[PCF_METRICS])
    metrics = []
    if table.format & PCF_COMPRESSED_METRICS:
        for _ in range(table.read("h")):
            left, right, width, ascent, descent = (table.read("B") - 0x80 for _ in range(5))
            metrics.append((left, right, ascent, descent))
    else:
        for _ in range(table.read("i")):
            left, right, width, ascent, descent, _ = (table.read("h") for _ in range(6))
            metrics.append((left, right, ascent, descent))

    table = Table(data, tables[PCF_BITMAPS])
    glyph_count = table.read("i")
    offsets = [table.read("i") for _ in range(glyph_count)]
    table.position += 16  # the bitmap data sizes for the four paddings
    bitmap_start = table.position
    pad = 1 << (table.format & 3)
    unit = 1 << ((table.format >> 4) & 3)
    msb_bytes = bool(table.format & PCF_BYTE_MASK)
    msb_bits = bool(table.format & PCF_BIT_MASK)

    def glyph_rows(index):
        left, right, ascent, descent = metrics[index]
        stride = ((right - left + 7) // 8 + pad - 1) // pad * pad
        start = bitmap_start + offsets[index]
        rows = []
        for row in range(ascent + descent):
            line = bytearray(data[start + row * stride:start + (row + 1) * stride])
            if unit > 1 and not msb_bytes:
                for base in range(0, stride, unit):
                    line[base:base + unit] = line[base:base + unit][::-1]
            if not msb_bits:
                line = bytearray(int(f"{byte:08b}"[::-1], 2) for byte in line)
            rows.append(line[0])
        return rows

    table = Table(data, tables[PCF_BDF_ENCODINGS])
    first_column, last_column, first_row, last_row = (table.read("h") for _ in range(4))
    table.read("h")  # default character
    width = max(right - left for left, right, _, _ in metrics)
    height = max(ascent + descent for _, _, ascent, descent in metrics)
    glyphs = {}
    for row in range(first_row, last_row + 1):
        for column in range(first_column, last_column + 1):
            index = table.read("H")
            if index == 0xFFFF or index >= glyph_count:
                continue
            left, right, ascent, descent = metrics[index]
            if left != 0 or right - left != width or ascent + descent != height:
                continue  # only full-cell glyphs of the monospaced font
            glyphs[(row << 8) | column] = glyph_rows(index)
    return width, height, glyphs


SWIFT_BODY = """
    /// The glyph of a code point, or nil when the repertoire lacks it.
    public func glyphIndex(for scalar: UInt32) -> Int? {
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

    /// One row of a glyph: bit 7 is the leftmost pixel.
    public func row(_ row: Int, ofGlyph glyph: Int) -> UInt8 {
        let index = glyph * glyphHeight + row
        guard row >= 0, row < glyphHeight, index >= 0, index < Self.rows.count else { return 0 }
        return Self.rows[index]
    }
}
"""


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--font", required=True, help="Terminus PCF font (.pcf or .pcf.gz)")
    arguments.add_argument("--swift", required=True, help="Swift file to write")
    arguments.add_argument("--import", dest="module", help="module that defines BitmapFont (host builds: LobbyWire)")
    options = arguments.parse_args()
    try:
        width, height, glyphs = parse_pcf(options.font)
    except FileNotFoundError:
        sys.exit(f"{options.font}: missing; install the Debian package xfonts-terminus (scripts/setup.sh does)")
    if width > 8:
        sys.exit(f"{options.font}: glyph width {width} not supported (1...8)")
    missing = [f"U+{code:04X}" for code in WANTED if code not in glyphs]
    if missing:
        sys.exit(f"{options.font}: font lacks {', '.join(missing)}")
    codes = sorted(set(WANTED))
    box = [0] * height
    for y in range(2, height - 2):
        box[y] = 0x81 if 2 < y < height - 3 else 0xFF
    box = [(value >> (8 - width)) << (8 - width) if width < 8 else value for value in box]
    rows = []
    for code in codes:
        rows.extend(glyphs[code])
    rows.extend(box)
    with open(options.swift, "w") as out:
        out.write("// Generated at build time by Firmware/Scripts/make_font.py; do not edit or commit.\n")
        out.write(f"// Source: {options.font.split('/')[-1]} ({len(codes)} glyphs, {width}x{height}), SIL OFL 1.1.\n\n")
        if options.module:
            out.write(f"import {options.module}\n\n")
        out.write("/// The boards' font: Protocol.md §11's repertoire from Terminus Bold 8×16 and a hollow box\n")
        out.write("/// as the fallback glyph. The firmware and the host compile this same generated table.\n")
        out.write("public struct BoardFont: BitmapFont, Sendable {\n")
        out.write("    /// Creates the font (the table is static).\n")
        out.write("    public init() {}\n")
        out.write("    /// Glyph cell width in pixels.\n")
        out.write(f"    public var glyphWidth: Int {{ {width} }}\n")
        out.write("    /// Glyph cell height in pixels.\n")
        out.write(f"    public var glyphHeight: Int {{ {height} }}\n")
        out.write("    /// The hollow box drawn for characters outside the repertoire.\n")
        out.write(f"    public var fallbackGlyph: Int {{ {len(codes)} }}\n")
        out.write("    /// The code points of the glyphs, ascending (glyph i draws codePoints[i]).\n")
        out.write("    public static let codePoints: [UInt16] = [\n")
        for start in range(0, len(codes), 12):
            out.write("        " + ", ".join(f"0x{code:04X}" for code in codes[start:start + 12]) + ",\n")
        out.write("    ]\n")
        out.write("    static let rows: [UInt8] = [\n")
        for start in range(0, len(rows), height):
            out.write("        " + ", ".join(f"0x{value:02X}" for value in rows[start:start + height]) + ",\n")
        out.write("    ]\n")
        out.write(SWIFT_BODY)


if __name__ == "__main__":
    main()
