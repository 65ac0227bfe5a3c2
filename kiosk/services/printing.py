"""The printers' state at the front desk: known before a visitor signs in, and told to reception at once.

The running kiosk watches its badge printer (``start_watch``: a cheap ``lpstat`` or spooler query every
``printing.watch_s`` seconds, on a thread of its own, never the GUI thread). A change between "prints" and
"does not" is written to the log and the audit trail ("badge printer stopped" / "badge printer ready
again") and sent as a "printer.status" event: PostgreSQL NOTIFY reaches consoles on other machines at
once, and on SQLite the console's feed reads the audit row, so reception sees a notice within a second
of the watch noticing. Local listeners (``subscribe``: the kiosk's screens) hear every change of state.

The kiosk asks ``badge_from_reception()`` when a visitor starts (off the GUI thread; with the watch
running it is answered from the last poll): when the badge printer is out of labels, offline or
stopped, the visitor is told up front that their badge comes from reception, instead of after a wait
for a print that fails. ``kiosk doctor`` prints the same status.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from kiosk.domain.errors import InvalidInput
from kiosk.domain.events import Change
from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action, require
from kiosk.domain.printers import READY_ACTION, STOPPED_ACTION, PrinterState, PrinterStatus, SystemPrinter
from kiosk.services.common import Deps, audit

log = logging.getLogger(__name__)

PRINTER_STATUS = Change.PRINTER_STATUS.value
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
        self._seen: tuple[bool, str] | None = None  # (ready, state) the listeners last heard
        self._listeners: list[Callable[[PrinterStatus], None]] = []
        # Whether changes go to reception (events and the audit log): the kiosk's watch does; a console
        # watching its own printer only tells its own screens.
        self.report = True
        self._watch_stop = threading.Event()
        self._watch_thread: threading.Thread | None = None

    def badge_printer_status(self, *, fresh: bool = False) -> PrinterStatus:
        """The badge printer's state, at most max_age_s old (``fresh``: ask the print system now).

        While the watch runs its last answer is returned at once, however old: the watch keeps it fresh,
        and the caller (the kiosk's one worker thread) is never held by a print system that is slow to answer.
        """
        with self._lock:
            watched = self._watch_thread is not None and self._last is not None
            if (
                not fresh
                and self._last is not None
                and (watched or self._monotonic() - self._at < self.max_age_s)
            ):
                return self._last
        status = self._ask()
        with self._lock:
            self._last, self._at = status, self._monotonic()
        return status

    def last_status(self) -> PrinterStatus | None:
        """The last state asked, without asking (None before the first question)."""
        with self._lock:
            return self._last

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
            seen = (status.ready, status.state.value)
            tell_listeners = seen != self._seen
            self._seen = seen
            listeners = list(self._listeners) if tell_listeners else []
        if (changed or first_problem) and self.report:
            self._tell_reception(status)
        elif changed or first_problem:
            (log.info if status.ready else log.warning)("%s", status.message())
        for listener in listeners:
            try:
                listener(status)
            except Exception:  # noqa: BLE001 - one broken screen must not stop the others hearing
                log.exception("a printer-state listener failed")
        return status

    def _tell_reception(self, status: PrinterStatus) -> None:
        (log.info if status.ready else log.warning)("%s", status.message())
        message = status.message()
        action = READY_ACTION if status.ready else STOPPED_ACTION
        actor = Actor.kiosk(self.kiosk_name) if self.kiosk_name else Actor.system()
        if self.deps.uow is not None:
            try:
                with self.deps.uow() as uow:
                    audit(
                        uow, self.deps.clock.now(), actor, action, "printer", status.printer, detail=message
                    )
                    uow.commit()
            except Exception as exc:  # noqa: BLE001 - the event below still reaches reception
                log.warning("could not record the badge printer's state in the audit log: %s", exc)
        self.deps.notify(
            PRINTER_STATUS,
            actor=actor,
            kiosk=self.kiosk_name,
            printer=status.printer,
            state=status.state.value,
            ready=status.ready,
            message=message,
        )

    # ------------------------------------------------------------------ watching

    def subscribe(self, listener: Callable[[PrinterStatus], None]) -> None:
        """Call ``listener(status)`` (on the watch's thread) whenever the badge printer's state changes."""
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[PrinterStatus], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def start_watch(self, every_s: float = 5.0, *, report: bool = True) -> None:
        """Ask the badge printer's state every ``every_s`` seconds on a thread of its own (once per program)."""
        with self._lock:
            if self._watch_thread is not None:
                return
            self.report = report
            self._watch_stop.clear()
            thread = threading.Thread(target=self._watch, args=(every_s,), name="printer-watch", daemon=True)
            self._watch_thread = thread
        thread.start()

    @property
    def watching(self) -> bool:
        return self._watch_thread is not None

    def stop_watch(self) -> None:
        """Stop the watch (at shutdown); waits for a question under way to finish."""
        self._watch_stop.set()
        with self._lock:
            thread, self._watch_thread = self._watch_thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(30)

    def _watch(self, every_s: float) -> None:
        while not self._watch_stop.is_set():
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the watch must outlive a bad answer; it asks again
                log.exception("the badge printer's state could not be checked")
            if self._watch_stop.wait(every_s):
                return

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
