"""Export times in school time: the per-hour shortcut gives what converting each time on its own gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.services.visits import LocalMinutes


def one_by_one(t: datetime, zone: ZoneInfo) -> str:
    return t.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    "name",
    [
        "Europe/London",  # the clocks change at 01:00 UTC in March and October
        "Asia/Kolkata",  # +05:30: never whole hours
        "Australia/Lord_Howe",  # +10:30 and +11:00: half an hour of summer time
        "America/St_Johns",  # -03:30 / -02:30
        "Asia/Kathmandu",  # +05:45
        "UTC",
    ],
)
def test_every_minute_round_the_clock_changes_matches_the_zone_rules(name):
    zone = ZoneInfo(name)
    local = LocalMinutes(zone)
    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    times = [start + timedelta(seconds=rng.randrange(0, 366 * 86400)) for _ in range(3000)]
    # Every minute of the two days either side of each of the year's clock changes, in the zone's own order.
    for day in range(366):
        a, b = start + timedelta(days=day), start + timedelta(days=day + 1)
        if a.astimezone(zone).utcoffset() != b.astimezone(zone).utcoffset():
            times += [a - timedelta(days=1) + timedelta(minutes=m) for m in range(3 * 24 * 60)]
    for t in times:
        assert local(t) == one_by_one(t, zone), t


def test_a_time_given_in_another_zone_is_read_as_the_instant_it_is():
    london = ZoneInfo("Europe/London")
    local = LocalMinutes(london)
    t = datetime(2026, 7, 1, 23, 30, tzinfo=ZoneInfo("America/New_York"))  # 03:30 UTC on 2 July
    assert local(t) == "2026-07-02 04:30" == one_by_one(t, london)
    assert local(t.astimezone(UTC)) == "2026-07-02 04:30"
