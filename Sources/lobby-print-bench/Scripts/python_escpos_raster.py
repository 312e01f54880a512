"""Comparison for the printing benchmark: python-escpos turns the same 1-bit ticket image into
GS v 0 raster bytes (Escpos.image with impl="bitImageRaster").

Usage: python_escpos_raster.py TICKET.pbm RUNS OUTPUT.bin
Prints "mean_ms p50_ms p99_ms" for image() alone (the image is loaded once, outside the timing)
and writes the bytes of one run to OUTPUT.bin so the caller can check they show the same image.
"""
import contextlib
import io
import sys
import time

from escpos.printer import Dummy
from PIL import Image

path, runs, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
image = Image.open(path)
image.load()

timings = []
data = b""
# image() prints a warning about the default profile's unknown paper width on every call;
# keep it out of the result line.
with contextlib.redirect_stdout(io.StringIO()):
    for _ in range(runs + 20):
        printer = Dummy()
        start = time.perf_counter()
        printer.image(image, impl="bitImageRaster")
        data = printer.output
        timings.append((time.perf_counter() - start) * 1000.0)
timings = sorted(timings[20:])
mean = sum(timings) / len(timings)
p50 = timings[len(timings) // 2]
p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
with open(output, "wb") as handle:
    handle.write(data)
print(f"{mean:.3f} {p50:.3f} {p99:.3f}")
