"""What the kiosk's pages share: the page frame with its header bar, message pages and visitor-type words."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain.model import PersonType
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.icons import icon_label, make_button
from kiosk.ui.widgets.text import label

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.ui.kiosk.start import WelcomeSettings

PAGE_MARGIN = 32


def type_label(person_type: PersonType) -> str:
    """The word for a kind of visitor, as a visitor would say it."""
    words = {
        PersonType.VISITOR: translate("Kiosk", "Visitor"),
        PersonType.CONTRACTOR: translate("Kiosk", "Contractor"),
        PersonType.PARENT: translate("Kiosk", "Parent or carer"),
        PersonType.COLLECTOR: translate("Kiosk", "Collecting a child"),
        PersonType.VOLUNTEER: translate("Kiosk", "Volunteer"),
        PersonType.SUPPLY_STAFF: translate("Kiosk", "Supply staff"),
        PersonType.GOVERNOR: translate("Kiosk", "Governor"),
    }
    return words[PersonType(person_type)]


def type_hint(person_type: PersonType) -> str:
    """A few words under each choice so nobody has to guess which one is theirs."""
    words = {
        PersonType.VISITOR: translate("Kiosk", "Meeting someone at the school"),
        PersonType.CONTRACTOR: translate("Kiosk", "Working on the building or grounds"),
        PersonType.PARENT: translate("Kiosk", "A meeting, an event or helping out"),
        PersonType.COLLECTOR: translate("Kiosk", "Picking up a pupil"),
        PersonType.VOLUNTEER: translate("Kiosk", "Reading, clubs or trips"),
        PersonType.SUPPLY_STAFF: translate("Kiosk", "Teaching or support cover"),
        PersonType.GOVERNOR: translate("Kiosk", "Governing body business"),
    }
    return words[PersonType(person_type)]


TYPE_ICONS = {
    PersonType.VISITOR: "fa5s.user",
    PersonType.CONTRACTOR: "fa5s.hard-hat",
    PersonType.PARENT: "fa5s.user-friends",
    PersonType.COLLECTOR: "fa5s.child",
    PersonType.VOLUNTEER: "fa5s.hands-helping",
    PersonType.SUPPLY_STAFF: "fa5s.chalkboard-teacher",
    PersonType.GOVERNOR: "fa5s.landmark",
}


def local_now(zone: ZoneInfo) -> datetime:
    """The school's local time now."""
    return datetime.now(zone)


def clock_text(when: datetime) -> str:
    """24-hour time, as UK schools write it (09:05)."""
    return f"{when:%H:%M}"


def date_text(when: datetime) -> str:
    """A friendly date in the visitor's language (Qt's default locale): Tuesday 3 March, dydd Mawrth 3 Mawrth."""
    return QLocale().toString(QDate(when.year, when.month, when.day), "dddd d MMMM")


class HeaderBar(QWidget):
    """The strip at the top of every page after Welcome: the school's name and the time."""

    def __init__(self, settings: Settings | WelcomeSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._zone = settings.zone
        layout = QHBoxLayout(self)
        # The left margin leaves the staff corner (an invisible long-press square) clear of text.
        layout.setContentsMargins(PAGE_MARGIN + 72, 8, PAGE_MARGIN, 8)
        self.school = label(settings.school.name, "headertitle", wrap=False)
        self.clock = label("", "headerclock", wrap=False)
        layout.addWidget(self.school, 1)
        layout.addWidget(self.clock)
        self._timer = QTimer(self)
        self._timer.setInterval(15_000)
        self._connect_signals()
        self.tick()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.tick)

    def tick(self) -> None:
        """Show the current time."""
        self.clock.setText(clock_text(local_now(self._zone)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.tick()
        self._timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()


class Page(QWidget):
    """A kiosk page: the header bar, then a body and a footer of buttons.

    Subclasses fill ``self.body`` and ``self.footer`` and connect their signals in ``_connect_signals``.
    ``clear()`` forgets whatever the last visitor typed (called whenever the kiosk returns to Welcome).
    """

    def __init__(
        self, settings: Settings | WelcomeSettings, *, header: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setProperty("page", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = HeaderBar(settings) if header else None
        if self.header is not None:
            outer.addWidget(self.header)
        inner = QWidget()
        outer.addWidget(inner, 1)
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(PAGE_MARGIN, 14, PAGE_MARGIN, 14)
        self.body.setSpacing(10)
        self.footer = QHBoxLayout()
        self.footer.setSpacing(20)

    def add_footer(self) -> None:
        """Put the footer row at the bottom of the body (after subclasses filled both)."""
        self.body.addLayout(self.footer)

    def clear(self) -> None:
        """Forget what the last visitor entered."""

    def set_busy(self, busy: bool) -> None:
        """Disable the page's buttons while an operation runs, so nothing is sent twice."""
        for button in self.findChildren(QPushButton):
            if button.property("role") not in ("key", "keyspecial"):
                button.setEnabled(not busy)


class CodeImage(QWidget):
    """A QR code drawn straight from its PNG, centred.

    Not a QLabel's pixmap: every visitor's new pixmap would stay in Qt's pixmap cache once painted, and
    the kiosk's memory would grow by the cache's 10 MB over the first hundred or so sign-ins.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_png(self, png: bytes | None) -> None:
        """Show this PNG (None or b"": nothing)."""
        image = QImage()
        if png:
            image.loadFromData(png, "PNG")
        self._image = image
        self.updateGeometry()
        self.update()

    def image(self) -> QImage:
        return self._image

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, 0) if self._image.isNull() else self._image.size()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._image.isNull():
            return
        painter = QPainter(self)
        painter.drawImage(
            (self.width() - self._image.width()) // 2,
            (self.height() - self._image.height()) // 2,
            self._image,
        )
        painter.end()


class MessagePage(Page):
    """A calm page with a picture, a heading, a few lines and at most one button."""

    finished = Signal()

    def __init__(
        self,
        settings: Settings,
        icon_name: str,
        *,
        button_text: str = "",
        parent: QWidget | None = None,
        header: bool = True,
    ) -> None:
        super().__init__(settings, header=header, parent=parent)
        self.body.addStretch(2)
        self.picture = icon_label(icon_name, "accent_strong", 120)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.picture)
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.lines: list[QLabel] = []
        for _ in range(3):
            line = label("", "lead")
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
            line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            line.hide()
            self.lines.append(line)
            self.body.addWidget(line)
        # The visitor pass (a QR code) is shown only on the visitor's own "signed in" page.
        self.code = CodeImage()
        self.code.hide()
        self.body.addWidget(self.code)
        self.code_caption = label("", "lead")
        self.code_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_caption.hide()
        self.body.addWidget(self.code_caption)
        self.body.addStretch(3)
        self.button: QPushButton | None = None
        if button_text:
            self.button = make_button(button_text, "primary", "fa5s.check")
            self.button.setMinimumWidth(320)
            self.footer.addStretch(1)
            self.footer.addWidget(self.button)
            self.footer.addStretch(1)
        self.add_footer()
        self._connect_signals()

    def _connect_signals(self) -> None:
        if self.button is not None:
            self.button.clicked.connect(self.finished)

    def show_code(self, png: bytes | None, caption: str = "") -> None:
        """Show a QR code image with a caption under the text (None hides it)."""
        self.code.set_png(png)
        self.code.setVisible(bool(png))
        self.picture.setVisible(not png)  # the code takes the picture's place, so the page still fits 800 px
        self.code_caption.setText(caption if png else "")
        self.code_caption.setVisible(bool(png))

    def show_message(self, title: str, *lines: str) -> None:
        """Set the heading and up to three lines of text (and hide any QR code from an earlier visitor)."""
        self.show_code(None)
        self.title.setText(title)
        for widget, text in zip(self.lines, (*lines, "", "", ""), strict=False):
            widget.setText(text)
            widget.setVisible(bool(text))
