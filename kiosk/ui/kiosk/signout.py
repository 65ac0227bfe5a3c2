"""The sign-out page: scan your badge, or type your own name and confirm it is you.

Nobody sees who else is on site. The visitor types their first name and surname; only visits of
people with exactly that name come back (first name, surname initial and time), and the kiosk asks
them to confirm before signing out. Two people with the same name choose by the time they signed
in. The choices are laid out once per search and never move under the finger.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import MessagePage, Page, clock_text
from kiosk.ui.kiosk.flow import SignInFlow
from kiosk.ui.widgets.icons import icon_label, make_button
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.qapp import running_app
from kiosk.ui.widgets.text import field, label, set_invalid

if TYPE_CHECKING:
    from kiosk.config import Settings

MAX_CHOICES = 4


class SignOutPage(Page):
    """Scan the badge, or type your own name: never a list of who is on site."""

    find_name = Signal(str, str)  # first name, surname (not `find`: that is QWidget.find)
    chosen = Signal(int, str, object)  # visit id, short name, signed in at
    cancel = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        self._zone = settings.zone
        self.title = label(translate("Kiosk", "Signing out"), "title")
        self.body.addWidget(self.title)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        scan = QFrame()
        scan.setProperty("role", "card")
        scan_layout = QVBoxLayout(scan)
        scan_layout.setContentsMargins(20, 16, 20, 16)
        scan_layout.addStretch(1)
        qr = icon_label("fa5s.qrcode", "accent_strong", 80)
        qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan_layout.addWidget(qr)
        self.scan_text = label(
            translate("Kiosk", "Hold the QR code on your badge under the scanner."), "lead"
        )
        self.scan_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan_layout.addWidget(self.scan_text)
        scan_layout.addStretch(1)
        scan.setMaximumWidth(360)
        scan.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        columns.addWidget(scan, 1)

        find = QVBoxLayout()
        find.setSpacing(8)
        find.addWidget(label(translate("Kiosk", "Or type your name:"), "lead", wrap=False))
        names = QGridLayout()
        names.setHorizontalSpacing(20)
        names.setVerticalSpacing(4)
        self.first_name = field(
            translate("Kiosk", "First name"), autocap=True, accessible=translate("Kiosk", "First name")
        )
        self.last_name = field(
            translate("Kiosk", "Surname"), autocap=True, accessible=translate("Kiosk", "Surname")
        )
        names.addWidget(label(translate("Kiosk", "First name"), "fieldlabel"), 0, 0)
        names.addWidget(label(translate("Kiosk", "Surname"), "fieldlabel"), 0, 1)
        names.addWidget(self.first_name, 1, 0)
        names.addWidget(self.last_name, 1, 1)
        self.find_button = make_button(translate("Kiosk", "Find me"), "primary", "fa5s.search")
        names.addWidget(self.find_button, 1, 2)
        find.addLayout(names)
        self.message = label("", "body")
        find.addWidget(self.message)
        # A fixed grid of choice tiles: built once per search, so nothing moves under the finger.
        self._find_column = find
        self.tiles_host = self._new_tiles_host()
        find.addWidget(self.tiles_host, 1)
        columns.addLayout(find, 3)
        self.body.addLayout(columns, 3)

        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.fallback_target = self.first_name
        self.body.addWidget(self.keyboard, 2)

        self.cancel_button = make_button(translate("Kiosk", "Cancel"), "secondary", "fa5s.times")
        self.footer.addWidget(self.cancel_button)
        self.footer.addStretch(1)
        self.add_footer()
        self._buttons: list[QPushButton] = []
        self._connect_signals()

    def _connect_signals(self) -> None:
        running_app().focusChanged.connect(self._focus_changed)
        self.cancel_button.clicked.connect(self.cancel)
        self.find_button.clicked.connect(self._find)
        self.first_name.returnPressed.connect(self.last_name.setFocus)
        self.last_name.returnPressed.connect(self._find)
        for widget in (self.first_name, self.last_name):
            widget.textEdited.connect(lambda _t, w=widget: set_invalid(w, False))

    def _focus_changed(self, _old, new) -> None:
        if new in (self.first_name, self.last_name) and not self.keyboard.isVisible() and self.isVisible():
            self.keyboard.show()
            self._clear_tiles()
            self.message.clear()

    def _find(self) -> None:
        first, last = self.first_name.text(), self.last_name.text()
        missing = SignInFlow.missing_names(first, last)
        set_invalid(self.first_name, "first_name" in missing)
        set_invalid(self.last_name, "last_name" in missing)
        if missing:
            self.message.setText(translate("Kiosk", "Please type your first name and your surname."))
            return
        self.message.clear()
        self.find_name.emit(first.strip(), last.strip())

    def show_matches(self, matches: list[tuple[int, str, datetime]]) -> None:
        """Only the visits of this exact name; one match goes straight to the confirmation (the controller)."""
        self._clear_tiles()
        if not matches:
            self.message.setText(
                translate(
                    "Kiosk",
                    "We couldn't find that name signed in today. Please check it, or ask at reception.",
                )
            )
            return
        self.message.setText(
            translate("Kiosk", "More than one person with this name is signed in. Which is you?")
        )
        # The choice needs the room, not the keyboard: it comes back when a name box is touched.
        self.keyboard.hide()
        for box in (self.first_name, self.last_name):
            box.clearFocus()
        for n, (visit_id, short_name, signed_in_at) in enumerate(matches[:MAX_CHOICES]):
            when = clock_text(signed_in_at.astimezone(self._zone))
            button = QPushButton(translate("Kiosk", "{0}  ·  signed in at {1}").format(short_name, when))
            button.setProperty("role", "choice")
            button.setProperty("visit_id", visit_id)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(
                lambda _=False, v=visit_id, s=short_name, t=signed_in_at: self.chosen.emit(v, s, t)
            )
            # One a row: "… · signed in at 09:12" is half as long again in Welsh or Polish.
            self.tiles.addWidget(button, n, 0)
            self._buttons.append(button)

    @property
    def choice_buttons(self) -> list[QPushButton]:
        """The tiles of the last search (tests and screenshots)."""
        return list(self._buttons)

    def _new_tiles_host(self) -> QWidget:
        host = QWidget()
        self.tiles = QGridLayout(host)
        self.tiles.setContentsMargins(0, 0, 0, 0)
        self.tiles.setSpacing(12)
        self.tiles.setAlignment(Qt.AlignmentFlag.AlignTop)
        return host

    def _clear_tiles(self) -> None:
        if not self._buttons:
            return
        self._buttons.clear()
        # A fresh grid each time: an emptied QGridLayout keeps its old rows' spacing in its minimum.
        old, self.tiles_host = self.tiles_host, self._new_tiles_host()
        self._find_column.replaceWidget(old, self.tiles_host)
        old.hide()
        old.setParent(None)
        old.deleteLater()
        # Cleared while hidden (back to Welcome), the page must still give back the tiles' height.
        self._find_column.invalidate()
        self.body.invalidate()
        layout = self.layout()
        if layout is not None:
            layout.invalidate()

    def clear(self) -> None:
        for widget in (self.first_name, self.last_name):
            widget.clear()
            set_invalid(widget, False)
        self.message.clear()
        self._clear_tiles()
        self.keyboard.show()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.first_name.text():
            self.first_name.setFocus()


class ConfirmPage(MessagePage):
    """A question with two big answers: "Sign out Priya S.?", or "You're already signed in"."""

    yes = Signal()
    no = Signal()

    def __init__(self, settings: Settings, icon_name: str, yes_text: str, no_text: str) -> None:
        super().__init__(settings, icon_name)
        self.no_button = make_button(no_text, "secondary", "fa5s.arrow-left")
        self.yes_button = make_button(yes_text, "primary", "fa5s.check")
        for button in (self.no_button, self.yes_button):
            button.setMinimumWidth(340)
        self.footer.addStretch(1)
        self.footer.addWidget(self.no_button)
        self.footer.addSpacing(24)
        self.footer.addWidget(self.yes_button)
        self.footer.addStretch(1)
        self.yes_button.clicked.connect(self.yes)
        self.no_button.clicked.connect(self.no)

    def set_answers(self, yes_text: str, no_text: str) -> None:
        """Change the words on the two buttons."""
        self.yes_button.setText(yes_text)
        self.no_button.setText(no_text)
