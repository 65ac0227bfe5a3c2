"""A school's console relays its own school's changes and the trust's, not another school's visits."""

from __future__ import annotations

from kiosk.domain.events import Change, ChangeEvent
from kiosk.ui.console.context import ConsoleEvents


def relayed(services, events: list[ChangeEvent]) -> list[ChangeEvent]:
    relay = ConsoleEvents(services)
    got: list[ChangeEvent] = []
    relay.changed.connect(got.append)
    for event in events:
        relay._from_feed(event)  # as the feed's thread hands it over (here on the GUI thread: at once)
    relay.deleteLater()
    return got


def test_a_schools_console_drops_another_schools_holds_but_not_the_trusts_bans(qtbot, sqlite_services):
    sqlite_services.settings.school.trust_school_id = 1
    theirs = ChangeEvent(Change.ALERT_RAISED, school=2, payload={"visit_id": 7})
    ours = ChangeEvent(Change.ALERT_RAISED, school=1, payload={"visit_id": 8})
    trust_ban = ChangeEvent(Change.BANS_CHANGED, school=2)
    assert relayed(sqlite_services, [theirs, ours, trust_ban]) == [ours, trust_ban]


def test_the_trusts_console_and_a_single_school_hear_every_school(qtbot, sqlite_services):
    theirs = ChangeEvent(Change.ALERT_RAISED, school=2, payload={"visit_id": 7})
    assert relayed(sqlite_services, [theirs]) == [theirs]  # a single school: no school set
    sqlite_services.settings.school.trust_school_id = 1
    sqlite_services.settings.school.trust_office = True
    assert relayed(sqlite_services, [theirs]) == [theirs]
