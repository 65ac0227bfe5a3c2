#!/usr/bin/env bash
# Start a CUPS server with a cups-pdf queue named KioskPDF, for the tests marked @pytest.mark.cups.
#
# Run as root (CI and the developers' machines are root). Safe to run again: it installs only what is
# missing, starts cupsd only when no scheduler answers, and re-creates the queue. There is no systemd
# here, so cupsd is started by hand (it daemonises itself) and we wait until `lpstat -r` sees it.
set -euo pipefail

QUEUE="${KIOSK_CUPS_QUEUE:-KioskPDF}"

if [ "$(id -u)" != 0 ]; then
    echo "cups-setup: must run as root (it installs packages and starts cupsd)" >&2
    exit 1
fi

if ! command -v cupsd >/dev/null || ! command -v lp >/dev/null || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
    echo "cups-setup: installing cups and printer-driver-cups-pdf"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cups printer-driver-cups-pdf >/dev/null
fi

scheduler_running() {
    # "scheduler is running" / "scheduler is not running"
    lpstat -r 2>/dev/null | grep -q '^scheduler is running'
}

if ! scheduler_running; then
    echo "cups-setup: starting cupsd"
    mkdir -p /run/cups
    cupsd
    for _ in $(seq 1 100); do
        scheduler_running && break
        sleep 0.2
    done
    if ! scheduler_running; then
        echo "cups-setup: cupsd did not start (see /var/log/cups/error_log)" >&2
        exit 1
    fi
fi

# The cups-pdf PPD's name differs between releases (lsb/usr/cups-pdf/CUPS-PDF_opt.ppd,
# CUPS-PDF_noopt.ppd, ...): take the first one lpinfo lists.
PPD="$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ {print $1; exit}')"
if [ -z "$PPD" ]; then
    echo "cups-setup: no cups-pdf PPD found by 'lpinfo -m'" >&2
    exit 1
fi

lpadmin -p "$QUEUE" -E -v cups-pdf:/ -m "$PPD"
cupsenable "$QUEUE"
cupsaccept "$QUEUE"

echo "cups-setup: queue $QUEUE ready (PPD $PPD)"
lpstat -p "$QUEUE"
