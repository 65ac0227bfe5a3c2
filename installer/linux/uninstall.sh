#!/usr/bin/env bash
# Remove the kiosk program, its services and launcher. The data stays (the database, backups, badges,
# logs, /etc/kiosk/kiosk.toml and the kiosk user) unless --purge-data is given: a school's visit log
# and ban list must never disappear because a program was removed.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: sudo installer/linux/uninstall.sh [OPTIONS]

Removes /opt/kiosk, the kiosk services, the console launcher and the kiosk wrapper.
Keeps /var/lib/kiosk (database, backups, badges), /var/log/kiosk, /etc/kiosk and the kiosk user.

Options:
  --purge-data   also delete the database, backups, badges, logs, settings and the kiosk user
  --root DIR     uninstall from DIR as if it were / (also $DESTDIR); files only
  --dry-run      print what would be done, change nothing
  -h, --help     show this help
USAGE
}

purge=0
root="${DESTDIR:-}"
dry_run=0
while [ $# -gt 0 ]; do
    case "$1" in
        --purge-data) purge=1; shift ;;
        --root) root="${2:?--root needs a folder}"; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

system=1
if [ -n "$root" ]; then
    system=0
    [ -d "$root" ] || { echo "uninstall.sh: no folder $root" >&2; exit 1; }
    root="$(cd "$root" && pwd)"
elif [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "uninstall.sh: run as root (sudo), or use --root DIR / --dry-run" >&2
    exit 1
fi

run() {
    if [ "$dry_run" -eq 1 ]; then
        echo "would run: $*"
    else
        "$@"
    fi
}

# remove PATH...: delete files or folders under the root if they are there.
remove() {
    local path
    for path in "$@"; do
        if [ -e "$root$path" ] || [ -L "$root$path" ]; then
            run rm -rf "$root$path"
        fi
    done
}

if [ "$system" -eq 1 ] && [ -d /run/systemd/system ]; then
    run systemctl disable --now kiosk.service kiosk-backup.timer 2>/dev/null || true
fi

remove /etc/systemd/system/graphical.target.wants/kiosk.service \
    /etc/systemd/system/timers.target.wants/kiosk-backup.timer \
    /etc/systemd/system/kiosk.service \
    /etc/systemd/system/kiosk-backup.service \
    /etc/systemd/system/kiosk-backup.timer \
    /etc/pam.d/kiosk \
    /usr/share/applications/kiosk-console.desktop \
    /usr/local/bin/kiosk \
    /opt/kiosk

if [ "$system" -eq 1 ] && [ -d /run/systemd/system ]; then
    run systemctl daemon-reload
fi

if [ "$purge" -eq 1 ]; then
    remove /var/lib/kiosk /var/log/kiosk /etc/kiosk
    if [ "$system" -eq 1 ]; then
        if getent passwd kiosk >/dev/null; then
            run userdel kiosk
        fi
        if getent group kiosk >/dev/null; then
            run groupdel kiosk
        fi
    fi
    echo "uninstall.sh: removed the kiosk and all its data"
else
    echo "uninstall.sh: removed the kiosk; kept the data in /var/lib/kiosk, /var/log/kiosk and /etc/kiosk" \
        "(--purge-data deletes them)"
fi
