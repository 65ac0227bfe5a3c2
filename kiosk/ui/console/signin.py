"""Staff sign-in (name and PIN) and the first start, which asks for an administrator account."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.model import Actor, Role
from kiosk.services.container import Services
from kiosk.ui.console.parts import MessageLine, StaffNameEdit, button, label
from kiosk.ui.ops import run_op


def _card(parent: QWidget, width: int = 460) -> tuple[QWidget, QVBoxLayout]:
    from PySide6.QtWidgets import QFrame

    card = QFrame(parent)
    card.setProperty("console", "signincard")
    card.setFixedWidth(width)
    inner = QVBoxLayout(card)
    inner.setContentsMargins(32, 26, 32, 28)
    inner.setSpacing(14)
    outer = QVBoxLayout(parent)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return card, inner


class SignInPage(QWidget):
    """Type your name (suggestions only after typing; nothing preselected), then your PIN.

    Five wrong PINs lock the account (the staff service decides).
    """

    authenticated = Signal(object)  # Actor

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setProperty("page", True)
        _card_widget, layout = _card(self)
        layout.addWidget(label(services.settings.school.name, "school"))
        layout.addWidget(label("Reception console", "pagetitle"))
        self.waiting = label("", "bannertext", wrap=True)
        self.waiting.setVisible(False)
        layout.addWidget(self.waiting)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.name = StaffNameEdit()
        self.name.setMinimumWidth(260)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("Your PIN")
        self.pin.setMaxLength(12)
        form.addRow("Name", self.name)
        form.addRow("PIN", self.pin)
        layout.addLayout(form)
        self.message = MessageLine()
        layout.addWidget(self.message)
        self.sign_in_button = button("Sign in", "primary", "fa5s.sign-in-alt")
        self.sign_in_button.setDefault(True)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(
            label("The console locks itself after a few minutes without use.", "fieldname", wrap=True)
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.sign_in_button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.name.returnPressed.connect(self.pin.setFocus)

    def reload_names(self) -> None:
        """Load the names to suggest after typing; the name field starts empty for each person."""
        self.name.clear()
        run_op(self, self.services.staff.names, on_done=self.name.set_names, on_error=self.message.error)

    def show_waiting(self, count: int) -> None:
        """Say that visitors are waiting, so whoever is near signs in (no details before sign-in)."""
        self.waiting.setText(
            f"{count} visitor{'s are' if count != 1 else ' is'} waiting at reception. Sign in to see the alert."
        )
        self.waiting.setVisible(count > 0)

    def submit(self) -> None:
        name, pin = " ".join(self.name.text().split()), self.pin.text()
        if not name:
            self.message.error("Type your name first.")
            return
        self.sign_in_button.setEnabled(False)
        self.message.clear_message()
        run_op(
            self,
            lambda: self.services.staff.authenticate(name, pin, source="console"),
            on_done=self._signed_in,
            on_error=self._failed,
        )

    def _signed_in(self, actor: Actor) -> None:
        self.pin.clear()
        self.name.clear()
        self.sign_in_button.setEnabled(True)
        self.authenticated.emit(actor)

    def _failed(self, exc: KioskError) -> None:
        self.pin.clear()
        self.pin.setFocus()
        self.sign_in_button.setEnabled(True)
        self.message.error(exc)


class FirstRunPage(QWidget):
    """The very first start: no staff yet, so make the administrator account (name and PIN twice)."""

    created = Signal(object)  # the new administrator, signed in

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setProperty("page", True)
        _card_widget, layout = _card(self, 520)
        layout.addWidget(label("Welcome to the reception console", "pagetitle"))
        layout.addWidget(
            label(
                "There are no staff accounts yet. Make the administrator account first: the administrator "
                "adds the other staff and their roles.",
                wrap=True,
            )
        )
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Alex Admin")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("4 to 12 digits")
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Your name", self.name)
        form.addRow("PIN", self.pin)
        form.addRow("PIN again", self.pin_again)
        layout.addLayout(form)
        self.message = MessageLine()
        layout.addWidget(self.message)
        self.create_button = button("Create administrator", "primary", "fa5s.user-shield")
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            label(
                "Or set up the whole school in seven short screens: its name and logo, the administrator, "
                "the head of school, the badge printer, alert e-mail and the ban list.",
                "fieldname",
                wrap=True,
            )
        )
        self.setup_button = button("Set up the school", "secondary", "fa5s.magic")
        layout.addWidget(self.setup_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.wizard: QWidget | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.create_button.clicked.connect(self.submit)
        self.pin_again.returnPressed.connect(self.submit)
        self.setup_button.clicked.connect(self.open_setup)

    def open_setup(self) -> None:
        """The first-run set-up window (the kiosk's); its administrator is signed in here when it closes."""
        from dataclasses import replace

        from kiosk.ui.kiosk.setup import SetupWizard
        from kiosk.ui.theme import apply_theme
        from kiosk.ui.widgets.qapp import running_app

        wizard = SetupWizard(self.services, self)
        apply_theme(running_app(), self.services.settings, widget=wizard)
        self.wizard = wizard

        def closed(_result: int) -> None:
            self.wizard = None
            if wizard.admin is not None:
                self.created.emit(replace(wizard.admin, source="console"))
            wizard.deleteLater()

        wizard.finished.connect(closed)
        wizard.open()

    def submit(self) -> None:
        name, pin, again = self.name.text(), self.pin.text(), self.pin_again.text()
        if pin != again:
            self.message.error("The two PINs are different. Type the same PIN twice.")
            return
        staff = self.services.staff
        first_start = Actor(name="console first start", role=None, source="console")

        def work() -> Actor:
            if staff.has_staff():
                raise InvalidInput("An administrator already exists: sign in instead.")
            staff.add(first_start, name, Role.ADMINISTRATOR, pin)
            return staff.authenticate(" ".join(name.split()), pin, source="console")

        self.create_button.setEnabled(False)
        run_op(self, work, on_done=self._done, on_error=self._failed)

    def _done(self, actor: Actor) -> None:
        self.create_button.setEnabled(True)
        for edit in (self.pin, self.pin_again):
            edit.clear()
        self.created.emit(actor)

    def _failed(self, exc: KioskError) -> None:
        self.create_button.setEnabled(True)
        self.message.error(exc)
