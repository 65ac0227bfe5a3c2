"""The PyInstaller bundle (dist/kiosk), built once per test session unless it is newer than its sources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "kiosk"
PROGRAM = BUNDLE / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
SOURCES = [
    ROOT / "kiosk",
    ROOT / "resources",
    ROOT / "installer" / "kiosk.spec",
    ROOT / "installer" / "kiosk_entry.py",
]


def _newest_source() -> float:
    newest = (ROOT / "pyproject.toml").stat().st_mtime
    for source in SOURCES:
        files = [source] if source.is_file() else [p for p in source.rglob("*") if p.is_file()]
        for path in files:
            if "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """dist/kiosk, built now unless it is newer than the sources.

    Built under a lock every xdist worker sees: a second worker waits, then finds it fresh (two builds at
    once would each delete the other's dist/kiosk, under a booted machine that has it mounted).
    """
    import fcntl

    from tests.conftest import shared_lock_path

    path = shared_lock_path(tmp_path_factory, "bundle")
    with open(path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        if lock.read() == "built" and PROGRAM.is_file():
            return BUNDLE  # built by another worker of this run: never rebuilt under a running test
        built = _built_bundle()
        lock.seek(0)
        lock.truncate()
        lock.write("built")
        return built


def _built_bundle() -> Path:
    if PROGRAM.is_file() and PROGRAM.stat().st_mtime > _newest_source():
        return BUNDLE
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip('PyInstaller is not installed (pip install -e ".[build]"; .ci/installer-setup.sh does)')
    env = {**os.environ, "KIOSK_PYTHON": sys.executable}
    done = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh")], capture_output=True, text=True, env=env, timeout=1800
    )
    assert done.returncode == 0, done.stderr[-5000:] + done.stdout[-2000:]
    assert PROGRAM.is_file()
    return BUNDLE
