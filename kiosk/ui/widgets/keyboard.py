"""On-screen keyboards for a touchscreen: a UK QWERTY keyboard (with an accents layer) and a number pad.

The accents key ("àé") swaps the letters for the accented ones UK schools see in names (Zoë, Jürgen,
Łukasz, Siân, Seán, François, Søren, Małgorzata, Dvořák, Şule...); after one accented letter the
keyboard goes back to the plain letters by itself.

Keys never take the focus, so they type into whichever text field the visitor last touched (a
physical keyboard keeps working alongside). A field with the ``autocap`` property set (names) gets a
capital letter at the start of each word without the visitor reaching for Shift.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import translate
from kiosk.ui.widgets.icons import follow_theme, redraw_stale_icons
from kiosk.ui.widgets.qapp import running_app

MAX_KEY_HEIGHT = 76
_LETTER_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm-")
ACCENT_ROWS = (
    "áàâäãåąæçćčđ",
    "éèêëęěğíìîïı",
    "łñńňóòôöõøőœ",
    "řśšşßťúùûüůű",
    "ýÿźżžðþ",
)


class _KeyPad(QWidget):
    """What both keyboards share: finding the target field and typing into it."""

    typed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Names are typed in Latin letters, so the keys keep their order in a right-to-left language.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.fallback_target: QLineEdit | None = None

    def target(self) -> QLineEdit | None:
        """The field to type into: the focused field in this window, else the fallback field."""
        focused = QApplication.focusWidget()
        if self.fallback_target is not None and not shiboken6.isValid(self.fallback_target):
            self.fallback_target = None
        if (
            isinstance(focused, QLineEdit)
            and shiboken6.isValid(focused)
            and focused.isEnabled()
            and focused.window() is self.window()
        ):
            return focused
        return self.fallback_target

    def _key(self, label: str, role: str = "key") -> QPushButton:
        button = QPushButton(label, self)
        button.setProperty("role", role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(role == "keyspecial")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Keys grow on a big screen, but not into slabs: the rest of the height belongs to the form.
        button.setMaximumHeight(MAX_KEY_HEIGHT)
        return button

    def _insert(self, text: str) -> None:
        field = self.target()
        if field is None:
            return
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.insert(text)
        self.typed.emit(text)

    def _backspace(self) -> None:
        field = self.target()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.backspace()
            self.typed.emit("\b")


class OnScreenKeyboard(_KeyPad):
    """A UK QWERTY keyboard with digits, for names and short details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shift = False
        self._letter_keys: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.layers = QStackedWidget(self)
        letters = QWidget()
        letters_layout = QVBoxLayout(letters)
        letters_layout.setContentsMargins(0, 0, 0, 0)
        letters_layout.setSpacing(6)
        for i, row_chars in enumerate(_LETTER_ROWS):
            row = QHBoxLayout()
            row.setSpacing(6)
            if i == 3:
                self.shift_key = self._key(translate("Kiosk", "Shift"), "keyspecial")
                self.shift_key.setCheckable(True)
                self.shift_key.setAutoRepeat(False)
                follow_theme(self.shift_key, "fa5s.arrow-up", "text", 18)
                row.addWidget(self.shift_key, 3)
            elif i == 2:
                row.addSpacing(24)
            for ch in row_chars:
                key = self._key(ch)
                key.setProperty("char", ch)
                key.clicked.connect(lambda _=False, c=ch: self._press(c))
                if ch.isalpha():
                    self._letter_keys.append(key)
                row.addWidget(key, 2)
            if i == 3:
                self.backspace_key = self._key(translate("Kiosk", "Delete"), "keyspecial")
                self.backspace_key.setAccessibleName(translate("Kiosk", "Delete the last letter"))
                follow_theme(self.backspace_key, "fa5s.backspace", "text", 22)
                row.addWidget(self.backspace_key, 3)
            elif i == 2:
                row.addSpacing(24)
            letters_layout.addLayout(row)
        self.layers.addWidget(letters)
        # The accents layer (59 keys, more than the letters) is built when first asked for: most visitors
        # never open it, and each keyboard's keys are a few MB of the kiosk's memory.
        self._accent_keys: dict[str, QPushButton] | None = None
        layout.addWidget(self.layers, 4)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        self.accents_key = self._key("àé", "keyspecial")
        self.accents_key.setCheckable(True)
        self.accents_key.setAutoRepeat(False)
        self.accents_key.setAccessibleName(translate("Kiosk", "Accented letters"))
        bottom.addWidget(self.accents_key, 3)
        for ch in (",", "."):
            key = self._key(ch)
            key.clicked.connect(lambda _=False, c=ch: self._press(c))
            bottom.addWidget(key, 2)
        self.space_key = self._key(translate("Kiosk", "Space"))
        self.space_key.clicked.connect(lambda: self._press(" "))
        bottom.addWidget(self.space_key, 12)
        for ch in ("&", "/"):
            key = self._key("&&" if ch == "&" else ch)  # a single & would be read as a shortcut marker
            key.clicked.connect(lambda _=False, c=ch: self._press(c))
            bottom.addWidget(key, 2)
        layout.addLayout(bottom, 1)
        self._connect_signals()

    @property
    def accent_keys(self) -> dict[str, QPushButton]:
        """The accented letters' keys (the layer is built on first use)."""
        if self._accent_keys is None:
            self._accent_keys = self._build_accents()
        return self._accent_keys

    def _build_accents(self) -> dict[str, QPushButton]:
        accents = QWidget()
        accents_layout = QGridLayout(accents)
        accents_layout.setContentsMargins(0, 0, 0, 0)
        accents_layout.setSpacing(6)
        keys: dict[str, QPushButton] = {}
        chars = "".join(ACCENT_ROWS)
        rows = 4
        per_row = -(-len(chars) // rows)
        for n, ch in enumerate(chars):
            key = self._key(ch)
            key.setProperty("char", ch)
            key.setProperty("accent", True)
            key.clicked.connect(lambda _=False, c=ch: self._press_accent(c))
            self._letter_keys.append(key)
            keys[ch] = key
            accents_layout.addWidget(key, n // per_row, n % per_row)
        self.layers.addWidget(accents)
        self._refresh_case()
        return keys

    def _show_accents(self, on: bool) -> None:
        if on:
            self.accent_keys  # noqa: B018 - builds the layer the first time
        self.layers.setCurrentIndex(1 if on else 0)

    def _connect_signals(self) -> None:
        self.accents_key.toggled.connect(self._show_accents)
        self.shift_key.toggled.connect(self._set_shift)
        self.backspace_key.clicked.connect(self._backspace)
        self.typed.connect(lambda _t: self._refresh_case())
        running_app().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, _new) -> None:
        if shiboken6.isValid(self) and self.isVisible():
            self._refresh_case()

    def _auto_capital(self) -> bool:
        field = self.target()
        if field is None or not field.property("autocap"):
            return False
        before = field.text()[: field.cursorPosition()]
        return not before or before[-1] in " -'"

    def _upper(self) -> bool:
        return self._shift or self._auto_capital()

    @staticmethod
    def _capital(ch: str) -> str:
        upper = ch.upper()
        return upper if len(upper) == 1 else ch  # ß has no one-letter capital in names

    def _press(self, ch: str) -> None:
        self._insert(self._capital(ch) if ch.isalpha() and self._upper() else ch)
        if self._shift:
            self.shift_key.setChecked(False)

    def _press_accent(self, ch: str) -> None:
        self._press(ch)
        self.accents_key.setChecked(False)  # one accented letter, then back to the plain letters

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        self._refresh_case()

    def _refresh_case(self) -> None:
        upper = self._upper()
        for key in self._letter_keys:
            ch = key.property("char")
            key.setText(self._capital(ch) if upper else ch)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._refresh_case()


class NumberPad(_KeyPad):
    """A telephone-style number pad (phone digits, staff PIN)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for n, ch in enumerate("123456789"):
            key = self._key(ch)
            key.setObjectName(f"key-{ch}")
            key.clicked.connect(lambda _=False, c=ch: self._insert(c))
            grid.addWidget(key, n // 3, n % 3)
        zero = self._key("0")
        zero.setObjectName("key-0")
        zero.clicked.connect(lambda: self._insert("0"))
        grid.addWidget(zero, 3, 1)
        self.backspace_key = self._key(translate("Kiosk", "Delete"), "keyspecial")
        follow_theme(self.backspace_key, "fa5s.backspace", "text", 22)
        grid.addWidget(self.backspace_key, 3, 2)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.backspace_key.clicked.connect(self._backspace)


class KeyboardArea(QStackedWidget):
    """The letters keyboard, swapped for the number pad while a digits-only field has the focus.

    A field is digits-only when its ``digits`` property is set (a phone number, a PIN).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keyboard = OnScreenKeyboard(self)
        self.number_pad = NumberPad(self)
        pad_host = QWidget()
        row = QHBoxLayout(pad_host)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.number_pad, 2)
        row.addStretch(1)
        self.addWidget(self.keyboard)
        self.addWidget(pad_host)
        running_app().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        if not shiboken6.isValid(self) or not isinstance(new, QLineEdit) or new.window() is not self.window():
            return
        digits = bool(new.property("digits"))
        self.setCurrentIndex(1 if digits else 0)
        if digits:
            self.number_pad.fallback_target = new
            redraw_stale_icons(self.number_pad)


class KeyboardShare:
    """One keyboard area (letters and number pad) for pages never on screen together, built when first needed.

    Each of those pages holds a :class:`KeyboardDock` where its keyboard goes; the area is made the first
    time one of them is shown and then moved into whichever is showing. The kiosk's staff pages and the
    collection password page share one: most days none of them is opened, and a keyboard's keys are about
    a megabyte of the kiosk's memory each (issue #20). The sign-in pages keep their own, built at start:
    moving a keyboard between pages re-applies the style sheet to every key (tens of milliseconds), too
    slow for the taps of every visitor.
    """

    def __init__(self) -> None:
        self._area: KeyboardArea | None = None

    @property
    def built(self) -> bool:
        """Whether the area has been made (a page holding it has been shown, or asked for it)."""
        return self._area is not None

    def area_in(self, dock: KeyboardDock) -> KeyboardArea:
        """The area, made if need be and moved into ``dock``, typing into the dock's field by default."""
        area = self._area
        if area is not None and shiboken6.isValid(area) and area.parentWidget() is dock:
            return area
        if area is None or not shiboken6.isValid(area):
            area = self._area = KeyboardArea(dock)
        else:
            area.setParent(dock)
        dock.holder.addWidget(area)
        area.show()
        # Arrived on another page: its field, and the letters (not a number pad left from a PIN).
        area.keyboard.fallback_target = dock.fallback_target
        area.number_pad.fallback_target = None
        area.setCurrentIndex(0)
        return area


class KeyboardDock(QWidget):
    """Where a page's shared keyboard sits (:class:`KeyboardShare`): it takes the keyboard when shown."""

    def __init__(self, share: KeyboardShare, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = share
        self.fallback_target: QLineEdit | None = None
        self.holder = QVBoxLayout(self)
        self.holder.setContentsMargins(0, 0, 0, 0)
        # The keys' height whether or not they are here yet, so the page is laid out the same either way.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def area(self) -> KeyboardArea:
        """The keyboard area, brought here (made the first time)."""
        return self.share.area_in(self)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.area()
        super().showEvent(event)


class DockedKeys:
    """For a page whose keyboard is shared (its ``dock``, a :class:`KeyboardDock`): the keys, brought here."""

    dock: KeyboardDock

    @property
    def keys(self) -> KeyboardArea:
        """The letters and the number pad, here (made the first time)."""
        return self.dock.area()

    @property
    def keyboard(self) -> OnScreenKeyboard:
        return self.keys.keyboard
