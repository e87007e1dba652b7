#!/usr/bin/env bash
# Debian/Ubuntu packages mpp-counter needs: Qt's runtime libraries for the window, and for
# the tests a virtual X server, CUPS with a PDF queue, poppler, PostgreSQL, Chromium, a
# Secret Service, the shared libpython PyInstaller bundles, systemd-analyze and nginx for
# the central's deployment files. Safe to run twice; with nothing missing it only asks
# dpkg (no network). Usage: scripts/system-deps.sh [run|test]
#
# As root it installs what is missing; otherwise through sudo when sudo can ask for a
# password (a terminal) or needs none. When it cannot, it prints in one line the command
# to run as root and exits 3.
set -euo pipefail
what=${1:-test}
command -v apt-get >/dev/null || { echo "not a Debian-like system: install Qt 6 runtime libraries yourself" >&2; exit 0; }
pyver=${MPP_PYTHON_VERSION:-$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')}
run_pkgs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libcups2 fonts-dejavu-core python3-venv
  ca-certificates"
test_pkgs="xvfb cups cups-client printer-driver-cups-pdf poppler-utils postgresql chromium
  chromium-driver gnome-keyring dbus-x11 libsecret-tools binutils imagemagick nsis
  systemd nginx openssl strace"
# PyInstaller bundles the shared libpython of the Python running the tests; Debian's own
# Python has it as a package (a Python built elsewhere brings its own).
if dpkg-query -W "python$pyver" >/dev/null 2>&1 || apt-cache show "libpython$pyver" >/dev/null 2>&1; then
    test_pkgs="$test_pkgs libpython$pyver"
fi
pkgs=$run_pkgs
[ "$what" = test ] && pkgs="$run_pkgs $test_pkgs"
# shellcheck disable=SC2086
missing=$({ dpkg-query -W -f='${Package} ${db:Status-Status}\n' $pkgs 2>/dev/null || true; } \
          | awk '$2 == "installed" {print $1}' | sort -u \
          | comm -13 - <(printf '%s\n' $pkgs | sort -u) | tr '\n' ' ')
missing=${missing% }
[ -z "$missing" ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends $missing"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "system-deps.sh: missing Debian packages and no sudo here; as root run: $cmd" >&2
        exit 3
    fi
    if ! sudo -n true 2>/dev/null && ! [ -t 0 ]; then
        echo "system-deps.sh: missing Debian packages and sudo needs a password but there is no terminal; as root run: $cmd" >&2
        exit 3
    fi
    SUDO=(sudo)
fi
echo "system-deps.sh: installing $missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -q || ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends $missing; then
    echo "system-deps.sh: apt-get failed (above); as root run: $cmd" >&2
    exit 3
fi
