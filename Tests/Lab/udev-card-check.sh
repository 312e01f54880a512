#!/bin/sh
# Runs INSIDE the lab guest (booted with `-device usb-ccid`): `udevadm test` of
# udev/71-lobby-card-readers.rules against QEMU's real USB CCID reader. The rule goes to the guest's /run.
# Prints `LOBBY-PROBE UDEV KEY=VALUE` lines and the GROUP/MODE log lines for the host to check.
mkdir -p /run/udev/rules.d && cp udev/71-lobby-card-readers.rules /run/udev/rules.d/
device=$(grep -l '^08e6$' /sys/bus/usb/devices/*/idVendor 2>/dev/null | head -1 | xargs -r dirname)
[ -n "$device" ] || { echo "LOBBY-PROBE FAIL no usb-ccid reader"; exit 1; }
udevadm test --action=add "$device" > /tmp/udev-test.txt 2>&1
grep -E '^(LOBBY_CARD_READER|DEVLINKS|ID_USB_INTERFACES|ID_PATH_TAG)=' /tmp/udev-test.txt | sed 's/^/LOBBY-PROBE UDEV /'
grep -iE "group|mode" /tmp/udev-test.txt | grep -iE "lobby|0660" | head -3 | sed 's/^/LOBBY-PROBE UDEV-LOG /'
echo "LOBBY-PROBE UDEV-DONE"
