"""The Welcome page: the school, the time, and the three things a visitor came to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.i18n import LANGUAGES, translate
from kiosk.ui.kiosk.common import PAGE_MARGIN, Page, clock_text, date_text, local_now
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.text import label

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.ui.kiosk.start import WelcomeSettings


class WelcomePage(Page):
    """The resting page: Sign in, Sign out, Collecting a child, and the larger-text and high-contrast toggles."""

    sign_in = Signal()
    sign_out = Signal()
    collecting = Signal()
    staff = Signal()  # a member of staff signs in or out (staff on the roll)
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)
    language_chosen = Signal(str)  # a code of kiosk.ui.i18n.LANGUAGES

    def __init__(self, settings: Settings | WelcomeSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, header=False, parent=parent)
        self._zone = settings.zone
        self.body.setContentsMargins(PAGE_MARGIN + 24, PAGE_MARGIN, PAGE_MARGIN + 24, 20)

        top = QHBoxLayout()
        top.setSpacing(24)
        # Leaves the staff corner clear.
        top.addSpacing(48)
        self.logo = QLabel()
        self.logo.setProperty("role", "icon")
        if settings.school.logo:
            pixmap = QPixmap(settings.school.logo)
            if not pixmap.isNull():
                self.logo.setPixmap(pixmap.scaledToHeight(96, Qt.TransformationMode.SmoothTransformation))
        self.logo.setVisible(self.logo.pixmap() is not None and not self.logo.pixmap().isNull())
        top.addWidget(self.logo)
        self.school = label(settings.school.name, "school")
        top.addWidget(self.school, 1)
        # Each language in its own name, never a flag, at the top where a visitor looks first; the
        # choice lasts until the next visitor.
        self.language_buttons: dict[str, QPushButton] = {}
        offered = [code for code in settings.kiosk.languages if code in LANGUAGES]
        for code in offered if len(offered) > 1 else []:
            language = LANGUAGES[code]
            button = make_button(language.own_name, "quiet")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setObjectName(f"language-{code}")
            button.setProperty("i18n_own_name", True)  # never translated: a speaker looks for this word
            button.setLocale(QLocale(language.locale))
            self.language_buttons[code] = button
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(top)
        self.body.addStretch(1)

        middle = QHBoxLayout()
        middle.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addStretch(1)
        self.greeting = label(translate("Kiosk", "Welcome"), "title")
        self.clock = label("", "clock", wrap=False)
        self.date = label("", "date")
        self.scan_hint = label(
            translate(
                "Kiosk",
                "Been here before? Scan your visitor pass to sign in.\n"
                "Leaving? Scan the QR code on your badge, or tap Sign out.",
            ),
            "body",
        )
        for widget in (self.greeting, self.clock, self.date):
            left.addWidget(widget)
        left.addSpacing(24)
        left.addWidget(self.scan_hint)
        # The badge printer is not printing: visitors are told before they start (the kiosk's printer watch).
        self.badge_notice = label("", "notice")
        self.badge_notice.hide()
        left.addSpacing(12)
        left.addWidget(self.badge_notice)
        left.addStretch(1)
        middle.addLayout(left, 5)

        buttons = QVBoxLayout()
        buttons.setSpacing(22)
        self.sign_in_button = make_button(
            translate("Kiosk", "Sign in"), "big", "fa5s.sign-in-alt", icon_px=40
        )
        self.collect_button = make_button(
            translate("Kiosk", "Collecting a child"), "bigalt", "fa5s.child", icon_px=40
        )
        self.sign_out_button = make_button(
            translate("Kiosk", "Sign out"), "bigalt", "fa5s.sign-out-alt", icon_px=40
        )
        for button in (self.sign_in_button, self.collect_button, self.sign_out_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
        middle.addLayout(buttons, 6)
        self.body.addLayout(middle)
        self.body.addStretch(1)

        self.large_text_button = make_button(
            translate("Kiosk", "Larger text"), "quiet", "fa5s.text-height", icon_px=22
        )
        self.high_contrast_button = make_button(
            translate("Kiosk", "High contrast"), "quiet", "fa5s.adjust", icon_px=22
        )
        for button in (self.large_text_button, self.high_contrast_button):
            button.setCheckable(True)
            self.footer.addWidget(button)
        self.footer.addStretch(1)
        self.staff_button = make_button(translate("Kiosk", "Staff"), "quiet", "fa5s.id-badge", icon_px=22)
        self.staff_button.setObjectName("staff-roll")
        self.footer.addWidget(self.staff_button)
        self.add_footer()

        self._timer = QTimer(self)
        self._timer.setInterval(10_000)
        self._connect_signals()
        self.tick()

    def _connect_signals(self) -> None:
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.collect_button.clicked.connect(self.collecting)
        self.staff_button.clicked.connect(self.staff)
        self.large_text_button.toggled.connect(self.large_text_toggled)
        self.high_contrast_button.toggled.connect(self.high_contrast_toggled)
        self._timer.timeout.connect(self.tick)
        for code, button in self.language_buttons.items():
            button.clicked.connect(lambda _=False, code=code: self.language_chosen.emit(code))

    def show_language(self, code: str) -> None:
        """Mark the language in force (after a choice, or the reset for the next visitor)."""
        for other, button in self.language_buttons.items():
            button.setChecked(other == code)
        self.tick()  # the date in the new language

    def tick(self) -> None:
        """Show the current time and date."""
        now = local_now(self._zone)
        self.clock.setText(clock_text(now))
        self.date.setText(date_text(now))

    def set_badge_notice(self, text: str) -> None:
        """Say (or stop saying) that badges come from reception just now."""
        self.badge_notice.setText(text)
        self.badge_notice.setVisible(bool(text))

    def set_modes(self, large_text: bool, high_contrast: bool) -> None:
        """Show the toggles' state without emitting (when the kiosk resets them for the next visitor)."""
        for button, on in ((self.large_text_button, large_text), (self.high_contrast_button, high_contrast)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.tick()
        self._timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()
