#!/usr/bin/env bash
# The main job: builds Lobby and runs `lobbyd --demo` (sample centre, simulated traffic).
# Usage: scripts/demo.sh [extra lobbyd options, e.g. --demo-speed 5 --fresh]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh demo
export PATH=/opt/swift/usr/bin:$PATH
echo "demo: building (the first build takes a few minutes)…"
swift build --product lobbyd 2>&1 | grep -E "error|warning: [^p]|Compiling|Build complete" | grep -v "^\[" || true
swift build --product lobbyctl >/dev/null
echo "demo: lobbyctl is at $(swift build --show-bin-path)/lobbyctl"
exec "$(swift build --show-bin-path)/lobbyd" --demo "$@"
