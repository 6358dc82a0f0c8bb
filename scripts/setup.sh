#!/usr/bin/env bash
# Installs the system packages Pizhu needs on a fresh Debian/Ubuntu machine:
# a C toolchain and pkg-config for building, the libraries eframe loads at run time,
# Xvfb and friends for the headless GUI run, and Python packages for the export validators.
# Idempotent; run as root or with sudo available.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PKGS=(
  gcc pkg-config
  # Loaded at run time by winit / glow / wgpu / rfd.
  libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0
  libgl1 libegl1 libgl1-mesa-dri libvulkan1 mesa-vulkan-drivers libfontconfig1 libdbus-1-3
  # Headless GUI runs and screenshots.
  xvfb xauth xdotool imagemagick
  # A system font with emoji for the fallback chain, and zenity for rfd without a portal.
  fonts-noto-color-emoji zenity
  python3 python3-pip
  # Packaging checks: desktop-file-validate, xmllint.
  desktop-file-utils libxml2-utils
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="$here/../shared/schemas/requirements.txt"
if [ -f "$req" ]; then
  python3 -m pip install -q -r "$req"
fi
