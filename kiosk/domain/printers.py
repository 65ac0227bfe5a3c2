"""What a printer's state means to the front desk: ready, or why a badge cannot come out of it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class PrinterState(enum.StrEnum):
    """A printer's state as reception needs to know it."""

    READY = "ready"
    LOW = "labels running low"  # still prints: a warning for reception, not a reason to stop
    OUT_OF_LABELS = "out of labels"
    COVER_OPEN = "cover open"
    JAMMED = "labels jammed"
    OFFLINE = "offline"
    STOPPED = "stopped"
    NOT_FOUND = "not found"
    NO_SERVICE = "printing service not running"
    UNKNOWN = "state unknown"  # the printer cannot be asked (e.g. a Brother QL on the network)


# The audit-log actions of a change of a kiosk's badge printer (written by kiosk.services.printing; the
# console's SQLite feed turns them back into "printer.status" notices).
STOPPED_ACTION, READY_ACTION = "badge printer stopped", "badge printer ready again"

_PRINTS = frozenset({PrinterState.READY, PrinterState.LOW, PrinterState.UNKNOWN})


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """One printer's state, with what to do about it in a sentence."""

    printer: str  # the name reception knows it by ("the badge folder", a queue name)
    state: PrinterState
    detail: str = ""  # what the print system said, in its words

    @property
    def ready(self) -> bool:
        """Whether a badge sent now would be expected to print."""
        return self.state in _PRINTS

    def message(self) -> str:
        """One line for reception, e.g. "Badge printer 'QL570' is out of labels: load a new roll."."""
        advice = {
            PrinterState.READY: "",
            PrinterState.LOW: "have a new roll ready",
            PrinterState.OUT_OF_LABELS: "load a new roll of labels",
            PrinterState.COVER_OPEN: "close the printer's cover",
            PrinterState.JAMMED: "open the printer and clear the labels",
            PrinterState.OFFLINE: "check it is switched on and its cable is plugged in",
            PrinterState.STOPPED: "check the printer, then resume it in the print settings",
            PrinterState.NOT_FOUND: "choose the printer again in Settings",
            PrinterState.NO_SERVICE: "restart the computer, or start the printing service",
            PrinterState.UNKNOWN: "",
        }[self.state]
        text = f"Badge printer '{self.printer}' is {self.state.value}"
        if self.detail and self.state not in (PrinterState.READY, PrinterState.UNKNOWN):
            text += f" ({self.detail})"
        return f"{text}: {advice}." if advice else f"{text}."


@dataclass(frozen=True, slots=True)
class SystemPrinter:
    """A printer the operating system reports (the Windows spooler's printers, CUPS queues)."""

    name: str
    description: str
    is_default: bool
    state: str  # "idle", "printing", "stopped" or "error"

    @property
    def ready(self) -> bool:
        return self.state in ("idle", "printing")
