"""Check that the Python environment a bundle is built from holds exactly the versions in constraints.txt.

Run by installer/build.sh before PyInstaller, so two builds of one commit ship the same versions.
Exit 1 with one line per package that differs, and the command that fixes it.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(constraints: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_normal(name)] = version.strip()
    return pins


def differences(constraints: Path) -> list[str]:
    installed = {_normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = []
    for name, version in sorted(pinned(constraints).items()):
        have = installed.get(name)
        if have is not None and have != version:
            wrong.append(f"{name}: {have} installed, constraints.txt pins {version}")
    return wrong


def main(argv: list[str]) -> int:
    constraints = (
        Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "constraints.txt"
    )
    wrong = differences(constraints)
    for line in wrong:
        print(f"check_pins: {line}", file=sys.stderr)
    if wrong:
        print(
            f'check_pins: fix with: {sys.executable} -m pip install -c {constraints} -e ".[build]"',
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
