"""Collecting a child through the real kiosk window, with reception's real console beside it."""

from __future__ import annotations

import os

import pytest

from kiosk.domain.model import PersonType, VisitStatus
from kiosk.domain.pupils import Restriction, RestrictionKind
from kiosk.ui.kiosk.flow import Step

PUPILS = (
    "Legal Forename,Legal Surname,Preferred Forename,Reg Group,UPN,Contact 1 Name,Contact 1 Relationship,"
    "Contact 2 Name,Contact 2 Relationship,Collection Password\n"
    "Amelia,Okafor,Millie,3B,A123,Grace Okafor,Mother,Daniel Okafor,Father,\n"
    "Oliver,Brown,,4C,B456,Sarah Brown,Mother,Margaret Hughes,Grandmother,bluebell\n"
)


@pytest.fixture
def roll(sqlite_services, staff_actors):
    sqlite_services.pupils.import_csv(staff_actors["receptionist"], PUPILS, "sims.csv")
    return sqlite_services


@pytest.fixture
def console(qtbot, roll):
    """Reception's console, signed in as the receptionist, hearing the kiosk through the live feed."""
    from kiosk.ui.console.main import build_console_window
    from kiosk.ui.ops import wait_for_ops
    from tests.gui.console.conftest import attach_feed

    attach_feed(roll)
    window = build_console_window(roll, safety_ms=2000)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.sign_in
    qtbot.waitUntil(page.isVisible, timeout=10_000)
    page.name.setText("Test Receptionist")
    page.pin.setText("2468")
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
    yield window
    window.session.lock()
    window.close()
    wait_for_ops(10_000)


def _collect(visitor, first, last, child, relationship, password=None):
    w = visitor.window
    if w.current_step is not Step.WELCOME:
        w.controller.go_home()  # the last screen's own timer, without waiting for it
    visitor.sees(Step.WELCOME)
    visitor.start_sign_in(PersonType.COLLECTOR)
    visitor.give_name(first, last)
    visitor.sees(Step.DETAILS)
    visitor.give_details(child_name=child, relationship=relationship)
    if password is not None:
        visitor.sees(Step.PASSWORD)
        assert "Oliver" not in visitor.screen_text()  # nothing about the child is said back
        if password:
            visitor.type_into(w.password_page.password, password)
            visitor.tap(w.password_page.continue_button)
        else:
            visitor.tap(w.password_page.unknown_button)
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    # Done shows "signing you in" at once (the visit is recorded behind it); then it is Done or the hold.
    visitor.qtbot.waitUntil(
        lambda: (
            w.current_step is Step.HOLD
            or (w.current_step is Step.DONE and not w.done_page.property("signing_in"))
        ),
        timeout=20_000,
    )
    return w.current_step


def test_authorised_collector_goes_through_and_the_unauthorised_is_held_discreetly(
    visitor, roll, console, printer, qtbot
):
    printed = len(printer.printed)
    assert _collect(visitor, "Grace", "Okafor", "Millie Okafor", "Mum") is Step.DONE
    qtbot.waitUntil(lambda: len(printer.printed) == printed + 1, timeout=10_000)
    assert printer.printed[-1].host == "Collecting Millie Okafor"
    visitor.tap(visitor.window.done_page.button)
    visitor.sees(Step.WELCOME)

    # Not on Amelia's list: the same neutral hold screen a ban's hold shows, and no badge.
    assert _collect(visitor, "Kevin", "Stranger", "Amelia Okafor", "Uncle") is Step.HOLD
    text = visitor.screen_text()
    assert "someone from reception will be with you shortly" in text
    assert "list" not in text.lower() and "Amelia" not in text and "ban" not in text.lower()
    assert len(printer.printed) == printed + 1

    # Reception's alert lists the child's authorised collectors.
    page = console.shell.pages["alerts"]
    qtbot.waitUntil(lambda: page.alert_list.count() == 1, timeout=15_000)
    qtbot.waitUntil(lambda: page.collection.view is not None, timeout=10_000)
    detail = page.collection
    assert detail.outcome.text() == "Not on the child's list of collectors"
    names = [detail.list_rows.itemAt(i).widget().name.text() for i in range(detail.list_rows.count())]
    assert names == ["Grace Okafor", "Daniel Okafor"]
    assert "Millie Okafor (3B)" in " ".join(detail.visitor_card.value_texts())
    assert not detail.order_button.isVisible()
    if os.environ.get("KIOSK_TEST_SHOTS"):
        console.grab().save(os.path.join(os.environ["KIOSK_TEST_SHOTS"], "collection-alert.png"))

    # A wrong family password holds too; the right one goes through.
    assert _collect(visitor, "Sarah", "Brown", "Oliver Brown", "Mother", password="daisy") is Step.HOLD
    assert _collect(visitor, "Margaret", "Hughes", "oliver brown", "Gran", password="Bluebell") is Step.DONE
    assert _collect(visitor, "Margaret", "Hughes", "Oliver Brown", "Gran", password="") is Step.HOLD
    # A child the list does not have: the same pages as any (no password page), the same hold screen.
    assert _collect(visitor, "Grace", "Okafor", "Jonathan Nobody", "Mum") is Step.HOLD
    reception = roll.staff.authenticate("Test Receptionist", "2468")
    held = roll.sign_in.held(reception)
    assert len(held) == 4 and all(v.status is VisitStatus.HELD for v in held)
    outcomes = [v.headline for v in roll.alerts.collection_holds(reception)]
    assert outcomes == [
        "Not on the child's list of collectors",
        "The family's collection password was not given correctly",
        "The family's collection password was not given correctly",
        "Child not found: check the name with the collector",
    ]


def test_a_court_order_raises_call_the_safeguarding_lead(visitor, roll, console, staff_actors, qtbot):
    amelia = next(p for p in roll.pupils.pupils(staff_actors["head"]) if p.first_name == "Amelia")
    roll.pupils.save_restriction(
        staff_actors["safeguarding lead"],
        Restriction(
            None,
            amelia.id,
            RestrictionKind.COURT_ORDER,
            "Daniel Okafor",
            details="Prohibited steps order FC-123",
        ),
    )
    # He is still on her list from the information system: the order holds him all the same.
    assert _collect(visitor, "Danny", "Okafor", "Amelia Okafor", "Dad") is Step.HOLD
    page = console.shell.pages["alerts"]
    qtbot.waitUntil(lambda: page.alert_list.count() == 1, timeout=15_000)
    qtbot.waitUntil(lambda: page.collection.view is not None, timeout=10_000)
    detail = page.collection
    assert detail.outcome.text() == "Hold: call the safeguarding lead"
    assert "FC-123" not in detail.order_text.text() and not detail.order_card.isVisible()
    assert not detail.release_button.isEnabled()  # reception cannot release it
    assert "Hold: call the safeguarding lead" in page.alert_list.item(0).text()


def test_a_held_collector_goes_straight_to_the_waiting_screen_and_a_cleared_one_to_done(visitor, roll):
    """No "signing you in" first for a collector: Done showing, then the hold, would say the door held them."""
    from PySide6.QtCore import QEvent, QObject

    w = visitor.window
    shown: list[str] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Show:
                shown.append(obj.objectName())
            return False

    watch = Watch()
    for page in (w.done_page, w.hold_page):
        page.installEventFilter(watch)
    assert _collect(visitor, "Kevin", "Stranger", "Amelia Okafor", "Uncle") is Step.HOLD
    assert shown == ["page-hold"]
    assert "Signing you in" not in visitor.screen_text()
    visitor.window.controller.go_home()
    visitor.sees(Step.WELCOME)
    shown.clear()
    assert _collect(visitor, "Grace", "Okafor", "Millie Okafor", "Mum") is Step.DONE
    assert shown == ["page-done"]
    assert "You're signed in" in visitor.screen_text()
