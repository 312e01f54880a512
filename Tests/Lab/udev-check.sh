#!/bin/sh
# Runs INSIDE the lab guest: `udevadm test` of udev/70-lobby-touchscreen.rules against real
# kernel devices — the uinput touchscreen (udev's ID_INPUT_TOUCHSCREEN) and QEMU's usb-tablet
# (vendor 0627, not listed: must stay untouched). The rules go to the guest's own /run.
#
#   Tests/Lab/run-guest.sh Tests/Lab/udev-check.sh PATH/TO/lobby-touch-probe
# Prints `LOBBY-PROBE UDEV <node kind> <KEY=VALUE>` lines for the host to check.
set -eu
probe=$1
mkdir -p /run/udev/rules.d
cp udev/70-lobby-touchscreen.rules /run/udev/rules.d/

"$probe" hold 60 > /tmp/hold.txt &
holder=$!
for _ in $(seq 1 100); do
    grep -q '^LOBBY-PROBE HOLD ' /tmp/hold.txt 2>/dev/null && break
    sleep 0.1
done
screen=$(sed -n 's/^LOBBY-PROBE HOLD //p' /tmp/hold.txt)
[ -n "$screen" ] || { echo "LOBBY-PROBE FAIL no virtual screen"; kill "$holder"; exit 1; }

report() {
    kind=$1
    node=$2
    udevadm test --action=add "/sys/class/input/$(basename "$node")" > /tmp/udev-test.txt 2>&1 || true
    grep -E '^(LOBBY_TOUCHSCREEN|LIBINPUT_IGNORE_DEVICE|DEVLINKS|ID_INPUT_TOUCHSCREEN|ID_INPUT_MOUSE|ID_INPUT_TABLET)=' /tmp/udev-test.txt \
        | sed "s/^/LOBBY-PROBE UDEV $kind /"
    grep -iE "group|mode" /tmp/udev-test.txt | grep -iE "lobby|0660" | head -3 | sed "s/^/LOBBY-PROBE UDEV-LOG $kind /"
}
report touchscreen "$screen"
tablet=$(grep -l 'QEMU USB Tablet' /sys/class/input/event*/device/name 2>/dev/null | head -1 | cut -d/ -f5)
[ -n "$tablet" ] && report tablet "/dev/input/$tablet"
echo "LOBBY-PROBE UDEV-DONE"
kill "$holder" 2>/dev/null || true
