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


@pytest.mark.parametrize("name", ["Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"])
def test_utc_text_as_sqlite_holds_it_gives_what_the_time_itself_gives(name):
    # The export reads SQLite's times as text ("2026-03-29 00:59:59.999999", UTC, no zone) and writes them
    # without making a datetime: every minute round each clock change, and random times, must agree.
    zone = ZoneInfo(name)
    local = LocalMinutes(zone)
    rng = random.Random(11)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    times = [
        start + timedelta(seconds=rng.randrange(0, 366 * 86400), microseconds=rng.randrange(10**6))
        for _ in range(3000)
    ]
    for day in range(366):
        a, b = start + timedelta(days=day), start + timedelta(days=day + 1)
        if a.astimezone(zone).utcoffset() != b.astimezone(zone).utcoffset():
            times += [a - timedelta(days=1) + timedelta(minutes=m, seconds=59) for m in range(3 * 24 * 60)]
    for t in times:
        text = t.replace(tzinfo=None).isoformat(" ", timespec="microseconds")
        assert local.utc_text(text) == one_by_one(t, zone), text
        assert local.utc_text(text[:16]) == one_by_one(t, zone), text[:16]  # minutes only


def test_utc_text_with_a_zone_is_read_as_the_instant_it_is():
    local = LocalMinutes(ZoneInfo("Europe/London"))
    assert local.utc_text("2026-07-01 23:30:00-04:00") == "2026-07-02 04:30"
    assert local.utc_text("2026-07-02 03:30:00+00:00") == "2026-07-02 04:30"
    assert local.utc_text("2026-07-02 03:30:00") == "2026-07-02 04:30"
