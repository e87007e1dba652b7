#!/bin/sh
# The project's own CUPS scheduler for the slip tests (tests/slip/test_slip_print.py).
#
#   .ci/cups-setup.sh          start it (or reuse the one this script started) + queues
#   .ci/cups-setup.sh stop     stop it
#
# Runs as root (CI container); needs `cups`, `cups-client`, `printer-driver-cups-pdf`.
# It never uses a scheduler it merely finds running (the system's cupsd, or one on
# localhost:631 outside a chroot): it starts its own cupsd with private configuration,
# spool, logs and a private socket under MPP_CUPS_DIR (default /run/mpp-cups)
# and no TCP port (the socket in a root-only folder), then (re)creates:
#   mppslip         a cups-pdf queue, enabled and accepting: prints land as PDF files
#   mppslip-off     the same driver, but disabled (cupsdisable): printing must be refused
#   mppslip-reject  enabled but not accepting jobs (cupsreject): refused as well
# cups-pdf writes root's jobs to /root/PDF ("Out ${HOME}/PDF", HOME from the password
# database). Last line of stdout: CUPS_SERVER=<socket>; the tests need it in their
# environment (bootstrap.py does that). Any failure exits non-zero with the reason and the
# end of the scheduler's error log.
set -eu
export LC_ALL=C

dir=${MPP_CUPS_DIR:-/run/mpp-cups}
sock=$dir/private/cups.sock
PPD_MODEL=lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
PPD_FILE=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

die() {
    echo "cups-setup.sh: $*" >&2
    if [ -s "$dir/log/error_log" ]; then
        echo "cups-setup.sh: end of $dir/log/error_log:" >&2
        tail -n 15 "$dir/log/error_log" >&2
    fi
    exit 1
}

running() {  # our own cupsd answers on our own socket
    [ -S "$sock" ] && [ -f "$dir/run/cupsd.pid" ] \
        && kill -0 "$(cat "$dir/run/cupsd.pid")" 2>/dev/null \
        && lpstat -h "$sock" -r 2>/dev/null | grep -q "scheduler is running"
}

if [ "${1:-start}" = stop ]; then
    if [ -f "$dir/run/cupsd.pid" ]; then
        kill "$(cat "$dir/run/cupsd.pid")" 2>/dev/null || true
        rm -f "$dir/run/cupsd.pid"
    fi
    exit 0
fi

[ "$(id -u)" -eq 0 ] || die "must run as root (cups-pdf and lpadmin need it)"
for tool in cupsd lpadmin lpstat cupsdisable cupsenable cupsaccept cupsreject; do
    command -v "$tool" >/dev/null 2>&1 \
        || die "'$tool' not found: apt-get install cups cups-client printer-driver-cups-pdf"
done
[ -f "$PPD_FILE" ] || die "$PPD_FILE not found: apt-get install printer-driver-cups-pdf"
[ ! -L "$dir" ] || die "$dir is a symbolic link: refusing to use it"

if ! running; then
    # The filters run as lp and must reach the PPDs and spool; only root reaches the socket.
    mkdir -p "$dir" "$dir/private"
    chmod 0711 "$dir"
    chmod 0700 "$dir/private"
    mkdir -p "$dir/etc/ppd" "$dir/spool/tmp" "$dir/cache" "$dir/run" "$dir/log"
    chmod 0710 "$dir/spool"
    chmod 01770 "$dir/spool/tmp"
    chgrp lp "$dir/spool" "$dir/spool/tmp" "$dir/cache" 2>/dev/null || true
    rm -f "$sock" "$dir/run/cupsd.pid"
    cat >"$dir/cups-files.conf" <<EOF
ServerRoot $dir/etc
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/run
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
SystemGroup root
User lp
Group lp
EOF
    cat >"$dir/cupsd.conf" <<EOF
# Only a Unix socket inside a root-only folder: no one else can reach this scheduler.
Listen $sock
LogLevel warn
Browsing No
BrowseLocalProtocols none
DefaultShared No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
    : >"$dir/etc/printers.conf"
    cupsd -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" \
        || die "cupsd refused to start with $dir/cupsd.conf"
    i=0
    until running; do
        i=$((i + 1))
        [ "$i" -le 100 ] || die "our cupsd did not answer on $sock within 20 s"
        sleep 0.2
    done
fi

export CUPS_SERVER="$sock"
add_queue() {
    # -m names the driver through cups-driverd; fall back to the PPD file itself.
    lpadmin -p "$1" -v cups-pdf:/ -m "$PPD_MODEL" -E 2>/dev/null \
        || lpadmin -p "$1" -v cups-pdf:/ -P "$PPD_FILE" -E \
        || die "lpadmin could not create the queue $1"
}

add_queue mppslip
cupsenable mppslip && cupsaccept mppslip || die "cannot enable mppslip"

add_queue mppslip-off
cupsdisable -r "disabled on purpose for the slip tests" mppslip-off || die "cannot disable mppslip-off"

add_queue mppslip-reject
cupsenable mppslip-reject && cupsreject -r "rejecting on purpose for the slip tests" mppslip-reject \
    || die "cannot make mppslip-reject refuse jobs"

lpstat -p mppslip -p mppslip-off -p mppslip-reject >&2 || die "the queues are not listed"

home=$(getent passwd "$(id -un)" | cut -d: -f6)
mkdir -p "$home/PDF"
echo "CUPS_SERVER=$sock"
