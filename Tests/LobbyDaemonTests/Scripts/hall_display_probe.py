#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol (a pipe, standard library only) to watch
lobbyd's hall display page.

Usage: hall_display_probe.py URL SECONDS SCREENSHOT.png

Prints "READY" once the page is connected to the event stream, then samples the page every
50 ms for SECONDS and prints one JSON object: the sequence of highlighted tickets with the time
(the page's clock) each became highlighted, connection changes, the recent-calls list, the highlight colour, and
writes a screenshot.
"""
import base64, json, os, struct, sys, time, zlib
from devtools_pipe import Chromium


def count_colour(png, rgb):
    """Counts the pixels of an 8-bit RGB/RGBA PNG equal to `rgb` (a small decoder, stdlib only)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG format"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    count, i = 0, 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if ftype == 1: line[x] = (line[x] + a) & 255
            elif ftype == 2: line[x] = (line[x] + b) & 255
            elif ftype == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            if line[x] == rgb[0] and line[x + 1] == rgb[1] and line[x + 2] == rgb[2]:
                count += 1
        previous = line
    return count, width, height

url, seconds, shot = sys.argv[1], float(sys.argv[2]), sys.argv[3]
browser = Chromium(os.path.dirname(os.path.abspath(shot)) + "/chrome-profile", 1280, 720)
send = browser.send

def evaluate(expr):
    r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session)
    return r.get("result", {}).get("value")

try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", None, session)
    send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False}, session)
    send("Page.navigate", {"url": url}, session)
    deadline = time.time() + 20
    while evaluate("document.body && document.body.dataset.connected") != "yes":
        if time.time() > deadline: raise SystemExit("the page never connected")
        time.sleep(0.05)
    print("READY", flush=True)
    start = time.time()
    highlights, connection = [], []
    last_h, last_c = evaluate("document.body.dataset.highlightSeq || ''"), "yes"
    colour = None
    while time.time() - start < seconds:
        h = evaluate("document.body.dataset.highlightSeq || ''")
        c = evaluate("document.body.dataset.connected || ''")
        if h != last_h:
            # The page's own clock of when it highlighted the call: sampling lag on a busy machine
            # must not make a highlight look shorter than it was.
            at = float(evaluate("document.body.dataset.highlightAt || '0'")) / 1000
            highlights.append({"ticket": evaluate("document.body.dataset.highlighted"), "t": round(at, 3)})
            last_h = h
            colour = evaluate("getComputedStyle(document.querySelector('.slot')).backgroundColor")
        if c != last_c:
            connection.append({"connected": c, "t": round(time.time() - start, 3)})
            last_c = c
        time.sleep(0.05)
    recent = evaluate("[...document.querySelectorAll('#recent tr')].map(r => [...r.cells].map(c => c.textContent))")
    # A last call, so the screenshot shows a highlighted call (taken within its highlight time).
    deadline = time.time() + 10
    while evaluate("document.querySelector('.slot').classList.contains('fresh')") is not True and time.time() < deadline:
        time.sleep(0.05)
    png = base64.b64decode(send("Page.captureScreenshot", {"format": "png"}, session)["data"])
    with open(shot, "wb") as f: f.write(png)
    yellow, width, height = count_colour(png, (255, 210, 77))
    print(json.dumps({"highlights": highlights, "connection": connection, "recent": recent, "highlightColour": colour,
                      "screenshot": {"width": width, "height": height, "highlightPixels": yellow}}), flush=True)
finally:
    browser.close()
