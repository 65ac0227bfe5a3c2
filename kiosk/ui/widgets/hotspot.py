"""An invisible corner that staff long-press to reach the PIN screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.i18n import translate

LONG_PRESS_MS = 3000


class LongPressCorner(QWidget):
    """A transparent square kept in a window's top-left corner; holding it for 3 s emits ``long_pressed``."""

    long_pressed = Signal()

    def __init__(self, parent: QWidget, size: int = 96, hold_ms: int = LONG_PRESS_MS) -> None:
        super().__init__(parent)
        self.setObjectName("StaffCorner")
        self.setAccessibleName(translate("Kiosk", "Staff exit (hold for three seconds)"))
        self.setFixedSize(size, size)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._connect_signals()
        self.move(0, 0)
        self.raise_()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.long_pressed)

    def set_hold_ms(self, ms: int) -> None:
        """How long the press must last (tests shorten it)."""
        self._timer.setInterval(ms)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        event.accept()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Deliberately draws nothing: visitors should not see a button here.
        return None
