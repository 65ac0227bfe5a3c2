"""The printers' state at the front desk: known before a visitor signs in, and told to reception at once.

The kiosk asks ``badge_from_reception()`` when a visitor starts: when the badge printer is out of labels,
offline or stopped, the visitor can be told up front that their badge comes from reception, instead of
after a wait for a print that fails. ``check()`` runs in the background jobs of every program; a change
between "prints" and "does not" is recorded in the log and sent to reception as a "printer.status" event
(PostgreSQL NOTIFY reaches consoles on other machines). ``kiosk doctor`` prints the same status.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from kiosk.domain.errors import InvalidInput
from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action, require
from kiosk.domain.printers import PrinterState, PrinterStatus, SystemPrinter
from kiosk.services.common import Deps, audit

log = logging.getLogger(__name__)

PRINTER_STATUS = "printer.status"
KINDS = {"badge": "badge label printer", "report": "A4 report printer"}


@runtime_checkable
class PrinterWithStatus(Protocol):
    """A printer that can say whether it would print now (kiosk.printing's backends and badge printer)."""

    def status(self) -> PrinterStatus: ...


class PrintingService:
    """Reads the badge printer's state (cached briefly: the kiosk asks at every visitor) and reports changes."""

    def __init__(
        self,
        deps: Deps,
        badge_printer: object | None,
        *,
        kiosk_name: str = "",
        max_age_s: float = 15.0,
        monotonic: Callable[[], float] = time.monotonic,
        list_printers: Callable[[], list[SystemPrinter]] | None = None,
        print_test: Callable[[str, str | None], str] | None = None,
        save_choice: Callable[[str, str], None] | None = None,
        chosen: Callable[[], dict[str, str]] | None = None,
    ):
        self.deps = deps
        self._list_printers = list_printers
        self._print_test = print_test
        self._save_choice = save_choice
        self._chosen = chosen
        self.badge_printer = badge_printer
        self.kiosk_name = kiosk_name
        self.max_age_s = max_age_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._last: PrinterStatus | None = None
        self._at = 0.0
        self._reported_ready: bool | None = None

    def badge_printer_status(self, *, fresh: bool = False) -> PrinterStatus:
        """The badge printer's state, at most max_age_s old (``fresh``: ask the print system now)."""
        with self._lock:
            if not fresh and self._last is not None and self._monotonic() - self._at < self.max_age_s:
                return self._last
        status = self._ask()
        with self._lock:
            self._last, self._at = status, self._monotonic()
        return status

    def badge_from_reception(self) -> bool:
        """Whether the kiosk should say "your badge will be given to you at reception" up front."""
        return not self.badge_printer_status().ready

    def check(self) -> PrinterStatus:
        """Ask now; when the printer has stopped printing, or started again, tell reception and the log."""
        status = self.badge_printer_status(fresh=True)
        with self._lock:
            changed = self._reported_ready is not None and self._reported_ready != status.ready
            first_problem = self._reported_ready is None and not status.ready
            self._reported_ready = status.ready
        if changed or first_problem:
            (log.info if status.ready else log.warning)("%s", status.message())
            self.deps.notify(
                PRINTER_STATUS,
                kiosk=self.kiosk_name,
                printer=status.printer,
                state=status.state.value,
                ready=status.ready,
                message=status.message(),
            )
        return status

    # ------------------------------------------------------------------ choosing printers (console settings)

    def system_printers(self, actor: Actor) -> list[SystemPrinter]:
        """The printers the operating system reports, the default first (administrator)."""
        require(actor, Action.ADMINISTER)
        return list(self._list_printers()) if self._list_printers else []

    def chosen_printers(self, actor: Actor) -> dict[str, str]:
        """The printers in settings: {"badge": ..., "report": ...} ("" for none) (administrator)."""
        require(actor, Action.ADMINISTER)
        return dict(self._chosen()) if self._chosen else {"badge": "", "report": ""}

    def test_print(self, actor: Actor, kind: str, printer: str | None = None) -> str:
        """Print a test badge (kind "badge") or A4 page ("report") to a printer, or the chosen one."""
        require(actor, Action.FRONT_DESK)
        self._kind(kind)
        if self._print_test is None:
            raise InvalidInput("Test printing is not available in this program.")
        where = self._print_test(kind, printer)
        with self.deps.uow() as uow:
            audit(uow, self.deps.clock.now(), actor, "printer tested", "printer", kind, detail=printer or "")
            uow.commit()
        return where

    def choose_printer(self, actor: Actor, kind: str, printer: str) -> None:
        """Save the badge or report printer in settings (administrator); programs use it from their next start."""
        require(actor, Action.ADMINISTER)
        self._kind(kind)
        name = " ".join((printer or "").split())
        if not name:
            raise InvalidInput(f"Choose a printer for the {KINDS[kind]}.")
        if self._save_choice is None:
            raise InvalidInput("Printers cannot be chosen in this program.")
        self._save_choice(kind, name)
        with self.deps.uow() as uow:
            audit(uow, self.deps.clock.now(), actor, "printer chosen", "printer", kind, detail=name)
            uow.commit()

    @staticmethod
    def _kind(kind: str) -> None:
        if kind not in KINDS:
            raise InvalidInput(f"Unknown printer kind {kind!r}: choose badge or report.")

    def _ask(self) -> PrinterStatus:
        printer = self.badge_printer
        if printer is None:
            return PrinterStatus("none", PrinterState.NOT_FOUND, "no badge printer is set up")
        if not isinstance(printer, PrinterWithStatus):
            return PrinterStatus(type(printer).__name__, PrinterState.UNKNOWN)
        ask = printer.status
        try:
            return ask()
        except Exception as exc:  # noqa: BLE001 - asking must never stop a sign-in; "unknown" still prints
            log.warning("could not ask the badge printer its state: %s", exc)
            return PrinterStatus(type(printer).__name__, PrinterState.UNKNOWN, str(exc))
