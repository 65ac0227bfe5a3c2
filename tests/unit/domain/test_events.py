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


def test_the_school_of_a_change_is_read_from_what_programs_send():
    event = ChangeEvent.parse("alert.raised", {"visit_id": 4, "school": 2, "by": "kiosk:Gate"})
    assert event.school == 2 and event.by == "kiosk:Gate" and "school" not in event.payload
    assert ChangeEvent.parse("alert.raised", {"visit_id": 4}).school is None
    assert ChangeEvent.parse("alert.raised", {"school": "2"}).school is None  # not a school id
    assert ChangeEvent.parse("alert.raised", {"school": True}).school is None


def test_another_schools_visits_and_alerts_do_not_concern_a_school_but_bans_and_policy_do():
    theirs = ChangeEvent(Change.ALERT_RAISED, school=2)
    assert not theirs.concerns_school(1)
    assert theirs.concerns_school(2)
    assert theirs.concerns_school(1, trust_office=True)  # the trust's console hears every school's holds
    assert theirs.concerns_school(None)  # a single school hears everything, as before
    assert ChangeEvent(Change.ALERT_RAISED).concerns_school(1)  # a change without its school: heard
    for change in (Change.VISIT_SIGNED_IN, Change.VISIT_SIGNED_OUT, Change.ALERT_DECIDED, Change.ROLL_CALL):
        assert not ChangeEvent(change, school=2).concerns_school(1), change
    # A trust ban, the trust's policy, a trust lead's account, a purge, anything unknown: every school's.
    for change in (
        Change.BANS_CHANGED,
        Change.CASES_CHANGED,
        Change.POLICY_PUBLISHED,
        Change.STAFF_CHANGED,
        Change.PRIVACY_PURGED,
        Change.DB_CHANGED,
    ):
        assert ChangeEvent(change, school=2).concerns_school(1), change
