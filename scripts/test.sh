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
echo "test: running every tier…"
swift test --skip-build "$@"
echo "test: done in $(( $(date +%s) - start )) s"
