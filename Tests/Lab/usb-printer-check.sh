#!/bin/sh
# Runs INSIDE the lab guest for the USB printer tests: a small command loop driven by the host
# over the guest's second serial port (/dev/ttyS1, a QEMU socket chardev), so one boot serves
# many backend runs while the host changes the emulated printer between them.
#
#   Tests/Lab/run-guest.sh Tests/Lab/usb-printer-check.sh PATH/TO/lobby-escpos-backend KNOWN-IDS-FILE
#
# KNOWN-IDS-FILE (e.g. Sources/LobbyEscPos/Profiles/usb/known-usb-printers.json) is passed to the
# backend as LOBBY_USB_PRINTER_IDS.
#
# Commands (one per line on ttyS1), answers on the console as `LOBBY-PROBE …` lines:
#   discover                        backend without arguments: `DISCOVER <line>` each, then `DONE discover <status>`
#   discover-without-ids            the same with an empty known-printer list
#   job NAME URI COPIES FILE        backend as cupsd runs it (DEVICE_URI=URI, argv NAME lobby title COPIES '' FILE):
#                                   `NAME STDERR <line>` each, then `DONE NAME <status> <milliseconds>`
#   drivers                         `DRIVER usblp <interfaces bound to usblp>` and `DRIVER lp <nodes in /dev/usb>`
#   quit                            ends the script (status 0)
backend=$1
known_ids=$2
tty=/dev/ttyS1
[ -c "$tty" ] || { echo "LOBBY-PROBE FATAL no $tty"; exit 2; }
stty -F "$tty" raw -echo 2>/dev/null
exec 3<"$tty"

now_ms() { date +%s%3N; }

echo "LOBBY-PROBE READY"
while read -r command name uri copies file <&3; do
    case "$command" in
        discover|discover-without-ids)
            ids=$known_ids
            [ "$command" = discover ] || ids=/nonexistent/known-usb-printers
            status=0
            LOBBY_USB_PRINTER_IDS=$ids "$backend" > /tmp/discover.out 2> /tmp/discover.err || status=$?
            while IFS= read -r line; do echo "LOBBY-PROBE DISCOVER $line"; done < /tmp/discover.out
            while IFS= read -r line; do echo "LOBBY-PROBE discover STDERR $line"; done < /tmp/discover.err
            echo "LOBBY-PROBE DONE $command $status"
            ;;
        job)
            start=$(now_ms)
            status=0
            LOBBY_USB_PRINTER_IDS=$known_ids DEVICE_URI=$uri "$backend" "$name" lobby "ticket $name" "$copies" "" "$file" 2> /tmp/job.err || status=$?
            end=$(now_ms)
            while IFS= read -r line; do echo "LOBBY-PROBE $name STDERR $line"; done < /tmp/job.err
            echo "LOBBY-PROBE DONE $name $status $((end - start))"
            ;;
        drivers)
            bound=$(ls /sys/bus/usb/drivers/usblp 2>/dev/null | grep ':' | tr '\n' ' ')
            nodes=$(ls /dev/usb 2>/dev/null | tr '\n' ' ')
            echo "LOBBY-PROBE DRIVER usblp ${bound:-none}"
            echo "LOBBY-PROBE DRIVER lp ${nodes:-none}"
            echo "LOBBY-PROBE DONE drivers 0"
            ;;
        quit)
            echo "LOBBY-PROBE DONE quit 0"
            exit 0
            ;;
        "") ;;
        *) echo "LOBBY-PROBE UNKNOWN $command" ;;
    esac
done
echo "LOBBY-PROBE FATAL $tty closed"
exit 3
