#!/bin/sh
# Tap to cut on printers at a real device's speed, against the physical limit: a private cupsd
# (own folders under /tmp, our backend with mode 0700) and lobby-printer-sim at 50 mm/s on TCP
# (80 mm) and at 50 mm/s behind a 19200-baud pty (58 mm); tickets go through PrinterPool.
# Usage (from the package root): sh Sources/lobby-cups-benchmark/Scripts/run-slow-printer-benchmark.sh [TCP_JOBS] [SERIAL_JOBS]
set -eu
tcp_jobs="${1:-20}"
serial_jobs="${2:-3}"
. "$(dirname "$0")/private-cupsd.sh"
build_benchmark cups-slow
start_private_cupsd "$root" "$bin"
mkdir -p "$root/tcp" "$root/pty"
"$bin/lobby-printer-sim" --out "$root/tcp" --tcp 0 --print-speed 50 --buffer 4096 --max-seconds 1800 > "$root/tcp.log" &
tcp_pid=$!
"$bin/lobby-printer-sim" --out "$root/pty" --pty --baud 19200 --print-speed 50 --width-dots 384 --buffer 4096 --max-seconds 1800 > "$root/pty.log" &
pty_pid=$!
trap 'kill $tcp_pid $pty_pid $cupsd_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$root"' EXIT
i=0
until grep -q '^ready' "$root/tcp.log" 2>/dev/null && grep -q '^ready' "$root/pty.log" 2>/dev/null && lpstat -h "127.0.0.1:$port" -r >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "cupsd or a simulator did not start" >&2; exit 1; }; sleep 0.05
done
tcp_port="$(awk '/^tcp-port/ {print $2}' "$root/tcp.log")"
pty_path="$(awk '/^pty/ {print $2}' "$root/pty.log")"
lpadmin -h "127.0.0.1:$port" -p slow-tcp -E -v "lobby-escpos://127.0.0.1:$tcp_port/?status-timeout=2" -o printer-error-policy=abort-job
lpadmin -h "127.0.0.1:$port" -p slow-serial -E -v "lobby-escpos:$pty_path?baud=19200&status-timeout=2" -o printer-error-policy=abort-job
echo "== network printer, 80 mm, 50 mm/s, 4 KB buffer"
"$bin/lobby-cups-benchmark" --server "127.0.0.1:$port" --queue slow-tcp --sim-jobs "$root/tcp/jobs.jsonl" --jobs "$tcp_jobs" --pool --width 576 --print-speed 50
echo "== serial printer, 58 mm, 50 mm/s, 19200 baud"
"$bin/lobby-cups-benchmark" --server "127.0.0.1:$port" --queue slow-serial --sim-jobs "$root/pty/jobs.jsonl" --jobs "$serial_jobs" --pool --width 384 --print-speed 50 --baud 19200
