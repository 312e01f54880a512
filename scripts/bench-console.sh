#!/usr/bin/env bash
# Benchmarks the operator consoles against lobbyd over loopback (Docs/Performance.md,
# "Operator consoles"): page weight; call-next → window board shows the number and every
# console has read a view that includes the call, with no console open and with CONSOLES open.
# Usage: scripts/bench-console.sh [CONSOLES=60] [CALLS=100] [BAUD=19200]
# BUILD=debug uses the debug build (no release build needed; slower, so a conservative figure).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
build=${BUILD:-release}
swift build -c "$build" --product lobbyd >/dev/null
swift build -c "$build" --product lobby-console-bench >/dev/null
bin=$(swift build -c "$build" --show-bin-path)
"$bin/lobby-console-bench" "$bin/lobbyd" "${1:-60}" "${2:-100}" "${3:-19200}"
