#!/usr/bin/env python3
"""Re-record the protocol test vectors from an independent reference implementation.

This is a second, deliberately simple implementation of Docs/Protocol.md (COBS, CRC-16/
CCITT-FALSE, frame layout, message layouts, and what a device answers). Run it only on
purpose, when the specification changes:  python3 make_vectors.py   (writes cobs.txt, crc.txt,
frames.txt, bad-frames.txt, profiles.txt, exchanges.txt)

Line format of cobs/crc/frames/bad-frames: `name | hex | hex-or-code`; of profiles:
`name | key=value …`; of exchanges: `scenario | profile | request | answer`. `#` starts a
comment.
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
    ("nack-keypadText-line-1", wire(M, KEYPAD, 27, 0x02, bytes([0x42, 4, 1]))),
    ("status-key-index-0", wire(M, KEYPAD, 28, 0x11, bytes([0x00]) + struct.pack("<I", 5) + bytes([1, 1])
        + event(9, 3, 0, 0, 1))),
    ("status-vote-timed-out", wire(M, KEYPAD, 29, 0x11, bytes([0x00]) + struct.pack("<I", 90) + bytes([1, 1])
        + event(10, 4, 0, 0x00ABCDEF, 0))),
    ("set-address-unicast-from-new", wire(M, 0x13, 30, 0x01, bytes([0x22]))),
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
    ("text-centre-and-right", wire(HALL, M, 39, 0x30, bytes([1, 0, 0x18, 1, 0x41])), "invalid-value"),
    ("inject-key-16", wire(KEYPAD, M, 40, 0x7E, bytes([16, 10])), "invalid-value"),
    ("event-key-index-16", wire(M, KEYPAD, 41, 0x11, bytes([0]) + struct.pack("<I", 5) + bytes([1, 1])
        + event(9, 3, 16, 0, 1)), "invalid-value"),
    ("event-timed-out-code-3", wire(M, KEYPAD, 42, 0x11, bytes([0]) + struct.pack("<I", 5) + bytes([1, 1])
        + event(9, 4, 3, 7, 1)), "invalid-value"),
    ("event-operator-key-with-ticket", wire(M, KEYPAD, 43, 0x11, bytes([0]) + struct.pack("<I", 5) + bytes([1, 1])
        + event(9, 2, 1, 7, 1)), "invalid-value"),
    ("read-frame-buffer-length-0", wire(HALL, M, 44, 0x34, struct.pack("<HB", 0, 0)), "invalid-value"),
    ("set-address-to-master", wire(0xFE, M, 45, 0x22, struct.pack("<Q", 0x4C42000100000002) + bytes([0x05])), "invalid-value"),
]

COBS_VECTORS = [
    ("single-zero", bytes([0])), ("two-zeros", bytes([0, 0])), ("zero-inside", bytes([0x11, 0x22, 0, 0x33])),
    ("no-zero", bytes([0x11, 0x22, 0x33, 0x44])), ("trailing-zeros", bytes([0x11, 0, 0, 0])),
    ("254-nonzero", bytes(range(1, 255))), ("empty", b""), ("255-nonzero", bytes(range(1, 256))),
    ("zero-then-254", bytes([0]) + bytes(range(1, 255))),
    ("largest-body-208", bytes((i % 255) + 1 for i in range(208))),
]

CRC_VECTORS = [
    ("check-123456789", b"123456789"), ("empty", b""), ("single-zero", bytes([0])),
    ("all-ff-4", bytes([0xFF] * 4)), ("header-clear", bytes([1, 0x11, 0, 30, 0x31, 0])),
]


# ---- Devices: what a conforming device answers (Protocol.md §5.1, §6, §12) ----

PROFILES = [
    # name, kind, lines, columns, address, serial, firmware, capabilities
    ("window-board", 1, 1, 8, 0x10, 0x4C42564500000010, (1, 0, 0), 0),
    ("hall-board", 2, 8, 16, 0x11, 0x4C42564500000011, (1, 0, 0), 0),
    ("keypad", 3, 1, 8, 0x20, 0x4C42564500000020, (1, 0, 0), 2),
    ("keypad-test", 3, 1, 8, 0x21, 0x4C42564500000021, (1, 0, 0), 3),
    ("unassigned-board", 1, 1, 8, 0xFE, 0x4C425645000000FE, (1, 0, 0), 0),
]
PROFILE = {p[0]: p for p in PROFILES}
WINDOW_BYTES = 128  # 64 x 16 px, 8 bytes a row

# The fallback glyph every board draws for characters outside its repertoire (Protocol.md §11):
# a hollow box, rows 2 and 13 full, rows 3-12 the two edge columns; an independent definition.
BOX = [0, 0, 0xFF] + [0x81] * 10 + [0xFF, 0, 0]


def window_picture(boxes_at):
    """The 64 x 16 frame buffer of a window board showing hollow boxes at pixel columns `boxes_at`."""
    picture = bytearray(WINDOW_BYTES)
    for x0 in boxes_at:
        for row, bits in enumerate(BOX):
            for column in range(8):
                x = x0 + column
                if bits & (0x80 >> column) and 0 <= x < 64:
                    picture[row * 8 + x // 8] |= 0x80 >> (x % 8)
    return bytes(picture)


def text_request(dst, seq, mtype, lines):
    return b"\x00" + wire(dst, M, seq, mtype, text_lines(*lines))


def request(dst, seq, mtype, payload=b"", version=1):
    return b"\x00" + wire(dst, M, seq, mtype, payload, version=version)


def answer(src, seq, mtype, payload=b""):
    return wire(M, src, seq, mtype, payload)


def ack(src, seq, mtype):
    return answer(src, seq, 0x01, bytes([mtype]))


def nack(src, seq, mtype, reason, detail=0):
    return answer(src, seq, 0x02, bytes([mtype, reason, detail]))


def identity(name, src, seq):
    _, kind, lines, columns, _, serial, firmware, capabilities = PROFILE[name]
    glyph = (0, 0) if kind == 3 else (8, 16)
    payload = bytes([kind, 1]) + bytes(firmware) + struct.pack("<Q", serial) + bytes([lines, columns]) + bytes(glyph) + bytes([capabilities])
    return answer(src, seq, 0x21, payload)


def status(src, seq, flags, events=(), pending=None):
    payload = bytes([flags]) + struct.pack("<I", 0) + bytes([len(events) if pending is None else pending, len(events)])
    for e in events:
        payload += e
    return answer(src, seq, 0x11, payload)


def chunk(src, seq, offset, data, width=64, height=16, total=WINDOW_BYTES):
    return answer(src, seq, 0x35, struct.pack("<HHHH", width, height, offset, total) + data)


def corrupt(frame):
    """The same frame with one bit of its CRC flipped (still valid COBS)."""
    data = bytearray(frame)
    data[-2] ^= 0x01 if data[-2] not in (0x00, 0x01) else 0x02
    return bytes(data)


SILENT = None
W, H, K, KT, U = 0x10, 0x11, 0x20, 0x21, 0xFE
SERIAL_W = PROFILE["window-board"][5]
SERIAL_U = PROFILE["unassigned-board"][5]
CTRL1 = "\u0001"  # outside every board's repertoire: drawn as the box

EXCHANGES = [
    # §2.2/§8: a valid frame of another version is answered only when sent to the device's own address.
    ("version-2-to-own-address", "window-board", [
        (request(W, 1, 0x10, version=2), nack(W, 1, 0x10, 5, 1)),
        (request(0xFF, 2, 0x10, version=2), SILENT),
        (request(0x12, 3, 0x10, version=2), SILENT),
        (request(W, 4, 0x20), identity("window-board", W, 4)),
    ]),
    # §2.2: invalid frames are never answered.
    ("invalid-frames-silent", "window-board", [
        (b"\x00" + corrupt(wire(W, M, 5, 0x20, b"")), SILENT),
        (b"\x00\x03\x01\x10\x00", SILENT),
        (request(W, 6, 0x20), identity("window-board", W, 6)),
    ]),
    # §2.3: a partial frame is dropped after a gap of 30 ms or more ...
    ("gap-drops-partial-frame", "window-board", [
        (request(W, 7, 0x20)[:5], SILENT),
        ("wait:40", SILENT),
        (request(W, 7, 0x20)[5:], SILENT),
        (request(W, 8, 0x20), identity("window-board", W, 8)),
    ]),
    # ... and kept across a gap shorter than 20 ms.
    ("gap-keeps-partial-frame", "window-board", [
        (request(W, 9, 0x20)[:5], SILENT),
        ("wait:10", SILENT),
        (request(W, 9, 0x20)[5:], identity("window-board", W, 9)),
    ]),
    # §5/§6.5: a retried setAddress whose answer was lost gets the stored answer, from the new address.
    ("set-address-retry-after-lost-ack", "window-board", [
        (request(W, 10, 0x22, struct.pack("<Q", SERIAL_W) + bytes([0x13])), ack(0x13, 10, 0x22)),
        (request(W, 10, 0x22, struct.pack("<Q", SERIAL_W) + bytes([0x13])), ack(0x13, 10, 0x22)),
        (request(W, 11, 0x20), SILENT),
        (request(0x13, 12, 0x20), identity("window-board", 0x13, 12)),
    ]),
    ("set-address-at-unassigned-retry", "unassigned-board", [
        (request(U, 13, 0x22, struct.pack("<Q", SERIAL_U) + bytes([0x14])), ack(0x14, 13, 0x22)),
        (request(U, 13, 0x22, struct.pack("<Q", SERIAL_U) + bytes([0x14])), ack(0x14, 13, 0x22)),
        (request(0x14, 14, 0x20), identity("unassigned-board", 0x14, 14)),
    ]),
    # §6.5: another serial: no answer, no action, even sent to the device's own address.
    ("set-address-other-serial", "window-board", [
        (request(W, 15, 0x22, struct.pack("<Q", SERIAL_W + 1) + bytes([0x13])), SILENT),
        (request(W, 16, 0x20), identity("window-board", W, 16)),
    ]),
    # §5.1: setAddress and searchSerial that cannot be read are never answered (several unassigned
    # devices would answer at once); nothing changes.
    ("malformed-address-requests-silent", "unassigned-board", [
        (request(U, 17, 0x22, struct.pack("<Q", SERIAL_U)), SILENT),
        (request(U, 18, 0x22, struct.pack("<Q", SERIAL_U) + bytes([0x05])), SILENT),
        (request(U, 19, 0x22, struct.pack("<Q", SERIAL_U) + bytes([0x14, 0x00])), SILENT),
        (request(U, 20, 0x23, bytes([65]) + struct.pack("<Q", 0)), SILENT),
        (request(U, 21, 0x23, bytes([0]) + struct.pack("<Q", 0)), identity("unassigned-board", U, 21)),
    ]),
    # §6.6: only unassigned devices answer a search.
    ("search-only-unassigned", "window-board", [
        (request(W, 22, 0x23, bytes([0]) + struct.pack("<Q", 0)), SILENT),
        (request(U, 23, 0x23, bytes([0]) + struct.pack("<Q", 0)), SILENT),
    ]),
    # §6.8: keypadText follows showText's rules for a display of one line.
    ("keypad-text-line-beyond", "keypad", [
        (text_request(K, 24, 0x42, [(1, 0, "12")]), nack(K, 24, 0x42, 4, 1)),
        (text_request(K, 25, 0x42, [(0, 0, "7"), (3, 0, "12")]), nack(K, 25, 0x42, 4, 3)),
        (request(K, 26, 0x10), status(K, 26, 0x01)),
        (text_request(K, 27, 0x42, [(0, 0, "7"), (0, 0x08, "12")]), ack(K, 27, 0x42)),
        (request(K, 28, 0x10), status(K, 28, 0x00)),
    ]),
    ("keypad-text-no-lines", "keypad", [
        (text_request(K, 29, 0x42, []), ack(K, 29, 0x42)),
        (request(K, 30, 0x10), status(K, 30, 0x00)),
    ]),
    ("show-text-line-beyond", "window-board", [
        (text_request(W, 31, 0x30, [(0, 0, "A1"), (1, 0, "B2")]), nack(W, 31, 0x30, 4, 1)),
        (text_request(W, 32, 0x30, [(0, 0x18, "A1")]), nack(W, 32, 0x30, 2, 0)),
    ]),
    # §6.8: alignment is in pixels: 3 cells on 8 start at x = (64 - 24) / 2 = 20; right at 64 - w;
    # text wider than the line starts at 0 and is cut.
    ("text-alignment-in-pixels", "window-board", [
        (text_request(W, 33, 0x30, [(0, 0x08, CTRL1 * 3)]), ack(W, 33, 0x30)),
        (request(W, 34, 0x34, struct.pack("<HB", 0, 192)), chunk(W, 34, 0, window_picture([20, 28, 36]))),
        (text_request(W, 35, 0x30, [(0, 0x10, CTRL1 * 2)]), ack(W, 35, 0x30)),
        (request(W, 36, 0x34, struct.pack("<HB", 0, 192)), chunk(W, 36, 0, window_picture([48, 56]))),
        (text_request(W, 37, 0x30, [(0, 0x08, CTRL1 * 9)]), ack(W, 37, 0x30)),
        (request(W, 38, 0x34, struct.pack("<HB", 0, 192)), chunk(W, 38, 0, window_picture(range(0, 64, 8)))),
        (request(W, 39, 0x10), status(W, 39, 0x02)),
    ]),
    # §6.9/§12: a test pattern replaces the text and asks for a repaint.
    ("test-pattern-asks-for-repaint", "window-board", [
        (text_request(W, 40, 0x30, [(0, 0, CTRL1)]), ack(W, 40, 0x30)),
        (request(W, 41, 0x10), status(W, 41, 0x02)),
        (request(W, 42, 0x33, bytes([3])), ack(W, 42, 0x33)),
        (request(W, 43, 0x10), status(W, 43, 0x01)),
        (request(W, 44, 0x34, struct.pack("<HB", 120, 8)), chunk(W, 44, 120, bytes([0x00] * 8))),
        (request(W, 45, 0x34, struct.pack("<HB", 112, 8)), chunk(W, 45, 112, bytes([0xFF] * 8))),
        (text_request(W, 46, 0x30, [(0, 0, " ")]), ack(W, 46, 0x30)),
        (request(W, 47, 0x10), status(W, 47, 0x00)),
    ]),
    # §6.10: the last chunk is short; an offset at or past the end is out of range.
    ("read-frame-buffer-end", "window-board", [
        (request(W, 48, 0x31), ack(W, 48, 0x31)),
        (request(W, 49, 0x34, struct.pack("<HB", 127, 192)), chunk(W, 49, 127, bytes([0]))),
        (request(W, 50, 0x34, struct.pack("<HB", 128, 1)), nack(W, 50, 0x34, 4, 0)),
        (request(W, 51, 0x34, struct.pack("<HB", 300, 1)), nack(W, 51, 0x34, 4, 0)),
        (request(W, 52, 0x34, struct.pack("<HB", 0, 0)), nack(W, 52, 0x34, 2, 0)),
    ]),
    # §5.1/§6.13: type before kind before payload; injectKey is unknown outside test images.
    ("order-of-refusals-board", "window-board", [
        (request(W, 53, 0x5A), nack(W, 53, 0x5A, 1)),
        (request(W, 54, 0x7E, bytes([4, 10])), nack(W, 54, 0x7E, 1)),
        (request(W, 55, 0x40, struct.pack("<IH", 7, 0)), nack(W, 55, 0x40, 3)),
        (request(W, 56, 0x01, b""), nack(W, 56, 0x01, 3)),
        (request(W, 57, 0x33, bytes([9])), nack(W, 57, 0x33, 2)),
        (request(W, 58, 0x20, bytes([0])), nack(W, 58, 0x20, 2)),
    ]),
    ("order-of-refusals-keypad", "keypad", [
        (request(K, 59, 0x7E, bytes([4])), nack(K, 59, 0x7E, 1)),
        (text_request(K, 60, 0x30, [(0, 0x80, "A")]), nack(K, 60, 0x30, 3)),
        (request(K, 61, 0x40, struct.pack("<IH", 7, 0)), nack(K, 61, 0x40, 2)),
    ]),
    # §6.3/§6.13: key index 0 is a key (vote key 1 with no session); a vote closes the session.
    ("injected-keys", "keypad-test", [
        (request(KT, 62, 0x7E, bytes([16, 5])), nack(KT, 62, 0x7E, 2)),
        (request(KT, 63, 0x7E, bytes([0, 5])), ack(KT, 63, 0x7E)),
        ("wait:150", SILENT),
        (request(KT, 64, 0x40, struct.pack("<IH", 0x00ABCDEF, 60)), ack(KT, 64, 0x40)),
        (request(KT, 65, 0x7E, bytes([4, 5])), ack(KT, 65, 0x7E)),
        ("wait:150", SILENT),
        (request(KT, 66, 0x10), status(KT, 66, 0x01, [event(1, 3, 0, 0, 0), event(2, 1, 5, 0x00ABCDEF, 0)])),
        (request(KT, 67, 0x10, struct.pack("<H", 2)), status(KT, 67, 0x01)),
    ]),
    # §5: a retry gets the stored answer byte for byte; the same sequence with other content is new.
    ("retry-and-new-request", "hall-board", [
        (request(H, 68, 0x32, bytes([10])), ack(H, 68, 0x32)),
        (request(H, 68, 0x32, bytes([10])), ack(H, 68, 0x32)),
        (request(H, 68, 0x33, bytes([0])), ack(H, 68, 0x33)),
        (request(H, 69, 0x34, struct.pack("<HB", 2040, 192)), chunk(H, 69, 2040, bytes([0xFF] * 8), 128, 128, 2048)),
        (request(0xFF, 70, 0x31), SILENT),
        (request(H, 71, 0x34, struct.pack("<HB", 2040, 192)), chunk(H, 71, 2040, bytes(8), 128, 128, 2048)),
    ]),
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
    write("profiles.txt", "# Devices of exchanges.txt: name | fields (serial in hex, address in hex)\n",
          [(n, f"kind={k} lines={l} columns={c} address={a:02X} serial={s:016X} firmware={f[0]}.{f[1]}.{f[2]} capabilities={cap}")
           for n, k, l, c, a, s, f, cap in PROFILES])
    rows = []
    for scenario, profile, steps in EXCHANGES:
        for sent, expected in steps:
            sent_text = sent if isinstance(sent, str) else sent.hex().upper()
            rows.append((scenario, profile, sent_text, "-" if expected is None else expected.hex().upper()))
    write("exchanges.txt", "# Device answers: scenario | profile | request (wire bytes, or wait:MS) | answer bytes or - (silence)\n"
          "# Consecutive lines of one scenario run on one device, powered on at time 0 (Vectors/README.md).\n", rows)


if __name__ == "__main__":
    main()
