"""Each school's NOTIFY names its school: the other schools' consoles do not look for held visitors."""

from __future__ import annotations

import threading

from kiosk.alerts.feed import build_feed
from kiosk.domain.events import Change, ChangeEvent
from kiosk.domain.model import PersonType
from tests.helpers import add_ban


def test_a_hold_at_one_school_is_heard_with_its_school_and_concerns_no_other(two_schools):
    t = two_schools
    add_ban(t.b, t.staff_b["head"], name="Brian Hollis")
    feed = build_feed(t.a.deps.uow.engine, t.a.settings)  # School A's console's feed (its role's LISTEN)
    heard: list[ChangeEvent] = []
    got = threading.Event()

    def on_event(event: ChangeEvent) -> None:
        if event.change is Change.ALERT_RAISED:
            heard.append(event)
            got.set()

    feed.subscribe(on_event)
    try:
        assert feed.ready.wait(20)
        held = t.b.sign_in.screen("Brian", "Hollis", PersonType.VISITOR, t.b.place)
        assert held.held
        assert got.wait(20), "School A's feed never heard School B's hold"
    finally:
        feed.stop()
    [event] = heard
    assert event.school == 2 and event.payload["visit_id"] == held.visit_id
    assert event.may_change_holds
    assert not event.concerns_school(1)  # School A's console does not look
    assert event.concerns_school(2)
    assert event.concerns_school(1, trust_office=True)  # the trust's console does
    assert t.a.sign_in.held_visit_ids() == []  # and indeed there was nothing for School A to see
