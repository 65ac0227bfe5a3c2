"""The bundle is built only from the versions constraints.txt pins."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CHECK = ROOT / "installer" / "check_pins.py"


def _run(constraints: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(constraints)], capture_output=True, text=True)


def test_the_test_environment_holds_the_pinned_versions():
    done = _run(ROOT / "constraints.txt")
    assert done.returncode == 0, done.stderr


def test_constraints_pin_the_qt_binding_and_every_runtime_dependency():
    text = (ROOT / "constraints.txt").read_text(encoding="utf-8").lower()
    for name in (
        "pyside6-essentials==",
        "shiboken6==",
        "sqlalchemy==",
        "reportlab==",
        "psycopg==",
        "pyinstaller==",
    ):
        assert name in text.replace("_", "-"), f"constraints.txt does not pin {name}"
    assert "pyside6-essentials==6.12.0" not in text.replace("_", "-")


def test_a_different_version_stops_the_build_with_the_fix(tmp_path):
    pytest_version = metadata.version("pytest")
    wrong = tmp_path / "constraints.txt"
    wrong.write_text(f"# header\npytest==0.0.{pytest_version.replace('.', '')}\nnot-installed-pkg==1.0\n")
    done = _run(wrong)
    assert done.returncode == 1
    assert f"pytest: {pytest_version} installed" in done.stderr
    assert "pip install -c" in done.stderr
    assert "not-installed-pkg" not in done.stderr  # what is not installed is not the bundle's concern
