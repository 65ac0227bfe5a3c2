"""Small helpers for labels and fields that take their look from the theme, and for reading a screen's text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QTextBrowser, QWidget


def label(text: str = "", role: str = "body", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A label with a theme role (``title``, ``lead``, ``body``, ``hint``, ``error``, ``notice``)."""
    widget = QLabel(text, parent)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def field(
    placeholder: str = "",
    *,
    autocap: bool = False,
    accessible: str = "",
    max_length: int = 100,
    parent: QWidget | None = None,
) -> QLineEdit:
    """A large text field; ``autocap`` makes the on-screen keyboard capitalise each word (names)."""
    widget = QLineEdit(parent)
    widget.setPlaceholderText(placeholder)
    widget.setMaxLength(max_length)
    widget.setProperty("autocap", autocap)
    widget.setAccessibleName(accessible or placeholder)
    widget.setClearButtonEnabled(False)
    return widget


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field red (or not) through the theme's ``[invalid="true"]`` rule."""
    if widget.property("invalid") != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def visible_text(root: QWidget) -> str:
    """All text a person can see in ``root`` now: labels, buttons, fields, documents and lists."""
    parts: list[str] = []

    def add(text: str) -> None:
        text = " ".join(text.split())
        if text:
            parts.append(text)

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if not widget.isVisible() and root.isVisible():
            continue
        if isinstance(widget, QLabel):
            add(widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QLineEdit):
            add(widget.text() or widget.placeholderText())
        elif isinstance(widget, QTextBrowser):
            add(widget.toPlainText())
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                if not widget.item(i).isHidden():
                    add(widget.item(i).text())
    return "\n".join(parts)
