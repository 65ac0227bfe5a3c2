"""A keyboard-wedge scanner (and a quick typist) as key events, exactly as the hardware sends them.

Every key is a press and a release; Shift (or AltGr) is its own key, pressed before and released after
the character that needs it, with empty text; Caps Lock inverts the case of the letters that reach the
program. Events go to the window (as the windowing system delivers them), a fixed number of
milliseconds apart on a clock the listener reads, so the tests do not depend on the machine's speed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

# The keys each layout uses for the characters of our tokens: (Qt key, needs Shift). UK and US agree on
# these; they differ elsewhere (" and @, # and £), which no token uses.
_SHIFTED_SYMBOLS = {
    "uk": {"_": Qt.Key.Key_Underscore, '"': Qt.Key.Key_QuoteDbl, "@": Qt.Key.Key_At},
    "us": {"_": Qt.Key.Key_Underscore, '"': Qt.Key.Key_QuoteDbl, "@": Qt.Key.Key_At},
}
_PLAIN_SYMBOLS = {"-": Qt.Key.Key_Minus, "'": Qt.Key.Key_Apostrophe, " ": Qt.Key.Key_Space}


def key_for(ch: str, layout: str) -> tuple[Qt.Key, bool]:
    """The Qt key and whether Shift is held, for a character on this layout."""
    if ch.isascii() and ch.isalpha():
        return Qt.Key(ord(ch.upper())), ch.isupper()
    if ch.isdigit():
        return Qt.Key(ord(ch)), False
    if ch in _SHIFTED_SYMBOLS[layout]:
        return _SHIFTED_SYMBOLS[layout][ch], True
    return _PLAIN_SYMBOLS[ch], False


class FakeClock:
    """Seconds that move only when the hardware says so."""

    def __init__(self) -> None:
        # Well after anything the real clock gave the listener before, so a new run always starts.
        self.now = time.monotonic() + 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Wedge:
    """A USB scanner in keyboard mode: its layout, timing, suffix and how it sends capitals."""

    window: object
    clock: FakeClock
    layout: str = "uk"
    gap_ms: float = 8
    suffix: str = "return"  # "return", "tab", "enter" or "" (none)
    caps_lock: bool = False  # the PC's Caps Lock is on (the scanner does not know)
    caps_aware: bool = False  # a scanner that sees the Caps Lock light and sends the opposite Shift
    altgr_around: str = ""  # characters this scanner wraps in AltGr press/release
    sent: list[tuple[str, int, str]] = field(default_factory=list)

    def _send(self, kind: QEvent.Type, key: Qt.Key, text: str, mods: Qt.KeyboardModifier) -> None:
        self.clock.now += self.gap_ms / 1000
        event = QKeyEvent(kind, key, mods, text)
        self.sent.append((kind.name, int(key), text))
        QApplication.sendEvent(self.window.windowHandle(), event)

    def _modifier(self, key: Qt.Key, press: bool, mods: Qt.KeyboardModifier) -> None:
        self._send(QEvent.Type.KeyPress if press else QEvent.Type.KeyRelease, key, "", mods)

    def type_char(self, ch: str) -> None:
        key, shift = key_for(ch, self.layout)
        if self.caps_aware and self.caps_lock and ch.isalpha():
            shift = not shift
        mods = Qt.KeyboardModifier.NoModifier
        altgr = ch in self.altgr_around
        if altgr:
            mods |= Qt.KeyboardModifier.GroupSwitchModifier
            self._modifier(Qt.Key.Key_AltGr, True, mods)
        if shift:
            mods |= Qt.KeyboardModifier.ShiftModifier
            self._modifier(Qt.Key.Key_Shift, True, mods)
        text = ch
        if ch.isalpha():
            upper = shift != self.caps_lock  # Caps Lock inverts letters, Shift inverts them back
            text = ch.upper() if upper else ch.lower()
        self._send(QEvent.Type.KeyPress, key, text, mods)
        self._send(QEvent.Type.KeyRelease, key, text, mods)
        if shift:
            mods &= ~Qt.KeyboardModifier.ShiftModifier
            self._modifier(Qt.Key.Key_Shift, False, mods)
        if altgr:
            mods &= ~Qt.KeyboardModifier.GroupSwitchModifier
            self._modifier(Qt.Key.Key_AltGr, False, mods)

    def scan(self, code: str) -> None:
        """Send a whole code, then the suffix; with no suffix the listener must notice the quiet."""
        for ch in code:
            self.type_char(ch)
        suffix = {
            "return": (Qt.Key.Key_Return, "\r"),
            "enter": (Qt.Key.Key_Enter, "\r"),
            "tab": (Qt.Key.Key_Tab, "\t"),
        }
        if self.suffix:
            key, text = suffix[self.suffix]
            self._send(QEvent.Type.KeyPress, key, text, Qt.KeyboardModifier.NoModifier)
            self._send(QEvent.Type.KeyRelease, key, text, Qt.KeyboardModifier.NoModifier)


def person_types(window, clock: FakeClock, text: str, gaps_ms: list[float], hold_ms: float = 70) -> None:
    """A person typing on a physical keyboard: each key held ``hold_ms``, the next pressed after its gap.

    A gap shorter than the hold is a rollover (the next key goes down before the last comes up), which
    quick typists do all the time.
    """
    wedge = Wedge(window, clock, gap_ms=0)
    events: list[tuple[float, QEvent.Type, Qt.Key, str, bool]] = []
    at = clock.now
    for n, ch in enumerate(text):
        key, shift = key_for(ch, "uk")
        at += gaps_ms[n % len(gaps_ms)] / 1000
        if shift:
            events.append((at - 0.03, QEvent.Type.KeyPress, Qt.Key.Key_Shift, "", True))
        events.append((at, QEvent.Type.KeyPress, key, ch, shift))
        events.append((at + hold_ms / 1000, QEvent.Type.KeyRelease, key, ch, shift))
        if shift:
            events.append((at + hold_ms / 1000 + 0.01, QEvent.Type.KeyRelease, Qt.Key.Key_Shift, "", False))
    for when, kind, key, ch, shift in sorted(events, key=lambda e: e[0]):
        clock.now = when
        mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        wedge.sent.append((kind.name, int(key), ch))
        QApplication.sendEvent(window.windowHandle(), QKeyEvent(kind, key, mods, ch))
