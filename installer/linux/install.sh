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
#   /etc/kiosk/installed-packages  the Debian packages this script installed (uninstall.sh removes them)
# It ends by creating the administrator and the head of school (their PINs asked for, or read from
# INSTALL_ADMIN_PIN / INSTALL_HEAD_PIN), so the touchscreen never offers set-up to whoever walks up.
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
  --admin NAME          the administrator's name (default: asked for; $INSTALL_ADMIN_NAME)
  --head NAME           the head of school's name, who approves bans (default: asked; $INSTALL_HEAD_NAME)
                        Their PINs are asked for, or read from $INSTALL_ADMIN_PIN and $INSTALL_HEAD_PIN.
                        With no terminal and no PINs the kiosk is installed but not started.
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
admin_name="${INSTALL_ADMIN_NAME:-}"
head_name="${INSTALL_HEAD_NAME:-}"
# The PINs are taken out of the environment, so no program started from here sees them there.
admin_pin_given="${INSTALL_ADMIN_PIN:-}"
head_pin_given="${INSTALL_HEAD_PIN:-}"
unset INSTALL_ADMIN_PIN INSTALL_HEAD_PIN
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
        --admin) admin_name="${2:?--admin needs a name}"; shift 2 ;;
        --head) head_name="${2:?--head needs a name}"; shift 2 ;;
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
        # cage runs the kiosk; pam_systemd (libpam-systemd) gives the kiosk user its logind session on
        # the seat (kiosk.pam); Debian 12's cage starts /usr/bin/Xwayland without depending on it and
        # hangs, instead of exiting, when it is missing.
        packages="$packages cage libpam-systemd xwayland"
    fi
    if [ -n "$database_url" ]; then
        # pg_dump for the nightly backup (kiosk db backup) and pg_restore for kiosk db restore.
        packages="$packages postgresql-client"
    fi
    missing=""
    for pkg in $packages; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        say "installing$missing"
        before="$(mktemp)"
        dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" {print $2}' | sort >"$before"
        run apt-get update -qq
        # shellcheck disable=SC2086  # the package list is meant to split into words
        run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
            >/dev/null
        if [ "$dry_run" -eq 0 ]; then
            # Every package this run added (with their dependencies), so uninstall.sh can remove them.
            mkdir -p /etc/kiosk
            touch /etc/kiosk/installed-packages
            dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" {print $2}' | sort \
                | comm -13 "$before" - | sort -u - /etc/kiosk/installed-packages \
                >/etc/kiosk/installed-packages.new
            mv /etc/kiosk/installed-packages.new /etc/kiosk/installed-packages
        fi
        rm -f "$before"
    fi
fi

# What the units need, whichever way it came (apt above, or --no-apt and installed by hand).
if [ "$system" -eq 1 ] && [ "$dry_run" -eq 0 ]; then
    needs=()
    if [ "$with_kiosk" -eq 1 ]; then
        needs+=("/usr/bin/cage:cage" "/usr/bin/Xwayland:xwayland")
        if ! ls /lib/*/security/pam_systemd.so /usr/lib/*/security/pam_systemd.so >/dev/null 2>&1; then
            die "pam_systemd.so is missing (install libpam-systemd): kiosk.service cannot open its session"
        fi
    fi
    if [ -n "$database_url" ]; then
        needs+=("/usr/bin/pg_dump:postgresql-client")
    fi
    for need in "${needs[@]}"; do
        [ -x "${need%%:*}" ] || die "${need%%:*} is missing (install ${need#*:})"
    done
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

# ---------------------------------------------------------------- database, staff and start

# as_owner CMD...: run the kiosk program as the database's owner (the kiosk user), group kiosk.
owner=kiosk
[ "$with_kiosk" -eq 1 ] || owner=root
as_owner() {
    local home
    home="$(getent passwd "$owner" | cut -d: -f6)"
    runuser -u "$owner" -g kiosk -- env HOME="${home:-/}" /usr/local/bin/kiosk "$@"
}

# read_pin GIVEN WHO: the PIN GIVEN, else asked for twice on the terminal; empty if neither.
read_pin() {
    local pin="$1" who="$2" again
    if [ -z "$pin" ] && [ -t 0 ]; then
        while true; do
            read -r -s -p "PIN for $who (4-12 digits): " pin; echo >&2
            read -r -s -p "the same PIN again: " again; echo >&2
            [ "$pin" = "$again" ] && break
            echo "install.sh: the two PINs differ; try again" >&2
        done
    fi
    printf '%s' "$pin"
}

# ask_name VARIABLE QUESTION: the value of VARIABLE, else asked for on the terminal.
ask_name() {
    local value="${!1:-}"
    if [ -z "$value" ] && [ -t 0 ]; then
        read -r -p "$2: " value
    fi
    printf '%s' "$value"
}

# The first staff: the administrator, then the head of school (who approves bans). Until there is an
# administrator the kiosk would offer its set-up screen to the public, so it is not started without one.
staff_ready=1
create_staff() {
    local count admin_pin head_pin
    count="$(as_owner staff count 2>/dev/null)" || count=""
    case "$count" in
        ''|*[!0-9]*) say "WARNING: could not count the staff accounts ('kiosk staff count' failed)"; return 1 ;;
        0) ;;
        *) say "the database already has $count staff accounts"; return 0 ;;
    esac
    admin_name="$(ask_name admin_name "The administrator's name (they manage staff and settings)")"
    admin_pin="$(read_pin "$admin_pin_given" "${admin_name:-the administrator}")"
    if [ -z "$admin_name" ] || [ -z "$admin_pin" ]; then
        say "no administrator yet (no terminal to ask on: give --admin and INSTALL_ADMIN_PIN)"
        return 1
    fi
    printf '%s\n' "$admin_pin" | as_owner staff add --name "$admin_name" --role administrator || return 1
    head_name="$(ask_name head_name "The head of school's name (they approve bans)")"
    head_pin="$(read_pin "$head_pin_given" "${head_name:-the head}")"
    if [ -z "$head_name" ] || [ -z "$head_pin" ]; then
        say "WARNING: no head of school yet; $admin_name adds them in the console (Staff), or:"
        say "  sudo kiosk --as '$admin_name' staff add --name NAME --role head"
        return 0
    fi
    # The administrator signs in (their PIN, first line) to add the head (their PIN, second line).
    printf '%s\n%s\n' "$admin_pin" "$head_pin" \
        | as_owner --as "$admin_name" staff add --name "$head_name" --role head || return 1
}

if [ "$system" -eq 1 ]; then
    # Made (or migrated) by the kiosk user, so the database file belongs to it and to group kiosk.
    if ! run as_owner db upgrade; then
        say "WARNING: the database could not be created or upgraded; run 'kiosk db upgrade' and 'kiosk doctor'"
        staff_ready=0
    fi
    if [ "$dry_run" -eq 1 ]; then
        echo "would create the administrator and the head of school"
    elif [ "$staff_ready" -eq 1 ] && ! create_staff; then
        staff_ready=0
    fi
    if [ -z "$database_url" ] && [ -f /var/lib/kiosk/kiosk.sqlite3 ]; then
        run chgrp kiosk /var/lib/kiosk/kiosk.sqlite3
        run chmod 0660 /var/lib/kiosk/kiosk.sqlite3
    fi
    if [ -d /run/systemd/system ]; then
        run systemctl daemon-reload
        run systemctl restart kiosk-backup.timer
        if [ "$with_kiosk" -eq 1 ] && [ "$staff_ready" -eq 1 ]; then
            run systemctl restart kiosk.service
        fi
    else
        say "systemd is not running here; the kiosk starts at the next boot"
    fi
    if [ "$with_kiosk" -eq 1 ] && [ "$staff_ready" -eq 0 ] && [ "$dry_run" -eq 0 ]; then
        # Not enabled either, so a reboot does not show the set-up screen to the public.
        rm -f "/etc/systemd/system/graphical.target.wants/kiosk.service"
        if [ -d /run/systemd/system ]; then
            systemctl daemon-reload
            systemctl stop kiosk.service 2>/dev/null || true
        fi
        say "the kiosk is NOT started: add the administrator first, then start it:"
        say "  sudo kiosk staff add --name NAME --role administrator"
        say "  sudo systemctl enable --now kiosk.service"
        exit 3
    fi
fi

say "done. Check the installation with: kiosk doctor"
