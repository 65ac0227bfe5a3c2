"""Signing out: a scanned badge on any page, or a name picked from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.domain.model import PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from kiosk.ui.kiosk.flow import Step
from tests.helpers import reception_actor


def scan(window, token: str) -> None:
    """A USB scanner: every character arrives through the window at machine speed, then Return."""
    handle = window.windowHandle()
    for ch in token:
        QTest.keyClick(handle, ch)
    QTest.keyClick(handle, Qt.Key.Key_Return)


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


def test_signing_out_by_name_shows_only_first_names_and_initials(visitor, sqlite_services):
    priya = _signed_in(sqlite_services, "Priya", "Shah")
    _signed_in(sqlite_services, "Tom", "Baker", PersonType.CONTRACTOR)
    _signed_in(sqlite_services, "Grace", "Okafor", PersonType.COLLECTOR)
    w = visitor.window
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    page = w.sign_out_page
    visitor.qtbot.waitUntil(lambda: page.name_button("Priya S.") is not None)
    text = visitor.screen_text()
    assert "Priya S." in text and "Tom B." in text and "Grace O." in text
    for detail in ("Shah", "Baker", "Okafor", "Mrs Patel", "Ada"):
        assert detail not in text
    assert not page.sign_out_button.isEnabled()
    visitor.type_into(page.search, "pr")
    assert page.name_button("Priya S.").isVisible()
    assert not page.name_button("Tom B.").isVisible() and not page.name_button("Grace O.").isVisible()
    visitor.tap(page.name_button("Priya S."))
    visitor.tap(page.sign_out_button)
    visitor.sees(Step.SIGNED_OUT)
    assert "Goodbye, Priya." in visitor.screen_text()
    assert _status(sqlite_services, priya.id) is VisitStatus.SIGNED_OUT
    on_site = {
        v.name_as_typed
        for v, _ in sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id)
    }
    assert on_site == {"Tom Baker", "Grace Okafor"}


def test_filter_with_no_match_says_so(visitor, sqlite_services):
    _signed_in(sqlite_services, "Priya", "Shah")
    w = visitor.window
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    visitor.qtbot.waitUntil(lambda: w.sign_out_page.name_button("Priya S.") is not None)
    visitor.type_into(w.sign_out_page.search, "Zz")
    assert "No names start with" in w.sign_out_page.empty.text()
