#!/usr/bin/env bash
# Runs every test tier: unit, host integration (SQLite, HTTP over loopback, real lobbyd, headless
# Chromium), and emulated hardware (QEMU x86 guest for evdev). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
export PATH=/opt/swift/usr/bin:$PATH
start=$(date +%s)
echo "test: building…"
swift build --build-tests 2>&1 | grep -E "error:|warning: [^p]" || true
swift build --build-tests >/dev/null   # fails the script on a build error
echo "test: firmware images and the Python tools the tests use…"
make -s -C Firmware BOARD=mps2-an386 >/dev/null
make -s -C Firmware BOARD=microbit >/dev/null
sh Tests/LobbyRenderTests/Scripts/setup-python-venv.sh .build/lobby-python-venv
echo "test: running every tier…"
# One test at a time: several tiers drive real processes and emulators with deadlines (serial
# buses, QEMU guests, cupsd), and a test that blocks a thread of the two-core machine's small
# concurrency pool must not starve another's deadlines. It takes about 3 minutes.
swift test --skip-build --no-parallel "$@"
echo "test: done in $(( $(date +%s) - start )) s"
