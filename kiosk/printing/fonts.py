"""The typeface of badges and reports: Atkinson Hyperlegible (shipped in resources/fonts), else Helvetica.

Atkinson Hyperlegible was designed by the Braille Institute for low-vision readers: its letters that
are easy to confuse (I l 1, O 0, rn m) are drawn apart, which helps on a small thermal label.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

import kiosk

_REGULAR_FILE = "AtkinsonHyperlegible-Regular.ttf"
_BOLD_FILE = "AtkinsonHyperlegible-Bold.ttf"
_lock = threading.Lock()


def resource_path(*parts: str) -> Path | None:
    """A file in the app's resources: inside the installed wheel (kiosk/resources) or the source tree."""
    try:
        packaged = resources.files(kiosk).joinpath("resources", *parts)
        if packaged.is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, NotADirectoryError, TypeError):
        pass
    # A source checkout keeps resources/ beside the kiosk package, not inside it.
    source = Path(kiosk.__file__).resolve().parent.parent / "resources" / Path(*parts)
    return source if source.is_file() else None


def _register() -> tuple[str, str]:
    # reportlab's font registry is process-wide; registering the same name twice is harmless, but
    # the lock keeps two first calls on different threads from both parsing the files.
    with _lock:
        regular, bold = resource_path("fonts", _REGULAR_FILE), resource_path("fonts", _BOLD_FILE)
        if regular is None or bold is None:
            return "Helvetica", "Helvetica-Bold"
        try:
            if "Atkinson" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("Atkinson", str(regular)))
                pdfmetrics.registerFont(TTFont("Atkinson-Bold", str(bold)))
                pdfmetrics.registerFontFamily(
                    "Atkinson",
                    normal="Atkinson",
                    bold="Atkinson-Bold",
                    italic="Atkinson",
                    boldItalic="Atkinson-Bold",
                )
        except (TTFError, OSError):
            return "Helvetica", "Helvetica-Bold"
        return "Atkinson", "Atkinson-Bold"


# Registered once, at import, so rendering (on any thread) only reads the registry.
REGULAR, BOLD = _register()


def string_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points."""
    return pdfmetrics.stringWidth(text, font, size)
