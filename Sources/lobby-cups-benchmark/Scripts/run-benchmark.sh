#!/bin/sh
# Runs lobby-cups-benchmark against a private cupsd (own folders under /tmp, our backend
# installed with mode 0700) and a simulated printer on loopback; stops both at the end.
# Usage (from the package root): sh Sources/lobby-cups-benchmark/Scripts/run-benchmark.sh [JOBS]
set -eu
jobs="${1:-200}"
. "$(dirname "$0")/private-cupsd.sh"
# lobbyd first: its release build can outlast the simulator's --max-seconds.
swift build -c release --product lobbyd >/dev/null
build_benchmark cups-bench
start_private_cupsd "$root" "$bin"
mkdir -p "$root/sim"
"$bin/lobby-printer-sim" --out "$root/sim" --tcp 0 --max-seconds 900 > "$root/sim.log" &
sim_pid=$!
trap 'kill $sim_pid $cupsd_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$root"' EXIT
i=0
until grep -q '^ready' "$root/sim.log" 2>/dev/null && lpstat -h "127.0.0.1:$port" -r >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "cupsd or simulator did not start" >&2; exit 1; }; sleep 0.05
done
sim_port="$(awk '/^tcp-port/ {print $2}' "$root/sim.log")"
lpadmin -h "127.0.0.1:$port" -p bench -E -v "lobby-escpos://127.0.0.1:$sim_port/?status-timeout=2" -o printer-error-policy=abort-job
"$bin/lobby-cups-benchmark" --server "127.0.0.1:$port" --queue bench --sim-jobs "$root/sim/jobs.jsonl" --jobs "$jobs"

# The same printer behind a real lobbyd: from the issue request over HTTP to the job accepted by
# cupsd and to the job completed (lobbyd answers a ticket request only after its print settled).
mkdir -p "$root/lobbyd"
sed -e "s#listen: 127.0.0.1:8080#listen: 127.0.0.1:0\n  socket: $root/lobbyd/lobbyd.sock#" Docs/Examples/lobby.yaml > "$root/lobbyd/lobby.yaml"
cat >> "$root/lobbyd/lobby.yaml" <<CONF
journal: $root/lobbyd/journal.db
devices:
  printers:
    cups: 127.0.0.1:$port
    queues: [bench]
    statusURL: https://queue.example.az/t/{token}
CONF
"$bin/lobbyd" --config "$root/lobbyd/lobby.yaml" > "$root/lobbyd/out" 2>&1 &
lobbyd_pid=$!
trap 'kill $lobbyd_pid $sim_pid $cupsd_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$root"' EXIT
i=0
until grep -q "listening on http" "$root/lobbyd/out"; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "lobbyd did not start" >&2; cat "$root/lobbyd/out" >&2; exit 1; }; sleep 0.05
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$root/lobbyd/out" | head -1)"
python3 - "$url" "$jobs" <<'PY'
import http.client, json, sys, time, urllib.parse
url, jobs = urllib.parse.urlparse(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": "Bearer demo-kiosk-token-0001", "Content-Type": "application/json"}
answers, printed = [], 0
for i in range(jobs):
    body = json.dumps({"service": "id-card", "language": "az", "requestId": f"bench-{i}"})
    start = time.perf_counter()
    conn.request("POST", "/api/v1/tickets", body, headers)
    reply = json.loads(conn.getresponse().read())
    answers.append((time.perf_counter() - start) * 1000)
    printed += (reply.get("ticket", {}).get("delivery") or {}).get("kind") == "printed"
answers.sort()
q = lambda p: answers[min(len(answers) - 1, round((len(answers) - 1) * p))]
print(f"through lobbyd: {jobs} ticket requests, {printed} printed; answer (= printed) p50 {q(0.5):.1f} ms, p99 {q(0.99):.1f} ms, max {answers[-1]:.1f} ms")
conn.request("GET", "/metrics", headers=headers)
for line in conn.getresponse().read().decode().splitlines():
    if line.startswith("lobby_print_") and "quantile" in line:
        name, value = line.rsplit(" ", 1)
        print(f"  {name} {float(value) * 1000:.1f} ms")
PY
