"""Render every kiosk screen (and the console's, when its module exists) to PNG, with an index of their text.

Run by ``kiosk screenshots OUT_DIR`` on a demo database, offscreen. Each screen is put in place
through the kiosk's own controller and flow with made-up visitors held in memory, so the demo
database is only read (the policy text, who is on site), never changed.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QWidget

from kiosk.domain.model import Person, PersonType, PolicyVersion, ScreeningOutcome, Visit, VisitStatus
from kiosk.domain.staffroll import StaffToggle
from kiosk.services.container import Services
from kiosk.services.visits import ScreenResult, SignInResult, VisitDetails
from kiosk.ui.i18n import kiosk_message, translate
from kiosk.ui.kiosk.controller import KioskController
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.kiosk.main import build_kiosk_window
from kiosk.ui.kiosk.setup import FirstStartSetup
from kiosk.ui.kiosk.window import KioskWindow
from kiosk.ui.ops import wait_for_ops
from kiosk.ui.theme import apply_theme
from kiosk.ui.widgets.qapp import app_for, running_app
from kiosk.ui.widgets.text import visible_text

log = logging.getLogger(__name__)

SIZES: tuple[tuple[int, int], ...] = ((1920, 1080), (1280, 800))


@dataclass(frozen=True)
class Scene:
    """One screen to capture: a name for the file and how to bring the window there."""

    name: str
    prepare: Callable[[KioskWindow, KioskController], object]  # what it returns is not used


def _settle(rounds: int = 4) -> None:
    app = running_app()
    for _ in range(rounds):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _sample_person(person_type: PersonType = PersonType.VISITOR) -> Person:
    return Person(
        id=None,
        first_name="Priya",
        last_name="Shah",
        person_type=person_type,
        organisation="Local Authority",
        phone="07700 900123",
        car_registration="AB12 CDE",
        pass_token="SAMPLE-PASS-NOT-A-REAL-TOKEN",
    )


def _screened(person_type: PersonType, *, needs_ack: bool = True) -> ScreenResult:
    return ScreenResult(
        held=False,
        first_name="Priya",
        last_name="Shah",
        person_type=person_type,
        needs_acknowledgement=needs_ack,
    )


def _to_details(
    ctrl: KioskController, person_type: PersonType, *, proven: bool = False, proof_failed: bool = False
) -> None:
    ctrl.begin_sign_in(person_type if person_type is PersonType.COLLECTOR else None)
    if person_type is not PersonType.COLLECTOR:
        ctrl.choose_type(person_type)
    ctrl.flow.give_name("Priya", "Shah")
    ctrl.flow.proof_checked(_sample_person(person_type) if proven else None, False)
    ctrl.flow.proof_failed = proof_failed
    ctrl.flow.screened_as(_screened(person_type, needs_ack=not proven))
    ctrl.load_details()
    ctrl.show_current()


def _to_policy(
    ctrl: KioskController,
    policy: PolicyVersion | None,
    person_type: PersonType,
    *,
    full: bool = True,
    signature: bool = False,
    scrolled: bool = False,
) -> None:
    _to_details(ctrl, person_type, proven=not full)
    if policy is None:
        return
    ctrl.flow.give_details(VisitDetails(host="Mrs Patel", child_name="Ada Okafor", relationship="Aunt"))
    # In the visitor's language where the school translated it (else the English, with a line saying so).
    language = ctrl.window.languages.code
    policy = ctrl.services.sign_in.current_policy(language) or policy
    ctrl.flow.policy_loaded(policy)
    ctrl.window.policy_page.load(
        policy,
        full=full,
        reminder=ctrl.flow.needs_reminder,
        signature_pad=signature,
        visitor_language=language,
    )
    ctrl.show_current()
    if scrolled:
        _settle()
        bar = ctrl.window.policy_page.text.verticalScrollBar()
        bar.setValue(bar.maximum())


def _result(printed: bool, person_type: PersonType = PersonType.VISITOR) -> SignInResult:
    now = datetime.now(UTC)
    visit = Visit(
        id=1,
        person_id=1,
        site_id=1,
        kiosk_id=1,
        status=VisitStatus.ON_SITE,
        screening=ScreeningOutcome.CLEAR,
        name_as_typed="Priya Shah",
        person_type=person_type,
        signed_in_at=now,
        badge_printed=printed,
    )
    return SignInResult(
        visit,
        _sample_person(person_type),
        badge_printed=printed,
        badge_message="" if printed else "The badge printer is out of labels.",
    )


def _sign_out_scene(matches: int) -> Callable[[KioskWindow, KioskController], None]:
    now = datetime.now(UTC)
    found = [(1, "Priya S.", now - timedelta(hours=2)), (2, "Priya S.", now - timedelta(minutes=50))]

    def prepare(window: KioskWindow, ctrl: KioskController) -> None:
        ctrl.begin_sign_out()
        page = window.sign_out_page
        page.first_name.setText("Priya")
        page.last_name.setText("Shah")
        if matches:
            page.show_matches(found[:matches])

    return prepare


def _done(window: KioskWindow, ctrl: KioskController) -> None:
    ctrl.flow.reset()
    ctrl.show_completed(_result(True))


def _declined(window: KioskWindow, ctrl: KioskController) -> None:
    _to_details(ctrl, PersonType.VISITOR)
    ctrl.decline()


def kiosk_scenes(services: Services) -> list[Scene]:
    """Every kiosk screen worth checking, in the order a visitor meets them."""
    policy = services.sign_in.current_policy()

    def welcome(large: bool = False, contrast: bool = False):
        def prepare(window: KioskWindow, ctrl: KioskController) -> None:
            ctrl.go_home()
            ctrl.set_modes(large, contrast)

        return prepare

    def name_page(returning: bool):
        def prepare(window: KioskWindow, ctrl: KioskController) -> None:
            ctrl.begin_sign_in(None)
            ctrl.choose_type(PersonType.VISITOR)
            window.name_page.first_name.setText("Priya")
            window.name_page.last_name.setText("Shah")
            window.name_page.been_before.setChecked(returning)
            if returning:
                window.name_page.digits.setText("123")

        return prepare

    def held(window: KioskWindow, ctrl: KioskController) -> None:
        ctrl.begin_sign_in(None)
        ctrl.choose_type(PersonType.PARENT)
        ctrl.flow.give_name("Priya", "Shah")
        ctrl.flow.screened_as(ScreenResult(held=True, visit_id=1))
        ctrl.flow.finish_held()
        ctrl.show_current()

    def collection_password(window: KioskWindow, ctrl: KioskController) -> None:
        _to_details(ctrl, PersonType.COLLECTOR)
        ctrl.flow.step = Step.PASSWORD
        ctrl.show_current()
        window.password_page.password.setText("bluebell")

    def wrong_digits(window: KioskWindow, ctrl: KioskController) -> None:
        name_page(True)(window, ctrl)
        window.name_page.try_digits_again(2)

    def already_in(window: KioskWindow, ctrl: KioskController) -> None:
        ctrl.begin_sign_in(None)
        ctrl.choose_type(PersonType.VISITOR)
        ctrl.flow.give_name("Priya", "Shah")
        ctrl.flow.proof_checked(_sample_person(PersonType.VISITOR), False)
        since = datetime.now(UTC) - timedelta(hours=1)
        ctrl.flow.already_in((1, "Priya S.", since))
        ctrl.flow.screened_as(_screened(PersonType.VISITOR, needs_ack=False))
        window.already_in_page.show_message(
            translate("Kiosk", "{0}, you're already signed in.").format("Priya"),
            translate("Kiosk", "You signed in at {0}. Are you leaving now?").format("09:12"),
        )
        ctrl.show_current()

    def still_there(window: KioskWindow, ctrl: KioskController) -> None:
        _to_details(ctrl, PersonType.VISITOR)
        window.still_there.start()

    def not_recognised(window: KioskWindow, ctrl: KioskController) -> None:
        ctrl.go_home()
        window.toast.show_text(kiosk_message("That badge was not recognised. Please ask at reception."))

    return [
        Scene("welcome", welcome()),
        Scene("welcome-large-text", welcome(large=True)),
        Scene("welcome-high-contrast", welcome(contrast=True)),
        Scene("welcome-badge-not-recognised", not_recognised),
        Scene("type", lambda w, c: c.begin_sign_in(None)),
        Scene("name", name_page(False)),
        Scene("name-been-here-before", name_page(True)),
        Scene("name-wrong-digits", wrong_digits),
        Scene("already-signed-in", already_in),
        Scene("details-visitor", lambda w, c: _to_details(c, PersonType.VISITOR)),
        Scene("details-contractor", lambda w, c: _to_details(c, PersonType.CONTRACTOR)),
        Scene("details-collector", lambda w, c: _to_details(c, PersonType.COLLECTOR)),
        Scene("collector-password", collection_password),
        Scene("details-returning", lambda w, c: _to_details(c, PersonType.VISITOR, proven=True)),
        Scene("details-not-proven", lambda w, c: _to_details(c, PersonType.VISITOR, proof_failed=True)),
        Scene("policy", lambda w, c: _to_policy(c, policy, PersonType.VISITOR)),
        Scene("policy-read-to-end", lambda w, c: _to_policy(c, policy, PersonType.VISITOR, scrolled=True)),
        Scene("policy-signature", lambda w, c: _to_policy(c, policy, PersonType.VISITOR, signature=True)),
        Scene("policy-collector", lambda w, c: _to_policy(c, policy, PersonType.COLLECTOR)),
        Scene("collector-reminder", lambda w, c: _to_policy(c, policy, PersonType.COLLECTOR, full=False)),
        Scene("done", _done),
        Scene("done-collector", lambda w, c: c.show_completed(_result(True, PersonType.COLLECTOR))),
        Scene("done-badge-at-reception", lambda w, c: c.show_completed(_result(False))),
        Scene("hold", held),
        Scene("declined", _declined),
        Scene("sign-out", _sign_out_scene(0)),
        Scene("sign-out-same-name", _sign_out_scene(2)),
        Scene(
            "sign-out-confirm",
            lambda w, c: c._confirm_sign_out(1, "Priya S.", datetime.now(UTC) - timedelta(hours=2)),
        ),
        Scene("signed-out", lambda w, c: c.show_signed_out("Priya")),
        Scene("still-there", still_there),
        Scene("sorry", lambda w, c: c.fault()),
        Scene("staff-exit", lambda w, c: c.open_staff_page()),
        Scene("staff-roll", lambda w, c: c.begin_staff_roll()),
        Scene(
            "staff-signed-in",
            lambda w, c: c.show_staff_toggled(StaffToggle(1, "Olivia Green", True, datetime.now(UTC))),
        ),
    ]


def _capture(widget: QWidget, out_dir: Path, name: str, size: tuple[int, int], screen: str) -> dict:
    _settle()
    file = f"{name}-{size[0]}x{size[1]}.png"
    if not widget.grab().save(str(out_dir / file), "PNG"):
        raise OSError(f"could not write {out_dir / file}")
    return {"file": file, "screen": screen, "text": visible_text(widget)}


def render_kiosk_screens(services: Services, out_dir: Path, sizes=SIZES, language: str = "") -> list[dict]:
    """Render each kiosk scene at each size (in ``language``, else the school's); returns the index entries."""
    entries: list[dict] = []
    # A long idle time: nothing may time out between two captures.
    window = build_kiosk_window(services, idle_timeout_ms=3_600_000)
    if language:
        # As if the school started in it: every scene, Welcome included, stays in this language.
        window.languages.default = language
        window.languages.reset()
    ctrl: KioskController = window.controller
    for step in ctrl.auto_return_ms:
        ctrl.auto_return_ms[step] = 3_600_000
    try:
        for w, h in sizes:
            window.resize(w, h)
            window.show()
            for scene in kiosk_scenes(services):
                scene.prepare(window, ctrl)
                wait_for_ops()
                entries.append(
                    _capture(window, out_dir, f"kiosk-{scene.name}", (w, h), f"kiosk/{scene.name}")
                )
                window.still_there.cancel()
                window.toast.hide()
            ctrl.go_home()
        setup = FirstStartSetup(services)
        for w, h in sizes:
            setup.resize(w, h)
            setup.show()
            entries.append(
                _capture(setup, out_dir, "kiosk-first-start-setup", (w, h), "kiosk/first-start-setup")
            )
        setup.close()
        setup.deleteLater()
    finally:
        wait_for_ops()
        window.close()
        window.deleteLater()
        _settle()
    return entries


def run_screenshots(services: Services, out_dir: Path, language: str = "") -> int:
    """Write every screen as PNG at 1920×1080 and 1280×800, and ``index.json`` with each screen's text.

    With ``language`` (cy, pl, ur) the kiosk's screens are in that language and the console's are left
    out (the console stays in the school's language).
    """
    app = app_for(["kiosk-screenshots"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # The set-up dialog is styled by the application sheet (the kiosk window carries its own).
    apply_theme(app, services.settings)
    entries = render_kiosk_screens(services, out_dir, language=language)
    if language:
        (out_dir / "index.json").write_text(
            json.dumps(entries, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        print(f"wrote {len(entries)} kiosk screenshots in {language} and index.json to {out_dir}")
        return 0
    try:
        console = importlib.import_module("kiosk.ui.console.screenshots")
    except ImportError:
        log.warning("no console screenshots yet (kiosk.ui.console.screenshots is not importable)")
    else:
        entries.extend(console.render_console_screens(services, out_dir, list(console.CONSOLE_SIZES)))
    (out_dir / "index.json").write_text(json.dumps(entries, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(entries)} screenshots and index.json to {out_dir}")
    return 0
