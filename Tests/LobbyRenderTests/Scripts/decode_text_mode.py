"""An ESC/POS text-mode decoder independent of Lobby's: prints, as JSON, the text lines a printer
would print for a byte file, decoding characters with Python's own codecs through the code page
numbers of python-escpos's printer capability database (not Lobby's profile tables).

Usage: decode_text_mode.py FILE CAPABILITY_PROFILE   (e.g. TM-T20II or POS-5890)
Downloaded characters (ESC & while ESC % 1 is on) come out as U+E000 + their code; their glyphs
are listed as column bytes in hex. Stored QR data (GS ( k fn 80) is listed too.
"""
import json
import os
import sys

import escpos

data = open(sys.argv[1], "rb").read()
capabilities = json.load(open(os.path.join(os.path.dirname(escpos.__file__), "capabilities.json")))
pages = capabilities["profiles"][sys.argv[2]]["codePages"]

codec = "cp437"
user_set = False
defined = {}
glyphs = {}
lines, line, qr = [], "", []
i = 0


def need(count):
    if i + count > len(data):
        raise SystemExit(f"truncated command at byte {i}")


while i < len(data):
    b = data[i]
    if b == 0x0A:
        lines.append(line)
        line = ""
        i += 1
    elif b == 0x1B:
        need(2)
        c = data[i + 1]
        if c == 0x40:
            codec, user_set, defined = "cp437", False, {}
            i += 2
        elif c == 0x32:
            i += 2
        elif c in (0x21, 0x33, 0x4A, 0x61, 0x64, 0x45, 0x47, 0x4D, 0x2D, 0x3F):
            need(3)
            i += 3
        elif c == 0x74:
            need(3)
            codec = pages[str(data[i + 2])].lower().replace("_", "-")
            i += 3
        elif c == 0x25:
            need(3)
            user_set = data[i + 2] & 1 == 1
            i += 3
        elif c == 0x26:
            need(5)
            y, c1, c2 = data[i + 2], data[i + 3], data[i + 4]
            i += 5
            for code in range(c1, c2 + 1):
                need(1)
                x = data[i]
                need(1 + x * y)
                defined[code] = True
                glyphs[code] = {"y": y, "x": x, "columns": data[i + 1:i + 1 + x * y].hex()}
                i += 1 + x * y
        else:
            raise SystemExit(f"unknown command ESC {c:#04x} at byte {i}")
    elif b == 0x1D:
        need(2)
        c = data[i + 1]
        if c in (0x21, 0x42, 0x61):
            need(3)
            i += 3
        elif c == 0x56:
            need(3)
            i += 4 if data[i + 2] in (0x41, 0x42) else 3
        elif c == 0x76:
            need(8)
            width, rows = data[i + 4] | data[i + 5] << 8, data[i + 6] | data[i + 7] << 8
            i += 8 + width * rows
        elif c == 0x28:
            need(5)
            length = data[i + 3] | data[i + 4] << 8
            body = data[i + 5:i + 5 + length]
            if body[:3] == b"1P0":
                qr.append(body[3:].decode("utf-8"))
            i += 5 + length
        else:
            raise SystemExit(f"unknown command GS {c:#04x} at byte {i}")
    else:
        if user_set and b in defined:
            line += chr(0xE000 + b)
        else:
            line += bytes([b]).decode(codec, errors="replace")
        i += 1
if line:
    lines.append(line)
print(json.dumps({"lines": lines, "qr": qr, "glyphs": {str(k): v for k, v in glyphs.items()}}, ensure_ascii=False))
