"""The full-screen kiosk's door to the first-run set-up: the set-up code `kiosk db upgrade` printed.

A database with no staff yet is set up by whoever runs the set-up, who becomes its administrator. At
the touchscreen that could be any visitor, so the full-screen kiosk opens the set-up only for someone
who types the code printed where the database was made (kiosk.db.setup_code); after MAX_TRIES wrong
codes it gives up and the kiosk stops, as it does when no code was issued.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.text import field, label

MAX_TRIES = 5


class SetupCodeDialog(QDialog):
    """Asks for the set-up code; accepted once ``matches`` says the typed code is the one issued."""

    def __init__(self, matches: Callable[[str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._matches = matches
        self.tries = 0
        self.setObjectName("SetupCodeDialog")
        self.setWindowTitle(self.tr("Set-up code"))
        self.setMinimumSize(640, 360)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(14)
        outer.addWidget(label(self.tr("This kiosk is not set up yet."), "title"))
        outer.addWidget(
            label(
                self.tr(
                    "Type the set-up code that `kiosk db upgrade` printed when the database was made. "
                    "If you are visiting the school, please ask at reception."
                ),
                "body",
            )
        )
        self.code = field("1234-5678", accessible=self.tr("Set-up code"), max_length=12)
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        outer.addWidget(self.code)
        self.error = label("", "error")
        outer.addWidget(self.error)
        outer.addStretch(1)
        buttons = QHBoxLayout()
        self.cancel_button = make_button(self.tr("Cancel"), "secondary", "fa5s.times")
        self.open_button = make_button(
            self.tr("Open the set-up"), "primary", "fa5s.arrow-right", icon_right=True
        )
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        outer.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.open_button.clicked.connect(self.submit)
        self.code.returnPressed.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def submit(self) -> None:
        """Check the typed code: accept, or say it is wrong (and give up after MAX_TRIES)."""
        typed = self.code.text()
        self.code.clear()
        if self._matches(typed):
            self.accept()
            return
        self.tries += 1
        if self.tries >= MAX_TRIES:
            self.reject()
            return
        self.error.setText(self.tr("That is not the set-up code. Please try again."))
