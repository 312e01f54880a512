#!/bin/sh
# Creates (once) the Python virtual environment of the card player's BAC chip (`bac secure` in
# card-player.py, emrtd_bac.py) and of Tests/LobbyEMRTDTests/Scripts/make-vectors.py: pycryptodome.
# Usage: setup-card-venv.sh VENV_DIR        (exit 0: ready; 2: cannot be set up here)
# Needs python3 with the venv module (Debian: python3-venv) and access to PyPI.
set -eu
venv="${1:?usage: setup-card-venv.sh VENV_DIR}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import Crypto.Cipher.DES3' 2>/dev/null; then
    exit 0
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" -m venv "$venv" || { echo "setup-card-venv: python3 -m venv failed (install python3-venv)" >&2; exit 2; }
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'pycryptodome>=3.19' \
    || { echo "setup-card-venv: pip could not install pycryptodome" >&2; exit 2; }
"$venv/bin/python" -c 'import Crypto.Cipher.DES3'
