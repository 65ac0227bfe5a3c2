"""The PyInstaller bundle runs its commands on a machine with no Python packages: a clean environment.

This test runs the real build (installer/build.sh, about two minutes) unless dist/kiosk is newer than
every source file that goes into it, so a local run after a build reuses it. CI starts without dist/,
so it always builds there; under CI=true a missing PyInstaller fails the test instead of skipping it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "kiosk"
PROGRAM = BUNDLE / ("kiosk.exe" if sys.platform == "win32" else "kiosk")


def _clean_run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """Run the bundle with nothing but PATH, HOME and the offscreen Qt platform: no venv, no PYTHONPATH."""
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(exist_ok=True)
    runtime.chmod(0o700)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.update(extra)
    return subprocess.run(
        [str(PROGRAM), *args], env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path
    )


def test_bundle_holds_no_link_to_the_venv(bundle):
    assert (bundle / "_internal" / "kiosk" / "resources" / "policy" / "code-of-conduct.md").is_file()
    assert list((bundle / "_internal" / "kiosk" / "db" / "migrations" / "versions").glob("*.py"))
    assert (bundle / "_internal" / "kiosk" / "db" / "migrations" / "script.py.mako").is_file()
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    if sys.platform.startswith("linux"):
        names = {p.name for p in plugins.iterdir()}
        assert {"libqoffscreen.so", "libqxcb.so", "libqwayland.so"} <= names


def test_help(bundle, tmp_path):
    result = _clean_run(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: kiosk" in result.stdout and "doctor" in result.stdout


def test_db_upgrade_then_doctor(bundle, tmp_path):
    db = tmp_path / "k.sqlite3"
    url = f"sqlite:///{db}"
    result = _clean_run(tmp_path, "db", "upgrade", KIOSK_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "upgraded" in result.stdout and db.is_file()
    again = _clean_run(tmp_path, "db", "upgrade", KIOSK_DATABASE_URL=url)
    assert again.returncode == 0 and "up to date" in again.stdout
    # The migrations ran from the bundle's files: the schema is the program's newest.
    doctor = _clean_run(
        tmp_path, "doctor", KIOSK_DATABASE_URL=url, KIOSK_PRINTING__FOLDER=str(tmp_path / "badges")
    )
    assert "database: ok" in doctor.stdout and "up to date" in doctor.stdout, doctor.stdout + doctor.stderr
    backup = _clean_run(
        tmp_path, "--system", "db", "backup", str(tmp_path / "b.sqlite3"), KIOSK_DATABASE_URL=url
    )
    assert backup.returncode == 0, backup.stderr


def test_print_test_writes_a_pdf(bundle, tmp_path):
    out = tmp_path / "badge.pdf"
    result = _clean_run(tmp_path, "print-test", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    # The shipped typeface was found inside the bundle (it falls back to Helvetica otherwise).
    assert b"Atkinson" in data


def test_screenshots(bundle, tmp_path):
    out = tmp_path / "shots"
    result = _clean_run(tmp_path, "screenshots", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    pngs = list(out.glob("*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    if (out / "index.json").exists():
        json.loads((out / "index.json").read_text())


def test_bundle_size_is_reported(bundle):
    """Not a limit: prints the size, so CI logs show when a dependency makes the bundle balloon."""
    total = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {total / 1e6:.0f} MB")
    assert total > 0
