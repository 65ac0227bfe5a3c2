"""The kiosk's one window: a stack of pages, the overlays, and the staff corner. It holds no journey state."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import MessagePage, Page
from kiosk.ui.kiosk.overlays import StillThereOverlay, Toast
from kiosk.ui.kiosk.steps import Step
from kiosk.ui.kiosk.welcome import WelcomePage
from kiosk.ui.widgets.hotspot import LongPressCorner
from kiosk.ui.widgets.icons import redraw_stale_icons

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.ui.i18n import LanguageSwitch
    from kiosk.ui.kiosk.controller import KioskController
    from kiosk.ui.kiosk.start import WelcomeSettings

log = logging.getLogger(__name__)


def quit_keys() -> list[QKeySequence]:
    """Keys that close or quit a window on some desktop: in full-screen kiosk mode they do nothing.

    Built when asked, not at import: the platform's standard keys need the application to exist.
    """
    keys = [
        QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_F4),
        QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q),
        QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_W),
        QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F4),
        QKeySequence(Qt.Modifier.META | Qt.Key.Key_Q),
        QKeySequence(QKeySequence.StandardKey.Quit),
        QKeySequence(QKeySequence.StandardKey.Close),
    ]
    return [k for k in keys if not k.isEmpty()]


class KioskWindow(QWidget):
    """Shows one page at a time (``show_step``); the controller decides which, from the flow.

    ``exit_requested`` is emitted once a member of staff has given their PIN.
    """

    exit_requested = Signal(object)  # the staff Actor
    controller: KioskController  # set by kiosk.ui.kiosk.main.build_kiosk_window, once the window exists
    languages: LanguageSwitch  # set by kiosk.ui.kiosk.main.build_kiosk_window too

    def __init__(
        self, settings: Settings | WelcomeSettings, parent: QWidget | None = None, *, all_pages: bool = True
    ) -> None:
        """``all_pages=False`` builds Welcome alone: the kiosk's start paints it first, then calls
        ``build_pages`` (kiosk.ui.kiosk.start)."""
        super().__init__(parent)
        # Locked (full-screen kiosk mode): close requests from the window manager (Alt+F4, a taskbar's
        # "close") and quit shortcuts are ignored; only staff with a PIN unlock it (``unlock``).
        self.locked = False
        self._quit_keys = quit_keys()
        # Hidden pages redraw their icons when shown, so the Welcome toggles answer at once.
        self.setProperty("lazy_icons", True)
        self.setObjectName("KioskWindow")
        self.setWindowTitle(settings.school.name)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.welcome = WelcomePage(settings)
        self.pages: dict[Step, Page] = {}
        self._add_page(Step.WELCOME, self.welcome)
        self.badge_from_reception = False  # the badge printer is not printing (set by the controller)
        self.still_there = StillThereOverlay(self)
        self.toast = Toast(self)
        self.corner = LongPressCorner(self)
        if all_pages:
            from kiosk.ui.kiosk.start import WelcomeSettings

            if isinstance(settings, WelcomeSettings):
                raise TypeError("the pages after Welcome need the validated settings (kiosk.config)")
            self.build_pages(settings)

    def _add_page(self, step: Step, page: Page) -> None:
        self.pages[step] = page
        page.setObjectName(f"page-{step.value}")
        # A hidden page's stale minimum (word-wrapped text measured at another width) must not
        # make the window taller than the screen: only the page on show counts.
        page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.stack.addWidget(page)

    def build_pages(self, settings: Settings) -> None:
        """Every page after Welcome (their modules are imported here, after Welcome's first paint)."""
        from kiosk.ui.kiosk.collection import PasswordPage
        from kiosk.ui.kiosk.policy import PolicyPage
        from kiosk.ui.kiosk.signin import DetailsPage, NamePage, TypePage
        from kiosk.ui.kiosk.signout import ConfirmPage, SignOutPage
        from kiosk.ui.kiosk.staff import StaffPage
        from kiosk.ui.widgets.keyboard import KeyboardShare

        # One keyboard, made when first needed, for the pages most days never show (issue #20's memory).
        self.rare_keys = KeyboardShare()
        self.type_page = TypePage(settings)
        self.name_page = NamePage(settings)
        self.details_page = DetailsPage(settings)
        self.password_page = PasswordPage(settings, keys=self.rare_keys)
        self.policy_page = PolicyPage(settings)
        self.done_page = MessagePage(settings, "fa5s.id-badge", button_text=translate("Kiosk", "Done"))
        self.hold_page = MessagePage(settings, "fa5s.mug-hot")
        self.declined_page = MessagePage(
            settings, "fa5s.hands-helping", button_text=translate("Kiosk", "Back to the start")
        )
        self.sign_out_page = SignOutPage(settings)
        self.confirm_out_page = ConfirmPage(
            settings,
            "fa5s.sign-out-alt",
            translate("Kiosk", "Yes, sign me out"),
            translate("Kiosk", "No, go back"),
        )
        self.already_in_page = ConfirmPage(
            settings, "fa5s.user-check", translate("Kiosk", "Sign me out"), translate("Kiosk", "I'm staying")
        )
        self.signed_out_page = MessagePage(settings, "fa5s.smile", button_text=translate("Kiosk", "Done"))
        self.sorry_page = MessagePage(
            settings, "fa5s.info-circle", button_text=translate("Kiosk", "Back to the start")
        )
        self.staff_page = StaffPage(settings, keys=self.rare_keys)
        self.staff_roll_page = StaffPage(settings, roll=True, keys=self.rare_keys)
        self.staff_done_page = MessagePage(settings, "fa5s.id-badge", button_text=translate("Kiosk", "Done"))
        self._add_page(Step.TYPE, self.type_page)
        self._add_page(Step.NAME, self.name_page)
        self._add_page(Step.DETAILS, self.details_page)
        self._add_page(Step.PASSWORD, self.password_page)
        self._add_page(Step.POLICY, self.policy_page)
        self._add_page(Step.DONE, self.done_page)
        self._add_page(Step.HOLD, self.hold_page)
        self._add_page(Step.DECLINED, self.declined_page)
        self._add_page(Step.SIGN_OUT, self.sign_out_page)
        self._add_page(Step.SIGNED_OUT, self.signed_out_page)
        self._add_page(Step.CONFIRM_OUT, self.confirm_out_page)
        self._add_page(Step.ALREADY_IN, self.already_in_page)
        self._add_page(Step.SORRY, self.sorry_page)
        self._add_page(Step.STAFF, self.staff_page)
        self._add_page(Step.STAFF_ROLL, self.staff_roll_page)
        self._add_page(Step.STAFF_DONE, self.staff_done_page)

        # The wording of the fixed pages is set once, here, so nothing can add a detail to them.
        self.hold_page.show_message(
            translate("Kiosk", "Thank you."),
            translate("Kiosk", "Please take a seat; someone from reception will be with you shortly."),
        )
        self.sorry_page.show_message(
            translate("Kiosk", "Sorry, something went wrong."),
            translate("Kiosk", "Please ask at reception."),
        )
        self.declined_page.show_message(
            translate("Kiosk", "Thank you."),
            translate("Kiosk", "You have not been signed in, and nothing you typed has been kept."),
            translate("Kiosk", "If you have any questions, please speak to reception."),
        )

    def set_badge_from_reception(self, from_reception: bool) -> None:
        """Tell visitors up front (Welcome, details) whether their badge will come from reception."""
        self.badge_from_reception = from_reception
        self.welcome.set_badge_notice(
            translate(
                "Kiosk",
                "Our badge printer is not working just now: your badge will be handed to you at reception.",
            )
            if from_reception
            else ""
        )
        self.details_page.set_badge_notice(
            translate("Kiosk", "Your badge will be handed to you at reception.") if from_reception else ""
        )

    def lock(self) -> None:
        """Kiosk mode: nothing but the staff PIN closes this window."""
        self.locked = True

    def unlock(self) -> None:
        """Staff gave their PIN: the window may close."""
        self.locked = False
        # Hidden pages redraw their icons when shown, so the Welcome toggles answer at once.
        self.setProperty("lazy_icons", True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.locked:
            log.info("close request ignored: the kiosk closes only with a staff PIN")
            event.ignore()
            return
        super().closeEvent(event)

    def event(self, event: QEvent) -> bool:
        if self.locked and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            pressed = QKeySequence(key_event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self._quit_keys):
                event.accept()
                return True
        return super().event(event)

    @property
    def current_step(self) -> Step:
        """The step whose page is showing."""
        page = self.stack.currentWidget()
        return next(step for step, p in self.pages.items() if p is page)

    def show_step(self, step: Step) -> Page:
        """Bring a page to the front (the overlays stay on top)."""
        page = self.pages[step]
        self.stack.setCurrentWidget(page)
        for part in (page, self.still_there, self.toast):
            redraw_stale_icons(part)
        self.corner.raise_()
        return page

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.still_there.isVisible():
            self.still_there.setGeometry(self.rect())
        self.corner.move(0, 0)
        self.corner.raise_()
