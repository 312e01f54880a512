#!/bin/sh
# Runs INSIDE the lab guest: lobbyd drives the kiosk on the guest's DRM display (bochs) and reads
# the usb-tablet through evdev, exactly as on a kiosk; the host taps over QMP. Prints the kiosk's
# state as `LOBBY-PROBE KIOSK {json}` whenever its screen changes, then the services' counts.
#
#   Tests/Lab/run-guest.sh Tests/Lab/kiosk-check.sh LOBBYD LOBBYCTL ROTATION [SECONDS]
lobbyd=$1 lobbyctl=$2 rotation=$3 seconds=${4:-240}
dir=/tmp/kiosk
mkdir -p "$dir"
cat > "$dir/lobby.yaml" <<CONF
centre:
  name: {az: "Sınaq mərkəzi", ru: "Тестовый центр", en: "Test centre"}
  timeZone: Asia/Baku
agencies:
  - {id: ag, name: {az: "Qurum", ru: "Ведомство", en: "Agency"}}
services:
  - {id: passport, agency: ag, name: {az: "Pasport", ru: "Паспорт", en: "Passport"}, prefix: P}
  - {id: birth, agency: ag, name: {az: "Doğum şəhadətnaməsi", ru: "Свидетельство о рождении", en: "Birth certificate"}, prefix: B}
windows:
  - {number: 1, agency: ag, services: {passport: 1, birth: 1}}
api:
  listen: 127.0.0.1:0
  socket: $dir/lobbyd.sock
journal: $dir/journal.db
devices:
  kiosk:
    name: lab
    display: {backend: drm, rotation: $rotation}
    touchscreen: {directory: /dev/input}
CONF
"$lobbyd" --config "$dir/lobby.yaml" > "$dir/lobbyd.log" 2>&1 &
pid=$!
json() { python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), separators=(",", ":"), sort_keys=True))'; }
last=""
# Count rounds, not wall-clock seconds: the guest's clock may jump while it boots.
rounds=$(( seconds * 5 ))
round=0
quiet=0
while [ "$round" -lt "$rounds" ]; do
    round=$((round + 1))
    status=$("$lobbyctl" kiosk status --socket "$dir/lobbyd.sock" --json 2>"$dir/lobbyctl.err" | json 2>/dev/null)
    if [ -z "$status" ]; then
        quiet=$((quiet + 1))
        if [ $((quiet % 5)) -eq 1 ]; then
            echo "LOBBY-PROBE WAITING round $round: $(tail -c 300 "$dir/lobbyctl.err" | tr '\n' ' ') | $(tail -c 400 "$dir/lobbyd.log" | tr '\n' ' ')"
        fi
        kill -0 $pid 2>/dev/null || { echo "LOBBY-PROBE LOBBYD-EXITED $(tail -c 600 "$dir/lobbyd.log" | tr '\n' ' ')"; break; }
    fi
    if [ -n "$status" ]; then
        screen=$(printf "%s\n" "$status" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["screen"], o["display"] != "none", o["framesPresented"] > 0, sum(1 for b in o["buttons"] if b["enabled"]))')
        if [ "$screen" != "$last" ]; then
            printf "LOBBY-PROBE KIOSK %s\n" "$status"
            last=$screen
        fi
        case "$screen" in doneUnprinted*|done\ *) break ;; esac
    fi
    sleep 0.2
done
printf "LOBBY-PROBE SERVICES %s\n" "$("$lobbyctl" services --socket "$dir/lobbyd.sock" --json | json)"
printf "LOBBY-PROBE HEALTH %s\n" "$("$lobbyctl" status --socket "$dir/lobbyd.sock" --json | json)"
kill -TERM $pid
wait $pid
code=$?
echo "LOBBY-PROBE STOPPED $code"
tail -n 5 "$dir/lobbyd.log" | sed 's/^/LOBBY-PROBE LOG /'
echo "LOBBY-LAB-RESULT $code"
