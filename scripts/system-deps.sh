#!/usr/bin/env bash
# Debian/Ubuntu packages mpp-counter needs: Qt's runtime libraries for the window, and for
# the tests a virtual X server, CUPS with a PDF queue, poppler, PostgreSQL, Chromium and a
# Secret Service. Safe to run twice. Usage: scripts/system-deps.sh [run|test]
set -euo pipefail
what=${1:-test}
command -v apt-get >/dev/null || { echo "not a Debian-like system: install Qt 6 runtime libraries yourself" >&2; exit 0; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
run_pkgs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libcups2 fonts-dejavu-core python3-venv"
test_pkgs="xvfb cups printer-driver-cups-pdf poppler-utils postgresql chromium chromium-driver
  gnome-keyring dbus-x11 libsecret-tools binutils imagemagick nsis strace"
pkgs=$run_pkgs
[ "$what" = test ] && pkgs="$run_pkgs $test_pkgs"
missing=$(for p in $pkgs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"; done)
[ -z "$missing" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
