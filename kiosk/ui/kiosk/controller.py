"""Drives the kiosk window from the flow: page signals in, service operations out (always through run_op).

The controller owns no widgets and no journey state of its own: the flow holds the state, the
pages show it. Every service call runs off the GUI thread; a result that arrives after the kiosk
has moved on to another visitor (idle reset, cancel) is dropped, so one visitor's answer never
lands on the next visitor's screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFont

from kiosk.domain.errors import AccountLocked, Conflict, InvalidInput, KioskError, NotFound, PermissionDenied
from kiosk.domain.events import Change, ChangeEvent, Topic
from kiosk.domain.model import Actor, PersonType, VisitStatus
from kiosk.domain.staffroll import StaffToggle, is_card_token
from kiosk.services.common import stored_id
from kiosk.services.container import Services
from kiosk.services.visits import SignInResult, VisitDetails
from kiosk.ui.i18n import kiosk_message, translate
from kiosk.ui.kiosk.common import clock_text
from kiosk.ui.kiosk.flow import ProofAttempts, ScreenRequest, SignInFlow, Step
from kiosk.ui.kiosk.window import KioskWindow
from kiosk.ui.ops import run_op
from kiosk.ui.theme import apply_theme
from kiosk.ui.widgets.idle import IdleWatcher
from kiosk.ui.widgets.qapp import release_memory, running_app
from kiosk.ui.widgets.scanner import ScannerListener

log = logging.getLogger(__name__)

STILL_THERE_S = 15
# How long the end-of-journey pages stay before the kiosk returns to Welcome by itself.
DONE_MS = 20_000
DECLINED_MS = 15_000
SIGNED_OUT_MS = 8_000
SORRY_MS = 30_000


def pass_qr_png(token: str) -> bytes:
    """The visitor pass as a QR code PNG, big enough for a phone photo to scan back at the kiosk."""
    import io

    import qrcode
    from qrcode.image.pil import PilImage

    qr = qrcode.QRCode(border=2, box_size=6, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(token)
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image(image_factory=PilImage, fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()


class _AfterPaint(QObject):
    """Calls ``then`` once, just after the watched page's next paint (or after ``limit_ms`` at the latest).

    Work started for a page that has just been shown waits for it: on one slow core a worker thread
    holding the interpreter would otherwise hold up the very paint the visitor is waiting for.
    """

    def __init__(self, page: QObject, then: Callable[[], None], limit_ms: int = 250) -> None:
        super().__init__(page)
        self._then: Callable[[], None] | None = then
        page.installEventFilter(self)
        QTimer.singleShot(limit_ms, self, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            parent = self.parent()
            if parent is not None:
                parent.removeEventFilter(self)
            self.deleteLater()
            then()


class _FeedRelay(QObject):
    """Carries event-feed callbacks (a background thread) to the GUI thread."""

    arrived = Signal(str)  # not `event`: that is QObject.event, which Qt calls for every event
    printer = Signal(bool)  # the badge printer's state changed: True when badges come from reception


class KioskController(QObject):
    """Connects the pages of a :class:`KioskWindow` to the services, following a :class:`SignInFlow`."""

    def __init__(
        self,
        services: Services,
        window: KioskWindow,
        *,
        idle_timeout_ms: int | None = None,
        still_there_s: int = STILL_THERE_S,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        # Wrong phone digits are counted per name across visitors, on the services' clock.
        self.attempts = ProofAttempts(services.deps.clock.now)
        self.flow = SignInFlow(self.attempts)
        kiosk = services.settings.kiosk
        self.idle = IdleWatcher(idle_timeout_ms or kiosk.idle_timeout_s * 1000, self)
        self.window.still_there.seconds = still_there_s
        self.scanner = ScannerListener(self)
        self.auto_return_ms: dict[Step, int] = {
            Step.DONE: DONE_MS,
            Step.HOLD: kiosk.hold_screen_s * 1000,
            Step.DECLINED: DECLINED_MS,
            Step.SIGNED_OUT: SIGNED_OUT_MS,
            Step.STAFF_DONE: SIGNED_OUT_MS,
            Step.SORRY: SORRY_MS,
        }
        self._return_timer = QTimer(self)
        self._return_timer.setSingleShot(True)
        self._journey = 0
        self._screening_pending = False
        self._details_waiting: VisitDetails | None = None
        self._password_details: VisitDetails | None = None
        self.large_text = False
        self.high_contrast = False
        self._theme_pending = False
        self._relay = _FeedRelay(self)
        self._connect_signals()
        self._subscribe_feed()
        self._watch_printer()
        self.idle.install()
        self.scanner.install()
        self.camera = None
        if kiosk.camera_scanner:
            from kiosk.ui.widgets.camera import CameraScanner

            self.camera = CameraScanner(self)
            self.camera.scanned.connect(self._scanned)
            if not self.camera.start():
                log.warning("kiosk.camera_scanner is set but the camera could not be opened")
        self.show_current()

    # ---------------------------------------------------------------- wiring

    def _connect_signals(self) -> None:
        w = self.window
        w.welcome.sign_in.connect(lambda: self.begin_sign_in(None))
        w.welcome.collecting.connect(lambda: self.begin_sign_in(PersonType.COLLECTOR))
        w.welcome.sign_out.connect(self.begin_sign_out)
        w.welcome.staff.connect(self.begin_staff_roll)
        w.staff_roll_page.submitted.connect(self._staff_roll_submitted)
        w.staff_roll_page.cancel.connect(self.go_home)
        w.welcome.large_text_toggled.connect(lambda on: self.toggle_modes(on, self.high_contrast))
        w.welcome.high_contrast_toggled.connect(lambda on: self.toggle_modes(self.large_text, on))
        w.type_page.chosen.connect(self.choose_type)
        w.type_page.cancel.connect(self.go_home)
        w.name_page.submitted.connect(self._name_given)
        w.name_page.back.connect(self._back_to_type)
        w.details_page.submitted.connect(self._details_given)
        w.details_page.cancel.connect(self.go_home)
        w.password_page.submitted.connect(self._password_given)
        w.password_page.cancel.connect(self.go_home)
        w.policy_page.agreed.connect(self._agreed)
        w.policy_page.declined.connect(self.decline)
        w.sign_out_page.find_name.connect(self._find_own_name)
        w.sign_out_page.chosen.connect(self._confirm_sign_out)
        w.sign_out_page.cancel.connect(self.go_home)
        w.confirm_out_page.yes.connect(self._sign_out_confirmed)
        w.confirm_out_page.no.connect(self.begin_sign_out)
        w.already_in_page.yes.connect(self._sign_out_confirmed)
        w.already_in_page.no.connect(self._stay_signed_in)
        w.staff_page.submitted.connect(self._staff_submitted)
        w.staff_page.cancel.connect(self.go_home)
        for page in (w.done_page, w.declined_page, w.signed_out_page, w.sorry_page, w.staff_done_page):
            page.finished.connect(self.go_home)
        w.corner.long_pressed.connect(self.open_staff_page)
        w.still_there.stay.connect(self.idle.arm)
        w.still_there.expired.connect(self.go_home)
        self.idle.idle.connect(self._idle)
        self.scanner.scanned.connect(self._scanned)
        self._return_timer.timeout.connect(self.go_home)
        self._relay.arrived.connect(self._feed_event)
        self._relay.printer.connect(self.window.set_badge_from_reception)

    def _subscribe_feed(self) -> None:
        feed = self.services.feed
        if feed is None:
            return
        relay = self._relay

        def on_event(event: ChangeEvent) -> None:
            try:
                relay.arrived.emit(event.change.value)
            except RuntimeError:  # the window has closed; the feed outlives it
                pass

        feed.subscribe(on_event)

    def _watch_printer(self) -> None:
        """Watch the badge printer (a background thread; reception hears of a change), so the pages can say
        "your badge will be handed to you at reception" before the visitor starts."""
        printing = self.services.printing
        if printing is None:
            return
        relay = self._relay

        def on_status(status) -> None:
            try:
                relay.printer.emit(not status.ready)
            except RuntimeError:  # the window has closed; the watch stops with the services
                pass

        printing.subscribe(on_status)
        self.destroyed.connect(lambda *_: printing.unsubscribe(on_status))
        printing.start_watch(self.services.settings.printing.watch_s, report=True)
        self._ask_printer()  # a watch already running has told its earlier listeners only

    def _ask_printer(self) -> None:
        """Ask whether badges come from reception (the watch's last answer; off the GUI thread)."""
        printing = self.services.printing
        if printing is not None:
            self._run(printing.badge_from_reception, self.window.set_badge_from_reception, lambda _exc: None)

    # ---------------------------------------------------------------- showing pages

    def show_current(self) -> None:
        """Show the page for the flow's step, and set the timers that belong to it."""
        step = self.flow.step
        self.window.still_there.cancel()
        if step is not Step.WELCOME:
            self._apply_pending_theme()
        page = self.window.show_step(step)
        page.set_busy(False)
        if step in (
            Step.WELCOME,
            Step.HOLD,
            Step.SORRY,
            Step.DECLINED,
            Step.DONE,
            Step.SIGNED_OUT,
            Step.STAFF_DONE,
        ):
            # Nothing the last visitor typed stays in a hidden page.
            for other in self.window.pages.values():
                other.clear()
        if self.flow.in_journey:
            self.idle.arm()
        else:
            self.idle.disarm()
        if step in self.auto_return_ms:
            self._return_timer.start(self.auto_return_ms[step])
        else:
            self._return_timer.stop()

    def _new_journey(self) -> None:
        self._journey += 1
        # A new visitor's name is screened while they type their details (see _screen); their details
        # wait here if they are quicker than the screening.
        self._screening_pending = False
        self._details_waiting = None
        self._password_details = None
        self.window.done_page.setProperty("signing_in", False)

    def go_home(self) -> None:
        """Back to Welcome, forgetting the visitor; larger text and high contrast switch off for the next one."""
        self._new_journey()
        self.flow.reset()
        self.window.languages.reset()  # the next visitor starts in the school's language
        if self.large_text or self.high_contrast or self._theme_pending:
            self.set_modes(False, False)
        self.show_current()

    def fault(self) -> None:
        """Something unexpected went wrong: the calm "please ask at reception" page."""
        self._new_journey()
        self.flow.fault()
        self.show_current()

    def toggle_modes(self, large_text: bool, high_contrast: bool) -> None:
        """The visitor tapped Larger text or High contrast on Welcome: show the change there at once.

        Restyling every page takes a few hundred milliseconds on a slow kiosk PC, far too long for a
        toggle (people tap again). So only Welcome is restyled now, within a frame or two; the other
        pages follow when the visitor leaves Welcome (``show_current``), where a short wait is a page turn.
        """
        self.large_text, self.high_contrast = large_text, high_contrast
        apply_theme(
            running_app(),
            self.services.settings,
            large_text=large_text,
            high_contrast=high_contrast,
            widget=self.window.welcome,
        )
        self._theme_pending = True

    def _apply_pending_theme(self) -> None:
        if not self._theme_pending:
            return
        self._theme_pending = False
        self.set_modes(self.large_text, self.high_contrast)

    def set_modes(self, large_text: bool, high_contrast: bool) -> None:
        """Turn larger text and high contrast on or off for the whole kiosk."""
        self.large_text, self.high_contrast = large_text, high_contrast
        self._theme_pending = False
        if self.window.welcome.styleSheet():
            # Welcome was restyled on its own by a toggle: from now on it follows the window again.
            self.window.welcome.setStyleSheet("")
            self.window.welcome.setFont(QFont())
        apply_theme(
            running_app(),
            self.services.settings,
            large_text=large_text,
            high_contrast=high_contrast,
            widget=self.window,
        )
        self.window.welcome.set_modes(large_text, high_contrast)

    # ---------------------------------------------------------------- operations

    def _run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[KioskError], None] | None = None,
    ) -> None:
        """run_op, dropping the answer if the kiosk has moved on to another visitor meanwhile."""
        journey = self._journey

        def done(result: Any) -> None:
            if journey == self._journey:
                on_done(result)
            else:
                log.info("dropped the answer of an operation from an earlier visitor")

        def failed(exc: KioskError) -> None:
            if journey == self._journey:
                (on_error or self._failed)(exc)
            else:
                log.info("dropped the error of an operation from an earlier visitor: %s", exc)

        run_op(self.window, work, done, failed)

    def _failed(self, exc: KioskError) -> None:
        step = self.flow.step
        page = self.window.pages.get(step)
        if (
            isinstance(exc, InvalidInput)
            and step in (Step.NAME, Step.DETAILS)
            and page is not None
            and hasattr(page, "show_error")
        ):
            log.info("kiosk input refused: %s", exc)
            page.set_busy(False)
            page.show_error(kiosk_message(str(exc)))
            return
        log.error("kiosk operation failed: %s", exc)
        self.fault()

    # ---------------------------------------------------------------- sign in

    def begin_sign_in(self, preselect: PersonType | None) -> None:
        """Start a sign-in (``Collecting a child`` preselects the collector type)."""
        self._new_journey()
        self._ask_printer()
        step = self.flow.begin_sign_in(preselect)
        if step is Step.NAME and self.flow.person_type is not None:  # NAME comes with a preselected type
            self.window.name_page.set_type(self.flow.person_type)
        self.show_current()

    def choose_type(self, person_type: PersonType) -> None:
        """The visitor chose who they are: on to their name."""
        self.flow.choose_type(person_type)
        self.window.name_page.set_type(person_type)
        self.show_current()

    def _back_to_type(self) -> None:
        self.flow.step = Step.TYPE
        self.show_current()

    def _name_given(self, first: str, last: str, digits: str) -> None:
        self._screen(self.flow.give_name(first, last, digits))

    def _screen(self, request: ScreenRequest) -> None:
        """Prove (phone digits) and screen in one operation, so screening knows who has proved themselves.

        A retry of the digits for a name already screened proves only: the name is never screened (and
        reception never alerted) twice for one visitor.
        """
        sign_in, place = self.services.sign_in, self.services.place
        # A new visitor (a name, no pass and no phone digits) goes on to their details whatever the
        # screening says (a held visitor walks the same steps), so the details page shows at once and
        # the screening runs meanwhile; nothing is recorded, and no policy read, before its answer.
        ahead = request.person_id is None and not request.phone_digits and request.screened is None
        if ahead:
            self._screening_pending = True
            self.flow.proof_checked(None, False)  # what the answer will say: no proof was offered
            self.flow.step = Step.DETAILS
            self.load_details()
            self.show_current()
        else:
            self.window.pages[self.flow.step].set_busy(True)

        def work():
            person = None
            person_id = request.person_id
            if person_id is None and request.phone_digits:
                person = sign_in.identify_by_phone(
                    request.first_name, request.last_name, request.phone_digits
                )
                person_id = person.id if person is not None else None
            if request.screened is not None and (person_id is None or request.screened.held):
                result = request.screened
            else:
                result = sign_in.screen(
                    request.first_name, request.last_name, request.person_type, place, person_id=person_id
                )
            held_record = open_visit = None
            if person_id is not None and result.held:
                held_record = sign_in.returning_record(person_id)
            elif person_id is not None:
                visit = sign_in.open_visit_of(person_id, place.site_id)
                if visit is not None:
                    open_visit = (visit.id, visit.signed_in_at)
            return person, result, held_record, open_visit

        def done(answer) -> None:
            person, result, held_record, open_visit = answer
            flow = self.flow
            if request.person_id is None:
                flow.proof_checked(person, bool(request.phone_digits))
            if open_visit is not None:
                short = f"{flow.first_name} {flow.last_name[:1].upper()}."
                flow.already_in((open_visit[0], short, open_visit[1]))
            step = flow.screened_as(result, held_record)
            if ahead:
                # The details page is on screen already, perhaps half filled in: leave it as it is.
                self._screening_pending = False
                waiting, self._details_waiting = self._details_waiting, None
                if waiting is not None:
                    self._details_given(waiting)
                return
            known = flow.known_details() if step is Step.DETAILS else None
            if known is not None:
                # Expected today and proven: what the details page would ask is known already.
                self.load_details()
                self._details_given(known)
                return
            if step is Step.DETAILS:
                self.load_details()
            elif step is Step.NAME:
                self.window.name_page.try_digits_again(flow.tries_left or 0)
            elif step is Step.ALREADY_IN:
                when = clock_text(open_visit[1].astimezone(self.services.settings.zone))
                self.window.already_in_page.show_message(
                    translate("Kiosk", "{0}, you're already signed in.").format(flow.first_name),
                    translate("Kiosk", "You signed in at {0}. Are you leaving now?").format(when),
                )
            self.show_current()

        if ahead:
            _AfterPaint(self.window.details_page, lambda: self._run(work, done))
        else:
            self._run(work, done)

    def load_details(self) -> None:
        """Fill the details page from the flow (a proven visitor's record, or blanks)."""
        flow = self.flow
        assert flow.person_type is not None, "the details come after the visitor chose who they are"
        self.window.details_page.load(
            flow.person_type,
            flow.prefilled_details(),
            first_name=flow.first_name,
            returning=flow.returning,
            proof_failed=flow.proof_failed,
            masked=flow.masked_details(),
        )

    def _details_given(self, details: VisitDetails) -> None:
        if self._screening_pending:
            # Quicker than the screening: one moment on this page, then on as soon as it answers.
            self._details_waiting = details
            self.window.details_page.set_busy(True)
            return
        if self.flow.asks_password(details):
            self._ask_password(details)
            return
        if self.flow.give_details(details) is Step.POLICY:
            self.window.details_page.set_busy(True)
            sign_in, language = self.services.sign_in, self.window.languages.code
            # In the visitor's language where the school published a translation.
            self._run(lambda: sign_in.current_policy(language), self._policy_loaded)
        else:
            self._complete()

    def _ask_password(self, details: VisitDetails) -> None:
        """A collector: ask the family's password when the child they named has one (else carry on)."""
        desk = self.services.sign_in.collections
        if desk is None:
            self.flow.password_answered(details, "")
            self._details_given(details)
            return
        self.window.pages[self.flow.step].set_busy(True)
        child = details.child_name

        def done(needed: bool) -> None:
            if needed:
                self._password_details = details
                self.flow.step = Step.PASSWORD
                self.show_current()
            else:
                self.flow.password_answered(details, "")
                self._details_given(details)

        self._run(lambda: desk.in_use() and desk.needs_password(child), done)

    def _password_given(self, password: str) -> None:
        details = self._password_details
        if details is None:
            self.go_home()
            return
        self._password_details = None
        self.flow.password_answered(details, password)
        self.window.password_page.clear()
        self._details_given(details)

    def _finish_held(self) -> None:
        """A held visitor reached the end of the same steps as anyone: the neutral waiting screen.

        What they gave is noted on the held visit, for reception (in the background; the screen does
        not wait for it).
        """
        screened, details = self.flow.screened, self.flow.details
        visit_id = screened.visit_id if screened is not None else None
        if visit_id is not None and details is not None:
            sign_in, place = self.services.sign_in, self.services.place
            run_op(self.window, lambda: sign_in.note_held_details(visit_id, details, place))
        self._new_journey()
        self.flow.finish_held()
        self.show_current()

    def _policy_loaded(self, policy) -> None:
        if self.flow.policy_loaded(policy) is Step.POLICY:
            self.window.policy_page.load(
                policy,
                full=self.flow.needs_full_policy,
                reminder=self.flow.needs_reminder,
                signature_pad=self.services.settings.kiosk.signature_pad,
                visitor_language=self.window.languages.code,
            )
            self.show_current()
        else:
            self._complete()

    def _agreed(self, signature_png: bytes | None) -> None:
        self.flow.agree(signature_png)
        self._complete()

    def _stay_signed_in(self) -> None:
        """Already on site and staying: nothing changes, and no second visit is recorded."""
        first = self.flow.first_name
        self._new_journey()
        self.flow.reset()
        self.window.languages.reset()  # the next visitor starts in the school's language
        self.flow.step = Step.DONE
        self.window.done_page.show_message(
            translate("Kiosk", "Thank you, {0}. You're still signed in.").format(first),
            translate("Kiosk", "Nothing has changed. Please keep wearing your badge."),
        )
        self.show_current()

    def decline(self) -> None:
        """The visitor does not agree to the Code of Conduct: nothing is recorded."""
        # Nothing was recorded for a clear visitor yet, and complete() is never called: nothing is kept.
        self._new_journey()
        self.flow.decline()
        self.show_current()

    def _complete(self) -> None:
        flow = self.flow
        if flow.held:
            self._finish_held()
            return
        shown = self.window.current_step
        self.window.pages[shown].set_busy(True)
        journey = self._journey
        # Done at once, saying only "signing you in": "you're signed in" and the badge line wait for the
        # commit (show_completed), and a failure still turns to the error page (or back to the details).
        # Not for a collector: the door's check of the child's list runs in complete(), and a collector it
        # holds must go straight to the neutral waiting screen, never Done first. Every collector waits
        # the same way (on this page, busy), held or not, so the wait itself says nothing.
        door_checked = flow.person_type is PersonType.COLLECTOR
        if not door_checked:
            self._show_signing_in(flow.first_name)
        screened, details = flow.screened, flow.details
        ack, signature = flow.acknowledged_policy_id(), flow.signature_png
        # The language and exact text the visitor read, for the acknowledgement.
        read = flow.policy if ack is not None else None
        language, text_sha256 = (read.language, read.sha256) if read is not None else ("en", None)
        sign_in, place = self.services.sign_in, self.services.place
        key = flow.journey_key
        returning = flow.returning
        collection_password = flow.collection_password

        def work() -> tuple[SignInResult, bytes | None]:
            assert screened is not None and details is not None, (
                "completing comes after screening and details"
            )
            result = sign_in.complete(
                screened,
                details,
                place,
                acknowledged_policy_id=ack,
                signature_png=signature,
                journey_key=key,
                policy_language=language,
                policy_text_sha256=text_sha256,
                print_later=True,
                collection_password=collection_password,
            )
            if result.visit.status is VisitStatus.HELD:
                return result, None  # a collector held at the door: no pass, no badge
            # The pass's QR code is drawn here too, off the GUI thread.
            token = result.person.pass_token
            return result, (pass_qr_png(token) if not returning and token else None)

        def failed(exc: KioskError) -> None:
            if isinstance(exc, InvalidInput) and (
                shown in (Step.DETAILS, Step.PASSWORD, Step.POLICY) or self.flow.details_skipped
            ):
                # A detail the service would not accept: back to the details, which still hold what was typed.
                self.flow.step = Step.DETAILS
                self.show_current()
                self.window.details_page.show_error(kiosk_message(str(exc)))
                return
            self._failed(exc)

        def start() -> None:
            if journey == self._journey:  # not reset meanwhile (the page has no button to tap yet)
                self._run(work, lambda answer: self.show_completed(*answer), failed)

        if door_checked:
            start()
        else:
            # After Done's first paint: on one slow core the worker would otherwise hold up that very paint.
            _AfterPaint(self.window.done_page, start)

    def _show_signing_in(self, first_name: str) -> None:
        """The Done page while the visit is being recorded: thanks, "signing you in", nothing to tap."""
        page = self.window.done_page
        page.setProperty("signing_in", True)
        page.show_message(
            translate("Kiosk", "Thank you, {0}.").format(first_name),
            translate("Kiosk", "Signing you in…"),
        )
        self.window.show_step(Step.DONE)
        page.set_busy(True)

    def show_completed(self, result: SignInResult, pass_png: bytes | None = None) -> None:
        """The sign-in is recorded: say where to wait and whether the badge is printing.

        ``pass_png`` is the visitor pass's QR code when it was drawn already (off the GUI thread).
        A collector the door held (not on the child's list, say) sees the neutral waiting screen instead.
        """
        if result.visit.status is VisitStatus.HELD:
            self._new_journey()
            self.flow.finish_held()
            self.show_current()
            return
        self.flow.completed(result)
        self.window.done_page.setProperty("signing_in", False)
        first = result.person.first_name
        printing = result.visit.badge_state == "pending"  # recorded; its badge is printed from here
        # A printer the watch knows is stopped: the visitor is told so at once, not after the print fails.
        if result.badge_printed or (printing and not self.window.badge_from_reception):
            badge = translate("Kiosk", "Your badge is printing. Please wear it where it can be seen.")
        else:
            badge = translate("Kiosk", "Your badge will be handed to you at reception.")
        if result.visit.person_type is PersonType.COLLECTOR:
            wait = translate("Kiosk", "Please wait in reception; your child will be brought to you.")
        else:
            wait = translate("Kiosk", "Please take a seat in reception; someone will come to meet you.")
        self.window.done_page.show_message(
            translate("Kiosk", "Thank you, {0}. You're signed in.").format(first), badge, wait
        )
        if not self.flow.returning and result.person.pass_token:
            # A new (or unproven) visitor gets their visitor pass: scanned here next time, it proves who
            # they are, so they confirm their details instead of retyping them.
            self.window.done_page.show_code(
                pass_png or pass_qr_png(result.person.pass_token),
                translate(
                    "Kiosk", "Your visitor pass: take a photo of this code and scan it here next time."
                ),
            )
        self.show_current()
        if printing:
            self._print_badge(result.visit.id, badge)

    def _print_badge(self, visit_id: int | None, printing_line: str) -> None:
        """Print the badge of a visit just recorded, the Done page already on screen.

        The print and its outcome are recorded whatever the visitor does next; if it fails while they
        are still reading the Done page, it says the badge will be handed to them at reception.
        """
        if visit_id is None:
            return
        sign_in, journey = self.services.sign_in, self._journey
        page = self.window.done_page

        def done(answer: tuple[bool, str]) -> None:
            printed, _message = answer
            if printed or journey != self._journey or self.flow.step is not Step.DONE:
                return
            for line in page.lines:
                if line.text() == printing_line:
                    line.setText(translate("Kiosk", "Your badge will be handed to you at reception."))

        def work() -> tuple[bool, str]:
            answer = sign_in.print_badge(visit_id)
            release_memory()  # the badge's layout (and, the first time, reportlab's loading) freed heap
            return answer

        _AfterPaint(page, lambda: run_op(self.window, work, done))

    # ---------------------------------------------------------------- sign out

    def begin_sign_out(self) -> None:
        """Open the sign-out page: scan the badge, or type one's own name (nobody else's is shown)."""
        self._new_journey()
        self.flow.begin_sign_out()
        self.show_current()

    def _find_own_name(self, first: str, last: str) -> None:
        site_id = self.services.place.site_id
        sign_in = self.services.sign_in
        page = self.window.sign_out_page
        page.set_busy(True)

        def done(matches) -> None:
            page.set_busy(False)
            if len(matches) == 1:
                self._confirm_sign_out(*matches[0])
            else:
                page.show_matches(matches)

        self._run(lambda: sign_in.sign_out_matches(site_id, first, last), done)

    def _confirm_sign_out(self, visit_id: int, short_name: str, since) -> None:
        """Ask "Sign out Priya S.?" before anything changes."""
        self.flow.confirm_sign_out(visit_id, short_name, since)
        when = clock_text(since.astimezone(self.services.settings.zone))
        self.window.confirm_out_page.show_message(
            translate("Kiosk", "Sign out {0}?").format(short_name),
            translate("Kiosk", "Signed in at {0}.").format(when),
        )
        self.show_current()

    def _sign_out_confirmed(self) -> None:
        if self.flow.open_visit is None:
            self.go_home()
            return
        visit_id, short_name, _since = self.flow.open_visit
        actor = Actor.kiosk(self.services.place.kiosk_name)
        sign_in = self.services.sign_in
        self.window.pages[self.flow.step].set_busy(True)
        first = short_name.split(" ")[0]
        self._run(
            lambda: sign_in.sign_out(actor, visit_id),
            lambda _visit: self.show_signed_out(first),
            self._sign_out_failed,
        )

    def show_signed_out(self, first_name: str) -> None:
        """Say goodbye to someone who has just signed out."""
        self._new_journey()
        self.flow.signed_out(first_name)
        self.window.signed_out_page.show_message(
            translate("Kiosk", "Goodbye, {0}.").format(first_name),
            translate("Kiosk", "You are signed out. Thank you for visiting."),
            translate("Kiosk", "Please hand your badge in at reception."),
        )
        self.show_current()

    def _sign_out_failed(self, exc: KioskError) -> None:
        if isinstance(exc, (NotFound, Conflict)):
            self.window.pages[self.flow.step].set_busy(False)
            self.window.toast.show_text(kiosk_message(str(exc)))
            return
        self._failed(exc)

    def _scanned(self, token: str) -> None:
        """A QR code was scanned: a visitor pass (before screening) proves who is signing in; a badge signs out.

        The scanner offers the code as typed and as the scanner meant it (Caps Lock inverts letters):
        the first spelling that is a pass or a badge wins.
        """
        staff_roll = self.services.staff_roll
        if staff_roll is not None and is_card_token(token):
            self._staff_card_scanned(token)
            return
        accept_pass = self.flow.accepts_pass()
        # On the sign-out page a visitor pass signs its owner out, as their badge would.
        pass_signs_out = self.flow.step is Step.SIGN_OUT
        sign_in, place = self.services.sign_in, self.services.place
        # The USB listener's spellings belong to this token only (a camera's code is exact).
        candidates = self.scanner.candidates if self.scanner.candidates[:1] == (token,) else (token,)

        def work():
            if accept_pass:
                for code in candidates:
                    person = sign_in.identify_by_pass(code)
                    if person is not None:
                        return "pass", person
            for code in candidates[:-1]:
                try:
                    return "out", sign_in.sign_out_by_token(code, place)
                except NotFound:
                    continue
            try:
                return "out", sign_in.sign_out_by_token(candidates[-1], place)
            except NotFound:
                if not pass_signs_out:
                    raise
            for code in candidates:
                person = sign_in.identify_by_pass(code)
                visit = (
                    sign_in.open_visit_of(stored_id(person), place.site_id) if person is not None else None
                )
                if visit is not None:
                    return "out", sign_in.sign_out(Actor.kiosk(place.kiosk_name), stored_id(visit))
            raise NotFound("That code was not recognised. Please ask at reception.")

        def done(answer) -> None:
            kind, value = answer
            if kind == "pass":
                if self.flow.step is Step.WELCOME:
                    self._new_journey()
                self._screen(self.flow.pass_scanned(value))
            else:
                self.show_signed_out(value.name_as_typed.split(" ")[0])

        self._run(work, done, self._sign_out_failed)

    # ---------------------------------------------------------------- staff on the roll

    def begin_staff_roll(self) -> None:
        """Staff tapped Staff on Welcome: their name and kiosk PIN (or a card scan while it shows)."""
        self._new_journey()
        self.flow.staff_roll()
        self.show_current()

    def _staff_card_scanned(self, token: str) -> None:
        """A staff card, on any page: its owner signs in or out. Not a visit: nobody screens staff."""
        staff_roll, place = self.services.staff_roll, self.services.place
        assert staff_roll is not None
        self._new_journey()
        self._run(
            lambda: staff_roll.toggle_by_card(token, place.site_id, place.kiosk_id, place.kiosk_name),
            self.show_staff_toggled,
            self._sign_out_failed,
        )

    def _staff_roll_submitted(self, name: str, pin: str) -> None:
        staff_roll, place = self.services.staff_roll, self.services.place
        page = self.window.staff_roll_page
        if staff_roll is None:
            self.fault()
            return
        page.set_busy(True)

        def failed(exc: KioskError) -> None:
            page.set_busy(False)
            if isinstance(exc, (InvalidInput, AccountLocked, NotFound)):
                page.show_error(kiosk_message(str(exc)))
            else:
                self._failed(exc)

        self._run(
            lambda: staff_roll.toggle_by_pin(name, pin, place.site_id, place.kiosk_id, place.kiosk_name),
            self.show_staff_toggled,
            failed,
        )

    def show_staff_toggled(self, toggle: StaffToggle) -> None:
        """The short confirmation: "Signed in" (or out), the name and the time."""
        self._new_journey()
        self.flow.staff_toggled()
        when = clock_text(toggle.at.astimezone(self.services.settings.zone))
        self.window.staff_done_page.show_message(
            (
                translate("Kiosk", "Signed in, {0}")
                if toggle.signed_in
                else translate("Kiosk", "Signed out, {0}")
            ).format(toggle.name),
            translate("Kiosk", "at {0}").format(when),
        )
        self.show_current()

    def _feed_event(self, name: str) -> None:
        if Topic.BANS in Change.parse(name).topics and self.services.ban_list is not None:
            # Another program changed the ban list (an import finished): bring the screening index up to
            # date now, on a thread of its own, so the next visitor does not wait for it.
            self.services.ban_list.refresh_in_background(self.services.place.site_id)
        if self.services.settings.kiosk.badge_at == "kiosk":
            # Reception may have released a visitor held here: their badge prints at this kiosk.
            sign_in, place = self.services.sign_in, self.services.place
            run_op(self.window, lambda: sign_in.print_released_badges(place))

    # ---------------------------------------------------------------- idle and staff

    def _idle(self) -> None:
        if self.flow.in_journey:
            self.window.still_there.start()

    def open_staff_page(self) -> None:
        """Staff long-pressed the corner: ask for a name and PIN."""
        self._new_journey()
        self.flow.staff_exit()
        self.show_current()
        offline = self.services.offline
        self.window.staff_page.show_offline(None)
        if offline is not None:
            self._run(offline.status, self.window.staff_page.show_offline)

    def _staff_submitted(self, name: str, pin: str) -> None:
        staff = self.services.staff
        self.window.staff_page.set_busy(True)

        def done(actor) -> None:
            log.info("kiosk closed by staff")
            self.go_home()
            self.window.exit_requested.emit(actor)

        def failed(exc: KioskError) -> None:
            self.window.staff_page.set_busy(False)
            if isinstance(exc, (InvalidInput, AccountLocked, PermissionDenied)):
                self.window.staff_page.show_error(kiosk_message(str(exc)))
            else:
                self._failed(exc)

        self._run(lambda: staff.authorise_kiosk_exit(name, pin), done, failed)
