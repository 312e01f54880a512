#!/bin/sh
# Builds the x86 test guest of the real-kernel tier: a Debian kernel (downloaded, unpacked,
# never installed) and an initramfs of busybox plus the input, USB and 9p modules.
#
#   Tests/Lab/build-guest.sh            builds (or reuses) the image, prints its directory
#
# The image directory holds `vmlinuz` and `initrd.gz`. It lives under $LOBBY_LAB_DIR
# (default /tmp/lobby-lab), in a sub-directory named after the kernel and a hash of this
# script, so a changed script never reuses a stale image. Nothing here is committed.
#
# Exit status: 0 with the image directory on stdout; 1 on a build error; 2 when qemu or the
# kernel package cannot be installed (the tests then skip with that message).
set -eu

LAB_DIR=${LOBBY_LAB_DIR:-/tmp/lobby-lab}
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)

log() { echo "build-guest: $*" >&2; }
unavailable() { log "$*"; exit 2; }

# apt-get with a retry while another install holds the dpkg lock.
apt_install() {
    tries=0
    until apt-get install -y --no-install-recommends "$@" >&2; do
        tries=$((tries + 1))
        [ "$tries" -lt 20 ] || return 1
        log "apt-get install $* failed (dpkg lock held?), retrying in 15 s"
        sleep 15
    done
}

# 1. Host tools.
missing=""
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing="$missing qemu-system-x86"
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx cpio || missing="$missing busybox-static"
command -v dpkg-deb >/dev/null 2>&1 || unavailable "dpkg-deb not found: not a Debian system"
if [ -n "$missing" ]; then
    log "installing$missing"
    apt_install $missing || unavailable "cannot install$missing with apt-get"
fi
# The guest needs a statically linked busybox (Debian's busybox-static installs /bin/busybox).
if ldd /bin/busybox >/dev/null 2>&1; then
    unavailable "/bin/busybox is dynamically linked: install busybox-static"
fi

# 2. The kernel package named by the metapackage.
kernel_package=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
[ -n "$kernel_package" ] || unavailable "apt-cache depends linux-image-amd64 names no kernel package (apt lists missing? run apt-get update)"
kernel_release=${kernel_package#linux-image-}

script_hash=$(cat "$0" "$SCRIPT_DIR/guest-init.sh" | md5sum | cut -c1-12)
image_dir="$LAB_DIR/$kernel_release-$script_hash"
mkdir -p "$LAB_DIR"
# One builder at a time (tests may call this concurrently).
exec 9>"$LAB_DIR/.build.lock"
flock 9
if [ -s "$image_dir/vmlinuz" ] && [ -s "$image_dir/initrd.gz" ]; then
    echo "$image_dir"
    exit 0
fi

work=$(mktemp -d "$LAB_DIR/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The package is kept beside the images, so a changed script does not download it again.
deb="$LAB_DIR/$kernel_package.deb"
if [ ! -s "$deb" ]; then
    log "downloading $kernel_package"
    mkdir -p "$work/download" && chmod 777 "$work" "$work/download"   # readable for the _apt user
    (cd "$work/download" && apt-get download "$kernel_package" >&2) \
        || unavailable "apt-get download $kernel_package failed"
    rm -f "$LAB_DIR"/linux-image-*.deb
    mv "$work/download"/linux-image-*.deb "$deb"
fi
dpkg-deb -x "$deb" "$work/pkg" || { rm -f "$deb"; log "cannot unpack $deb"; exit 1; }
modules="$work/pkg/lib/modules/$kernel_release"
[ -d "$modules" ] || { log "no modules for $kernel_release in the package"; exit 1; }

# 3. The initramfs tree.
root="$work/root"
mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/host" "$root/modules"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] && continue     # never link busybox onto itself
    ln -s busybox "$root/bin/$applet"
done

# The modules the guest needs. Each is loaded after the modules its `depends=` field names
# (read from the .ko file itself), so e.g. virtio_ring comes before virtio and netfs before fscache.
wanted="usb-common usbcore xhci-hcd xhci-pci hid usbhid hid-generic hid-multitouch evdev uinput
virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_input
9pnet 9pnet_virtio netfs fscache 9p usbserial ftdi_sio usblp"
# The display lab: QEMU's bochs-display through the bochs DRM driver (pulls in drm, drm_kms_helper,
# drm_vram_helper, drm_ttm_helper, ttm and the fb helpers by their depends= fields); its fbdev
# emulation gives /dev/fb0. Harmless without a display device (the driver binds to nothing).
wanted="$wanted bochs"
# The sound lab: QEMU's intel-hda with an hda-output codec (Docs/Audio.md). The generic codec
# driver is loaded before the controller, or the kernel cannot probe the codec.
wanted="$wanted snd-hda-codec-generic snd-hda-intel"
: > "$root/modules/order"

module_file() {
    find "$modules/kernel" \( -name "$1.ko" -o -name "$2.ko" -o -name "$1.ko.xz" -o -name "$2.ko.xz" \) | head -1
}

add_module() {
    local underscored found dependency dependencies
    underscored=$(echo "$1" | tr - _)
    grep -qx "$underscored" "$root/modules/order" && return 0
    found=$(module_file "$1" "$underscored")
    if [ -z "$found" ]; then
        grep -Eq "/($1|$underscored)\.ko$" "$modules/modules.builtin" 2>/dev/null && return 0   # built in
        log "module $1 not found in $kernel_package"
        exit 1
    fi
    case "$found" in
        *.xz) xz -dc "$found" > "$work/module.ko" ;;
        *) cp "$found" "$work/module.ko" ;;
    esac
    dependencies=$(tr '\0' '\n' < "$work/module.ko" | sed -n 's/^depends=//p' | head -1 | tr , ' ')
    mv "$work/module.ko" "$root/modules/$underscored.ko"
    for dependency in $dependencies; do
        add_module "$dependency"
    done
    echo "$underscored" >> "$root/modules/order"
}
for name in $wanted; do
    add_module "$name"
done

cp "$SCRIPT_DIR/guest-init.sh" "$root/init"
chmod 755 "$root/init"

mkdir -p "$work/out"
(cd "$root" && find . | /bin/busybox cpio -o -H newc 2>/dev/null) | gzip -9 > "$work/out/initrd.gz"
cp "$work/pkg/boot/vmlinuz-$kernel_release" "$work/out/vmlinuz"

rm -rf "$image_dir"
mv "$work/out" "$image_dir"
log "built $image_dir ($(du -h "$image_dir/initrd.gz" | cut -f1) initramfs)"
echo "$image_dir"
