#!/usr/bin/env bash
# The README's test command on a bare Debian 12, as CI runs it: root, CI=true, no
# standard input, in a fresh clone of COMMIT inside a minbase chroot where only python3
# was installed. Prints the pytest summary line and the time taken.
#
#   sudo scripts/bare-debian-check.sh [COMMIT]     # default HEAD of this checkout
#
# The chroot (MPP_BARE_ROOT, default /work/bare-root) is made once with debootstrap and
# kept as a pristine tarball; every run starts again from that tarball, so nothing a
# previous run installed is there. Downloaded .deb files and pip wheels are kept in
# MPP_BARE_CACHE (default $MPP_BARE_ROOT.cache) only to save bandwidth: they are
# installed afresh each run. MPP_BARE_REUSE=1 skips the reset (quicker, not bare).
set -euo pipefail
commit=${1:-HEAD}
root=${MPP_BARE_ROOT:-/work/bare-root}
cache=${MPP_BARE_CACHE:-$root.cache}
pristine=$root.pristine.tar
mirror=${MPP_BARE_MIRROR:-http://deb.debian.org/debian}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
sha=$(git -C "$repo" rev-parse --verify "$commit^{commit}")
log=${MPP_BARE_LOG:-$root.log}

[ "$(id -u)" -eq 0 ] || { echo "bare-debian-check: needs root (debootstrap, chroot, mount)" >&2; exit 1; }

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    mounted=()
}
trap 'kill_chroot_processes; unmount_all' EXIT
mnt() {  # mnt TARGET mount-args...
    local target=$1; shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounted+=("$target")
}

kill_chroot_processes() {  # daemons the tests left (cupsd, postgres, dbus) keep mounts busy
    local link pid
    for link in /proc/[0-9]*/root; do
        pid=${link#/proc/}; pid=${pid%/root}
        [ "$(readlink "$link" 2>/dev/null)" = "$root" ] && kill -9 "$pid" 2>/dev/null || true
    done
}

safe_to_remove() {  # never rm -rf through a bind mount of the host's /dev
    if awk -v r="$root" '$2 == r || index($2, r "/") == 1' /proc/mounts | grep -q .; then
        echo "bare-debian-check: something is still mounted under $root; unmount it first" >&2
        exit 1
    fi
}

if [ ! -f "$pristine" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
    safe_to_remove
    rm -rf "$root"
    debootstrap --variant=minbase bookworm "$root" "$mirror"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c 'apt-get update -q && apt-get install -y -q python3 && apt-get clean'
    tar -C "$root" -cf "$pristine" .
fi
if [ "${MPP_BARE_REUSE:-0}" != 1 ] || [ ! -x "$root/usr/bin/python3" ]; then
    kill_chroot_processes
    safe_to_remove
    rm -rf "$root"
    mkdir -p "$root"
    tar -C "$root" -xf "$pristine"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The network's own certificate authorities (a TLS-inspecting proxy, say): the same trust
# as the host, or pip cannot reach PyPI. A machine with a plain connection has none.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null 2>&1
fi

mkdir -p "$cache/apt" "$cache/pip"
mnt "$root/proc" -t proc proc
mnt "$root/sys" -t sysfs sysfs
mnt "$root/dev" --bind /dev
mnt "$root/dev/pts" -t devpts -o newinstance,ptmxmode=0666 devpts
mnt "$root/dev/shm" -t tmpfs -o mode=1777 shm
mnt "$root/var/cache/apt/archives" --bind "$cache/apt"
mnt "$root/root/.cache/pip" --bind "$cache/pip"

rm -rf "$root/root/mpp-counter"
git clone -q --no-local "$repo" "$root/root/mpp-counter"
git -C "$root/root/mpp-counter" checkout -q "$sha"

echo "bare-debian-check: $sha in $root, log $log"
start=$(date +%s)
set +e
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 CI=true TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    sh -c 'cd /root/mpp-counter && exec python3 bootstrap.py test' </dev/null >"$log" 2>&1
rc=$?
set -e
took=$(($(date +%s) - start))
kill_chroot_processes
summary=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tail -1 || true)
echo "summary: ${summary:-none (see $log)}"
grep -E '^(SKIPPED|FAILED|ERROR) ' "$log" || true
printf 'exit %s, %dm%02ds for the whole command (apt, pip, tests)\n' "$rc" $((took / 60)) $((took % 60))
exit "$rc"
