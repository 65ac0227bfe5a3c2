"""Small helpers shared by the tests."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.model import Ban, PersonType
from kiosk.services.visits import VisitDetails


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
