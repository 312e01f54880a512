#!/bin/sh
# Runs INSIDE the lab guest: `udevadm test` of udev/74-lobby-mrz-readers.rules against real kernel
# input devices — the uinput wedge reader of lobby-mrz-probe (listed through a lab-only
# 73-lobby-mrz-lab.rules, as a site's own list would) and a uinput keyboard that is not listed
# (must stay a keyboard). The rules go to the guest's own /run.
#
#   Tests/Lab/run-guest.sh --no-tablet Tests/Lab/mrz-udev-check.sh PATH/TO/lobby-mrz-probe
# Prints `LOBBY-PROBE UDEV <reader|keyboard> <KEY=VALUE>` and `UDEV-LOG` lines for the host to check.
set -eu
probe=$1
mkdir -p /run/udev/rules.d
cp udev/74-lobby-mrz-readers.rules /run/udev/rules.d/
echo 'SUBSYSTEM=="input", ATTRS{id/vendor}=="1209", ATTRS{id/product}=="4d52", ENV{LOBBY_MRZ_READER}="1"' \
    > /run/udev/rules.d/73-lobby-mrz-lab.rules

"$probe" hold 60 > /tmp/hold.txt &
holder=$!
for _ in $(seq 1 100); do
    grep -q '^LOBBY-PROBE HOLD ' /tmp/hold.txt 2>/dev/null && break
    sleep 0.1
done
reader=$(sed -n 's/^LOBBY-PROBE HOLD //p' /tmp/hold.txt)
[ -n "$reader" ] || { echo "LOBBY-PROBE FAIL no virtual reader"; kill "$holder"; exit 1; }
keyboard=$(grep -l 'Lobby Lab Kiosk Keyboard' /sys/class/input/event*/device/name 2>/dev/null | head -1 | cut -d/ -f5)

report() {
    kind=$1
    node=$2
    udevadm test --action=add "/sys/class/input/$(basename "$node")" > /tmp/udev-test.txt 2>&1 || true
    grep -E '^(LOBBY_MRZ_READER|LIBINPUT_IGNORE_DEVICE|DEVLINKS|ID_INPUT_KEYBOARD|ID_INPUT_KEY|ID_INPUT|TAGS|CURRENT_TAGS)=' /tmp/udev-test.txt \
        | sed "s/^/LOBBY-PROBE UDEV $kind /"
    grep -iE "group|mode" /tmp/udev-test.txt | grep -iE "lobby|0660" | head -3 | sed "s/^/LOBBY-PROBE UDEV-LOG $kind /"
}
report reader "$reader"
[ -n "$keyboard" ] && report keyboard "/dev/input/$keyboard"
echo "LOBBY-PROBE UDEV-DONE"
kill "$holder" 2>/dev/null || true
