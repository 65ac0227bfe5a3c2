#!/usr/bin/env bash
# Remove the kiosk program, its services and launcher. The data stays (the database, backups, badges,
# logs, /etc/kiosk/kiosk.toml and the kiosk user) unless --purge-data is given: a school's visit log
# and ban list must never disappear because a program was removed.
# Every step is tried even when one fails (the failures are listed at the end, exit status 1), so an
# uninstall never stops half-way with the data gone and the user left.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: sudo installer/linux/uninstall.sh [OPTIONS]

Removes /opt/kiosk, the kiosk services and their state, the console launcher, the kiosk wrapper and
the Debian packages install.sh installed (listed in /etc/kiosk/installed-packages).
Keeps /var/lib/kiosk (database, backups, badges), /var/log/kiosk, /etc/kiosk/kiosk.toml and the kiosk
user (who owns the data).

Options:
  --purge-data     also delete the database, backups, badges, logs, settings and the kiosk user
  --keep-packages  leave the packages install.sh installed (cage, xwayland, ...)
  --root DIR       uninstall from DIR as if it were / (also $DESTDIR); files only
  --dry-run        print what would be done, change nothing
  -h, --help       show this help
USAGE
}

purge=0
keep_packages=0
root="${DESTDIR:-}"
dry_run=0
while [ $# -gt 0 ]; do
    case "$1" in
        --purge-data) purge=1; shift ;;
        --keep-packages) keep_packages=1; shift ;;
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
with_systemd=0
if [ "$system" -eq 1 ] && [ -d /run/systemd/system ]; then
    with_systemd=1
fi

failed=()
say() { echo "uninstall.sh: $*"; }

# run CMD...: run a command (or show it); a failure is noted and the uninstall goes on (status 0).
run() {
    if [ "$dry_run" -eq 1 ]; then
        echo "would run: $*"
        return 0
    fi
    if ! "$@"; then
        failed+=("$*")
    fi
    return 0
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

# processes_of USER: the ids of USER's processes (read from /proc: no procps on a minimal system).
processes_of() {
    local uid
    uid="$(id -u "$1" 2>/dev/null)" || return 0
    find /proc -mindepth 1 -maxdepth 1 -regex '/proc/[0-9]+' -uid "$uid" -printf '%f\n' 2>/dev/null || true
}

# wait_for_user_to_leave USER: until none of USER's processes (and no logind session) is left, up to
# 30 s, then kill what remains; userdel refuses a user who still has processes.
wait_for_user_to_leave() {
    local user="$1" left i
    if [ "$with_systemd" -eq 1 ] && command -v loginctl >/dev/null; then
        loginctl terminate-user "$user" 2>/dev/null || true
    fi
    for i in $(seq 1 60); do
        left="$(processes_of "$user")"
        [ -z "$left" ] && return 0
        [ "$i" -eq 40 ] && echo "$left" | xargs -r kill -KILL 2>/dev/null
        sleep 0.5
    done
    say "the $user user still has processes: $(echo "$left" | tr '\n' ' ')"
    return 1
}

units="kiosk.service kiosk-backup.service kiosk-backup.timer"
if [ "$with_systemd" -eq 1 ]; then
    # shellcheck disable=SC2086  # the unit list is meant to split into words
    run systemctl disable --now $units 2>/dev/null || true
fi

remove /etc/systemd/system/graphical.target.wants/kiosk.service \
    /etc/systemd/system/timers.target.wants/kiosk-backup.timer \
    /etc/systemd/system/kiosk.service \
    /etc/systemd/system/kiosk-backup.service \
    /etc/systemd/system/kiosk-backup.timer \
    /var/lib/systemd/timers/stamp-kiosk-backup.timer \
    /etc/pam.d/kiosk \
    /usr/share/applications/kiosk-console.desktop \
    /usr/local/bin/kiosk \
    /opt/kiosk

if [ "$with_systemd" -eq 1 ]; then
    run systemctl daemon-reload
    # A unit that failed once stays listed (the system "degraded") until reset, even when removed.
    # shellcheck disable=SC2086
    systemctl reset-failed $units 2>/dev/null || true
fi

# The packages install.sh installed, if apt would remove nothing else with them.
packages_file="$root/etc/kiosk/installed-packages"
if [ -f "$packages_file" ] && [ "$keep_packages" -eq 0 ] && [ "$system" -eq 1 ]; then
    installed=()
    while read -r pkg; do
        if [ -n "$pkg" ] && dpkg -s "$pkg" >/dev/null 2>&1; then
            installed+=("$pkg")
        fi
    done <"$packages_file"
    if [ "${#installed[@]}" -gt 0 ]; then
        others="$(apt-get -s purge "${installed[@]}" 2>/dev/null | awk '$1 == "Purg" || $1 == "Remv" {print $2}' \
            | grep -vxF -f "$packages_file" || true)"
        if [ -n "$others" ]; then
            say "keeping the packages install.sh installed: other software needs them ($(echo "$others" | tr '\n' ' '))"
        else
            say "removing the packages install.sh installed: ${installed[*]}"
            run env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${installed[@]}" >/dev/null
        fi
    fi
    [ "$dry_run" -eq 1 ] || rm -f "$packages_file"
fi

if [ "$purge" -eq 1 ]; then
    if [ "$system" -eq 1 ] && getent passwd kiosk >/dev/null; then
        if [ "$dry_run" -eq 1 ]; then
            echo "would wait for the kiosk user's processes to end"
        else
            wait_for_user_to_leave kiosk || failed+=("the kiosk user's processes did not end")
        fi
        run userdel kiosk
    fi
    if [ "$system" -eq 1 ] && getent group kiosk >/dev/null; then
        run groupdel kiosk
    fi
    remove /var/lib/kiosk /var/log/kiosk /etc/kiosk
    if [ "$with_systemd" -eq 1 ] && command -v loginctl >/dev/null; then
        # The kiosk user's lingering logind record, if any.
        remove /var/lib/systemd/linger/kiosk
    fi
    done_message="removed the kiosk and all its data"
else
    done_message="removed the kiosk; kept the data in /var/lib/kiosk, /var/log/kiosk and /etc/kiosk (--purge-data deletes them)"
fi

if [ "${#failed[@]}" -gt 0 ]; then
    say "these steps failed; fix the cause and run uninstall.sh again:"
    printf '  %s\n' "${failed[@]}" >&2
    exit 1
fi
say "$done_message"
