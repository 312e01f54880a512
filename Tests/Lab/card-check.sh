#!/bin/sh
# Runs INSIDE the lab guest: starts udevd when the host root has it (so libusb's hot-plug
# callbacks see arrivals and departures, as on a kiosk), then runs the given command.
#
#   Tests/Lab/run-guest.sh Tests/Lab/card-check.sh PATH/TO/lobby-card-probe watch --lab …
if [ -x /lib/systemd/systemd-udevd ]; then
    /lib/systemd/systemd-udevd --daemon >/dev/null 2>&1 && udevadm trigger --action=add >/dev/null 2>&1 && udevadm settle --timeout=5 >/dev/null 2>&1
fi
exec "$@"
