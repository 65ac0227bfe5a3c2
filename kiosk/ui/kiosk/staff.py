"""The staff page behind the long-pressed corner: name and PIN to leave the kiosk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QSizePolicy, QSpacerItem, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import Page
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.keyboard import DockedKeys, KeyboardDock, KeyboardShare
from kiosk.ui.widgets.text import field, label

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.services.offline import OfflineStatus


class StaffPage(DockedKeys, Page):
    """Any member of staff signs in with their name and PIN; the kiosk then closes.

    With ``roll=True`` it is the staff sign-in and sign-out page (staff on the roll): the same name and
    PIN, or a staff card scanned while it shows.
    """

    submitted = Signal(str, str)  # name, PIN
    cancel = Signal()

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        roll: bool = False,
        keys: KeyboardShare | None = None,
    ) -> None:
        """``keys``: the keyboard this page shares with others never on screen with it (its own if None)."""
        super().__init__(settings, parent=parent)
        self.roll = roll
        title = (
            translate("Kiosk", "Staff: sign in or out")
            if roll
            else translate("Kiosk", "Staff only: leave the kiosk")
        )
        self.title = label(title, "title")
        self.body.addWidget(self.title)
        # Offline mode (kiosk.services.offline): the local copy's age, and reception's number for held visitors.
        self.offline_note = label("", "notice")
        self.offline_note.setObjectName("offlineNote")
        self.offline_note.hide()
        self.body.addWidget(self.offline_note)
        if roll:
            self.body.addWidget(
                label(translate("Kiosk", "Scan your staff card, or type your name and kiosk PIN."), "lead")
            )
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        self.name = field(
            translate("Kiosk", "Your first name and surname")
            if roll
            else translate("Kiosk", "Your name as on your staff account"),
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
        # The keyboard is made when the page is first shown (staff open it rarely), shared with the others.
        self.dock = KeyboardDock(keys or KeyboardShare(), self)
        self.dock.fallback_target = self.name
        # The gap above the keyboard; closed while the offline note shows, so the page still fits 1024×768.
        self.body.addStretch(1)
        item = self.body.itemAt(self.body.count() - 1)
        gap = item.spacerItem() if item is not None else None
        assert gap is not None, "addStretch adds a spacer"
        self._gap: QSpacerItem = gap
        self.body.addWidget(self.dock, 3)
        self.cancel_button = make_button(translate("Kiosk", "Cancel"), "secondary", "fa5s.times")
        self.unlock_button = (
            make_button(translate("Kiosk", "Sign in or out"), "primary", "fa5s.id-badge")
            if roll
            else make_button(translate("Kiosk", "Leave kiosk"), "primary", "fa5s.lock-open")
        )
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
        self.error.show()
        self.pin.clear()

    def show_offline(self, status: OfflineStatus | None) -> None:
        """Say whether the kiosk is offline, how old its copy of the ban list is, and whom to call."""
        lines = offline_lines(status) if status is not None else []
        self.offline_note.setText("\n".join(lines))
        self.offline_note.setVisible(bool(lines))
        # The empty error line's height goes to the note (it comes back with an error).
        self.error.setVisible(not lines or bool(self.error.text()))
        vertical = QSizePolicy.Policy.Fixed if lines else QSizePolicy.Policy.Expanding
        self._gap.changeSize(0, 0, QSizePolicy.Policy.Minimum, vertical)
        self.body.invalidate()

    def clear(self) -> None:
        self.name.clear()
        self.pin.clear()
        self.error.clear()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)


def offline_lines(status: OfflineStatus) -> list[str]:
    """What the staff page says of offline mode in at most two lines (the page must fit 1024×768)."""
    if status.copied_at is None:
        copy = translate("Kiosk", "No screening list copy yet: offline, every sign-in is held.")
    else:
        hours = f"{(status.age.total_seconds() if status.age is not None else 0.0) / 3600:.1f}"
        if status.stale:
            copy = translate("Kiosk", "Screening list copy {0} h old, too old: every sign-in is held.")
        else:
            copy = translate("Kiosk", "Screening list copy: {0} h old.")
        copy = copy.format(hours)
    if status.offline:
        copy = translate("Kiosk", "Offline.") + " " + copy
    lines = [copy]
    second = []
    if status.queued:
        second.append(translate("Kiosk", "To send: {0}.").format(status.queued))
    if status.held and status.reception_phone:
        second.append(
            translate("Kiosk", "Held: {0}, call reception on {1}.").format(
                status.held, status.reception_phone
            )
        )
    elif status.held:
        second.append(translate("Kiosk", "Held: {0}, go to reception.").format(status.held))
    if second:
        lines.append(" ".join(second))
    return lines
