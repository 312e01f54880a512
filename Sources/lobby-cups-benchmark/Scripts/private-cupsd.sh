# Sourced by the benchmark scripts.
# build_benchmark NAME: builds the release binaries the benchmarks use; sets $bin and a fresh
# folder $root (/tmp/lobby-NAME-XXXXXX).
build_benchmark() {
    swift build -c release --product lobby-cups-benchmark >/dev/null
    swift build -c release --product lobby-escpos-backend >/dev/null
    swift build -c release --product lobby-printer-sim >/dev/null
    bin="$(swift build -c release --show-bin-path)"
    root="$(mktemp -d "/tmp/lobby-$1-XXXXXX")"
    chmod 755 "$root"
}

# start_private_cupsd ROOT BIN_FOLDER: a private cupsd in its own folders under ROOT, our
# backend installed with mode 0700 (cupsd runs it as root), on a free loopback port; sets $port
# and $cupsd_pid.
start_private_cupsd() {
    root="$1"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    mkdir -p "$root/etc/ppd" "$root/spool" "$root/tmp" "$root/cache" "$root/state" "$root/log" "$root/lib/backend"
    for name in cgi-bin daemon driver filter monitor notifier; do ln -s "/usr/lib/cups/$name" "$root/lib/$name"; done
    cp "$2/lobby-escpos-backend" "$root/lib/backend/lobby-escpos"
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
}
