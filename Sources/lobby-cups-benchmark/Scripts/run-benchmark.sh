#!/bin/sh
# Runs lobby-cups-benchmark against a private cupsd (own folders under /tmp, our backend
# installed with mode 0700) and a simulated printer on loopback; stops both at the end.
# Usage (from the package root): sh Sources/lobby-cups-benchmark/Scripts/run-benchmark.sh [JOBS]
set -eu
jobs="${1:-200}"
swift build -c release --product lobby-cups-benchmark >/dev/null
swift build -c release --product lobby-escpos-backend >/dev/null
swift build -c release --product lobby-printer-sim >/dev/null
bin="$(swift build -c release --show-bin-path)"
root="$(mktemp -d /tmp/lobby-cups-bench-XXXXXX)"
chmod 755 "$root"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$root/etc/ppd" "$root/spool" "$root/tmp" "$root/cache" "$root/state" "$root/log" "$root/lib/backend" "$root/sim"
for name in cgi-bin daemon driver filter monitor notifier; do ln -s "/usr/lib/cups/$name" "$root/lib/$name"; done
cp "$bin/lobby-escpos-backend" "$root/lib/backend/lobby-escpos"
chmod 700 "$root/lib/backend/lobby-escpos"
cat > "$root/etc/cups-files.conf" <<CONF
ServerRoot $root/etc
RequestRoot $root/spool
TempDir $root/tmp
CacheDir $root/cache
StateDir $root/state
ServerBin $root/lib
DataDir /usr/share/cups
AccessLog $root/log/access_log
ErrorLog $root/log/error_log
PageLog $root/log/page_log
Printcap $root/state/printcap
FileDevice Yes
Sandboxing Relaxed
SystemGroup root
CONF
cat > "$root/etc/cupsd.conf" <<CONF
Listen 127.0.0.1:$port
Listen $root/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
LogLevel ${LOG_LEVEL:-warn}
PreserveJobHistory Yes
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
</Policy>
CONF
/usr/sbin/cupsd -t -c "$root/etc/cupsd.conf" -s "$root/etc/cups-files.conf" >/dev/null
/usr/sbin/cupsd -f -c "$root/etc/cupsd.conf" -s "$root/etc/cups-files.conf" &
cupsd_pid=$!
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
