#!/bin/sh
# /init of the test guest (copied into the initramfs by build-guest.sh).
#
# Mounts the pseudo file systems, loads the modules listed in /modules/order, mounts the host's
# root file system read-only over 9p, gives it this guest's /dev, /proc, /sys and fresh tmpfs
# /run and /tmp, and runs the script named by `lobby_run=PATH` on the kernel command line
# (a host path) inside a chroot. Then it prints `LOBBY-LAB-RESULT <exit status>` and powers off.
export PATH=/bin:/sbin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

result() {
    echo
    echo "LOBBY-LAB-RESULT $1"
    sync
    poweroff -f
}

while read -r module; do
    insmod "/modules/$module.ko" || echo "lobby-lab: insmod $module failed"
done < /modules/order

mkdir -p /host
if ! mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 hostroot /host; then
    echo "lobby-lab: cannot mount the host root over 9p"
    result 125
fi

run=""
for word in $(cat /proc/cmdline); do
    case "$word" in
        lobby_run=*) run=${word#lobby_run=} ;;
    esac
done
if [ -z "$run" ] || [ ! -f "/host$run" ]; then
    echo "lobby-lab: no test script (lobby_run=$run)"
    result 126
fi
# The script may live under the host's /tmp, which the guest's tmpfs /tmp hides: copy it first.
cp "/host$run" /lobby-run.sh

mount --bind /dev /host/dev
mount --bind /proc /host/proc
mount --bind /sys /host/sys
mount -t tmpfs -o mode=755 tmpfs /host/run
# Keep the host's /tmp reachable before the guest's own tmpfs hides it: a checkout under /tmp
# (CI clones there) must stay visible at its own path.
mkdir -p /hosttmp
mount --bind /host/tmp /hosttmp
mount -t tmpfs -o mode=1777 tmpfs /host/tmp
cp /lobby-run.sh /host/tmp/lobby-run.sh
cwd=$(sed -n "1s/^cd '\(.*\)' || exit 125\$/\1/p" /lobby-run.sh)
case "$cwd" in
    /tmp/?*)
        top=${cwd#/tmp/}
        top=${top%%/*}
        mkdir -p "/host/tmp/$top"
        mount --bind "/hosttmp/$top" "/host/tmp/$top"
        ;;
esac

env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8 \
    chroot /host /bin/sh /tmp/lobby-run.sh
result $?
