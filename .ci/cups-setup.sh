#!/bin/sh
# Set up the real CUPS queues the slip tests print through (tests/slip/test_cups.py).
#
# Idempotent; runs as root (CI container). Needs the Debian packages `cups`,
# `cups-client` and `printer-driver-cups-pdf`. Starts cupsd if it is not running,
# waits for it, then (re)creates:
#   mppslip      a cups-pdf queue, enabled and accepting: prints land as PDF files
#   mppslip-off  the same driver, but disabled (cupsdisable): printing must be refused
#   mppslip-reject  enabled but not accepting jobs (cupsreject): refused as well
# Last line of stdout: the directory cups-pdf writes the current user's PDFs to
# (cups-pdf's "Out ${HOME}/PDF", where HOME comes from the password database, not
# from the environment: /root/PDF for root).
set -eu
export LC_ALL=C

PPD_MODEL=lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
PPD_FILE=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

if [ "$(id -u)" -ne 0 ]; then
    echo "cups-setup.sh: must run as root" >&2
    exit 1
fi
for tool in cupsd lpadmin lpstat cupsdisable cupsenable cupsaccept cupsreject; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "cups-setup.sh: '$tool' not found: apt-get install cups cups-client printer-driver-cups-pdf" >&2
        exit 1
    }
done

if ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
    mkdir -p /run/cups
    cupsd
fi
i=0
until lpstat -r 2>/dev/null | grep -q "scheduler is running"; do
    i=$((i + 1))
    if [ "$i" -gt 100 ]; then
        echo "cups-setup.sh: cupsd did not start within 20 s" >&2
        exit 1
    fi
    sleep 0.2
done

add_queue() {
    # -m names the driver through cups-driverd; fall back to the PPD file itself.
    lpadmin -p "$1" -v cups-pdf:/ -m "$PPD_MODEL" -E 2>/dev/null \
        || lpadmin -p "$1" -v cups-pdf:/ -P "$PPD_FILE" -E
}

add_queue mppslip
cupsenable mppslip
cupsaccept mppslip

add_queue mppslip-off
cupsdisable -r "disabled on purpose for the slip tests" mppslip-off

add_queue mppslip-reject
cupsenable mppslip-reject
cupsreject -r "rejecting on purpose for the slip tests" mppslip-reject

lpstat -p mppslip -p mppslip-off -p mppslip-reject >&2

home=$(getent passwd "$(id -un)" | cut -d: -f6)
mkdir -p "$home/PDF"
echo "$home/PDF"
