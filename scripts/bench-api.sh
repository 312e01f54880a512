#!/usr/bin/env bash
# Benchmarks lobbyd over loopback: start-to-ready, idle RSS and CPU, and API latency with many
# concurrent clients (issue-ticket, call-next). Results go to Docs/Performance.md by hand.
# Usage: scripts/bench-api.sh [CLIENTS] [REQUESTS_PER_CLIENT]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
swift build -c release --product lobbyd >/dev/null
swift build -c release --product lobby-api-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
sed -e "s#listen: 127.0.0.1:8080#listen: 127.0.0.1:0\n  socket: $dir/lobbyd.sock#" Docs/Examples/lobby.yaml > "$dir/lobby.yaml"
echo "journal: $dir/journal.db" >> "$dir/lobby.yaml"
start=$(date +%s%N)
"$bin/lobbyd" --config "$dir/lobby.yaml" > "$dir/out" 2>&1 &
pid=$!
until grep -q "listening on http" "$dir/out"; do sleep 0.005; done
ready=$(date +%s%N)
url=$(grep -o "http://127.0.0.1:[0-9]*" "$dir/out" | head -1)
port=${url##*:}
echo "start to ready: $(( (ready - start) / 1000000 )) ms"
ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }
sleep 2
t0=$(ticks); sleep 10; t1=$(ticks)
echo "idle: RSS $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status), CPU over 10 s: $(( (t1 - t0) * 10 )) ms ($(getconf CLK_TCK) ticks/s)"
echo "closed loop (every client sends as fast as answers come: saturation):"
"$bin/lobby-api-bench" 127.0.0.1 "$port" demo-admin-token-00001 "${1:-200}" "${2:-25}" 12
echo "open loop (every client sends 2 requests per second: 400 requests/s in all):"
"$bin/lobby-api-bench" 127.0.0.1 "$port" demo-admin-token-00001 "${1:-200}" 10 12 2
echo "after the load: RSS $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status)"
