#!/usr/bin/env bash
# Idle memory of a release lobbyd on the sample centre, by configuration: no devices, a headless
# kiosk, printers and a kiosk (no cupsd needed: the printer is reported unreachable). Prints RSS,
# PSS, anonymous memory and the number of shared objects mapped after 8 idle seconds.
# Results go to Docs/Performance.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
swift build -c release --product lobbyd >/dev/null
bin=$(swift build -c release --show-bin-path)/lobbyd

measure() {  # NAME DEVICES-YAML
    local dir pid
    dir=$(mktemp -d)
    mkdir -p "$dir/input"
    sed -e "s#listen: 127.0.0.1:8080#listen: 127.0.0.1:0\n  socket: $dir/lobbyd.sock#" Docs/Examples/lobby.yaml > "$dir/lobby.yaml"
    echo "journal: $dir/journal.db" >> "$dir/lobby.yaml"
    printf "%s\n" "$2" | sed "s#DIR#$dir#g" >> "$dir/lobby.yaml"
    "$bin" --config "$dir/lobby.yaml" > "$dir/out" 2>&1 &
    pid=$!
    sleep 8
    local r=/proc/$pid/smaps_rollup
    printf "%-18s RSS %5.1f MB  PSS %5.1f MB  anonymous %5.1f MB  shared objects %d\n" "$1" \
        "$(awk '/^Rss:/ {print $2/1024}' $r)" "$(awk '/^Pss:/ {print $2/1024}' $r)" "$(awk '/^Anonymous:/ {print $2/1024}' $r)" \
        "$(grep -o '/[^ ]*\.so[^ ]*$' /proc/$pid/maps | sort -u | wc -l)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
}

kiosk="  kiosk:
    display: {backend: none}
    touchscreen: {directory: DIR/input}"
measure "no devices" ""
measure "headless kiosk" "devices:
$kiosk"
measure "printers + kiosk" "devices:
  printers:
    cups: DIR/cups.sock
    queues: [kiosk1-a]
    statusURL: https://queue.example.az/t/{token}
$kiosk"
