#!/usr/bin/env bash
# Installs what Lobby needs from Debian packages, only when something is missing, and says so.
# Usage: scripts/setup.sh [demo|test]   (test adds the packages of the test tiers)
set -euo pipefail
mode=${1:-demo}

runtime=(libsqlite3-dev libcups2-dev libusb-1.0-0-dev libcairo2-dev libpango1.0-dev libqrencode-dev libevdev-dev libdrm-dev libssl-dev libsodium-dev fonts-dejavu-core xfonts-terminus espeak-ng libespeak-ng-dev libasound2-dev)
testing=(python3-venv nginx openssl cups-daemon cups-client cups cups-ipp-utils qemu-system-x86 busybox-static udev chromium qemu-system-arm gcc-arm-none-eabi libreoffice-calc-nogui poppler-utils)

want=("${runtime[@]}")
[ "$mode" = test ] && want+=("${testing[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: packages installed"
else
  echo "setup: all Debian packages present"
fi

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    export PATH=/opt/swift/usr/bin:$PATH
  else
    echo "setup: the Swift toolchain (6.x) is needed: put swift on PATH" >&2
    exit 1
  fi
fi
