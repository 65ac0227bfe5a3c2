"""A large touch tile: an icon, a bold title and a wrapped line of explanation, all one button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets.icons import icon_label
from kiosk.ui.widgets.text import label


class ChoiceTile(QPushButton):
    """A push button whose face is laid out with labels, so its explanation can wrap on a narrow screen."""

    def __init__(self, title: str, hint: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "choice")
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(20)
        self.icon_face = icon_label(icon_name, "accent_strong", 40)  # not `icon`: that is QPushButton.icon()
        self.icon_face.setFixedWidth(48)
        self.icon_face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.icon_face)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.title = label(title, "tiletitle")
        self.hint = label(hint, "hint")
        words.addStretch(1)
        words.addWidget(self.title)
        words.addWidget(self.hint)
        words.addStretch(1)
        layout.addLayout(words, 1)
        for child in (self.icon_face, self.title, self.hint):
            # The labels are only the button's face: a tap anywhere on them is a tap on the tile.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def text(self) -> str:  # noqa: D102 - the title is the tile's text for tests and screen readers
        return self.title.text()
