"""Gets reception's attention when a kiosk holds a visitor: a sound, a flashing task bar, again every 30 s."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services.container import Services
from kiosk.ui.ops import run_op

log = logging.getLogger(__name__)

REPEAT_MS = 30_000


def _sound() -> None:
    # PySide6-Essentials has no QtMultimedia, so the system bell is the sound that always works.
    QApplication.beep()


class AlertAttention(QObject):
    """Watches for held visitors (any staff member may know that someone waits; details need sign-in).

    ``arrived`` fires when a visitor is newly held; ``waiting`` carries how many are held now. While
    any held visitor is unanswered the sound and the task-bar notice repeat every ``repeat_ms``.
    """

    arrived = Signal(list)  # visit ids newly held
    waiting = Signal(int)

    def __init__(self, services: Services, window: QWidget, *, repeat_ms: int = REPEAT_MS):
        super().__init__(window)
        self.services = services
        self.window = window
        self.held_ids: set[int] = set()
        self.sounds = 0  # how many times reception was called (tests read it)
        self._checking = False
        self._again = False
        self._repeat = QTimer(self)
        self._repeat.setInterval(repeat_ms)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._repeat.timeout.connect(self._call_reception)

    def check(self, *_args) -> None:
        """Look for held visitors now (on every feed event and on the safety-net tick)."""
        if self._checking:
            self._again = True  # one check at a time; one more after it catches what came meanwhile
            return
        self._checking = True
        run_op(self, self.services.sign_in.held_visit_ids, on_done=self._update, on_error=self._failed)

    def _failed(self, exc) -> None:
        self._checking = False
        log.warning("could not check for held visitors: %s", exc)

    def _update(self, visit_ids: list[int]) -> None:
        self._checking = False
        ids = set(visit_ids)
        new = sorted(ids - self.held_ids)
        self.held_ids = ids
        self.waiting.emit(len(ids))
        if new:
            self.arrived.emit(new)
            self._call_reception()
        if ids and not self._repeat.isActive():
            self._repeat.start()
        elif not ids:
            self._repeat.stop()
        if self._again:
            self._again = False
            self.check()

    def _call_reception(self) -> None:
        self.sounds += 1
        _sound()
        if not self.window.isActiveWindow():
            # Flashes the task-bar entry until the window is looked at (0: until then).
            QApplication.alert(self.window, 0)
