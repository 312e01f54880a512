#!/usr/bin/env bash
# Fuzzes LobbyTouch's evemu parser (and the replay and match-list parser behind it) with
# libFuzzer and AddressSanitizer: LobbyTouch's sources and scripts/fuzz/EvemuFuzzTarget.swift are
# compiled with -sanitize=fuzzer,address; the seed corpus is the test recordings.
#
#   scripts/fuzz-evemu.sh [RUNS] [extra libFuzzer options]     (default 1000000 runs)
#   scripts/fuzz-evemu.sh -1 -max_total_time=1200                (20 minutes, any number of runs)
#
# The corpus grows in $LOBBY_FUZZ_DIR/corpus across runs (results: Docs/Touch.md).
# Prints libFuzzer's summary; exit status 0 when no input trapped, crashed or leaked. Findings go
# to $LOBBY_FUZZ_DIR (default /tmp/lobby-fuzz-evemu) as crash-* files to replay with
#   <dir>/evemu-fuzz <dir>/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
runs=${1:-1000000}
shift || true
dir=${LOBBY_FUZZ_DIR:-/tmp/lobby-fuzz-evemu}
mkdir -p "$dir/corpus" "$dir/build"

# SwiftPM embeds the quirks file as PackageResources; outside SwiftPM the same accessor is written here.
python3 - "$dir/build/PackageResources.swift" <<'PY'
import sys
data = open("Sources/LobbyTouch/Quirks/touchscreens.quirks", "rb").read()
with open(sys.argv[1], "w") as out:
    out.write("enum PackageResources {\n    static let touchscreens_quirks: [UInt8] = [%s]\n}\n" % ", ".join(str(b) for b in data))
PY

swiftc -O -g -parse-as-library -sanitize=fuzzer,address -module-name LobbyTouch \
    Sources/LobbyTouch/*.swift "$dir/build/PackageResources.swift" scripts/fuzz/EvemuFuzzTarget.swift \
    -o "$dir/evemu-fuzz"

cp Tests/LobbyTouchTests/Recordings/wetab.event Tests/LobbyTouchTests/Recordings/wetab.prop \
   Tests/LobbyTouchTests/Recordings/n4.desc Tests/LobbyTouchTests/Recordings/egalax-0eef-0001.evemu "$dir/corpus/"
head -c 60000 Tests/LobbyTouchTests/Recordings/n4.events > "$dir/corpus/n4.events.head"
printf '0eef:0001 touchscreen single-touch\nname:"eGalax*" tablet\n056a:* ignore\n' > "$dir/corpus/match-lines"

cd "$dir"
./evemu-fuzz -runs="$runs" -max_len=65536 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 "$@" corpus
