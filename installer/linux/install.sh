#!/usr/bin/env bash
# Install the kiosk bundle on Debian/Ubuntu and set the PC up as a locked-down visitor kiosk:
#   /opt/kiosk/                    the PyInstaller bundle (built by installer/build.sh)
#   /usr/local/bin/kiosk           a wrapper that sets umask 002, so files in the shared folder stay
#                                  writable by the whole kiosk group
#   /etc/kiosk/kiosk.toml          one database for the kiosk and the console (system settings layer)
#   /var/lib/kiosk/                the SQLite database, badges, backups (group kiosk, mode 2770)
#   /var/log/kiosk/                log files (group kiosk, mode 2770)
#   kiosk user                     no password, no sudo, no login shell; runs cage + the kiosk
#   kiosk.service                  cage on tty7 at boot, Restart=always
#   kiosk-backup.{service,timer}   nightly `kiosk db backup`
#   kiosk-console.desktop          the reception console in the desktop's menu
# Safe to run again (an upgrade is the same command with a newer bundle).
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: sudo installer/linux/install.sh [OPTIONS]

Installs the kiosk to /opt/kiosk and sets up kiosk mode (cage at boot) and the reception console.

Options:
  --bundle DIR          the built bundle (default: dist/kiosk beside this checkout)
  --database-url URL    use this PostgreSQL database instead of SQLite in /var/lib/kiosk
  --staff USER          add this existing login to the kiosk group (may be repeated): the reception
                        staff who run the console on this PC
  --backup-hour H       hour (0-23) of the nightly backup (default: 2)
  --keep N              backups to keep (default: 14)
  --no-kiosk            console only (a reception PC): no kiosk user session, no cage service
  --no-apt              do not install cage and Qt's libraries with apt-get
  --force-config        replace an existing /etc/kiosk/kiosk.toml (the old one is kept as .bak)
  --root DIR            install into DIR as if it were / (for packaging and tests; also $DESTDIR):
                        no users, groups, apt, systemctl or database set-up; files and modes only
  --dry-run             print what would be done, change nothing
  -h, --help            show this help
USAGE
}

here="$(cd "$(dirname "$0")" && pwd)"
bundle="$here/../../dist/kiosk"
database_url=""
staff=()
backup_hour=2
keep=14
with_kiosk=1
with_apt=1
force_config=0
root="${DESTDIR:-}"
dry_run=0

while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) bundle="${2:?--bundle needs a folder}"; shift 2 ;;
        --database-url) database_url="${2:?--database-url needs a URL}"; shift 2 ;;
        --staff) staff+=("${2:?--staff needs a user name}"); shift 2 ;;
        --backup-hour) backup_hour="${2:?--backup-hour needs 0-23}"; shift 2 ;;
        --keep) keep="${2:?--keep needs a number}"; shift 2 ;;
        --no-kiosk) with_kiosk=0; shift ;;
        --no-apt) with_apt=0; shift ;;
        --force-config) force_config=1; shift ;;
        --root) root="${2:?--root needs a folder}"; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

die() { echo "install.sh: $*" >&2; exit 1; }

case "$backup_hour" in
    [0-9]|1[0-9]|2[0-3]) ;;
    *) die "--backup-hour must be 0-23, not '$backup_hour'" ;;
esac
case "$keep" in
    ''|*[!0-9]*|0) die "--keep must be a number of copies (1 or more), not '$keep'" ;;
esac
if [ -n "$database_url" ]; then
    case "$database_url" in
        postgres://*|postgresql://*|postgresql+psycopg://*) ;;
        *) die "--database-url must be a PostgreSQL URL (postgresql://user:password@host/db)" ;;
    esac
fi
[ -x "$bundle/kiosk" ] || die "no bundle at $bundle (build it with installer/build.sh, or give --bundle)"
bundle="$(cd "$bundle" && pwd)"

# With --root the machine itself is left alone: only files under the root are written.
system=1
if [ -n "$root" ]; then
    system=0
    root="$(mkdir -p "$root" && cd "$root" && pwd)"
elif [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo), or use --root DIR / --dry-run"
fi

say() { echo "install.sh: $*"; }

# run CMD...: run a command on the real system, or show it.
run() {
    if [ "$dry_run" -eq 1 ]; then
        echo "would run: $*"
    else
        "$@"
    fi
}

# put_dir PATH MODE [GROUP]: make a folder under the root with this mode (and group, on the system).
put_dir() {
    local path="$root$1" mode="$2" group="${3:-}"
    if [ "$dry_run" -eq 1 ]; then
        echo "would make folder $1 (mode $mode${group:+, group $group})"
        return
    fi
    mkdir -p "$path"
    if [ -n "$group" ] && [ "$system" -eq 1 ]; then
        chgrp "$group" "$path"
    fi
    chmod "$mode" "$path"
}

# put_file PATH MODE [GROUP] < CONTENT: write a file under the root, only if its content changed.
put_file() {
    local path="$root$1" mode="$2" group="${3:-}" tmp
    tmp="$(mktemp)"
    cat >"$tmp"
    if [ "$dry_run" -eq 1 ]; then
        echo "would write $1 (mode $mode${group:+, group $group})"
        rm -f "$tmp"
        return
    fi
    mkdir -p "$(dirname "$path")"
    if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
        rm -f "$tmp"
    else
        mv "$tmp" "$path"
    fi
    if [ -n "$group" ] && [ "$system" -eq 1 ]; then
        chgrp "$group" "$path"
    fi
    chmod "$mode" "$path"
}

# enable UNIT TARGET: what `systemctl enable` does, as a symlink (works with --root and without systemd).
enable_unit() {
    local unit="$1" target="$2"
    if [ "$dry_run" -eq 1 ]; then
        echo "would enable $unit ($target)"
        return
    fi
    mkdir -p "$root/etc/systemd/system/$target.wants"
    ln -sfn "/etc/systemd/system/$unit" "$root/etc/systemd/system/$target.wants/$unit"
}

toml_string() {
    # A TOML basic string: backslashes and double quotes escaped.
    local s="${1//\\/\\\\}"
    printf '"%s"' "${s//\"/\\\"}"
}

# ---------------------------------------------------------------- packages

if [ "$system" -eq 1 ] && [ "$with_apt" -eq 1 ]; then
    packages="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 \
libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libnss3 libglib2.0-0 libwayland-client0 libwayland-cursor0 \
libwayland-egl1 fonts-dejavu-core"
    if [ "$with_kiosk" -eq 1 ]; then
        packages="$packages cage"
    fi
    missing=""
    for pkg in $packages; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        say "installing$missing"
        run apt-get update -qq
        # shellcheck disable=SC2086  # the package list is meant to split into words
        run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    fi
fi

# ---------------------------------------------------------------- users and groups

if [ "$system" -eq 1 ]; then
    if ! getent group kiosk >/dev/null; then
        run groupadd --system kiosk
    fi
    if [ "$with_kiosk" -eq 1 ]; then
        if ! getent passwd kiosk >/dev/null; then
            # A system account: no login shell, no password (locked below), its home in /var/lib/kiosk.
            run useradd --system --gid kiosk --home-dir /var/lib/kiosk/home --create-home \
                --shell /usr/sbin/nologin --comment "Reception visitor kiosk" kiosk
        fi
        # video/input/render: the screen and the touchscreen; nothing else, and never sudo.
        for extra in video input render; do
            if getent group "$extra" >/dev/null; then
                run usermod --append --groups "$extra" kiosk
            fi
        done
        run passwd --lock kiosk
        for admin in sudo wheel adm; do
            if id -nG kiosk 2>/dev/null | tr ' ' '\n' | grep -qx "$admin"; then
                run gpasswd --delete kiosk "$admin"
            fi
        done
    fi
    for person in "${staff[@]}"; do
        getent passwd "$person" >/dev/null || die "--staff $person: there is no such user"
        run usermod --append --groups kiosk "$person"
        say "$person may use the console after logging out and in again (new group: kiosk)"
    done
fi

# ---------------------------------------------------------------- the program

say "installing the bundle from $bundle to $root/opt/kiosk"
if [ "$dry_run" -eq 1 ]; then
    echo "would copy $bundle to /opt/kiosk"
else
    # Copy beside, then swap: a kiosk restarting mid-upgrade never sees half a bundle.
    mkdir -p "$root/opt"
    rm -rf "$root/opt/.kiosk.new" "$root/opt/.kiosk.old"
    cp -a "$bundle" "$root/opt/.kiosk.new"
    chmod -R u=rwX,go=rX "$root/opt/.kiosk.new"
    if [ -e "$root/opt/kiosk" ]; then
        mv "$root/opt/kiosk" "$root/opt/.kiosk.old"
    fi
    mv "$root/opt/.kiosk.new" "$root/opt/kiosk"
    rm -rf "$root/opt/.kiosk.old"
fi

put_file /usr/local/bin/kiosk 0755 <<'EOF'
#!/bin/sh
# Installed by the kiosk's install.sh. umask 002: the SQLite -wal/-shm files, badges and backups this
# user makes in /var/lib/kiosk stay writable for the rest of the kiosk group (kiosk and console).
umask 002
exec /opt/kiosk/kiosk "$@"
EOF

# ---------------------------------------------------------------- data, settings, logs

put_dir /var/lib/kiosk 2770 kiosk
put_dir /var/lib/kiosk/badges 2770 kiosk
put_dir /var/lib/kiosk/backups 2770 kiosk
put_dir /var/log/kiosk 2770 kiosk
put_dir /etc/kiosk 0755

if [ -n "$database_url" ]; then
    url="$database_url"
else
    url="sqlite:////var/lib/kiosk/kiosk.sqlite3"
fi
config="/etc/kiosk/kiosk.toml"
write_config=1
if [ -f "$root$config" ] && [ "$force_config" -eq 0 ]; then
    write_config=0
    say "keeping the existing $config (use --force-config to replace it)"
elif [ -f "$root$config" ] && [ "$dry_run" -eq 0 ]; then
    cp -p "$root$config" "$root$config.bak"
fi
if [ "$write_config" -eq 1 ]; then
    # Mode 0640, group kiosk: it may hold the PostgreSQL and SMTP passwords; the kiosk user and the
    # reception staff (group kiosk) read it, nobody else.
    put_file "$config" 0640 kiosk <<EOF
# Written by the kiosk's install.sh. The visitor kiosk (user kiosk) and the reception console (staff
# in the kiosk group) both read this file, so both use the one database named here. Settings a user
# puts in their own kiosk.toml or KIOSK_* variables override it: \`kiosk doctor\` warns when they do.
database_url = $(toml_string "$url")

[printing]
folder = "/var/lib/kiosk/badges"

[backup]
folder = "/var/lib/kiosk/backups"
keep = $keep
hour = $backup_hour

[logging]
folder = "/var/log/kiosk"
EOF
fi

# ---------------------------------------------------------------- services and launcher

if [ "$with_kiosk" -eq 1 ]; then
    put_file /etc/systemd/system/kiosk.service 0644 <"$here/kiosk.service"
    put_file /etc/pam.d/kiosk 0644 <"$here/kiosk.pam"
    enable_unit kiosk.service graphical.target
fi
put_file /etc/systemd/system/kiosk-backup.service 0644 <"$here/kiosk-backup.service"
sed "s/^OnCalendar=.*/OnCalendar=*-*-* $(printf '%02d' "$backup_hour"):00:00/" "$here/kiosk-backup.timer" \
    | put_file /etc/systemd/system/kiosk-backup.timer 0644
enable_unit kiosk-backup.timer timers.target
put_file /usr/share/applications/kiosk-console.desktop 0644 <"$here/kiosk-console.desktop"

# ---------------------------------------------------------------- database and start

if [ "$system" -eq 1 ]; then
    # Made (or migrated) by the kiosk user, so the database file belongs to it and to group kiosk.
    owner=kiosk
    [ "$with_kiosk" -eq 1 ] || owner=root
    if ! run runuser -u "$owner" -g kiosk -- /usr/local/bin/kiosk db upgrade; then
        say "WARNING: the database could not be created or upgraded; run 'kiosk db upgrade' and 'kiosk doctor'"
    fi
    if [ -z "$database_url" ] && [ -f /var/lib/kiosk/kiosk.sqlite3 ]; then
        run chgrp kiosk /var/lib/kiosk/kiosk.sqlite3
        run chmod 0660 /var/lib/kiosk/kiosk.sqlite3
    fi
    if [ -d /run/systemd/system ]; then
        run systemctl daemon-reload
        run systemctl restart kiosk-backup.timer
        if [ "$with_kiosk" -eq 1 ]; then
            run systemctl restart kiosk.service
        fi
    else
        say "systemd is not running here; the kiosk starts at the next boot"
    fi
fi

say "done. Check the installation with: kiosk doctor"
