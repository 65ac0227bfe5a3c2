#!/usr/bin/env bash
# Start a CUPS server with a cups-pdf queue named KioskPDF, for the tests marked @pytest.mark.cups,
# and two queues on the real Debian label printer drivers whose output is captured to a folder:
#
#   KioskDymo450  DYMO LabelWriter 450 (printer-driver-dymo, raster2dymolw)
#   KioskQL570    Brother QL-570 (printer-driver-ptouch, foomatic-rip + rastertoptch)
#
# Their device is the "kiosk-capture" backend written below: it stores each job's printer-language
# bytes (what would go down the USB cable) in $KIOSK_CAPTURE_DIR as <queue>-<job id>.prn, where the
# tests decode them back to a bitmap (tests/integration/printing/test_label_drivers.py).
#
# Run as root (CI and the developers' machines are root). Safe to run again: it installs only what is
# missing, starts cupsd only when no scheduler answers, and re-creates the queue. There is no systemd
# here, so cupsd is started by hand (it daemonises itself) and we wait until `lpstat -r` sees it.
set -euo pipefail

QUEUE="${KIOSK_CUPS_QUEUE:-KioskPDF}"
CAPTURE_DIR="${KIOSK_CAPTURE_DIR:-/var/spool/kiosk-capture}"
DRIVER_PACKAGES="printer-driver-dymo printer-driver-ptouch"

if [ "$(id -u)" != 0 ]; then
    echo "cups-setup: must run as root (it installs packages and starts cupsd)" >&2
    exit 1
fi

if ! command -v cupsd >/dev/null || ! command -v lp >/dev/null || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
    echo "cups-setup: installing cups and printer-driver-cups-pdf"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cups printer-driver-cups-pdf >/dev/null
fi
missing=""
for pkg in $DRIVER_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "cups-setup: installing$missing"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

# The capture backend. CUPS runs a backend that is not root-only (mode 0755) as its unprivileged user
# ("lp"), so the folder belongs to lp; the file appears whole (written aside, then renamed) when the job
# leaves the queue.
cat >/usr/lib/cups/backend/kiosk-capture <<'BACKEND'
#!/bin/sh
# CUPS backend: write the job's printer-language bytes to the folder in the device URI
# (kiosk-capture:/var/spool/kiosk-capture) as <queue>-<job id>.prn. For tests only.
# kiosk-capture:/folder?state=<IPP printer-state-reason> plays a printer in that state instead.
if [ "$#" -eq 0 ]; then
    echo 'direct kiosk-capture "Unknown" "Kiosk capture (writes printer output to a folder)"'
    exit 0
fi
dir="${DEVICE_URI#kiosk-capture:}"
state="${dir#*\?state=}"
[ "$state" = "$dir" ] && state=""
dir="${dir%%\?*}"
[ -n "$dir" ] && [ "$dir" != "$DEVICE_URI" ] || dir=/var/spool/kiosk-capture
if [ -n "$state" ]; then
    # ?state=media-empty-error: answer as a printer out of labels does (the USB backend reports the
    # printer's own state this way), and stop the queue (CUPS_BACKEND_STOP).
    echo "STATE: +$state" >&2
    echo "ERROR: the printer reports $state" >&2
    exit 4
fi
out="$dir/${PRINTER:-queue}-$1.prn"
if [ -n "$6" ]; then cat "$6" >"$out.part" || exit 1; else cat >"$out.part" || exit 1; fi
chmod 0644 "$out.part"
mv "$out.part" "$out"
echo "INFO: captured $(wc -c <"$out") bytes to $out" >&2
exit 0
BACKEND
chmod 0755 /usr/lib/cups/backend/kiosk-capture
mkdir -p "$CAPTURE_DIR"
chown lp "$CAPTURE_DIR" 2>/dev/null || chmod 1777 "$CAPTURE_DIR"

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

# The label printer queues, on the drivers' own PPDs.
add_driver_queue() {
    local name="$1" model="$2"
    if ! lpinfo -m 2>/dev/null | awk '{print $1}' | grep -qx "$model"; then
        echo "cups-setup: the driver model $model is not installed (lpinfo -m)" >&2
        exit 1
    fi
    # "Printer drivers are deprecated" is CUPS 2.4 talking about PPDs in general: not an error here.
    lpadmin -p "$name" -E -v "kiosk-capture:$CAPTURE_DIR" -m "$model" 2>/dev/null
    cupsenable "$name"
    cupsaccept "$name"
    echo "cups-setup: queue $name ready (driver $model, output in $CAPTURE_DIR)"
}
add_driver_queue KioskDymo450 dymo:0/cups/model/lw450.ppd
add_driver_queue KioskQL570 ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd
