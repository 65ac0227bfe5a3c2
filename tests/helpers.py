"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import time as _time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.domain.model import Ban, PersonType
from kiosk.services.visits import VisitDetails


class TestClock:
    """An injected clock for tests: starts where it is told and ticks with real time from there.

    It ticks (rather than standing still) so that things done one after another keep their order.
    `set()` moves it to another moment, `advance()` forward by a timedelta.
    """

    __test__ = False  # not a test class, despite the name

    def __init__(self, zone: ZoneInfo, start: datetime):
        self.zone = zone
        self.set(start)

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("TestClock.set needs an aware datetime")
        self._base = when.astimezone(UTC)
        self._started = _time.monotonic()

    def advance(self, by: timedelta) -> None:
        self.set(self.now() + by)

    def now(self) -> datetime:
        return self._base + timedelta(seconds=_time.monotonic() - self._started)

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()


def add_ban(services, actor, name="William Hargreaves", aliases=(), **kw):
    today = services.deps.clock.today()
    kw.setdefault("start", today - timedelta(days=1))
    kw.setdefault("end", today + timedelta(days=180))
    return services.bans.create(actor, Ban(id=None, name=name, aliases=tuple(aliases), **kw))


def sign_in(services, first="Priya", last="Shah", person_type=PersonType.VISITOR, details=None, **kw):
    """Screen and complete a sign-in as the kiosk does, agreeing to the current policy."""
    screened = services.sign_in.screen(first, last, person_type, services.place, **kw)
    assert not screened.held, f"{first} {last} was unexpectedly held"
    policy = services.sign_in.current_policy()
    return services.sign_in.complete(
        screened,
        details or VisitDetails(host="Mrs Patel"),
        services.place,
        acknowledged_policy_id=policy.id if policy else None,
    )


def add_staff_accounts(app, accounts) -> dict:
    """Add staff as a school would: the first administrator by the bootstrap, the rest by that
    administrator. ``accounts`` maps role -> (name, pin); returns role value -> signed-in Actor."""
    from kiosk.domain.model import Actor, Role

    accounts = {Role(role): spec for role, spec in accounts.items()}
    bootstrap = Actor(name="first start (test)", role=None, source="command line")
    admin_name, admin_pin = accounts[Role.ADMINISTRATOR]
    app.staff.add(bootstrap, admin_name, Role.ADMINISTRATOR, admin_pin)
    admin = app.staff.authenticate(admin_name, admin_pin)
    out = {Role.ADMINISTRATOR.value: admin}
    for role, (name, pin) in accounts.items():
        if role is not Role.ADMINISTRATOR:
            app.staff.add(admin, name, role, pin)
            out[role.value] = app.staff.authenticate(name, pin)
    return out


def reception_actor():
    """A receptionist as the console would hand one to the services (for tests that read reception's lists)."""
    from kiosk.domain.model import Actor, Role

    return Actor(name="Test reception", role=Role.RECEPTIONIST, source="console")


@contextmanager
def restored_umask() -> Iterator[int]:
    """The process umask put back as it was when the block ends (yields that umask), even on an error."""
    before = os.umask(0o022)
    os.umask(before)
    try:
        yield before
    finally:
        os.umask(before)
