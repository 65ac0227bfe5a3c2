"""Hears a USB QR-code scanner on every screen: it types like a keyboard, far faster than a person.

A scanner sends a token's characters a few milliseconds apart and ends with Return. The listener
is an application-wide event filter: it lets every key through (so a person typing is never
delayed), notes when each character arrived, and when Return ends a run of at least
``min_length`` characters each within ``max_gap_s`` of the last, it swallows that Return, takes the
run back out of whatever field it landed in, and emits ``scanned(token)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

# Our badge and pass tokens are 22 characters (secrets.token_urlsafe(16)); names typed and ended
# with Return by a very quick test or person are far shorter than 12 at scanner speed.
MIN_TOKEN_LENGTH = 12
MAX_TOKEN_LENGTH = 64
MAX_GAP_S = 0.05


class ScannerListener(QObject):
    """Application event filter that turns scanner bursts into ``scanned(token)``."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_s: float = MAX_GAP_S,
        min_length: int = MIN_TOKEN_LENGTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self._clock = clock
        self._chars: list[str] = []
        self._last_at = 0.0
        # A key from the hardware reaches the window first, then the focused widget: count it once.
        self._seen_at_window: tuple[int, str] | None = None

    def install(self) -> None:
        """Start listening to every key in the application."""
        QApplication.instance().installEventFilter(self)

    def uninstall(self) -> None:
        """Stop listening."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        signature = (key_event.key(), key_event.text())
        if isinstance(obj, QWindow):
            self._seen_at_window = signature
            handled = self._key(key_event)
            if handled:
                self._seen_at_window = None  # swallowed here, so the widget never sees it
            return handled
        if not isinstance(obj, QWidget) or obj is not (QApplication.focusWidget() or obj.window()):
            return False  # the same key propagating to a parent widget
        if self._seen_at_window == signature:
            self._seen_at_window = None
            return False
        self._seen_at_window = None
        return self._key(key_event)

    def _key(self, event: QKeyEvent) -> bool:
        now = self._clock()
        quick = now - self._last_at <= self.max_gap_s
        self._last_at = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            token = "".join(self._chars)
            self._chars.clear()
            if quick and self.min_length <= len(token) <= MAX_TOKEN_LENGTH:
                self._take_back(token)
                self.scanned.emit(token)
                return True
            return False
        text = event.text()
        if len(text) != 1 or not text.isprintable():
            self._chars.clear()
            return False
        if not quick:
            self._chars.clear()
        self._chars.append(text)
        return False

    @staticmethod
    def _take_back(token: str) -> None:
        """Remove the scanned characters from the field they were typed into."""
        field = QApplication.focusWidget()
        if isinstance(field, QLineEdit) and field.text().endswith(token):
            field.setText(field.text()[: -len(token)])
