"""Signing out: a scanned badge on any page, or a name picked from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.domain.model import PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from kiosk.ui.kiosk.flow import Step
from tests.gui.kiosk.wedge import FakeClock, Wedge
from tests.helpers import reception_actor


def scan(window, token: str) -> None:
    """A USB scanner: the token's key events (Shift around capitals) 8 ms apart on the listener's clock, then Return."""
    scanner = window.controller.scanner
    if not isinstance(scanner.clock, FakeClock):
        scanner.clock = FakeClock()
    scanner.clock.now += 1  # a person's last key and a scanner's first are never milliseconds apart
    Wedge(window, scanner.clock).scan(token)


def _signed_in(services, first, last, person_type=PersonType.VISITOR):
    screened = services.sign_in.screen(first, last, person_type, services.place)
    policy = services.sign_in.current_policy()
    details = VisitDetails(host="Mrs Patel", child_name="Ada", relationship="Aunt")
    return services.sign_in.complete(
        screened, details, services.place, acknowledged_policy_id=policy.id
    ).visit


def _status(services, visit_id):
    with services.deps.uow.readonly() as uow:
        return uow.visits.get(visit_id).status


def test_scanning_a_badge_on_welcome_signs_out(visitor, sqlite_services):
    visit = _signed_in(sqlite_services, "Priya", "Shah")
    scan(visitor.window, visit.badge_token)
    visitor.sees(Step.SIGNED_OUT)
    assert "Goodbye, Priya." in visitor.screen_text()
    assert "Shah" not in visitor.screen_text()
    assert _status(sqlite_services, visit.id) is VisitStatus.SIGNED_OUT


def test_a_scan_mid_journey_is_heard_and_leaves_no_characters_in_the_field(visitor, sqlite_services):
    visit = _signed_in(sqlite_services, "Tom", "Baker")
    visitor.start_sign_in(PersonType.VISITOR)
    field = visitor.window.name_page.first_name
    visitor.type_into(field, "Pri")
    # A person's last key and a scanner's first are never milliseconds apart.
    visitor.qtbot.wait(120)
    scan(visitor.window, visit.badge_token)
    assert field.text() == "Pri", "the scanned characters are taken back out of the field"
    visitor.sees(Step.SIGNED_OUT)
    assert field.text() == "", "leaving the journey forgets what was typed"
    assert _status(sqlite_services, visit.id) is VisitStatus.SIGNED_OUT


def test_an_unknown_badge_gets_a_calm_notice(visitor):
    scan(visitor.window, "x" * 22)
    visitor.qtbot.waitUntil(lambda: visitor.window.toast.isVisible())
    assert "not recognised" in visitor.window.toast.text.text()
    assert visitor.window.current_step is Step.WELCOME


def test_typing_a_name_and_return_is_not_a_scan(visitor):
    visitor.start_sign_in(PersonType.VISITOR)
    page = visitor.window.name_page
    visitor.type_into(page.first_name, "Priya")
    QTest.keyClick(page.first_name, Qt.Key.Key_Return)
    assert page.first_name.text() == "Priya"
    assert page.last_name.hasFocus()


def _find_me(visitor, first: str, last: str) -> None:
    page = visitor.window.sign_out_page
    visitor.type_into(page.first_name, first)
    visitor.type_into(page.last_name, last)
    visitor.tap(page.find_button)


def test_signing_out_by_name_shows_nobody_else_and_asks_to_confirm(visitor, sqlite_services):
    priya = _signed_in(sqlite_services, "Priya", "Shah")
    _signed_in(sqlite_services, "Tom", "Baker", PersonType.CONTRACTOR)
    _signed_in(sqlite_services, "Grace", "Okafor", PersonType.COLLECTOR)
    w = visitor.window
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    text = visitor.screen_text()
    for other in ("Priya", "Tom", "Grace", "Shah", "Baker", "Okafor"):
        assert other not in text, "the sign-out page lists nobody"
    _find_me(visitor, "Priya", "Shah")
    visitor.sees(Step.CONFIRM_OUT)
    text = visitor.screen_text()
    assert "Sign out Priya S.?" in text and "Shah" not in text
    assert "Tom" not in text and "Grace" not in text
    assert _status(sqlite_services, priya.id) is VisitStatus.ON_SITE, "nothing changes before the yes"
    visitor.tap(w.confirm_out_page.yes_button)
    visitor.sees(Step.SIGNED_OUT)
    assert "Goodbye, Priya." in visitor.screen_text()
    assert _status(sqlite_services, priya.id) is VisitStatus.SIGNED_OUT
    on_site = {
        v.name_as_typed
        for v, _ in sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id)
    }
    assert on_site == {"Tom Baker", "Grace Okafor"}


def test_no_goes_back_and_signs_nobody_out(visitor, sqlite_services):
    priya = _signed_in(sqlite_services, "Priya", "Shah")
    w = visitor.window
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    _find_me(visitor, "priya", "shah")
    visitor.sees(Step.CONFIRM_OUT)
    visitor.tap(w.confirm_out_page.no_button)
    visitor.sees(Step.SIGN_OUT)
    assert _status(sqlite_services, priya.id) is VisitStatus.ON_SITE


def test_a_name_not_on_site_says_so_without_listing_anyone(visitor, sqlite_services):
    _signed_in(sqlite_services, "Priya", "Shah")
    w = visitor.window
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    _find_me(visitor, "Priya", "Patel")
    visitor.qtbot.waitUntil(lambda: "couldn't find that name" in w.sign_out_page.message.text())
    assert "Priya S." not in visitor.screen_text()
    assert w.sign_out_page.choice_buttons == []


def test_two_people_with_one_name_choose_by_time_and_the_tiles_stay_put(visitor, sqlite_services):
    first = _signed_in(sqlite_services, "Priya", "Shah")
    second = _signed_in(sqlite_services, "Priya", "Shah")
    w = visitor.window
    page = w.sign_out_page
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    _find_me(visitor, "Priya", "Shah")
    visitor.qtbot.waitUntil(lambda: len(page.choice_buttons) == 2)
    visitor.qtbot.waitUntil(lambda: page.choice_buttons[0].geometry().height() < 200)
    before = [b.geometry() for b in page.choice_buttons]
    # Another kiosk signs someone in meanwhile: the tiles must not move under the finger.
    _signed_in(sqlite_services, "Tom", "Baker")
    w.controller._feed_event("visit.signed_in")
    visitor.qtbot.wait(50)
    assert [b.geometry() for b in page.choice_buttons] == before
    visitor.tap(page.choice_buttons[1])
    visitor.sees(Step.CONFIRM_OUT)
    visitor.tap(w.confirm_out_page.yes_button)
    visitor.sees(Step.SIGNED_OUT)
    assert _status(sqlite_services, second.id) is VisitStatus.SIGNED_OUT
    assert _status(sqlite_services, first.id) is VisitStatus.ON_SITE
