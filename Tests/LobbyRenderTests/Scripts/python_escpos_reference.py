"""What python-escpos sends for the same things Lobby sends in text mode, as hex JSON: a native
QR code (model 2, level M, the given module size) and a line of text in a given code page.

Usage: python_escpos_reference.py URL MODULE CODEPAGE TEXT   (CODEPAGE as python-escpos names it, e.g. CP857)
"""
import json
import sys

from escpos.printer import Dummy
from escpos.constants import QR_ECLEVEL_M

url, module, codepage, text = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
qr = Dummy()
qr.qr(url, ec=QR_ECLEVEL_M, size=module, native=True)
line = Dummy(profile="TM-T20II")
line.charcode(codepage)
line.text(text)
print(json.dumps({"qr": qr.output.hex(), "text": line.output.hex()}))
