"""Trust bans through the program: decided by the trust's roles, screened at every school of the trust."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.domain.errors import InvalidInput, PermissionDenied
from kiosk.domain.model import BanScope, BanStatus, PersonType, Role
from kiosk.domain.permissions import Action, may
from tests.helpers import add_ban


def held(app, first: str, last: str) -> bool:
    return app.sign_in.screen(first, last, PersonType.VISITOR, app.place).held


@pytest.mark.postgres
def test_a_trust_ban_holds_the_visitor_at_both_schools_a_school_ban_only_at_its_own(two_schools):
    t = two_schools
    add_ban(t.central, t.trust_lead, name="Darren Cole", scope=BanScope.TRUST)
    add_ban(t.a, t.staff_a["head"], name="Gary Oldfield")
    assert held(t.a, "Darren", "Cole") and held(t.b, "Darren", "Cole")
    assert held(t.a, "Gary", "Oldfield")
    assert not held(t.b, "Gary", "Oldfield")  # School A's ban is School A's
    # Each school's ban list: its own and the trust's, never another school's.
    assert {b.name for b in t.b.bans.list(t.staff_b["head"])} == {"Darren Cole"}
    assert {b.name for b in t.a.bans.list(t.staff_a["head"])} == {"Darren Cole", "Gary Oldfield"}


@pytest.mark.postgres
def test_only_the_trust_lead_lifts_a_trust_ban_and_then_no_school_holds(two_schools):
    t = two_schools
    ban = add_ban(t.central, t.trust_lead, name="Darren Cole", scope=BanScope.TRUST)
    assert ban.status is BanStatus.ACTIVE  # the trust's role approves it as it makes it
    for app, head in ((t.a, t.staff_a["head"]), (t.b, t.staff_b["head"])):
        with pytest.raises(PermissionDenied):
            app.bans.lift(head, ban.id, "a school may not lift the trust's ban")
        with pytest.raises(PermissionDenied):
            app.bans.edit(head, replace(ban, scope=BanScope.SCHOOL))
    t.central.bans.lift(t.trust_lead, ban.id, "reviewed by the trust panel")
    assert not held(t.a, "Darren", "Cole") and not held(t.b, "Darren", "Cole")


def test_a_school_role_makes_no_trust_ban_and_the_scope_is_kept(services, staff):
    """Single school (both databases): bans are the school's unless a trust role makes them."""
    head, lead = staff["head"], staff["safeguarding lead"]
    for actor in (head, lead):
        with pytest.raises(PermissionDenied, match="for the whole trust"):
            add_ban(services, actor, name="Darren Cole", scope=BanScope.TRUST)
    ban = add_ban(services, head, name="Darren Cole")
    assert ban.scope is BanScope.SCHOOL and services.bans.get(head, ban.id).scope is BanScope.SCHOOL
    with pytest.raises(PermissionDenied, match="for the whole trust"):
        services.bans.edit(head, replace(ban, scope=BanScope.TRUST))
    assert services.bans.get(head, ban.id).scope is BanScope.SCHOOL


def test_the_trust_roles_in_the_role_table():
    assert Role.TRUST_SAFEGUARDING_LEAD not in Role.staff_roles()
    for action in (Action.TRUST_BANS, Action.TRUST_REPORTS):
        assert [r for r in Role if may(r, action)] == [Role.TRUST_SAFEGUARDING_LEAD]
    assert not may(Role.TRUST_SAFEGUARDING_LEAD, Action.APPROVE_BANS)  # a school's bans: its head's


@pytest.mark.postgres
def test_a_schools_expiry_job_leaves_the_trusts_bans_to_the_trust(two_schools, clock):
    """The start-up ban expiry at a school marks its own bans expired and may not touch the trust's."""
    t = two_schools
    today = clock.today()
    trust_ban = add_ban(
        t.central, t.trust_lead, name="Darren Cole", scope=BanScope.TRUST, end=today + timedelta(days=1)
    )
    own = add_ban(t.a, t.staff_a["head"], name="Gary Oldfield", end=today + timedelta(days=1))
    clock.advance(timedelta(days=3))
    assert t.a.bans.expire_due() == [own.id]
    assert t.b.bans.expire_due() == []
    assert t.a.bans.get(t.staff_a["head"], trust_ban.id).status is BanStatus.ACTIVE  # past its end: no hold
    assert not held(t.a, "Darren", "Cole")
    assert t.central.bans.expire_due() == [trust_ban.id]
    assert t.b.bans.get(t.staff_b["head"], trust_ban.id).status is BanStatus.EXPIRED


@pytest.mark.postgres
def test_a_ban_for_several_schools_holds_only_at_the_schools_it_names(two_schools):
    t = two_schools
    for_b = add_ban(t.central, t.trust_lead, name="Darren Cole", scope=BanScope.SCHOOLS, school_ids=(2,))
    for_both = add_ban(
        t.central, t.trust_lead, name="Gary Oldfield", scope=BanScope.SCHOOLS, school_ids=(2, 1, 2)
    )
    assert for_b.status is BanStatus.ACTIVE and for_both.school_ids == (1, 2)
    assert held(t.b, "Darren", "Cole") and not held(t.a, "Darren", "Cole")
    assert held(t.a, "Gary", "Oldfield") and held(t.b, "Gary", "Oldfield")
    # The trust's console (recorded at School A) lists what it decided; School A's kiosks do not screen it.
    assert {b.name for b in t.central.bans.list(t.trust_lead)} == {"Darren Cole", "Gary Oldfield"}
    assert {b.name for b in t.a.bans.list(t.staff_a["head"])} == {"Gary Oldfield"}
    assert {b.name for b in t.b.bans.list(t.staff_b["head"])} == {"Darren Cole", "Gary Oldfield"}
    # By hand-written SQL too: School A's connection does not see the ban that names only School B.
    with t.engine_as("a").connect() as conn:
        conn.execute(sa.text("SET LOCAL kiosk.school_id = 1"))
        assert conn.execute(sa.text("SELECT name FROM bans")).scalars().all() == ["Gary Oldfield"]
        assert conn.execute(sa.text("UPDATE bans SET status = 'lifted'")).rowcount == 0
    # Only the trust's roles decide it; dropping a school stops the hold there at once.
    with pytest.raises(PermissionDenied):
        t.b.bans.lift(t.staff_b["head"], for_b.id, "a school may not lift the trust's ban")
    t.central.bans.edit(t.trust_lead, replace(for_both, school_ids=(1,)))
    assert held(t.a, "Gary", "Oldfield") and not held(t.b, "Gary", "Oldfield")
    t.central.bans.lift(t.trust_lead, for_b.id, "reviewed by the trust panel")
    assert not held(t.b, "Darren", "Cole")


def test_a_ban_for_several_schools_is_the_trusts_and_names_known_schools(services, staff):
    """Single school (both databases): only a trust role makes one, and only for schools that exist."""
    head = staff["head"]
    with pytest.raises(PermissionDenied, match="for the whole trust"):
        add_ban(services, head, name="Darren Cole", scope=BanScope.SCHOOLS, school_ids=(1,))
    lead = services.staff.add(staff["administrator"], "Trust Lead", Role.TRUST_SAFEGUARDING_LEAD, "24681357")
    lead = services.staff.authenticate("Trust Lead", "24681357")
    for school_ids, message in (((), "at least one school"), ((7,), "no school with id 7")):
        with pytest.raises(InvalidInput, match=message):
            add_ban(services, lead, name="Darren Cole", scope=BanScope.SCHOOLS, school_ids=school_ids)
    with pytest.raises(InvalidInput, match="names no schools"):
        add_ban(services, lead, name="Darren Cole", scope=BanScope.TRUST, school_ids=(1,))
    ban = add_ban(services, lead, name="Darren Cole", scope=BanScope.SCHOOLS, school_ids=(1,))
    assert services.bans.get(lead, ban.id).school_ids == (1,)
    assert held(services, "Darren", "Cole")
    with pytest.raises(PermissionDenied, match="for the whole trust"):
        services.bans.edit(head, replace(ban, scope=BanScope.SCHOOL, school_ids=()))
