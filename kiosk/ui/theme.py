"""The look of the kiosk and the console: colours, type sizes and the shipped typeface, applied as one QSS.

``apply_theme(qapp, settings)`` fills the placeholders of ``resources/theme/kiosk.qss`` from a
:class:`Palette` (the school's accent colour, or a high-contrast set) and a size scale (the kiosk's
large type, a larger-text mode, or the console's denser variant). Widgets ask for their look through
a ``role`` property (``button.setProperty("role", "primary")``), never through inline styles, so the
whole program changes together when a visitor turns on larger text or high contrast.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.resources_path import resource_path

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.ui.kiosk.start import WelcomeSettings

log = logging.getLogger(__name__)

FALLBACK_FONT = "Sans Serif"
# Atkinson Hyperlegible first (the family the theme names); Noto Naskh Arabic for Urdu, found by Qt's fallback.
_FONT_FILES = (
    "AtkinsonHyperlegible-Regular.ttf",
    "AtkinsonHyperlegible-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)


@dataclass(frozen=True)
class Palette:
    """The colours of one theme. Text colours are chosen for at least 4.5:1 contrast on their background."""

    bg: str = "#F6F4EF"
    surface: str = "#FFFFFF"
    text: str = "#17212B"
    muted: str = "#46505C"
    border: str = "#D5D9DF"
    border_strong: str = "#8A94A1"
    accent: str = "#1F6F8B"
    accent_text: str = "#FFFFFF"
    accent_strong: str = "#164F63"
    focus: str = "#E08A00"
    error: str = "#A4221B"
    notice_bg: str = "#E7F1F4"
    pressed: str = "#DDE7EC"
    field_bg: str = "#FFFFFF"
    key_bg: str = "#FFFFFF"
    keyspecial_bg: str = "#E9ECEF"
    disabled_bg: str = "#D9DDE2"
    disabled_text: str = "#4F5863"
    alt_row: str = "#F3F5F7"
    scrim: str = "rgba(23, 33, 43, 150)"


HIGH_CONTRAST = Palette(
    bg="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    border="#FFFFFF",
    border_strong="#FFFFFF",
    accent="#FFD400",
    accent_text="#000000",
    accent_strong="#FFD400",
    focus="#00E5FF",
    error="#FF8A80",
    notice_bg="#1A1A1A",
    pressed="#333333",
    field_bg="#000000",
    key_bg="#000000",
    keyspecial_bg="#1A1A1A",
    disabled_bg="#333333",
    disabled_text="#FFFFFF",
    alt_row="#111111",
    scrim="rgba(0, 0, 0, 210)",
)


@dataclass(frozen=True)
class Sizes:
    """Type sizes, and the total heights of controls (borders and padding included), in pixels."""

    body: int = 24
    small: int = 20
    large: int = 28
    title: int = 40
    huge: int = 64
    button: int = 24
    primary_font: int = 26
    big_font: int = 34
    key_font: int = 26
    field_font: int = 26
    policy_font: int = 24
    button_h: int = 56
    primary_h: int = 68
    big_h: int = 104
    choice_h: int = 88
    key_h: int = 48
    field_h: int = 60
    min_touch: int = 48
    scroll_w: int = 28
    tab_h: int = 40
    check: int = 28

    def scaled(self, factor: float) -> Sizes:
        """Type sizes times ``factor`` (the larger-text mode).

        Control heights stay: they are already large enough for the bigger type, and growing them too
        would push the keyboard off a 1280×800 screen.
        """
        return replace(self, **{k: round(getattr(self, k) * factor) for k in _TYPE_SIZES})


_TYPE_SIZES = (
    "body",
    "small",
    "large",
    "title",
    "huge",
    "button",
    "primary_font",
    "big_font",
    "key_font",
    "field_font",
    "policy_font",
)
# The kiosk: every target at least 64 px high (a finger at a front door, gloves in winter).
KIOSK_SIZES = Sizes(button_h=64, key_h=64, field_h=64, min_touch=64)
CONSOLE_SIZES = Sizes(
    body=15,
    small=13,
    large=17,
    title=22,
    huge=36,
    button=15,
    primary_font=16,
    big_font=20,
    key_font=16,
    field_font=15,
    policy_font=15,
    button_h=34,
    primary_h=40,
    big_h=56,
    choice_h=48,
    key_h=32,
    field_h=32,
    min_touch=30,
    scroll_w=14,
    tab_h=24,
    check=18,
)
LARGE_TEXT_FACTOR = 1.25


class ThemeState(QObject):
    """The theme in force; emits ``changed`` so icons (drawn from a font in a colour) can be redrawn."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.palette = Palette()
        self.sizes = KIOSK_SIZES
        self.large_text = False
        self.high_contrast = False
        self.font_family = FALLBACK_FONT


_state: ThemeState | None = None


def theme_state() -> ThemeState:
    """The process-wide theme state (created on first use)."""
    global _state
    if _state is None:
        _state = ThemeState()
    return _state


def current_palette() -> Palette:
    """The colours in force now (for icons and drawing)."""
    return theme_state().palette


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((_luminance(QColor(a)), _luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def school_palette(accent: str) -> Palette:
    """The normal palette around a school's accent colour.

    A light accent (a yellow, say) gets dark text on it, and a darker shade for text drawn in the accent
    colour on white, so the school's colour never makes anything unreadable.
    """
    colour = QColor(accent)
    if not colour.isValid():
        colour = QColor(Palette.accent)
    base = Palette()
    accent_text = "#FFFFFF" if contrast_ratio(colour.name(), "#FFFFFF") >= 4.5 else "#17212B"
    strong = QColor(colour)
    # Darken until the accent reads as text on white (4.5:1), for links, outlines and the clock.
    for _ in range(20):
        if contrast_ratio(strong.name(), "#FFFFFF") >= 4.5:
            break
        strong = strong.darker(115)
    tint = QColor(colour)
    tint.setAlphaF(1.0)
    h, s = tint.hslHueF(), tint.hslSaturationF()  # getHslF's stub says object
    notice = QColor.fromHslF(max(h, 0.0), min(s, 0.45), 0.94).name()
    pressed = QColor.fromHslF(max(h, 0.0), min(s, 0.30), 0.88).name()
    return replace(
        base,
        accent=colour.name().upper(),
        accent_text=accent_text,
        accent_strong=strong.name().upper(),
        notice_bg=notice,
        pressed=pressed,
    )


def load_fonts() -> str:
    """Register the shipped typeface (Atkinson Hyperlegible); returns the family name to use."""
    family = ""
    for name in _FONT_FILES:
        path = resource_path("fonts", name)
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = family or families[0]
    if not family:
        log.warning("shipped font not found; using the system's default sans-serif")
        return QFont().defaultFamily() or FALLBACK_FONT
    return family


_ARROWS = {
    "down": "M3 6 L13 6 L8 12 Z",
    "up": "M3 11 L13 11 L8 5 Z",
    "left": "M11 3 L11 13 L5 8 Z",
    "right": "M5 3 L5 13 L11 8 Z",
}
_arrow_folder: Path | None = None


def arrow_image(direction: str, colour: str) -> str:
    """The path of a small arrow image in ``colour`` (drop-downs, spin buttons, the calendar's months).

    QSS draws sub-controls only from images; the arrows are written once per colour as SVG into a folder
    of this process's own, so any school accent or the high-contrast set gets arrows in its colours.
    """
    global _arrow_folder
    if _arrow_folder is None or not _arrow_folder.is_dir():
        _arrow_folder = Path(tempfile.mkdtemp(prefix="kiosk-theme-"))
        atexit.register(shutil.rmtree, _arrow_folder, True)
    name = QColor(colour).name().lstrip("#")
    path = _arrow_folder / f"arrow-{direction}-{name}.svg"
    if not path.exists():
        path.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
            f'<path d="{_ARROWS[direction]}" fill="#{name}"/></svg>',
            encoding="utf-8",
        )
    return path.as_posix()


def stylesheet(palette: Palette, sizes: Sizes, font_family: str) -> str:
    """The application stylesheet: resources/theme/kiosk.qss with colours and sizes filled in."""
    template = Template(resource_path("theme", "kiosk.qss").read_text(encoding="utf-8"))
    values: dict[str, str] = {k: str(v) for k, v in palette.__dict__.items()}
    for direction in _ARROWS:
        values[f"arrow_{direction}"] = arrow_image(direction, palette.text)
        values[f"arrow_{direction}_on_accent"] = arrow_image(direction, palette.accent_text)
    values["arrow_down_disabled"] = arrow_image("down", palette.disabled_text)
    values.update({k: f"{v}px" for k, v in sizes.__dict__.items()})
    # QSS min-height sizes the content box: take off each control's padding and borders (see kiosk.qss)
    # so the totals above are what appears on screen.
    content = {
        "button_min": sizes.button_h - 2 * 8 - 4,
        "primary_min": sizes.primary_h - 2 * 10 - 4,
        "big_min": sizes.big_h - 2 * 16 - 6,
        "choice_min": sizes.choice_h - 2 * 12 - 4,
        "key_min": sizes.key_h - 4,
        "field_min": sizes.field_h - 2 * 4 - 4,
        "quiet_min": sizes.min_touch - 2 * 4 - 4,
    }
    values.update({k: f"{max(v, 8)}px" for k, v in content.items()})
    values["font"] = font_family
    return template.substitute(values)


def apply_theme(
    qapp: QApplication,
    settings: Settings | WelcomeSettings,
    *,
    large_text: bool = False,
    high_contrast: bool = False,
    console: bool = False,
    widget: QWidget | None = None,
) -> ThemeState:
    """Style the whole application: the kiosk's large type, or with ``console=True`` the denser console.

    Safe to call again (the kiosk's larger-text and high-contrast buttons do); widgets that draw
    icons listen to the returned state's ``changed`` signal. With ``widget`` only that window is
    styled, so the kiosk and the console can share one process (the demo) each in its own look.
    """
    state = theme_state()
    if state.font_family == FALLBACK_FONT:
        state.font_family = load_fonts()
    palette = HIGH_CONTRAST if high_contrast else school_palette(settings.school.accent_colour)
    sizes = CONSOLE_SIZES if console else KIOSK_SIZES
    if large_text:
        sizes = sizes.scaled(LARGE_TEXT_FACTOR)
    state.palette, state.sizes = palette, sizes
    state.large_text, state.high_contrast = large_text, high_contrast
    font = QFont(state.font_family)
    font.setPixelSize(sizes.body)
    css = stylesheet(palette, sizes, state.font_family)
    if widget is not None:
        widget.setFont(font)
        widget.setStyleSheet(css)
    else:
        qapp.setFont(font)
        qapp.setStyleSheet(css)
    state.changed.emit()
    return state
