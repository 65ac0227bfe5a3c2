"""The console's one window: first start, sign-in, or the signed-in shell."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.events import Change, ChangeEvent
from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action
from kiosk.services.common import audit_actor
from kiosk.services.container import Services
from kiosk.ui.console.attention import REPEAT_MS, AlertAttention
from kiosk.ui.console.context import (
    IDLE_LOCK_MS,
    SAFETY_REFRESH_MS,
    ConsoleContext,
    ConsoleEvents,
    ConsoleSession,
)
from kiosk.ui.console.parts import label
from kiosk.ui.console.shell import ConsoleShell
from kiosk.ui.console.signin import FirstRunPage, SignInPage
from kiosk.ui.console.style import style_console
from kiosk.ui.ops import run_op


class ConsoleWindow(QWidget):
    """Swaps between the first-start page, the sign-in page and the shell; owns nothing else."""

    def __init__(
        self,
        services: Services,
        *,
        idle_lock_ms: int = IDLE_LOCK_MS,
        repeat_ms: int = REPEAT_MS,
        safety_ms: int = SAFETY_REFRESH_MS,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ConsoleWindow")
        self.setWindowTitle(f"Reception console — {services.settings.school.name}")
        self.services = services
        self.session = ConsoleSession(idle_lock_ms, self)
        self.events = ConsoleEvents(services, self, safety_ms=safety_ms)
        self.ctx = ConsoleContext(services, self.session, self.events)
        self.attention = AlertAttention(services, self, repeat_ms=repeat_ms)
        self.first_run = FirstRunPage(services)
        self.sign_in = SignInPage(services)
        self.shell = ConsoleShell(self.ctx)
        self.stack = QStackedWidget()
        for page in (self.first_run, self.sign_in, self.shell):
            self.stack.addWidget(page)
        # A badge printer that stopped (a kiosk's printer watch): shown above every page, signed in or not.
        self.printer_notice = label("", "error", wrap=True)
        self.printer_notice.setObjectName("printer-notice")
        self.printer_notice.hide()
        self._stopped_printers: dict[str, str] = {}  # printer -> the sentence
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.printer_notice)
        layout.addWidget(self.stack)
        self.large_text = False
        style_console(self, services.settings)
        self.resize(1280, 800)
        self._connect_signals()
        self.stack.setCurrentWidget(self.sign_in)
        run_op(self, services.staff.has_staff, on_done=self._first_page)
        self.attention.check()
        if services.printing is not None:
            # This computer's badge printer as it is now; later changes come from the kiosks' events.
            run_op(self, services.printing.badge_printer_status, on_done=self._printer_status)

    def _connect_signals(self) -> None:
        self.first_run.created.connect(self.session.start)
        self.sign_in.authenticated.connect(self.session.start)
        self.session.signed_in.connect(self._signed_in)
        self.session.signed_out.connect(self._locked)
        self.events.changed.connect(self._changed)
        self.events.ticked.connect(self.attention.check)
        self.attention.waiting.connect(self.sign_in.show_waiting)
        self.attention.waiting.connect(self.shell.show_waiting)
        self.attention.arrived.connect(self._visitor_held)
        self.shell.large_text_button.toggled.connect(self.set_large_text)

    def _first_page(self, has_staff: bool) -> None:
        if has_staff:
            self.sign_in.reload_names()
        else:
            self.stack.setCurrentWidget(self.first_run)

    def _changed(self, event: ChangeEvent) -> None:
        if event.may_change_holds:
            self.attention.check()
        if event.change is Change.PRINTER_STATUS:
            # One line per printer: one kiosk's printer coming back leaves another's notice up.
            payload = event.payload
            printer = str(payload.get("printer", "") or event.by)
            self.show_printer_notice(
                str(payload.get("message", "")), bool(payload.get("ready")), printer=printer
            )

    def _printer_status(self, status) -> None:
        self.show_printer_notice(status.message(), status.ready, printer=status.printer)

    def show_printer_notice(self, message: str, ready: bool, *, printer: str = "") -> None:
        """Say at the top of the console that a badge printer stopped; take it down when it prints again."""
        if ready or not message:
            self._stopped_printers.pop(printer, None)
        else:
            self._stopped_printers[printer] = message
        if not self._stopped_printers:
            self.printer_notice.hide()
            self.printer_notice.clear()
            return
        lines = list(self._stopped_printers.values())
        self.printer_notice.setText(
            "\n".join(lines) + "\nUntil then, visitors are told their badge comes from reception."
        )
        self.printer_notice.show()
        if self.isVisible() and not self.isActiveWindow():
            QApplication.alert(self, 0)

    def _signed_in(self, actor: Actor) -> None:
        self.events.actor_id = audit_actor(actor)
        self.stack.setCurrentWidget(self.shell)
        self.shell.start(actor)
        if self.attention.held_ids and self.session.may(Action.HANDLE_ALERT):
            self.shell.show_page("alerts")

    def _locked(self) -> None:
        self.events.actor_id = ""
        self.sign_in.reload_names()
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.name.setFocus()

    def _visitor_held(self, _visit_ids: list) -> None:
        # A held visitor goes to the top of whatever reception is doing.
        if self.session.may(Action.HANDLE_ALERT):
            self.shell.show_page("alerts")
        if self.isVisible() and QGuiApplication.platformName() not in ("offscreen", "minimal"):
            self.raise_()
            self.activateWindow()

    def set_large_text(self, on: bool) -> None:
        """Type 25 % larger on every page (the button in the top bar); pages reflow, nothing is cut off."""
        self.large_text = on
        style_console(self, self.services.settings, large_text=on)
        if self.shell.large_text_button.isChecked() != on:
            self.shell.large_text_button.setChecked(on)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.session.lock()
        super().closeEvent(event)
