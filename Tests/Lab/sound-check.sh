#!/bin/sh
# Runs inside the test guest (Tests/Lab/run-guest.sh with an intel-hda card): lobbyd with
# devices.audio on the guest's card, ten windows each calling one ticket, then waits until
# lobbyd has played them all and stops it. The host checks the captured WAV.
#
#   sound-check.sh LOBBYD LOBBYCTL PACK
set -u
lobbyd=$1 lobbyctl=$2 pack=$3
probe() { echo "LOBBY-PROBE $*"; }
dir=/tmp/sound
mkdir -p "$dir"

probe "CARDS $(tr '\n' ' ' < /proc/asound/cards 2>/dev/null)"
[ -e /dev/snd/pcmC0D0p ] || { probe "NO-CARD"; ls -l /dev/snd >&2; exit 3; }

{
    echo 'centre: {name: {en: "Sound lab"}}'
    echo 'agencies: [{id: ag, name: Agency}]'
    echo 'services: [{id: passport, agency: ag, name: Passport, prefix: P}]'
    echo 'windows:'
    for w in 1 2 3 4 5 6 7 8 9 10; do echo "  - {number: $w, agency: ag, services: {passport: 1}}"; done
    # Operators must be on the roster: operator tokens name op1 … op10.
    echo "api:"
    echo "  listen: \"127.0.0.1:8431\""
    echo "  socket: $dir/lobbyd.sock"
    echo "  tokens:"
    for w in 1 2 3 4 5 6 7 8 9 10; do echo "    - {role: operator, operator: op$w, token: sound-lab-operator-$w}"; done
    echo "journal: $dir/journal.db"
    echo "devices: {audio: {device: \"plughw:0,0\", pack: $pack, languages: [az, en], sampleRate: 48000}}"
} > "$dir/lobby.yaml"

"$lobbyd" --config "$dir/lobby.yaml" > "$dir/lobbyd.log" 2>&1 &
pid=$!
export LOBBY_SOCKET="$dir/lobbyd.sock"
tries=0
until "$lobbyctl" status >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 600 ] || { probe "NO-LOBBYD"; cat "$dir/lobbyd.log"; exit 4; }
    sleep 0.2
done
probe "HEALTH $(curl -s --unix-socket "$dir/lobbyd.sock" http://lobbyd/healthz)"
for w in 1 2 3 4 5 6 7 8 9 10; do
    "$lobbyctl" window open "$w" >/dev/null && "$lobbyctl" window sign-in "$w" --operator "op$w" >/dev/null
    "$lobbyctl" ticket issue passport >/dev/null
done
probe "CALLING"
for w in 1 2 3 4 5 6 7 8 9 10; do "$lobbyctl" window call-next "$w" >/dev/null || probe "CALL-FAILED $w"; done

played=0
tries=0
while [ "$played" -lt 10 ] && [ "$tries" -lt 360 ]; do
    sleep 0.5
    tries=$((tries + 1))
    played=$(curl -s --unix-socket "$dir/lobbyd.sock" http://lobbyd/metrics | sed -n 's/^lobby_announcements_total{outcome="played"} //p')
    played=${played:-0}
done
probe "PLAYED $played"
curl -s --unix-socket "$dir/lobbyd.sock" http://lobbyd/metrics | grep '^lobby_announce' | while read -r line; do probe "METRIC $line"; done
kill -TERM "$pid"
wait "$pid"
[ "$played" -eq 10 ]
