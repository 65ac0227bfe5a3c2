"""Hears a USB QR-code scanner on every screen: it types like a keyboard, far faster than a person.

A keyboard-wedge scanner sends each character as key presses and releases a few milliseconds apart
(1–30 ms on the scanners schools buy), pressing and releasing Shift (or AltGr) around the characters
that need it, and ends with Return, Tab or nothing at all. The listener is an application-wide event
filter that lets every key through (so a person typing is never delayed) and watches the run of keys:

* modifier keys (Shift, AltGr, Ctrl, Alt, Caps Lock, Meta) arrive as key events with no text: they
  belong to the run and never end it;
* every key event in the run, press or release, must come within ``max_gap_s`` of the one before;
* a scanner lets go of each key before the next and holds it for a moment only; people hold a key
  for 60 ms or more and, typing quickly, press the next before letting go of the last (rollover).
  A character key held longer than ``max_gap_s``, or pressed while another is still down, is a
  person's;
* the run must be token-shaped: ``min_length``..64 characters from the URL-safe alphabet our badge and
  pass tokens use (``A-Z a-z 0-9 - _``, which UK and US layouts type the same way), so a name with a
  space or an apostrophe is never a scan;
* a Return, Enter or Tab ends the run (and is swallowed when the run is a scan); with no suffix, a
  quiet spell of ``quiet_ms`` ends it.

A person never keeps up 12 key presses each within 50 ms of the last (that is over 200 words a
minute, without a single pause); the fastest typists roll over two or three keys at most.

Caps Lock inverts the case of letters the scanner sends. The letter as typed and the letter the
scanner meant (upper case exactly when Shift was held) are both kept: ``scanned`` carries the token as
typed, and :attr:`ScannerListener.candidates` the spellings to try (as typed first, then as meant),
so both a Caps-Lock-aware scanner and a plain one work.

When the run is a scan, its characters are taken back out of whatever field they landed in and
``scanned(token)`` is emitted.
"""

from __future__ import annotations

import string
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.ui.widgets.qapp import running_app

# Our badge and pass tokens are 22 characters (secrets.token_urlsafe(16)).
MIN_TOKEN_LENGTH = 12
MAX_TOKEN_LENGTH = 64
MAX_GAP_S = 0.05
QUIET_MS = 120
TOKEN_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_")

MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)
SUFFIX_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})


def token_shaped(text: str, min_length: int = MIN_TOKEN_LENGTH) -> bool:
    """Whether ``text`` could be one of our badge or pass tokens."""
    return min_length <= len(text) <= MAX_TOKEN_LENGTH and all(ch in TOKEN_ALPHABET for ch in text)


class ScannerListener(QObject):
    """Application event filter that turns scanner bursts into ``scanned(token)``."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_s: float = MAX_GAP_S,
        min_length: int = MIN_TOKEN_LENGTH,
        quiet_ms: int = QUIET_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self.clock = clock
        self._typed: list[str] = []  # the characters as they reached the field
        self._meant: list[str] = []  # as the scanner meant them (Shift held: upper case)
        self._last_at = -1e9
        self._shift_down = False
        self._broken = False  # a slow gap, a long hold, a rollover or a non-token character: a person's
        self._down: dict[int, float] = {}  # character keys held now, with when they went down
        self.candidates: tuple[str, ...] = ()
        self._before: tuple[QLineEdit, str] | None = None
        # A key from the hardware reaches the window first, then the focused widget: count it once.
        self._seen_at_window: tuple[int, int, str] | None = None
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(quiet_ms)
        self._quiet.timeout.connect(self._quiet_end)

    def install(self) -> None:
        """Start listening to every key in the application."""
        running_app().installEventFilter(self)

    def uninstall(self) -> None:
        """Stop listening."""
        self._quiet.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        signature = (int(kind.value), key_event.key(), key_event.text())
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

    # ---------------------------------------------------------------- the run of keys

    def _reset(self) -> None:
        self._typed.clear()
        self._meant.clear()
        self._broken = False

    def _key(self, event: QKeyEvent) -> bool:
        now = self.clock()
        quick = now - self._last_at <= self.max_gap_s
        self._last_at = now
        key = event.key()
        press = event.type() == QEvent.Type.KeyPress
        if key == Qt.Key.Key_Shift:
            self._shift_down = press
        if not quick:
            self._reset()
            self._down.clear()  # a release lost to another window must not spoil the next run
        if key in MODIFIER_KEYS:
            if self._typed:
                self._quiet.start()
            return False
        if not press:
            pressed_at = self._down.pop(key, None)
            if pressed_at is not None and now - pressed_at > self.max_gap_s:
                self._broken = True  # held like a person holds a key
            if self._typed:
                self._quiet.start()
            return False
        if self._down and key not in SUFFIX_KEYS:
            self._broken = True  # rollover: the last key is still down
        self._down[key] = now
        if event.isAutoRepeat():
            self._reset()
            self._broken = True
            return False
        if key in SUFFIX_KEYS:
            self._quiet.stop()
            return self._finish()
        text = event.text()
        if len(text) != 1 or text not in TOKEN_ALPHABET:
            self._broken = True
        else:
            if not self._typed:
                # What the focused box said before this run: restored if the run is a scan (a box with
                # a length limit or capitals of its own would not simply end with the code).
                field = QApplication.focusWidget()
                self._before = (field, field.text()) if isinstance(field, QLineEdit) else None
            self._typed.append(text)
            shifted = self._shift_down or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._meant.append((text.upper() if shifted else text.lower()) if text.isalpha() else text)
        self._quiet.start()
        return False

    def _finish(self) -> bool:
        typed, meant, broken = "".join(self._typed), "".join(self._meant), self._broken
        self._reset()
        if broken or not token_shaped(typed, self.min_length):
            return False
        self._take_back(typed, self._before)
        self.candidates = tuple(dict.fromkeys((typed, meant)))
        self.scanned.emit(typed)
        return True

    def _quiet_end(self) -> None:
        # No suffix: the scanner simply stopped, and the keys so far were each quick enough to be one.
        if self._typed:
            self._finish()

    def finish_now(self) -> None:
        """End the current run as if the scanner had gone quiet (tests, and a scan with no suffix)."""
        self._quiet.stop()
        if self._typed:
            self._finish()

    @staticmethod
    def _take_back(token: str, before: tuple[QLineEdit, str] | None) -> None:
        """Remove the scanned characters from the field they were typed into."""
        field = QApplication.focusWidget()
        if not isinstance(field, QLineEdit):
            return
        if before is not None and before[0] is field:
            field.setText(before[1])
        elif field.text().endswith(token):
            field.setText(field.text()[: -len(token)])
