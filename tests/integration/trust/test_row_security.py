"""School A's connection reads and changes nothing of School B's, by hand-written SQL, on the real server.

Each test connects as a school's own database role (kiosk.db.trust), sets ``kiosk.school_id`` with
``SET LOCAL`` as the program does, and tries: reads, updates, deletes, inserts for the other school,
pretending to be the other school, and no setting at all. Trust bans are readable by both.
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import sqlalchemy as sa

from kiosk.domain.cases import Incident, IncidentPlace, SubjectType
from kiosk.domain.model import BanScope
from tests.helpers import add_ban, sign_in

pytestmark = pytest.mark.postgres

PER_SCHOOL = ("people", "visits", "acknowledgements", "incidents", "cases", "case_letters", "staff")


def _fill(t) -> None:
    """Each school signs a visitor in and records an incident; each has a school ban; one trust ban."""
    sign_in(t.a, "Priya", "Shah")
    sign_in(t.b, "Tom", "Baker")
    for app, staff, name in ((t.a, t.staff_a, "Jordan Blake"), (t.b, t.staff_b, "Casey Morgan")):
        open_case_with_letter(app, staff["head"], name)
    add_ban(t.a, t.staff_a["head"], name="Gary Oldfield")
    add_ban(t.b, t.staff_b["head"], name="Brian Hollis")
    add_ban(t.central, t.trust_lead, name="Darren Cole", scope=BanScope.TRUST)


def open_case_with_letter(app, head, name: str) -> None:
    today = app.deps.clock.today()
    incident = app.cases.record_incident(
        head,
        Incident(
            id=None,
            subject_name=name,
            subject_type=SubjectType.PARENT,
            occurred_on=today - timedelta(days=10),
            place=IncidentPlace.PREMISES,
            location="the main gate at pick-up",
            behaviours=("loud or offensive language or temper",),
            description="Shouted at a teacher at the gate.",
            witnesses="Two members of staff on gate duty.",
            subject_address="14 Elm Road, Oakfield, OK1 4CD",
            lado_referred_on=today - timedelta(days=9),
            lado_reference="L-2026-114",
        ),
    )
    case = app.cases.open_case(head, incident.id)
    app.cases.invite_to_meeting(
        head, case.id, meeting_on=today + timedelta(days=5), meeting_at=time(15, 45), place="the office"
    )


def _as(t, who: str, school: str | None):
    """A raw connection as `who`'s role, in a transaction with kiosk.school_id set (or not)."""
    engine = t.engine_as(who)
    conn = engine.connect()
    conn.begin()
    if school is not None:
        conn.execute(sa.text("SET LOCAL kiosk.school_id = " + school))
    return engine, conn


def _counts(t, table: str) -> dict[int, int]:
    with t.owner.connect() as conn:
        rows = conn.execute(sa.text(f"SELECT school_id, count(*) FROM {table} GROUP BY school_id"))
        return {r[0]: r[1] for r in rows}


def test_both_schools_have_rows_of_their_own(two_schools):
    t = two_schools
    _fill(t)
    for table in PER_SCHOOL:
        counts = _counts(t, table)
        assert counts.get(1, 0) > 0 and counts.get(2, 0) > 0, (table, counts)
