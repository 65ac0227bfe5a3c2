"""First start: no staff account exists yet, so a short set-up takes a new school to its first visitor.

Seven screens, in a normal window (never full-screen: ``kiosk --windowed`` only, so no visitor can
reach it):

1. the school: its name, accent colour and logo (``[school]`` in the user's kiosk.toml; the kiosk's
   screens and badges use them at once, letters and the console when they next start);
2. the administrator's account (name, PIN twice), signed in for the steps that follow;
3. the head of school's account, so that bans can be approved from the first day;
4. the badge printer, from the printers the system reports (or the badge folder), its label size and
   a test badge;
5. the mail server for alert messages, with a test message (skippable);
6. the school's ban list as CSV (skippable): imported bans are drafts that wait for the head's approval;
7. ready: what was set up, and the button that starts the kiosk.

Every step is a service call (kiosk.services.setup.SetupService) checked against the role table, run off
the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import SchoolSettings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import Actor
from kiosk.domain.printers import SystemPrinter
from kiosk.services.container import Services
from kiosk.services.setup import FILE_PRINTER, SetupService
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.text import field, label

log = logging.getLogger(__name__)

PAGES = ("school", "administrator", "head", "printer", "mail", "bans", "ready")


@dataclass
class SetupOutcome:
    """What the set-up did, for its last screen and the log."""

    administrator: str = ""
    head: str = ""
    printer: str = ""
    label: str = ""
    test_print: str = ""
    mail: str = ""  # the recipients, or "" when skipped
    bans: int = 0
    bans_file: str = ""


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setSpacing(12)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def _pin_field(accessible: str) -> QLineEdit:
    pin = field("", accessible=accessible, max_length=12)
    pin.setEchoMode(QLineEdit.EchoMode.Password)
    return pin


class _Page(QWidget):
    """One screen of the set-up: a title, a line of explanation, its fields, and a message line."""

    def __init__(self, title: str, lead: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(14)
        self.title = label(title, "title")
        self.layout_.addWidget(self.title)
        self.lead = label(lead, "body")
        self.layout_.addWidget(self.lead)


class SetupWizard(QDialog):
    """The first-run set-up window: seven screens from the school's name to a kiosk that is ready."""

    created = Signal(object)  # the administrator (an Actor), once their account exists
    finished_setup = Signal(object)  # the SetupOutcome, when the last screen's button is pressed

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if services.setup is None:
            raise KioskError("The set-up is not available in this program.")
        self.services = services
        self.setup: SetupService = services.setup
        self.admin: Actor | None = None
        self.head: Actor | None = None
        self.outcome = SetupOutcome()
        self.printers: list[SystemPrinter] = []
        self.visited: list[str] = []
        self.setObjectName("FirstStartSetup")
        self.setWindowTitle(self.tr("Set up the kiosk"))
        self.setMinimumSize(860, 640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(14)
        self.step_label = label("", "hint")
        outer.addWidget(self.step_label)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.error = label("", "error")
        outer.addWidget(self.error)
        self.info = label("", "notice")
        outer.addWidget(self.info)
        buttons = QHBoxLayout()
        self.back_button = make_button(self.tr("Back"), "secondary", "fa5s.arrow-left")
        self.skip_button = make_button(self.tr("Skip"), "secondary", "fa5s.forward")
        self.next_button = make_button(self.tr("Next"), "primary", "fa5s.arrow-right", icon_right=True)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.next_button)
        outer.addLayout(buttons)
        self._build_school()
        self._build_administrator()
        self._build_head()
        self._build_printer()
        self._build_mail()
        self._build_bans()
        self._build_ready()
        self._connect_signals()
        self.show_page(0)

    # ------------------------------------------------------------------ pages

    def _add_page(self, page: QWidget) -> None:
        """Add a screen, scrolling when the window is smaller than it (a 1024×768 reception PC)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)

    def _build_school(self) -> None:
        page = _Page(
            self.tr("Welcome! Let's set up the kiosk."),
            self.tr(
                "About ten minutes, seven short screens. First, your school: its name greets visitors and is "
                "printed on badges and letters; the colour and logo are optional."
            ),
        )
        form = _form()
        school = self.services.settings.school
        self.school_name = field(self.tr("e.g. Oakfield Primary School"), accessible=self.tr("School's name"))
        if school.name != SchoolSettings().name:
            self.school_name.setText(school.name)  # already set in kiosk.toml: confirm it
        self.accent = field(
            self.tr("e.g. #1F6F8B (optional)"), accessible=self.tr("Accent colour"), max_length=7
        )
        self.logo = field(self.tr("a PNG or SVG file (optional)"), accessible=self.tr("Logo"), max_length=500)
        self.logo.setText(school.logo)
        self.logo_button = make_button(self.tr("Choose…"), "secondary", "fa5s.image")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.logo_button)
        self.logo_preview = QLabel()
        self.logo_preview.setVisible(False)
        form.addRow(label(self.tr("School's name"), "fieldlabel"), self.school_name)
        form.addRow(label(self.tr("Accent colour"), "fieldlabel"), self.accent)
        form.addRow(label(self.tr("Logo"), "fieldlabel"), logo_row)
        form.addRow(QLabel(), self.logo_preview)
        page.layout_.addLayout(form)
        page.layout_.addStretch(1)
        self._add_page(page)

    def _build_administrator(self) -> None:
        page = _Page(
            self.tr("The administrator"),
            self.tr(
                "The administrator adds staff, chooses printers and changes settings. Staff use their name and "
                "PIN to leave the kiosk's full screen and to sign in to the reception console."
            ),
        )
        form = _form()
        self.name = field(self.tr("e.g. Alex Smith"), accessible=self.tr("Administrator's name"))
        self.pin = _pin_field(self.tr("PIN"))
        self.pin_again = _pin_field(self.tr("PIN again"))
        form.addRow(label(self.tr("Administrator's name"), "fieldlabel"), self.name)
        form.addRow(label(self.tr("PIN (4 to 12 digits)"), "fieldlabel"), self.pin)
        form.addRow(label(self.tr("PIN again"), "fieldlabel"), self.pin_again)
        page.layout_.addLayout(form)
        page.layout_.addStretch(1)
        self._add_page(page)

    def _build_head(self) -> None:
        page = _Page(
            self.tr("The head of school"),
            self.tr(
                "The head approves bans: a ban screens visitors only once the head has approved it, so the "
                "head's account is made now. The head types their own PIN."
            ),
        )
        form = _form()
        self.head_name = field(self.tr("e.g. Helen Head"), accessible=self.tr("Head of school's name"))
        self.head_pin = _pin_field(self.tr("Head's PIN"))
        self.head_pin_again = _pin_field(self.tr("Head's PIN again"))
        form.addRow(label(self.tr("Head of school's name"), "fieldlabel"), self.head_name)
        form.addRow(
            label(self.tr("PIN ({rule})").replace("{rule}", self.setup.head_pin_rule()), "fieldlabel"),
            self.head_pin,
        )
        form.addRow(label(self.tr("PIN again"), "fieldlabel"), self.head_pin_again)
        page.layout_.addLayout(form)
        page.layout_.addStretch(1)
        self._add_page(page)

    def _build_printer(self) -> None:
        page = _Page(
            self.tr("The badge printer"),
            self.tr(
                "Choose the label printer that prints visitors' badges, and the labels loaded in it, then print "
                "a test badge. With no label printer yet, badges are saved as PDF files."
            ),
        )
        self.printer_list = QListWidget()
        self.printer_list.setAccessibleName(self.tr("Printers"))
        self.printer_list.setMinimumHeight(150)
        page.layout_.addWidget(self.printer_list, 1)
        form = _form()
        self.label_size = QComboBox()
        self.label_size.setAccessibleName(self.tr("Label size"))
        for choice in self.setup.label_choices():
            self.label_size.addItem(choice.description, choice.name)
        form.addRow(label(self.tr("Labels"), "fieldlabel"), self.label_size)
        page.layout_.addLayout(form)
        row = QHBoxLayout()
        self.test_print_button = make_button(self.tr("Print a test badge"), "secondary", "fa5s.print")
        row.addWidget(self.test_print_button)
        row.addStretch(1)
        page.layout_.addLayout(row)
        self._add_page(page)

    def _build_mail(self) -> None:
        page = _Page(
            self.tr("Alert messages by e-mail"),
            self.tr(
                "When a visitor needs a member of staff, the kiosk can also send a message (without any names) "
                "to the office. Type your mail server's details and send a test message, or skip this step."
            ),
        )
        self.smtp_host = field(self.tr("e.g. smtp.office365.com"), accessible=self.tr("Mail server"))
        self.smtp_port = field("587", accessible=self.tr("Port"), max_length=5)
        self.smtp_port.setText("587")
        self.smtp_starttls = QCheckBox(self.tr("Encrypt with STARTTLS (most servers on port 587)"))
        self.smtp_starttls.setChecked(True)
        self.smtp_user = field(self.tr("if the server asks"), accessible=self.tr("User name"))
        self.smtp_password = field("", accessible=self.tr("Password"), max_length=200)
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_sender = field(self.tr("e.g. kiosk@oakfield.sch.uk"), accessible=self.tr("From address"))
        self.smtp_to = field(
            self.tr("e.g. office@oakfield.sch.uk, head@oakfield.sch.uk"),
            accessible=self.tr("Send alerts to"),
            max_length=500,
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        rows: list[tuple[str, QWidget, str, QWidget | None]] = [
            (self.tr("Mail server"), self.smtp_host, self.tr("Port"), self.smtp_port),
            (self.tr("User name"), self.smtp_user, self.tr("Password"), self.smtp_password),
        ]
        for r, (name, widget, name2, widget2) in enumerate(rows):
            grid.addWidget(label(name, "fieldlabel"), r, 0)
            grid.addWidget(widget, r, 1)
            grid.addWidget(label(name2, "fieldlabel"), r, 2)
            if widget2 is not None:
                grid.addWidget(widget2, r, 3)
        grid.addWidget(self.smtp_starttls, 2, 1, 1, 3)
        grid.addWidget(label(self.tr("From address"), "fieldlabel"), 3, 0)
        grid.addWidget(self.smtp_sender, 3, 1, 1, 3)
        grid.addWidget(label(self.tr("Send alerts to"), "fieldlabel"), 4, 0)
        grid.addWidget(self.smtp_to, 4, 1, 1, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        page.layout_.addLayout(grid)
        row = QHBoxLayout()
        self.test_mail_button = make_button(self.tr("Send a test message"), "secondary", "fa5s.envelope")
        row.addWidget(self.test_mail_button)
        row.addStretch(1)
        page.layout_.addLayout(row)
        page.layout_.addStretch(1)
        self._add_page(page)

    def _build_bans(self) -> None:
        page = _Page(
            self.tr("Your ban list"),
            self.tr(
                "If the school already keeps a list of people who may not come on site, import it as a CSV file "
                "(columns: name, start, and optionally aliases, date_of_birth, categories, reason, end, review). "
                "Imported bans wait for the head's approval in the reception console before they screen "
                "anyone. No list yet? Skip this step."
            ),
        )
        row = QHBoxLayout()
        self.bans_file = field(self.tr("bans.csv"), accessible=self.tr("Ban list file"), max_length=500)
        self.bans_button = make_button(self.tr("Choose…"), "secondary", "fa5s.file-csv")
        row.addWidget(self.bans_file, 1)
        row.addWidget(self.bans_button)
        page.layout_.addLayout(row)
        row = QHBoxLayout()
        self.import_button = make_button(self.tr("Import the list"), "secondary", "fa5s.file-import")
        row.addWidget(self.import_button)
        row.addStretch(1)
        page.layout_.addLayout(row)
        page.layout_.addStretch(1)
        self._add_page(page)

    def _build_ready(self) -> None:
        page = _Page(self.tr("The kiosk is ready"), self.tr("Here is what was set up:"))
        self.summary = label("", "body")
        page.layout_.addWidget(self.summary)
        page.layout_.addWidget(
            label(
                self.tr(
                    "On the kiosk itself, start it full-screen with the command “kiosk”: staff leave it by "
                    "long-pressing the top-left corner and typing their PIN. Reception signs in to the "
                    "console (“kiosk console”) with their name and PIN."
                ),
                "hint",
            )
        )
        page.layout_.addStretch(1)
        self._add_page(page)

    # ------------------------------------------------------------------ navigation

    def _connect_signals(self) -> None:
        self.next_button.clicked.connect(self.next)
        self.back_button.clicked.connect(self.back)
        self.skip_button.clicked.connect(self.skip)
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo.editingFinished.connect(self._preview_logo)
        self.bans_button.clicked.connect(self._choose_bans_file)
        self.import_button.clicked.connect(self.import_bans)
        self.test_print_button.clicked.connect(self.test_print)
        self.test_mail_button.clicked.connect(self.test_mail)
        self.school_name.returnPressed.connect(self.accent.setFocus)
        self.accent.returnPressed.connect(self.logo.setFocus)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.pin_again.setFocus)
        self.pin_again.returnPressed.connect(self.next)
        self.head_name.returnPressed.connect(self.head_pin.setFocus)
        self.head_pin.returnPressed.connect(self.head_pin_again.setFocus)
        self.head_pin_again.returnPressed.connect(self.next)

    @property
    def page(self) -> str:
        """The name of the screen on show (one of PAGES)."""
        return PAGES[self.stack.currentIndex()]

    def show_page(self, index: int) -> None:
        """Show a screen (by number) with its buttons."""
        self.stack.setCurrentIndex(index)
        name = PAGES[index]
        if name not in self.visited:
            self.visited.append(name)
        self.step_label.setText(
            self.tr("Step {n} of {total}").replace("{n}", str(index + 1)).replace("{total}", str(len(PAGES)))
        )
        self._say(self.error, "")
        self._say(self.info, "")
        # Accounts cannot be un-made, so there is no way back past the head's screen.
        self.back_button.setVisible(name in ("mail", "bans"))
        self.skip_button.setVisible(name in ("mail", "bans"))
        self.next_button.setText(
            self.tr("Start the kiosk")
            if name == "ready"
            else self.tr("Create the administrator")
            if name == "administrator"
            else self.tr("Create the head's account")
            if name == "head"
            else self.tr("Next")
        )
        self.next_button.setEnabled(True)
        if name == "printer":
            self._load_printers()
        elif name == "ready":
            self.summary.setText(self._summary())
        focus = {
            "school": self.school_name,
            "administrator": self.name,
            "head": self.head_name,
            "mail": self.smtp_host,
            "bans": self.bans_file,
        }.get(name)
        if focus is not None:
            focus.setFocus()

    def next(self) -> None:
        """The primary button: check and save this screen, then go on."""
        step = {
            "school": self._school_next,
            "administrator": self._administrator_next,
            "head": self._head_next,
            "printer": self._printer_next,
            "mail": self._mail_next,
            "bans": self._bans_next,
            "ready": self._ready_next,
        }[self.page]
        step()

    def back(self) -> None:
        if self.page in ("mail", "bans"):
            self.show_page(self.stack.currentIndex() - 1)

    def skip(self) -> None:
        """Skip the mail or ban-list screen (nothing is saved for it)."""
        if self.page == "mail":
            self.outcome.mail = ""
            log.info("set-up: alert mail skipped")
        elif self.page == "bans":
            log.info("set-up: ban list skipped")
        else:
            return
        self._advance()

    @staticmethod
    def _say(line: QLabel, text: str) -> None:
        """Show a message line, or hide it when there is nothing to say (an empty one is a coloured bar)."""
        line.setText(text)
        line.setVisible(bool(text))

    def _advance(self) -> None:
        self.show_page(self.stack.currentIndex() + 1)

    def _busy(self, on: bool) -> None:
        for button in (
            self.next_button,
            self.skip_button,
            self.back_button,
            self.test_print_button,
            self.test_mail_button,
            self.import_button,
        ):
            button.setEnabled(not on)

    def _failed(self, exc: KioskError) -> None:
        self._busy(False)
        self._say(self.info, "")
        self._say(self.error, str(exc))

    def _run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        self._say(self.error, "")
        self._busy(True)

        def finished(result: object) -> None:
            self._busy(False)
            done(result)

        run_op(self, work, finished, self._failed)

    # ------------------------------------------------------------------ 1. the school

    def _school_values(self) -> tuple[str, str, str]:
        return self.school_name.text().strip(), self.accent.text().strip(), self.logo.text().strip()

    def _school_next(self) -> None:
        name, accent, logo = self._school_values()
        if not name:
            self._say(self.error, self.tr("Please type the school's name."))
            self.school_name.setFocus()
            return
        if accent:
            try:
                SchoolSettings(accent_colour=accent)
            except ValueError:
                self._say(
                    self.error, self.tr("The accent colour should look like #1F6F8B, or be left empty.")
                )
                self.accent.setFocus()
                return
        if logo and QPixmap(logo).isNull():
            self._say(
                self.error,
                self.tr(
                    "The logo file cannot be read as a picture: choose a PNG or SVG file, or leave it empty."
                ),
            )
            self.logo.setFocus()
            return
        self._advance()

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The school's logo"), str(Path.home()), self.tr("Pictures (*.png *.svg *.jpg)")
        )
        if path:
            self.logo.setText(path)
            self._preview_logo()

    def _preview_logo(self) -> None:
        pixmap = QPixmap(self.logo.text().strip()) if self.logo.text().strip() else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
            self.logo_preview.setVisible(False)
            return
        self.logo_preview.setPixmap(pixmap.scaledToHeight(72, Qt.TransformationMode.SmoothTransformation))
        self.logo_preview.setVisible(True)

    def _apply_school(self) -> None:
        """The services built before the set-up carry the school's name too (badges, privacy notices)."""
        school_name = self.services.settings.school.name
        for service in (self.services.sign_in, self.services.privacy, self.services.reports):
            if service is not None and hasattr(service, "school_name"):
                service.school_name = school_name

    # ------------------------------------------------------------------ 2. the administrator

    def _admin(self) -> Actor:
        if self.admin is None:
            raise KioskError("The administrator's account is made first.")
        return self.admin

    def _administrator_next(self) -> None:
        name, pin, again = self.name.text(), self.pin.text(), self.pin_again.text()
        if not name.strip():
            self._say(self.error, self.tr("Please type the administrator's name."))
            self.name.setFocus()
            return
        if pin.strip() != again.strip():
            self._pins_differ(self.pin, self.pin_again)
            return
        school = self._school_values()

        def work() -> Actor:
            admin = self.setup.create_administrator(name, pin, again)
            self.setup.save_school(admin, *school)
            return admin

        self._run(work, self._administrator_created)

    def _administrator_created(self, admin: object) -> None:
        assert isinstance(admin, Actor)
        self.admin = admin
        self.outcome.administrator = admin.name
        log.info("first administrator created; school settings saved")
        self._apply_school()
        for edit in (self.pin, self.pin_again):
            edit.clear()
        self.created.emit(admin)
        self._advance()

    def _pins_differ(self, pin: QLineEdit, again: QLineEdit) -> None:
        self._say(self.error, self.tr("The two PINs are different. Please type them again."))
        pin.clear()
        again.clear()
        pin.setFocus()

    # ------------------------------------------------------------------ 3. the head of school

    def _head_next(self) -> None:
        name, pin, again = self.head_name.text(), self.head_pin.text(), self.head_pin_again.text()
        if not name.strip():
            self._say(self.error, self.tr("Please type the head of school's name."))
            self.head_name.setFocus()
            return
        if pin.strip() != again.strip():
            self._pins_differ(self.head_pin, self.head_pin_again)
            return
        admin = self._admin()
        self._run(lambda: self.setup.create_head(admin, name, pin, again), self._head_created)

    def _head_created(self, head: object) -> None:
        assert isinstance(head, Actor)
        self.head = head
        self.outcome.head = head.name
        for edit in (self.head_pin, self.head_pin_again):
            edit.clear()
        self._advance()

    # ------------------------------------------------------------------ 4. the badge printer

    def _load_printers(self) -> None:
        admin = self._admin()
        printing = self.services.printing

        def done(found: object) -> None:
            self.printers = list(found) if isinstance(found, list) else []
            self.printer_list.clear()
            current = self.services.settings.printing.printer
            for p in self.printers:
                text = p.name + (self.tr(" (default)") if p.is_default else "") + f" — {p.state}"
                if p.description:
                    text += f" — {p.description}"
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.name)
                self.printer_list.addItem(item)
            item = QListWidgetItem(self.tr("No label printer yet: save badges as PDF files"))
            item.setData(Qt.ItemDataRole.UserRole, FILE_PRINTER)
            self.printer_list.addItem(item)
            chosen = next(
                (
                    i
                    for i in range(self.printer_list.count())
                    if self.printer_list.item(i).data(Qt.ItemDataRole.UserRole) == current
                ),
                0,
            )
            self.printer_list.setCurrentRow(chosen)
            if not self.printers:
                self._say(
                    self.info,
                    self.tr(
                        "This computer reports no printers: connect the label printer and come back, or save badges as files."
                    ),
                )

        self._run(lambda: printing.system_printers(admin) if printing is not None else [], done)

    def selected_printer(self) -> str:
        item = self.printer_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else FILE_PRINTER

    def select_printer(self, name: str) -> None:
        """Select a printer in the list by its name (the tests and the benchmark choose one)."""
        for i in range(self.printer_list.count()):
            if self.printer_list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.printer_list.setCurrentRow(i)
                return
        raise KeyError(name)

    def select_label(self, name: str) -> None:
        """Select a label size by its name (e.g. dymo-99014)."""
        index = self.label_size.findData(name)
        if index < 0:
            raise KeyError(name)
        self.label_size.setCurrentIndex(index)

    def _save_printer(self) -> tuple[str, str]:
        printer, label_name = self.selected_printer(), str(self.label_size.currentData())
        self.setup.choose_badge_printer(self._admin(), printer, label_name)
        return printer, label_name

    def test_print(self) -> None:
        """Save the chosen printer and label, then print a sample badge on it."""

        def work() -> str:
            self._save_printer()
            return self.setup.test_badge(self._admin())

        def done(where: object) -> None:
            self.outcome.test_print = str(where)
            self._say(
                self.info,
                self.tr("A test badge was sent to {where}. Check that the name fits the label.").replace(
                    "{where}", str(where)
                ),
            )

        self._run(work, done)

    def _printer_next(self) -> None:
        def done(result: object) -> None:
            assert isinstance(result, tuple)
            self.outcome.printer, self.outcome.label = result
            self._advance()

        self._run(self._save_printer, done)

    # ------------------------------------------------------------------ 5. alert mail

    def mail_values(self) -> dict[str, object]:
        port = self.smtp_port.text().strip() or "587"
        return {
            "host": self.smtp_host.text().strip(),
            "port": int(port) if port.isdigit() else port,
            "starttls": self.smtp_starttls.isChecked(),
            "username": self.smtp_user.text().strip(),
            "password": self.smtp_password.text(),
            "sender": self.smtp_sender.text().strip(),
            "alert_recipients": self.smtp_to.text(),
        }

    def test_mail(self) -> None:
        admin, values = self._admin(), self.mail_values()

        def done(to: object) -> None:
            addresses = ", ".join(to) if isinstance(to, list) else str(to)
            self._say(
                self.info,
                self.tr("A test message was sent to {to}. Check that it arrived.").replace("{to}", addresses),
            )

        self._run(lambda: self.setup.test_mail(admin, values), done)

    def _mail_next(self) -> None:
        admin, values = self._admin(), self.mail_values()

        def done(smtp: object) -> None:
            self.outcome.mail = ", ".join(getattr(smtp, "alert_recipients", []))
            self._advance()

        self._run(lambda: self.setup.save_mail(admin, values), done)

    # ------------------------------------------------------------------ 6. the ban list

    def _choose_bans_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The ban list"), str(Path.home()), self.tr("CSV files (*.csv)")
        )
        if path:
            self.bans_file.setText(path)

    def import_bans(self) -> None:
        """Read the chosen CSV file and import it as drafts for the head's approval."""
        path = Path(self.bans_file.text().strip()).expanduser()
        if not self.bans_file.text().strip():
            self._say(self.error, self.tr("Choose the CSV file first, or skip this step."))
            return
        if self.head is None:
            self._say(self.error, self.tr("The head's account is made first."))
            return
        head = self.head

        def work() -> int:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise KioskError(f"{path.name} cannot be read ({exc.strerror or exc}).") from None
            return self.setup.import_bans(head, data, path.name)

        def done(count: object) -> None:
            self.outcome.bans = int(count) if isinstance(count, int) else 0
            self.outcome.bans_file = path.name
            self._say(
                self.info,
                self.tr(
                    "{n} bans imported from {file}. They wait for {head}'s approval in the console's ban list."
                )
                .replace("{n}", str(self.outcome.bans))
                .replace("{file}", path.name)
                .replace("{head}", head.name),
            )

        self._run(work, done)

    def _bans_next(self) -> None:
        if self.bans_file.text().strip() and not self.outcome.bans_file:
            self._say(self.error, self.tr("Press “Import the list” first, or skip this step."))
            return
        self._advance()

    # ------------------------------------------------------------------ 7. ready

    def _summary(self) -> str:
        o, s = self.outcome, self.services.settings
        printer = self.tr("badges saved as PDF files") if o.printer == FILE_PRINTER else o.printer
        lines = [
            self.tr("School: {name}").replace("{name}", s.school.name),
            self.tr("Administrator: {name}").replace("{name}", o.administrator),
            self.tr("Head of school (approves bans): {name}").replace("{name}", o.head),
            self.tr("Badge printer: {printer}, labels {label}")
            .replace("{printer}", printer)
            .replace("{label}", o.label)
            + (self.tr(" (test badge printed)") if o.test_print else ""),
            self.tr("Alert messages to: {to}").replace("{to}", o.mail)
            if o.mail
            else self.tr("Alert messages: not set up (skipped)"),
            self.tr("Ban list: {n} bans waiting for {head}'s approval")
            .replace("{n}", str(o.bans))
            .replace("{head}", o.head)
            if o.bans_file
            else self.tr("Ban list: none imported (skipped)"),
        ]
        return "\n".join("•  " + line for line in lines)

    def _ready_next(self) -> None:
        admin = self._admin()

        def done(_result: object) -> None:
            log.info("first-run set-up finished in %d screens", len(self.visited))
            self.finished_setup.emit(self.outcome)
            self.accept()

        self._run(lambda: self.setup.finish(admin), done)


# The name the kiosk's entry point and the screenshots knew it by.
FirstStartSetup = SetupWizard

__all__ = ["PAGES", "FirstStartSetup", "SetupOutcome", "SetupWizard"]
