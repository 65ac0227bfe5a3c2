"""Notices when nobody has touched the kiosk for a while."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.ui.widgets.qapp import running_app

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_ms`` without a touch, click or key anywhere in the application."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.idle)

    def install(self) -> None:
        """Start watching every input event of the application."""
        running_app().installEventFilter(self)

    def uninstall(self) -> None:
        """Stop watching."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    @property
    def timeout_ms(self) -> int:
        """How long without input counts as idle."""
        return self._timer.interval()

    def set_timeout_ms(self, ms: int) -> None:
        """Change the idle time (restarts the count if it is running)."""
        self._timer.setInterval(ms)
        if self._timer.isActive():
            self._timer.start()

    def arm(self) -> None:
        """Start (or restart) counting: called when a journey begins and on every input."""
        self._timer.start()

    def disarm(self) -> None:
        """Stop counting (the Welcome screen has nothing to time out)."""
        self._timer.stop()

    @property
    def armed(self) -> bool:
        """Whether the count is running."""
        return self._timer.isActive()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
