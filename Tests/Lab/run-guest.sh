#!/bin/sh
# Boots the test guest and runs a command inside it, in the host's root file system and the
# current directory (read-only; /run and /tmp are the guest's own tmpfs).
#
#   Tests/Lab/run-guest.sh [--no-tablet] [--display WxH] [--qmp SOCKET] [--timeout SECONDS] [--run-dir DIR]
#                          [--print-qemu-args] CMD [ARG...]
#
# The guest's console is copied to stdout. The exit status is the command's, read from the
# `LOBBY-LAB-RESULT n` marker (QEMU itself always exits 0); 124 on timeout, 2 when the image
# cannot be built because qemu or the kernel package is unavailable, 1 for other lab failures.
#
#   --no-tablet       boot without the QEMU usb-tablet (only the guest's own input devices)
#   --sound WAV       add an intel-hda sound card whose output QEMU writes to WAV on the host
#                     (48 kHz, mixer off, so samples arrive exactly as the guest played them)
#   --display WxH     add a bochs-display of W×H pixels (the guest's /dev/dri/card0 and /dev/fb0);
#                     QMP `screendump` then shows what the guest drew
#   --qmp SOCKET      QMP socket path (default: a fresh one in a temporary directory); drive it
#                     from the host with Tests/Lab/qmp.py while the guest runs
#   --timeout S       kill QEMU after S seconds (default 90)
#   --run-dir DIR     keep the generated command script (and the default QMP socket) in DIR
#   --print-qemu-args only prepare: print QEMU's arguments, one per line, and exit (the caller
#                     starts and stops QEMU itself; needs --run-dir, which must outlive QEMU)
set -eu

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
tablet=yes
qmp=""
limit=90
run_dir=""
print_only=no
display=""
sound=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-tablet) tablet=no; shift ;;
        --display) display=$2; shift 2 ;;
        --sound) sound=$2; shift 2 ;;
        --qmp) qmp=$2; shift 2 ;;
        --timeout) limit=$2; shift 2 ;;
        --run-dir) run_dir=$2; shift 2 ;;
        --print-qemu-args) print_only=yes; shift ;;
        --) shift; break ;;
        -*) echo "run-guest: unknown option $1" >&2; exit 64 ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "usage: run-guest.sh [--no-tablet] [--display WxH] [--qmp SOCKET] [--timeout S] CMD [ARG...]" >&2; exit 64; }

status=0
image=$("$SCRIPT_DIR/build-guest.sh") || status=$?
[ "$status" -eq 0 ] || exit "$status"

if [ -n "$run_dir" ]; then
    mkdir -p "$run_dir"
    run_dir=$(cd "$run_dir" && pwd)
elif [ "$print_only" = yes ]; then
    echo "run-guest: --print-qemu-args needs --run-dir" >&2
    exit 64
else
    run_dir=$(mktemp -d "${TMPDIR:-/tmp}/lobby-guest.XXXXXX")
    trap 'rm -rf "$run_dir"' EXIT INT TERM
fi
[ -n "$qmp" ] || qmp="$run_dir/qmp.sock"

# The command as a script the guest's /init runs in the chroot.
{
    echo "cd '$(pwd)' || exit 125"
    printf 'exec'
    for word in "$@"; do
        printf " '%s'" "$(printf '%s' "$word" | sed "s/'/'\\\\''/g")"
    done
    echo
} > "$run_dir/run.sh"

set -- -accel tcg -m 512 -smp 1 -nographic -nodefaults -no-reboot -serial stdio \
    -kernel "$image/vmlinuz" -initrd "$image/initrd.gz" \
    -append "console=ttyS0 quiet lobby_run=$run_dir/run.sh" \
    -qmp "unix:$qmp,server=on,wait=off" \
    -device qemu-xhci,id=xhci \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
if [ "$tablet" = yes ]; then
    set -- "$@" -device usb-tablet,id=tablet0,bus=xhci.0
fi
if [ -n "$display" ]; then
    xres=${display%x*}
    yres=${display#*x}
    # 32 MiB of video memory: two 1920x1080 XRGB8888 buffers plus the fbdev emulation's.
    set -- "$@" -device "bochs-display,id=display0,xres=$xres,yres=$yres,vgamem=32M"
fi

if [ -n "$sound" ]; then
    set -- "$@" -audiodev "wav,id=snd0,path=$sound,out.frequency=48000" -device intel-hda -device hda-output,audiodev=snd0,mixer=off
fi

if [ "$print_only" = yes ]; then
    for argument in "$@"; do
        printf '%s\n' "$argument"
    done
    exit 0
fi

timeout -k 5 "$limit" qemu-system-x86_64 "$@" < /dev/null | tee "$run_dir/console.log" || true
marker=$(sed -n 's/^LOBBY-LAB-RESULT \([0-9]*\).*$/\1/p' "$run_dir/console.log" | tr -d '\r' | tail -1)
if [ -z "$marker" ]; then
    echo "run-guest: no result marker (timeout after ${limit}s or the guest failed)" >&2
    exit 124
fi
exit "$marker"
