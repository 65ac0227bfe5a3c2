"""Icons from the Font Awesome icon font that ships with qtawesome, drawn in the theme's colours and
redrawn when the theme changes.

The font and its charmap are read straight from qtawesome's package folder and drawn the way qtawesome
draws them (a glyph 7/8 of the icon's height, centred), without importing qtawesome: it imports through
qtpy, whose wildcard imports create every PySide6 type and enum, a quarter of a second of the kiosk's
start on a fast core.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QLocale, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.ui.theme import current_palette, theme_state

# Icon-name prefix -> the start of the font's file names in qtawesome's fonts/ folder.
_FONTS = {
    "fa5s": "fontawesome5-solid-webfont",
    "fa5r": "fontawesome5-regular-webfont",
    "fa5b": "fontawesome5-brands-webfont",
}


class IconError(LookupError):
    """An icon name that no bundled font has."""


def _font_folder() -> Path:
    # find_spec on a top-level package locates it without running its __init__ (which imports qtpy).
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise IconError("the qtawesome package (the icon fonts) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font(prefix: str) -> tuple[str, dict[str, int]]:
    """The loaded font family and the charmap (icon name -> code point) of ``prefix``."""
    stem = _FONTS.get(prefix)
    if stem is None:
        raise IconError(f"unknown icon font {prefix!r}")
    folder = _font_folder()
    ttf = next(iter(sorted(folder.glob(f"{stem}-[0-9]*.ttf"))), None)
    charmap = next(iter(sorted(folder.glob(f"{stem}-charmap-*.json"))), None)
    if ttf is None or charmap is None:
        raise IconError(f"the {prefix} icon font is missing from {folder}")
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise IconError(f"Qt could not load the icon font {ttf}")
    codes = {name: int(code, 16) for name, code in json.loads(charmap.read_text(encoding="utf-8")).items()}
    return families[0], codes


def _glyph(name: str) -> tuple[str, str]:
    prefix, _, short = name.partition(".")
    family, codes = _font(prefix)
    code = codes.get(short)
    if code is None:
        raise IconError(f"no icon {name!r}")
    return family, chr(code)


# Glyphs that point along the line of reading: drawn mirrored while the visitor's language reads
# right to left (Urdu), so "Next" points the way the page turns. Symbols without a direction are never mirrored.
_DIRECTIONAL = frozenset(
    {
        "arrow-left",
        "arrow-right",
        "arrow-circle-left",
        "arrow-circle-right",
        "chevron-left",
        "chevron-right",
        "angle-left",
        "angle-right",
        "sign-in-alt",
        "sign-out-alt",
    }
)


class _GlyphEngine(QIconEngine):
    """Draws one glyph at whatever size Qt asks for, in one colour (another for the disabled state)."""

    def __init__(
        self, family: str, char: str, colour: QColor, disabled: QColor, directional: bool = False
    ) -> None:
        super().__init__()
        self._family, self._char, self._colour, self._disabled = family, char, colour, disabled
        self._directional = directional

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if self._directional and QLocale().textDirection() == Qt.LayoutDirection.RightToLeft:
            # Drawn as the left-to-right glyph, then mirrored pixel for pixel. The language in force is
            # the default locale (kiosk.ui.i18n sets it), read at paint time: a language change turns
            # the arrows without rebuilding the icons.
            image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            inner = QPainter(image)
            self._draw(inner, QRect(0, 0, rect.width(), rect.height()), mode)
            inner.end()
            painter.drawImage(rect.topLeft(), image.flipped(Qt.Orientation.Horizontal))
            return
        self._draw(painter, rect, mode)

    def _draw(self, painter: QPainter, rect: QRect, mode: QIcon.Mode) -> None:
        painter.save()
        painter.setPen(self._disabled if mode == QIcon.Mode.Disabled else self._colour)
        font = QFont(self._family)
        # As qtawesome: a 16 px icon gets a 14 px glyph, which leaves room for the font's bearing.
        font.setPixelSize(max(1, round(0.875 * rect.height())))
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self._char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._family, self._char, self._colour, self._disabled, self._directional)


def font_icon(name: str, colour: str) -> QIcon:
    """An icon-font glyph (e.g. ``"fa5s.sign-in-alt"``) in ``colour`` (any colour Qt reads)."""
    family, char = _glyph(name)
    app = QGuiApplication.instance()
    disabled = (
        app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)  # type: ignore[attr-defined]
        if app is not None
        else QColor(150, 150, 150)
    )
    directional = name.partition(".")[2] in _DIRECTIONAL
    return QIcon(_GlyphEngine(family, char, QColor(colour), disabled, directional))


def icon(name: str, colour_role: str = "text") -> QIcon:
    """An icon-font glyph (e.g. ``"fa5s.sign-in-alt"``) in one of the palette's colours."""
    return font_icon(name, getattr(current_palette(), colour_role))


def make_button(
    text: str,
    role: str = "",
    icon_name: str = "",
    *,
    icon_px: int = 28,
    icon_right: bool = False,
    parent: QWidget | None = None,
) -> QPushButton:
    """A push button with a theme role and an optional icon that follows the theme's colours.

    ``icon_right`` puts the icon after the words (a "Next" arrow).
    """
    # A space keeps the icon from touching the words (Qt leaves almost no gap). In a right-to-left
    # button (icon on the right) the trailing space is the one drawn beside the icon.
    if icon_name and text:
        text = f"{text} " if icon_right else f" {text}"
    button = QPushButton(text, parent)
    if icon_right:
        button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    if role:
        button.setProperty("role", role)
    if icon_name:
        colour = {
            "primary": "accent_text",
            "big": "accent_text",
            "bigalt": "accent_strong",
            "secondary": "accent_strong",
        }.get(role, "text")
        follow_theme(button, icon_name, colour, icon_px)
    return button


def follow_theme(widget: QPushButton | QLabel, icon_name: str, colour_role: str, px: int) -> None:
    """Give ``widget`` an icon now and again whenever the theme changes (high contrast swaps colours)."""

    def draw() -> None:
        if isinstance(widget, QPushButton):
            widget.setIcon(icon(icon_name, colour_role))
            widget.setIconSize(QSize(px, px))
        else:
            widget.setPixmap(icon(icon_name, colour_role).pixmap(px, px))

    def changed() -> None:
        # A window that redraws its own hidden pages' icons when they are shown (the kiosk, whose
        # toggles must answer within 100 ms) only marks them; everything else redraws at once.
        if not widget.isVisible() and widget.window().property("lazy_icons"):
            widget.setProperty("icon_stale", True)
        else:
            draw()

    widget._redraw_icon = draw  # type: ignore[union-attr]  # a Python attribute on the Qt object, for redraw_stale_icons
    draw()
    state = theme_state()
    state.changed.connect(changed)
    # Stop redrawing once the widget is gone (the theme state outlives every window).
    widget.destroyed.connect(lambda *_: _disconnect(state.changed, changed))


def redraw_stale_icons(root: QWidget) -> None:
    """Redraw the icons under ``root`` that a theme change skipped while they were hidden."""
    for widget in root.findChildren(QWidget):
        if widget.property("icon_stale"):
            widget.setProperty("icon_stale", False)
            widget._redraw_icon()  # type: ignore[attr-defined]


def _disconnect(signal, slot) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


def icon_label(icon_name: str, colour_role: str = "accent_strong", px: int = 96) -> QLabel:
    """A label showing a large icon (the friendly picture at the top of a message screen)."""
    label = QLabel()
    label.setProperty("role", "icon")
    follow_theme(label, icon_name, colour_role, px)
    return label
