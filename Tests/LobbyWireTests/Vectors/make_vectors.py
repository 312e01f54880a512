#!/usr/bin/env python3
"""Re-record the protocol test vectors from an independent reference implementation.

This is a second, deliberately simple implementation of Docs/Protocol.md (COBS, CRC-16/
CCITT-FALSE, frame layout, message layouts). Run it only on purpose, when the specification
changes:  python3 make_vectors.py   (writes cobs.txt, crc.txt, frames.txt, bad-frames.txt)

Line format of every file: `name | hex | hex-or-code`, `#` starts a comment.
"""
import os
import struct


def crc16(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def cobs(data):
    out, block = bytearray(), bytearray()
    for byte in data:
        if byte == 0:
            out.append(len(block) + 1)
            out += block
            block = bytearray()
        else:
            block.append(byte)
            if len(block) == 254:
                out.append(255)
                out += block
                block = bytearray()
    out.append(len(block) + 1)
    out += block
    return bytes(out)


def body(dst, src, seq, mtype, payload, version=1, length=None):
    head = bytes([version, dst, src, seq, mtype, len(payload) if length is None else length]) + payload
    return head + struct.pack("<H", crc16(head))


def wire(*args, **kwargs):
    return cobs(body(*args, **kwargs)) + b"\x00"


def text_lines(*lines):
    out = bytes([len(lines)])
    for line, attributes, text in lines:
        utf8 = text.encode("utf-8")
        out += bytes([line, attributes, len(utf8)]) + utf8
    return out


def event(eid, kind, code, ticket, age):
    return struct.pack("<HBBII", eid, kind, code, ticket, age)


M, WINDOW, HALL, KEYPAD = 0x00, 0x10, 0x11, 0x20
FRAMES = [
    ("ack-showText", wire(M, HALL, 5, 0x01, bytes([0x30]))),
    ("nack-voteStart-unsupported", wire(M, HALL, 6, 0x02, bytes([0x40, 3, 0]))),
    ("poll", wire(KEYPAD, M, 1, 0x10, b"")),
    ("poll-ack-7", wire(KEYPAD, M, 2, 0x10, struct.pack("<H", 7))),
    ("status-board-fresh", wire(M, WINDOW, 3, 0x11, bytes([0x01]) + struct.pack("<I", 3600) + bytes([0, 0]))),
    ("status-keypad-two-events", wire(M, KEYPAD, 4, 0x11, bytes([0x04]) + struct.pack("<I", 86400) + bytes([3, 2])
        + event(7, 1, 5, 0x01020304, 12) + event(8, 2, 1, 0, 3))),
    ("identify-request", wire(HALL, M, 9, 0x20, b"")),
    ("identify-reply-hall", wire(M, HALL, 9, 0x21, bytes([2, 1, 1, 0, 0]) + struct.pack("<Q", 0x4C42000100000002)
        + bytes([8, 16, 8, 16, 0]))),
    ("identify-reply-keypad", wire(M, KEYPAD, 10, 0x21, bytes([3, 1, 1, 2, 3]) + struct.pack("<Q", 0x4C42000100000003)
        + bytes([1, 8, 0, 0, 2]))),
    ("set-address-broadcast", wire(0xFF, M, 11, 0x22, struct.pack("<Q", 0x4C42000100000002) + bytes([0x12]))),
    ("search-serial-4-bits", wire(0xFE, M, 12, 0x23, bytes([4]) + struct.pack("<Q", 0x4000000000000000))),
    ("blink-identify-5s", wire(WINDOW, M, 13, 0x24, bytes([5]))),
    ("reboot", wire(WINDOW, M, 14, 0x25, b"")),
    ("show-text-two-lines", wire(HALL, M, 15, 0x30, text_lines(
        (0, 0x01, "A123 \u2192 5"), (1, 0x06, "N\u00f6vb\u0259 \u018f\u015f \u041e\u043a\u043d\u043e 3")))),
    ("clear", wire(HALL, M, 16, 0x31, b"")),
    ("brightness-128", wire(HALL, M, 17, 0x32, bytes([128]))),
    ("test-pattern-checkerboard", wire(HALL, M, 18, 0x33, bytes([2]))),
    ("read-frame-buffer-192-at-192", wire(HALL, M, 19, 0x34, struct.pack("<HB", 192, 192))),
    ("frame-buffer-chunk", wire(M, WINDOW, 20, 0x35, struct.pack("<HHHH", 64, 16, 0, 128) + bytes([0x00, 0x18, 0x3C, 0xFF]))),
    ("frame-buffer-chunk-192", wire(M, HALL, 21, 0x35, struct.pack("<HHHH", 128, 128, 192, 2048)
        + bytes((i * 37) % 256 for i in range(192)))),
    ("vote-start", wire(KEYPAD, M, 22, 0x40, struct.pack("<IH", 0x00ABCDEF, 30))),
    ("vote-stop", wire(KEYPAD, M, 23, 0x41, b"")),
    ("keypad-text", wire(KEYPAD, M, 24, 0x42, text_lines((0, 0x08, "A123")))),
    ("indicators-green-blink-beep", wire(KEYPAD, M, 25, 0x43, bytes([0x02, 50, 2, 10]))),
    ("inject-key-vote-5", wire(KEYPAD, M, 26, 0x7E, bytes([4, 10]))),
]

good = body(HALL, M, 30, 0x31, b"")
BAD = [
    ("crc-flipped", cobs(good[:-1] + bytes([good[-1] ^ 0x01])) + b"\x00", "crc-mismatch"),
    ("payload-bit-flip", cobs(body(HALL, M, 31, 0x32, bytes([128]))[:6] + bytes([129])
        + body(HALL, M, 31, 0x32, bytes([128]))[7:]) + b"\x00", "crc-mismatch"),
    ("cut-inside-block", cobs(good)[:4] + b"\x00", "truncated"),
    ("too-short", cobs(bytes([1, 2, 3])) + b"\x00", "too-short"),
    ("length-too-large", wire(HALL, M, 32, 0x32, bytes([128]), length=5), "length-mismatch"),
    ("oversized-noise", bytes([0x55]) * 300 + b"\x00", "oversized"),
    ("version-2", wire(HALL, M, 33, 0x10, b"", version=2), "unsupported-version"),
    ("unknown-type-5a", wire(HALL, M, 34, 0x5A, b""), "unknown-type"),
    ("test-pattern-9", wire(HALL, M, 35, 0x33, bytes([9])), "invalid-value"),
    ("poll-one-byte", wire(KEYPAD, M, 36, 0x10, bytes([7])), "truncated-field"),
    ("identify-trailing-byte", wire(HALL, M, 37, 0x20, bytes([0])), "trailing-bytes"),
    ("text-unknown-attribute", wire(HALL, M, 38, 0x30, bytes([1, 0, 0x80, 1, 0x41])), "invalid-value"),
]

COBS_VECTORS = [
    ("single-zero", bytes([0])), ("two-zeros", bytes([0, 0])), ("zero-inside", bytes([0x11, 0x22, 0, 0x33])),
    ("no-zero", bytes([0x11, 0x22, 0x33, 0x44])), ("trailing-zeros", bytes([0x11, 0, 0, 0])),
    ("254-nonzero", bytes(range(1, 255))), ("empty", b""), ("255-nonzero", bytes(range(1, 256))),
    ("zero-then-254", bytes([0]) + bytes(range(1, 255))),
]

CRC_VECTORS = [
    ("check-123456789", b"123456789"), ("empty", b""), ("single-zero", bytes([0])),
    ("all-ff-4", bytes([0xFF] * 4)), ("header-clear", bytes([1, 0x11, 0, 30, 0x31, 0])),
]


def cobs_type(encoded):
    """The type byte of an encoded frame (decoded by hand, independent of the writer)."""
    out, data, i = bytearray(), encoded[:-1], 0
    while i < len(data):
        code = data[i]
        out += data[i + 1:i + code]
        i += code
        if code < 255 and i < len(data):
            out.append(0)
    return out[4]


def write(name, header, rows):
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), "w") as out:
        out.write(header)
        for row in rows:
            out.write(" | ".join(row) + "\n")


def main():
    write("cobs.txt", "# COBS: name | input | encoded (no delimiter)\n",
          [(n, d.hex().upper() or "-", cobs(d).hex().upper()) for n, d in COBS_VECTORS])
    write("crc.txt", "# CRC-16/CCITT-FALSE: name | input | crc (4 hex digits)\n",
          [(n, d.hex().upper() or "-", f"{crc16(d):04X}") for n, d in CRC_VECTORS])
    write("frames.txt", "# Good frames: name | wire bytes (COBS + 00) | message type\n",
          [(n, w.hex().upper(), f"type-{cobs_type(w):02X}") for n, w in FRAMES])
    write("bad-frames.txt", "# Rejected input: name | wire bytes | rejection code\n",
          [(n, w.hex().upper(), code) for n, w, code in BAD])


if __name__ == "__main__":
    main()
