#!/usr/bin/env bash
# Installs the Debian/Ubuntu libraries Qt needs (xcb and wayland platforms + offscreen; the bundle
# build copies them into dist/selfcare-app), Xvfb for machines without a display, poppler-utils
# for the PDF checks, the desktop-file / AppStream validators that tests/test_packaging.py
# runs, and what the AT-SPI screen-reader test (tests/ui/test_atspi.py) needs: a D-Bus daemon,
# the AT-SPI bus, xdotool to type, and the system Python's pyatspi to read the tree.
# Installs only what is missing.
set -euo pipefail
PKGS=(libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6
      libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
      libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
      libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libwayland-cursor0 libwayland-egl1
      xvfb xauth poppler-utils desktop-file-utils appstream
      dbus at-spi2-core xdotool python3 python3-gi gir1.2-atspi-2.0 python3-pyatspi)
command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian-based system: install Qt's xcb libraries yourself."; exit 0; }
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Missing system packages (run as root to install): ${missing[*]}" >&2; exit 1; fi
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
