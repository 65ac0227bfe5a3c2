#!/usr/bin/env bash
# CI: install what tests/installer needs: systemd (for systemd-analyze verify, not to run it), the cage
# kiosk compositor (so the unit's ExecStart names a real binary), shellcheck, debootstrap and
# systemd-container (the booted-Debian test: .ci/booted-root.sh, systemd-nspawn), and PyInstaller in the venv.
# Idempotent: a second run installs nothing. Called from .ci/run after the venv exists.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
missing=""
for pkg in systemd cage shellcheck binutils debootstrap systemd-container; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "installer-setup: installing$missing"
    apt-get update -qq
    # shellcheck disable=SC2086  # the package list is meant to split into words
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

venv="${KIOSK_VENV:-.venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import PyInstaller" 2>/dev/null; then
    echo "installer-setup: installing pyinstaller into $venv"
    "$venv/bin/pip" install -q -c constraints.txt -e ".[test,build]"
fi
