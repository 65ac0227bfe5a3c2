"""The Welcome page: the school, the time, and the three things a visitor came to do."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.ui.kiosk.common import PAGE_MARGIN, Page, clock_text, date_text, local_now
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.text import label


class WelcomePage(Page):
    """The resting page: Sign in, Sign out, Collecting a child, and the larger-text and high-contrast toggles."""

    sign_in = Signal()
    sign_out = Signal()
    collecting = Signal()
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
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
        self.body.addLayout(top)
        self.body.addStretch(1)

        middle = QHBoxLayout()
        middle.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addStretch(1)
        self.greeting = label(self.tr("Welcome"), "title")
        self.clock = label("", "clock", wrap=False)
        self.date = label("", "date")
        self.scan_hint = label(
            self.tr(
                "Been here before? Scan your visitor pass to sign in.\n"
                "Leaving? Scan the QR code on your badge, or tap Sign out."
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
        self.sign_in_button = make_button(self.tr("Sign in"), "big", "fa5s.sign-in-alt", icon_px=40)
        self.collect_button = make_button(self.tr("Collecting a child"), "bigalt", "fa5s.child", icon_px=40)
        self.sign_out_button = make_button(self.tr("Sign out"), "bigalt", "fa5s.sign-out-alt", icon_px=40)
        for button in (self.sign_in_button, self.collect_button, self.sign_out_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
        middle.addLayout(buttons, 6)
        self.body.addLayout(middle)
        self.body.addStretch(1)

        self.large_text_button = make_button(self.tr("Larger text"), "quiet", "fa5s.text-height", icon_px=22)
        self.high_contrast_button = make_button(self.tr("High contrast"), "quiet", "fa5s.adjust", icon_px=22)
        for button in (self.large_text_button, self.high_contrast_button):
            button.setCheckable(True)
            self.footer.addWidget(button)
        self.footer.addStretch(1)
        self.add_footer()

        self._timer = QTimer(self)
        self._timer.setInterval(10_000)
        self._connect_signals()
        self.tick()

    def _connect_signals(self) -> None:
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.collect_button.clicked.connect(self.collecting)
        self.large_text_button.toggled.connect(self.large_text_toggled)
        self.high_contrast_button.toggled.connect(self.high_contrast_toggled)
        self._timer.timeout.connect(self.tick)

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
