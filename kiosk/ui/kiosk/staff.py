"""The staff page behind the long-pressed corner: name and PIN to leave the kiosk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import Page
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.keyboard import KeyboardArea
from kiosk.ui.widgets.text import field, label

if TYPE_CHECKING:
    from kiosk.config import Settings


class StaffPage(Page):
    """Any member of staff signs in with their name and PIN; the kiosk then closes."""

    submitted = Signal(str, str)  # name, PIN
    cancel = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        self.title = label(translate("Kiosk", "Staff only: leave the kiosk"), "title")
        self.body.addWidget(self.title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        self.name = field(
            translate("Kiosk", "Your name as on your staff account"),
            autocap=True,
            accessible=translate("Kiosk", "Name"),
        )
        self.pin = field("", accessible=translate("Kiosk", "PIN"), max_length=12)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setProperty("digits", True)  # typed on the number pad
        grid.addWidget(label(translate("Kiosk", "Name"), "fieldlabel"), 0, 0)
        grid.addWidget(label(translate("Kiosk", "PIN"), "fieldlabel"), 0, 1)
        grid.addWidget(self.name, 1, 0)
        grid.addWidget(self.pin, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.error = label("", "error")
        self.body.addWidget(self.error)
        self.keys = KeyboardArea(self)
        self.keyboard = self.keys.keyboard
        self.keyboard.fallback_target = self.name
        self.body.addStretch(1)
        self.body.addWidget(self.keys, 3)
        self.cancel_button = make_button(translate("Kiosk", "Cancel"), "secondary", "fa5s.times")
        self.unlock_button = make_button(translate("Kiosk", "Leave kiosk"), "primary", "fa5s.lock-open")
        self.footer.addWidget(self.cancel_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.unlock_button)
        self.add_footer()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.cancel_button.clicked.connect(self.cancel)
        self.unlock_button.clicked.connect(self._submit)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        if not self.name.text().strip() or not self.pin.text().strip():
            self.show_error(translate("Kiosk", "Please type your name and PIN."))
            return
        self.submitted.emit(self.name.text().strip(), self.pin.text())

    def show_error(self, text: str) -> None:
        """Say why the PIN was not accepted (wrong, or the account is locked)."""
        self.error.setText(text)
        self.pin.clear()

    def clear(self) -> None:
        self.name.clear()
        self.pin.clear()
        self.error.clear()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
