"""The console's look: the shared theme at the console's density, plus a few console-only rules."""

from __future__ import annotations

import logging
import re

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Settings
from kiosk.ui.theme import (
    CONSOLE_SIZES,
    LARGE_TEXT_FACTOR,
    apply_theme,
    load_fonts,
    school_palette,
    stylesheet,
    theme_state,
)

log = logging.getLogger(__name__)

# Console-only rules (side navigation, alert cards, the quiet review list), in the palette's colours.
_CONSOLE_RULES = """
QWidget[console="nav"] { background: $surface; border-right: 1px solid $border; }
QPushButton[console="navitem"] {
    text-align: left; padding: 8px 14px; border: none; border-radius: 8px; background: transparent;
    font-weight: bold; min-height: 30px;
}
QPushButton[console="navitem"]:checked { background: $notice_bg; color: $accent_strong; border-left: 4px solid $accent; }
QPushButton[console="navitem"]:hover { background: $pressed; }
QWidget[console="topbar"] { background: $surface; border-bottom: 3px solid $accent; }
QLabel[console="school"] { font-size: 18px; font-weight: bold; }
QLabel[console="who"] { color: $muted; }
QLabel[console="pagetitle"] { font-size: 22px; font-weight: bold; }
QLabel[console="sectiontitle"] { font-size: 16px; font-weight: bold; }
QLabel[console="fieldname"] { color: $muted; font-size: 13px; }
QLabel[console="fieldvalue"] { font-size: 15px; font-weight: bold; }
QLabel[console="count"] {
    color: $accent_text; background: $error; border-radius: 9px; padding: 0px 7px; font-weight: bold; font-size: 13px;
}
QFrame[console="card"] { background: $surface; border: 1px solid $border; border-radius: 10px; }
QFrame[console="visitorcard"] { background: $surface; border: 1px solid $border; border-top: 5px solid $accent; border-radius: 10px; }
QFrame[console="bancard"] { background: $surface; border: 1px solid $border; border-top: 5px solid $error; border-radius: 10px; }
QFrame[console="banner"] { background: #FBE9E7; border: 2px solid $error; border-radius: 10px; }
QLabel[console="bannertext"] { color: $error; font-weight: bold; font-size: 16px; }
QLabel[console="score"] { color: $accent_text; background: $error; border-radius: 8px; padding: 2px 10px; font-weight: bold; }
QLabel[console="reviewscore"] { color: $text; background: $keyspecial_bg; border-radius: 8px; padding: 2px 10px; }
QLabel[console="empty"] { color: $muted; font-size: 16px; }
QLabel[console="message"] { background: $notice_bg; border-left: 5px solid $accent; padding: 6px 12px; border-radius: 6px; }
QLabel[console="error"] { background: #FBE9E7; color: $error; border-left: 5px solid $error; padding: 6px 12px;
    border-radius: 6px; font-weight: bold; }
QListWidget[console="alerts"]::item { padding: 8px; border-bottom: 1px solid $border; color: $text; }
QListWidget[console="alerts"]::item:selected { background: #FBE9E7; color: $text; border-left: 5px solid $error; }
QListWidget[console="review"] { background: $bg; }
QListWidget[console="review"]::item { padding: 6px; color: $muted; border-bottom: 1px solid $border; }
QListWidget[console="review"]::item:selected { background: $notice_bg; color: $text; border-left: 5px solid $accent; }
QPushButton[role="secondary"]:disabled, QPushButton[role="quiet"]:disabled, QPushButton[role="danger"]:disabled {
    color: $disabled_text; background: $disabled_bg; border-color: $disabled_bg;
}
QPushButton[role="danger"] { color: #FFFFFF; background: $error; border-color: $error; }
QPushButton[role="primary"], QPushButton[role="danger"], QPushButton[role="secondary"], QPushButton[role="quiet"] {
    padding: 6px 16px;
}
QTableView { gridline-color: $border; }
QFrame[console="signincard"] { background: $surface; border: 1px solid $border; border-top: 6px solid $accent;
    border-radius: 14px; }
"""


def console_stylesheet(settings: Settings, *, large_text: bool = False) -> str:
    """The whole stylesheet of the console window (shared theme at console sizes + console rules).

    Set on the window rather than the application, so the console keeps its density even when the
    visitor kiosk shares the process (the demo) and themes the application with large type.
    """
    from string import Template

    state = theme_state()
    if state.font_family == "Sans Serif":
        state.font_family = load_fonts()
    palette = school_palette(settings.school.accent_colour)
    values = {k: str(v) for k, v in palette.__dict__.items()}
    rules = Template(_CONSOLE_RULES).substitute(values)
    if large_text:
        rules = re.sub(
            r"font-size: (\d+)px",
            lambda m: f"font-size: {round(int(m.group(1)) * LARGE_TEXT_FACTOR)}px",
            rules,
        )
    return _shared_stylesheet(palette, state.font_family, large_text) + rules


def _shared_stylesheet(palette, font_family: str, large_text: bool = False) -> str:
    sizes = CONSOLE_SIZES.scaled(LARGE_TEXT_FACTOR) if large_text else CONSOLE_SIZES
    return stylesheet(palette, sizes, font_family)


def style_console(window: QWidget, settings: Settings, *, large_text: bool = False) -> None:
    """Give the console window its look (type 25 % larger with ``large_text``)."""
    window.setStyleSheet(console_stylesheet(settings, large_text=large_text))


def theme_application(app: QApplication, settings: Settings) -> None:
    """Theme the application for a console-only program (fonts for dialogs outside the window)."""
    apply_theme(app, settings, console=True)
