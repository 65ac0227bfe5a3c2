"""Icons from the qtawesome icon font, drawn in the theme's colours and redrawn when the theme changes."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.ui.theme import current_palette, theme_state


def icon(name: str, colour_role: str = "text") -> QIcon:
    """An icon-font glyph (e.g. ``"fa5s.sign-in-alt"``) in one of the palette's colours."""
    return qta.icon(name, color=getattr(current_palette(), colour_role))


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
