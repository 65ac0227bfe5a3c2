"""kiosk.ops runs from timers and the command line with no display: it must never import Qt or kiosk.ui."""

from __future__ import annotations

import ast
from pathlib import Path

OPS = Path(__file__).resolve().parents[3] / "kiosk" / "ops"
FORBIDDEN = ("kiosk.ui", "PySide6", "kiosk.app")


def test_ops_does_not_import_the_ui():
    offences = []
    for path in sorted(OPS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offences += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offences == []
