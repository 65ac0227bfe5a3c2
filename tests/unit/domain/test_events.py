"""Which changes make the console look for held visitors again (ChangeEvent.may_change_holds)."""

from __future__ import annotations

import pytest

from kiosk.domain.events import Change, ChangeEvent, Topic


def test_a_clear_visitor_signing_in_does_not_make_the_consoles_look():
    assert not ChangeEvent(Change.VISIT_SIGNED_IN).may_change_holds


@pytest.mark.parametrize(
    "change",
    [
        Change.ALERT_RAISED,
        Change.ALERT_DECIDED,
        Change.VISIT_SIGNED_OUT,
        Change.VISITS_CLOSED,
        Change.PRIVACY_PURGED,
        Change.PERSON_ERASED,
        Change.DB_CHANGED,
    ],
)
def test_a_change_that_may_hold_or_release_someone_does(change):
    assert ChangeEvent(change).may_change_holds


def test_an_unknown_event_does_and_one_without_alerts_does_not():
    assert ChangeEvent.parse("visit.updated").may_change_holds  # an offline replay's hold
    for change in Change:
        if Topic.ALERTS not in change.topics:
            assert not ChangeEvent(change).may_change_holds, change
