"""The sign-out page: scan your badge, or find yourself by first name and surname initial."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.ui.kiosk.common import Page, clock_text
from kiosk.ui.widgets.icons import icon_label, make_button
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.text import field, label

COLUMNS = 2


class SignOutPage(Page):
    """Lists who is on site as "Priya S. · 09:12" only (never more), filtered by the first letters typed."""

    chosen = Signal(int, str)  # visit id, short name
    cancel = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        self._zone = settings.zone
        self.title = label(self.tr("Signing out"), "title")
        self.body.addWidget(self.title)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        scan = QFrame()
        scan.setProperty("role", "card")
        scan_layout = QVBoxLayout(scan)
        scan_layout.setContentsMargins(20, 20, 20, 20)
        scan_layout.addStretch(1)
        qr = icon_label("fa5s.qrcode", "accent_strong", 96)
        qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan_layout.addWidget(qr)
        self.scan_text = label(self.tr("Hold the QR code on your badge under the scanner."), "lead")
        self.scan_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan_layout.addWidget(self.scan_text)
        scan_layout.addStretch(1)
        scan.setMaximumWidth(380)
        scan.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        columns.addWidget(scan, 1)

        find = QVBoxLayout()
        find.setSpacing(10)
        search_row = QHBoxLayout()
        self.find_label = label(self.tr("Or find your name:"), "lead", wrap=False)
        self.search = field(
            self.tr("Type the first letters of your name"),
            autocap=True,
            accessible=self.tr("Find your name"),
            max_length=40,
        )
        search_row.addWidget(self.find_label)
        search_row.addWidget(self.search, 1)
        find.addLayout(search_row)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tiles_host = QWidget()
        self.tiles = QGridLayout(self.tiles_host)
        self.tiles.setContentsMargins(0, 0, 8, 0)
        self.tiles.setSpacing(12)
        self.tiles.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.tiles_host)
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        find.addWidget(self.scroll, 1)
        self.empty = label("", "body")
        self.empty.hide()
        find.addWidget(self.empty)
        columns.addLayout(find, 3)
        self.body.addLayout(columns, 3)

        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.fallback_target = self.search
        self.body.addWidget(self.keyboard, 2)

        self.cancel_button = make_button(self.tr("Cancel"), "secondary", "fa5s.times")
        self.sign_out_button = make_button(self.tr("Sign me out"), "primary", "fa5s.sign-out-alt")
        self.sign_out_button.setMinimumWidth(300)
        self.footer.addWidget(self.cancel_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.sign_out_button)
        self.add_footer()

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._choices: list[tuple[int, str, datetime]] = []
        self._buttons: dict[int, QPushButton] = {}
        self._connect_signals()
        self._update_button()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._filter)
        self.cancel_button.clicked.connect(self.cancel)
        self.sign_out_button.clicked.connect(self._sign_out)
        self.group.buttonToggled.connect(lambda *_: self._update_button())

    def set_choices(self, choices: list[tuple[int, str, datetime]]) -> None:
        """Show who may sign out: ``(visit id, "Priya S.", signed in at)``; keeps the current filter."""
        selected = self.selected_visit_id()
        for button in self._buttons.values():
            self.group.removeButton(button)
            # Off the page at once: deleteLater alone leaves it drawn until the event loop runs.
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self._buttons.clear()
        self._choices = sorted(choices, key=lambda c: c[1].casefold())
        for visit_id, short_name, signed_in_at in self._choices:
            when = clock_text(signed_in_at.astimezone(self._zone))
            button = QPushButton(self.tr("{0}  ·  in at {1}").format(short_name, when))
            button.setProperty("role", "choice")
            button.setProperty("short_name", short_name)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setChecked(visit_id == selected)
            self.group.addButton(button, visit_id)
            self._buttons[visit_id] = button
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        prefix = text.strip().casefold()
        shown = [vid for vid, name, _ in self._choices if name.casefold().startswith(prefix)]
        while self.tiles.count():
            self.tiles.takeAt(0)
        for n, visit_id in enumerate(shown):
            button = self._buttons[visit_id]
            self.tiles.addWidget(button, n // COLUMNS, n % COLUMNS)
            button.show()
        for visit_id, button in self._buttons.items():
            if visit_id not in shown:
                button.hide()
                if button.isChecked():
                    self.group.setExclusive(False)
                    button.setChecked(False)
                    self.group.setExclusive(True)
        if not self._choices:
            self.empty.setText(self.tr("Nobody is signed in at the moment."))
        elif not shown:
            self.empty.setText(
                self.tr("No names start with “{0}”. Please check, or ask at reception.").format(text.strip())
            )
        self.empty.setVisible(not shown)
        self._update_button()

    def selected_visit_id(self) -> int | None:
        """The visit whose name is selected, if any."""
        button = self.group.checkedButton()
        return self.group.id(button) if button is not None and not button.isHidden() else None

    def name_button(self, short_name: str) -> QPushButton | None:
        """The tile for a name (tests and screenshots)."""
        return next((b for b in self._buttons.values() if b.property("short_name") == short_name), None)

    def _update_button(self) -> None:
        self.sign_out_button.setEnabled(self.group.checkedButton() is not None)

    def _sign_out(self) -> None:
        button = self.group.checkedButton()
        if button is not None:
            self.chosen.emit(self.group.id(button), button.property("short_name"))

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._update_button()

    def clear(self) -> None:
        self.search.clear()
        self.set_choices([])
