"""Where the shipped resources are: inside the installed package, or the repo's resources/ folder."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource (policy text, theme, fonts, letter templates)."""
    packaged = resources.files("kiosk") / "resources"
    base = Path(str(packaged))
    if not base.is_dir():
        # An editable install or a source checkout: resources/ sits at the top of the repo.
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
