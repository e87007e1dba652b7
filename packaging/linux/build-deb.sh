#!/usr/bin/env bash
# Build mpp-counter_<version>_amd64.deb from the PyInstaller folder.
#
#   packaging/linux/build-deb.sh [FROZEN_DIR] [OUT_DIR]
#     FROZEN_DIR  the one-folder build (default: dist/mpp-counter)
#     OUT_DIR     where the .deb goes (default: dist)
# MPP_DEB_COMPRESS=gzip MPP_DEB_LEVEL=1 trade size for speed (the tests use them).
#
# The version is what the frozen program itself reports (`mpp-counter --version`), so the
# package name can never disagree with the program. Installs to /opt/mpp-counter with
# /usr/bin/mpp-counter, a desktop entry and an icon; depends on the Qt runtime libraries
# listed in scripts/system-deps.sh. The package owns no user data: the store lives in each
# user's data folder (~/.local/share/mpp-counter), which remove and purge never touch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
frozen=$(cd "${1:-$root/dist/mpp-counter}" && pwd)
out=$(mkdir -p "${2:-$root/dist}" && cd "${2:-$root/dist}" && pwd)

[ -x "$frozen/mpp-counter" ] || { echo "build-deb: no frozen program in $frozen" >&2; exit 2; }
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is missing" >&2; exit 2; }
reported=$(env -u PYTHONPATH -u PYTHONHOME "$frozen/mpp-counter" --version)
version=${reported#mpp-counter }
[ -n "$version" ] && [ "$version" != "$reported" ] \
  || { echo "build-deb: cannot read the version ($reported)" >&2; exit 1; }
# PEP 440 pre-releases sort before the release in Debian only with a tilde: 1.0rc1 -> 1.0~rc1
deb_version=$(printf '%s' "$version" | sed -E 's/[.]?(a|b|rc|dev)([0-9]*)/~\1\2/; s/\+/+/')
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)

# Depends: the run-time packages of scripts/system-deps.sh, minus what only a venv needs
run_pkgs=$(sed -n '/^run_pkgs="/,/"$/p' "$root/scripts/system-deps.sh" \
  | sed -e 's/^run_pkgs="//' -e 's/"$//' | tr -s ' \n' '\n' | grep -v -e '^python3' -e '^$')
depends=$(printf '%s\n' $run_pkgs | paste -sd, - | sed 's/,/, /g')

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/pkg"
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/icons/hicolor/256x256/apps" "$pkg/usr/share/doc/mpp-counter"
cp -a "$frozen" "$pkg/opt/mpp-counter"
chmod -R u+rwX,go+rX,go-w "$pkg/opt/mpp-counter"
ln -s /opt/mpp-counter/mpp-counter "$pkg/usr/bin/mpp-counter"
install -m 644 "$root/resources/icons/mpp-counter.png" \
  "$pkg/usr/share/icons/hicolor/256x256/apps/mpp-counter.png"
install -m 644 "$here/mpp-counter.desktop" "$pkg/usr/share/applications/mpp-counter.desktop"
cat > "$pkg/usr/share/doc/mpp-counter/copyright" <<TXT
mpp-counter $version
License: Apache-2.0 (see /usr/share/common-licenses/Apache-2.0)
Bundled fonts: DejaVu (see /opt/mpp-counter/_internal/mpp_counter/resources/fonts/LICENSE)
Bundled Qt for Python: LGPL-3.0
TXT

size_kb=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CTRL
Package: mpp-counter
Version: $deb_version
Architecture: $arch
Maintainer: mpp-counter developers <mpp-counter@localhost>
Installed-Size: $size_kb
Depends: $depends
Section: misc
Priority: optional
Homepage: https://example.invalid/mpp-counter
Description: consent collection for the KPK integrity survey at public service malls
 The counter program of a Mal Pelayanan Publik: records each visit and, with the
 citizen's consent, their mobile number (encrypted), prints a consent slip and sends
 the records to the central office when the network is there. Self-contained build:
 needs no Python on the machine. Removing the package keeps every user's data.
CTRL
(cd "$pkg" && find opt usr -type f -print0 | sort -z | xargs -0 md5sum) > "$pkg/DEBIAN/md5sums"

deb="$out/mpp-counter_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group "-Z${MPP_DEB_COMPRESS:-xz}" "-z${MPP_DEB_LEVEL:-6}" --build "$pkg" "$deb" >/dev/null
echo "$deb"
