#!/bin/sh
# Times the kiosk's display output in the lab guest (QEMU x86, TCG, bochs-display 1920x1080):
# full 1080x1920 frames and partial (damage) updates through DRM, rotation 90 and 0, double-
# and single-buffered. Builds lobby-display-probe in release mode first.
#
#   Tests/Lab/display-bench.sh [FRAMES]       (default 30 frames per case)
#
# TCG emulates every guest instruction: the numbers are far slower than on real hardware and
# only good for comparing cases with each other.
set -eu
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
PACKAGE_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
frames=${1:-30}
cd "$PACKAGE_DIR"
swift build -c release --product lobby-display-probe >&2
probe=$(swift build -c release --show-bin-path)/lobby-display-probe
"$SCRIPT_DIR/run-guest.sh" --no-tablet --display 1920x1080 --timeout 600 "$probe" bench --frames "$frames" \
    | grep -a 'LOBBY-PROBE \(BENCH\|INFO\|FAIL\)' | sed 's/^.*LOBBY-PROBE //'
