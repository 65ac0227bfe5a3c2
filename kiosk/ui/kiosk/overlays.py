"""Things shown over the current page: "Are you still there?" and short notices."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.widgets.icons import icon_label, make_button
from kiosk.ui.widgets.text import label


def _parent_rect(overlay: QWidget) -> QRect:
    """The area an overlay covers: its parent's (overlays are made with the window as parent)."""
    parent = overlay.parentWidget()
    if parent is None:
        raise RuntimeError("an overlay is shown over its parent, and this one has none")
    return parent.rect()


class StillThereOverlay(QWidget):
    """Dims the page and counts down; "Yes, I'm still here" keeps the visitor's place, else ``expired``."""

    stay = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, seconds: int = 15) -> None:
        super().__init__(parent)
        self.setProperty("role", "scrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.seconds = seconds
        self._left = seconds
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setProperty("role", "dialog")
        card.setMinimumWidth(640)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(18)
        picture = icon_label("fa5s.hourglass-half", "accent_strong", 72)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(picture)
        self.title = label(translate("Kiosk", "Are you still there?"), "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.title)
        self.countdown = label("", "lead")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.countdown)
        self.stay_button = make_button(translate("Kiosk", "Yes, I'm still here"), "primary", "fa5s.check")
        inner.addWidget(self.stay_button)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._connect_signals()
        self.hide()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._tick)
        self.stay_button.clicked.connect(self._stay)

    def start(self, seconds: int | None = None) -> None:
        """Cover the page and start counting down."""
        self._left = self.seconds if seconds is None else seconds
        self._show_count()
        self.setGeometry(_parent_rect(self))
        self.show()
        self.raise_()
        self._timer.start()

    def cancel(self) -> None:
        """Hide without emitting anything (the kiosk went elsewhere)."""
        self._timer.stop()
        self.hide()

    @property
    def counting(self) -> bool:
        """Whether the countdown is showing."""
        return self._timer.isActive()

    def _show_count(self) -> None:
        # self.tr: lupdate reads plural forms only from tr() (context StillThereOverlay, never subclassed).
        self.countdown.setText(self.tr("Going back to the start in %n seconds.", "", self._left))

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.cancel()
            self.expired.emit()
        else:
            self._show_count()

    def _stay(self) -> None:
        self.cancel()
        self.stay.emit()


class Toast(QFrame):
    """A short notice along the bottom of the window (an unrecognised badge, already signed out)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "dialog")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 16)
        layout.addWidget(icon_label("fa5s.info-circle", "accent_strong", 36))
        self.text = label("", "lead")
        layout.addWidget(self.text, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str, ms: int = 6000) -> None:
        """Show ``text`` for a few seconds."""
        self.text.setText(text)
        parent = _parent_rect(self)
        width = min(parent.width() - 80, 1100)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, parent.height() - self.height() - 120)
        self.show()
        self.raise_()
        self._timer.start(ms)
