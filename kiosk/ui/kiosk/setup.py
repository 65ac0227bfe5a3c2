"""First start: no staff account exists yet, so the kiosk asks for the school and its administrator first.

The school's name (and, optionally, its accent colour) is written to the user's kiosk.toml
(``[school] name`` and ``accent_colour``, see kiosk/config.py) and takes effect at once on the
kiosk's screens and badges; letters and the console read it when they next start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.config import ConfigError, SchoolSettings, save_school_settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import Actor, Role
from kiosk.services.container import Services
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.text import field, label

log = logging.getLogger(__name__)


class FirstStartSetup(QDialog):
    """A normal window (not full-screen) that creates the first administrator: name and PIN twice."""

    created = Signal(object)  # the Staff record

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("FirstStartSetup")
        self.setWindowTitle(self.tr("Set up the kiosk"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(16)
        layout.addWidget(label(self.tr("Welcome! Let's set up the kiosk."), "title"))
        layout.addWidget(
            label(
                self.tr(
                    "First, your school's name (it greets visitors and is printed on badges and letters), then "
                    "the administrator's account. Staff use their name and PIN to leave the kiosk "
                    "and to sign in to the reception console."
                ),
                "body",
            )
        )
        form = QFormLayout()
        form.setSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        school = services.settings.school
        self.school_name = field(self.tr("e.g. Oakfield Primary School"), accessible=self.tr("School's name"))
        if school.name != type(school)().name:
            self.school_name.setText(school.name)  # already set in kiosk.toml: confirm it
        self.accent = field(
            self.tr("e.g. #1F6F8B (optional)"), accessible=self.tr("Accent colour"), max_length=7
        )
        self.name = field(self.tr("e.g. Alex Smith"), accessible=self.tr("Administrator's name"))
        self.pin = field("", accessible=self.tr("PIN"), max_length=12)
        self.pin_again = field("", accessible=self.tr("PIN again"), max_length=12)
        for pin in (self.pin, self.pin_again):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(label(self.tr("School's name"), "fieldlabel"), self.school_name)
        form.addRow(label(self.tr("Accent colour"), "fieldlabel"), self.accent)
        form.addRow(label(self.tr("Administrator's name"), "fieldlabel"), self.name)
        form.addRow(label(self.tr("PIN (4 to 12 digits)"), "fieldlabel"), self.pin)
        form.addRow(label(self.tr("PIN again"), "fieldlabel"), self.pin_again)
        layout.addLayout(form)
        self.error = label("", "error")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.create_button = make_button(self.tr("Create administrator"), "primary", "fa5s.user-check")
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.create_button.clicked.connect(self._create)
        self.school_name.returnPressed.connect(self.accent.setFocus)
        self.accent.returnPressed.connect(self.name.setFocus)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.pin_again.setFocus)
        self.pin_again.returnPressed.connect(self._create)

    def _create(self) -> None:
        name, pin = self.name.text().strip(), self.pin.text().strip()
        school_name, accent = self.school_name.text().strip(), self.accent.text().strip()
        if not school_name:
            self.error.setText(self.tr("Please type the school's name."))
            self.school_name.setFocus()
            return
        if accent:
            try:
                SchoolSettings(accent_colour=accent)
            except ValueError:
                self.error.setText(self.tr("The accent colour should look like #1F6F8B, or be left empty."))
                self.accent.setFocus()
                return
        if not name:
            self.error.setText(self.tr("Please type the administrator's name."))
            return
        if pin != self.pin_again.text().strip():
            self.error.setText(self.tr("The two PINs are different. Please type them again."))
            self.pin.clear()
            self.pin_again.clear()
            self.pin.setFocus()
            return
        self.error.clear()
        self.create_button.setEnabled(False)
        staff = self.services.staff
        actor = Actor.kiosk(self.services.place.kiosk_name or "first start")
        run_op(self, lambda: staff.add(actor, name, Role.ADMINISTRATOR, pin), self._created, self._failed)

    def _created(self, staff) -> None:
        log.info("first administrator created")
        self._save_school()
        self.created.emit(staff)
        self.accept()

    def _save_school(self) -> None:
        """Write the school's name (and colour) to kiosk.toml and use it from now on."""
        school_name, accent = self.school_name.text().strip(), self.accent.text().strip()
        try:
            path = save_school_settings(school_name, accent)
        except ConfigError as exc:
            log.error("school settings not saved: %s", exc)
            self.error.setText(str(exc))
            return
        log.info("school name saved to %s", path)
        settings = self.services.settings
        settings.school.name = school_name
        if accent:
            settings.school.accent_colour = accent
        # The services built before set-up carry the name too (badges, privacy notices).
        for service in (self.services.sign_in, getattr(self.services, "privacy", None)):
            if service is not None and hasattr(service, "school_name"):
                service.school_name = school_name

    def _failed(self, exc: KioskError) -> None:
        self.create_button.setEnabled(True)
        self.error.setText(str(exc))
