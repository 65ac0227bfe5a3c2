"""The family's collection password: asked of a collector only when the child they named has one set.

The page says nothing about the child or whether the name was found; a wrong password (or "I don't know
it") carries on exactly as a right one does, and the collector is held discreetly at the end.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.config import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import Page
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.keyboard import DockedKeys, KeyboardDock, KeyboardShare
from kiosk.ui.widgets.text import field, label


class PasswordPage(DockedKeys, Page):
    """A collector types the family's collection password (shown as dots), or says they do not know it."""

    submitted = Signal(str)  # the password as typed ("" when they do not know it)
    cancel = Signal()

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, keys: KeyboardShare | None = None
    ) -> None:
        """``keys``: the keyboard this page shares with others never on screen with it (its own if None)."""
        super().__init__(settings, parent=parent)
        self.title = label(translate("Kiosk", "Your family's collection password"), "title")
        self.body.addWidget(self.title)
        self.lead = label(
            translate(
                "Kiosk",
                "Please type the collection password the child's family gave the school.",
            ),
            "lead",
        )
        self.body.addWidget(self.lead)
        self.password = field("", accessible=translate("Kiosk", "Collection password"), max_length=64)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.body.addWidget(self.password)
        self.error = label("", "error")
        self.body.addWidget(self.error)
        # The keyboard is made when the page is first shown (few collectors are asked), shared with others.
        self.dock = KeyboardDock(keys or KeyboardShare(), self)
        self.dock.fallback_target = self.password
        self.body.addStretch(1)
        self.body.addWidget(self.dock, 3)
        self.cancel_button = make_button(translate("Kiosk", "Cancel"), "secondary", "fa5s.times")
        self.unknown_button = make_button(translate("Kiosk", "I don't know it"), "secondary", "fa5s.question")
        self.continue_button = make_button(translate("Kiosk", "Continue"), "primary", "fa5s.arrow-right")
        self.footer.addWidget(self.cancel_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.unknown_button)
        self.footer.addWidget(self.continue_button)
        self.add_footer()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.cancel_button.clicked.connect(self.cancel)
        self.unknown_button.clicked.connect(lambda: self.submitted.emit(""))
        self.continue_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        if not self.password.text().strip():
            self.error.setText(translate("Kiosk", "Please type the password, or tap “I don't know it”."))
            return
        self.submitted.emit(self.password.text())

    def clear(self) -> None:
        self.password.clear()
        self.error.clear()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
