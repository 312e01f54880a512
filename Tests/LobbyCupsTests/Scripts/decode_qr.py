"""Prints the text of every QR code found in an image file, one per line (used by the tests).

Usage: decode_qr.py IMAGE  (PNG or PBM; needs zxing-cpp and pillow, see setup-python-venv.sh)
"""
import sys

import zxingcpp
from PIL import Image

image = Image.open(sys.argv[1]).convert("L")
for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
    print(result.text)
