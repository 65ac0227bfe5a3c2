#!/usr/bin/env bash
# CI: make (once) the minimal Debian bookworm root that tests/installer/test_booted.py boots with
# systemd-nspawn, and print its path. minbase + systemd + dbus, nothing of what install.sh installs,
# so the test sees install.sh bring in every package the kiosk needs on a minimal machine.
# Cached under /var/cache/kiosk-test-root/<key>, the key a hash of the suite, mirror and package list:
# the first run takes a few minutes (debootstrap), a second one none. The test never writes into the
# cached root (it boots an overlay on top of it).
set -euo pipefail

suite="${KIOSK_TEST_SUITE:-bookworm}"
mirror="${KIOSK_TEST_MIRROR:-http://deb.debian.org/debian}"
include="systemd,systemd-sysv,dbus"
cache="${KIOSK_TEST_ROOT_CACHE:-/var/cache/kiosk-test-root}"

export DEBIAN_FRONTEND=noninteractive
missing=""
for pkg in debootstrap systemd-container; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "booted-root: installing$missing" >&2
    apt-get update -qq
    # shellcheck disable=SC2086  # the package list is meant to split into words
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# One maker at a time: .ci/run starts this in the background while the other tests run, and the
# booted test calls it again, which waits here for the first to finish.
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

key="$(printf '%s\n' "$suite" "$mirror" "$include" "minbase" "1" | sha256sum | cut -c1-16)"
target="$cache/$suite-$key"
if [ -f "$target/.complete" ]; then
    echo "$target"
    exit 0
fi
mkdir -p "$cache"
work="$target.partial"
rm -rf "$work"
started=$(date +%s)
echo "booted-root: debootstrap $suite into $target (a few minutes, once)" >&2
debootstrap --variant=minbase --include="$include" "$suite" "$work" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
    tail -n 30 "$cache/debootstrap.log" >&2
    echo "booted-root: debootstrap failed (log: $cache/debootstrap.log)" >&2
    exit 1
}
# The security updates too, as a technician's machine would have them.
cat >"$work/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
SOURCES
# A name and a machine id, so the booted container does not spend its boot on first-boot set-up.
echo kiosk-test >"$work/etc/hostname"
systemd-machine-id-setup --root="$work" >/dev/null 2>&1 || true
# No apt lists and no downloaded packages in the cache: the test's install.sh fetches its own.
rm -rf "$work"/var/lib/apt/lists/* "$work"/var/cache/apt/archives/*.deb
touch "$work/.complete"
mv "$work" "$target"
echo "booted-root: made $target in $(( $(date +%s) - started )) s" >&2
echo "$target"
