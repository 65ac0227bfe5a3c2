"""The On site page's reads at a school's scale: one query for the list, one for the central record.

Counted with SQLAlchemy's cursor events on the real database (SQLite and PostgreSQL): the list was once
one query per visit for its person, and the central record's word one query per contractor.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event, insert

from kiosk.db import models as m
from kiosk.domain.expected import Clearance, DbsCheck
from kiosk.domain.model import PersonType
from kiosk.services.clearance import door_check_for
from kiosk.services.visits import VisitDetails
from tests.helpers import sign_in


@contextmanager
def statements(services):
    seen: list[str] = []

    def count(conn, cursor, statement, *args):  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    engine = services.deps.uow.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_everyone_on_site_is_read_with_their_people_in_one_query(services, staff):
    signed = [sign_in(services, "Visitor", f"Number{i}") for i in range(12)]
    gone = sign_in(services, "Gone", "Home")
    services.sign_in.sign_out(staff["receptionist"], gone.visit.id)
    # A visit left open from an earlier school day (nobody ran the overnight close) is not on site today.
    # (Just after midnight the school day is still yesterday's until the night cut-off: it starts then.)
    yesterday = services.sign_in.school_day_start() - timedelta(hours=1)
    with services.deps.uow.engine.begin() as conn:
        person = conn.execute(
            insert(m.PersonRow).values(
                first_name="Left",
                last_name="Open",
                first_name_key="left",
                last_name_key="open",
                person_type="visitor",
                created_at=yesterday,
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(m.VisitRow).values(
                person_id=person,
                site_id=services.place.site_id,
                kiosk_id=services.place.kiosk_id,
                status="on-site",
                screening="clear",
                name_as_typed="Left Open",
                person_type="visitor",
                signed_in_at=yesterday,
                badge_token="yesterday-token",
            )
        )
    with statements(services) as seen:
        rows = services.sign_in.on_site(staff["receptionist"], services.place.site_id)
    assert [v.id for v, _p in rows] == [s.visit.id for s in signed]  # earliest first, today's only
    assert [p.last_name for _v, p in rows] == [f"Number{i}" for i in range(12)]
    assert all(p.id == v.person_id for v, p in rows)
    assert len(seen) == 1, seen


def test_the_central_records_word_for_a_whole_list_is_one_query(services, staff):
    today = services.deps.clock.today()
    for org in ("Fixit", "Sparks"):  # two records of one name: the organisation tells them apart
        services.clearances.save(
            staff["receptionist"],
            Clearance(
                id=None,
                first_name="Bob",
                last_name="Builder",
                person_type=PersonType.CONTRACTOR,
                dbs_check=DbsCheck.ENHANCED,
                dbs_date=today - timedelta(days=100),
                id_checked=True,
                expires_on=today + timedelta(days=200) if org == "Fixit" else today - timedelta(days=1),
                organisation=org,
            ),
        )
    people = [
        ("Bob", "Builder", PersonType.CONTRACTOR, "Fixit"),
        ("Bob", "Builder", PersonType.CONTRACTOR, "Sparks"),
        ("Bob", "Builder", PersonType.CONTRACTOR, ""),
        ("Wendy", "Works", PersonType.CONTRACTOR, "Fixit"),
        ("Priya", "Shah", PersonType.VISITOR, ""),  # no check for a visitor
    ] * 10
    with statements(services) as seen:
        got = services.clearances.door_checks(staff["receptionist"], people)
    assert len(seen) == 1, seen
    with services.deps.uow.readonly() as uow:
        one_by_one = [door_check_for(uow, f, s, t, o, today) for f, s, t, o in people]
    assert got == one_by_one
    assert got[0] is not None and got[0].state.value == "Cleared"
    assert got[1] is not None and got[1].state.value != "Cleared"
    assert got[4] is None


def test_the_on_site_page_shows_a_busy_day(services, staff):
    for i in range(30):
        sign_in(services, "Bob", f"Builder{i}", PersonType.CONTRACTOR, VisitDetails(organisation="Fixit"))
    rows = services.sign_in.on_site(staff["receptionist"], services.place.site_id)
    checks = services.clearances.door_checks(
        staff["receptionist"], [(p.first_name, p.last_name, v.person_type, v.organisation) for v, p in rows]
    )
    assert len(rows) == 30 and all(c is not None and c.state.value != "Cleared" for c in checks)
