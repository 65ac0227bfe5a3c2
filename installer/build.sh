#!/usr/bin/env bash
# Build the self-contained one-folder bundle dist/kiosk/ with PyInstaller (installer/kiosk.spec), then
# check it: the Qt platform plugins, resources and migrations are present and `kiosk --help` runs with
# no Python environment at all.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: installer/build.sh [--python PATH] [--dist DIR] [--no-check]

Builds dist/kiosk/ (the program is dist/kiosk/kiosk) from this checkout with PyInstaller.

  --python PATH   the Python that has the kiosk and PyInstaller installed
                  (default: $KIOSK_PYTHON, else .venv/bin/python, else python3)
  --dist DIR      where to put the bundle (default: dist)
  --no-check      skip the smoke test of the finished bundle
  -h, --help      show this help

Install PyInstaller first, at the pinned versions:
    .venv/bin/pip install -c constraints.txt -e ".[build]"
The build refuses an environment whose versions differ from constraints.txt
(KIOSK_NO_PIN_CHECK=1 skips that check, for a trial build only).
USAGE
}

root="$(cd "$(dirname "$0")/.." && pwd)"
python="${KIOSK_PYTHON:-}"
dist="$root/dist"
check=1
while [ $# -gt 0 ]; do
    case "$1" in
        --python) python="${2:?--python needs a path}"; shift 2 ;;
        --dist) dist="${2:?--dist needs a folder}"; shift 2 ;;
        --no-check) check=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$python" ]; then
    if [ -x "$root/.venv/bin/python" ]; then python="$root/.venv/bin/python"; else python=python3; fi
fi
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is not installed for $python; run: $python -m pip install -c constraints.txt -e '.[build]'" >&2
    exit 1
fi

work="$root/build/pyinstaller"
cd "$root"
# The bundle ships exactly the versions constraints.txt pins (KIOSK_NO_PIN_CHECK=1 to build anyway).
if [ "${KIOSK_NO_PIN_CHECK:-0}" != "1" ]; then
    "$python" installer/check_pins.py constraints.txt
fi
# --clean: a stale analysis cache can keep a module that was since removed, or miss a new data file.
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" installer/kiosk.spec

bundle="$dist/kiosk"
if [ "$check" -eq 1 ]; then
    internal="$bundle/_internal"
    for needed in \
        kiosk/resources/policy/code-of-conduct.md \
        kiosk/resources/theme/kiosk.qss \
        kiosk/resources/fonts/AtkinsonHyperlegible-Regular.ttf \
        kiosk/resources/fonts/NotoNaskhArabic-Regular.ttf \
        kiosk/resources/i18n/kiosk_cy.qm \
        kiosk/resources/i18n/kiosk_en.qm \
        kiosk/db/migrations/env.py \
        kiosk/db/migrations/script.py.mako \
        nicknames/names.csv \
        confusable_homoglyphs/confusables.json \
        PySide6/Qt/plugins/platforms/libqoffscreen.so \
        PySide6/Qt/plugins/platforms/libqxcb.so; do
        case "$(uname -s)" in
            Linux) ;;
            *) case "$needed" in *.so) continue ;; esac ;;
        esac
        if [ ! -e "$internal/$needed" ]; then
            echo "build.sh: the bundle lacks $needed" >&2
            exit 1
        fi
    done
    if ! ls "$internal"/kiosk/db/migrations/versions/*.py >/dev/null 2>&1; then
        echo "build.sh: the bundle lacks the migration scripts" >&2
        exit 1
    fi
    # A clean environment: no venv, no PYTHONPATH, a throwaway HOME, so nothing outside the bundle helps.
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    env -i PATH=/usr/bin:/bin HOME="$tmp" QT_QPA_PLATFORM=offscreen "$bundle/kiosk" --help >/dev/null
fi
echo "built $bundle ($(du -sh "$bundle" | cut -f1))"
