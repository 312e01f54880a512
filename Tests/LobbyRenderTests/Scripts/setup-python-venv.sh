#!/bin/sh
# Creates (once) the Python virtual environment used by the QR read-back test and by the
# printing benchmark: zxing-cpp (QR decoder), pillow (image loading), python-escpos (comparison);
# and by the API contract test: schemathesis and openapi-spec-validator, pinned (a new
# release may generate other cases or judge the document differently).
# Usage: setup-python-venv.sh VENV_DIR
# Needs python3 with the venv module (Debian: python3-venv) and access to PyPI.
set -eu
venv="${1:?usage: setup-python-venv.sh VENV_DIR}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import zxingcpp, PIL, escpos, schemathesis, openapi_spec_validator' 2>/dev/null; then
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    'zxing-cpp>=2.2' 'pillow>=10' 'python-escpos>=3.1' \
    'schemathesis==4.32.5' 'openapi-spec-validator==0.9.0'
"$venv/bin/python" -c 'import zxingcpp, PIL, escpos, schemathesis, openapi_spec_validator'
