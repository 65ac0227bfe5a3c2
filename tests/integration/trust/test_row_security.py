"""School A's connection reads and changes nothing of School B's, by hand-written SQL, on the real server.

Each test connects as a school's own database role (kiosk.db.trust), sets ``kiosk.school_id`` with
``SET LOCAL`` as the program does, and tries: reads, updates, deletes, inserts for the other school,
pretending to be the other school, and no setting at all. Trust bans are readable by both.
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from kiosk.domain.cases import Incident, IncidentPlace, SubjectType
from kiosk.domain.expected import Clearance, DbsCheck, ExpectedVisit
from kiosk.domain.model import BanScope, PersonType
from tests.conftest import PG_URL, _build
from tests.helpers import add_ban, sign_in

pytestmark = pytest.mark.postgres

PER_SCHOOL = (
    "people",
    "visits",
    "acknowledgements",
    "incidents",
    "cases",
    "case_letters",
    "staff",
    "expected_visits",
    "clearances",
)


def _fill(t) -> None:
    """Each school signs a visitor in and records an incident; each has a school ban; one trust ban."""
    sign_in(t.a, "Priya", "Shah")
    sign_in(t.b, "Tom", "Baker")
    for app, staff, name in ((t.a, t.staff_a, "Jordan Blake"), (t.b, t.staff_b, "Casey Morgan")):
        open_case_with_letter(app, staff["head"], name)
    for app, staff, (first, last) in (
        (t.a, t.staff_a, ("Jane", "Supply")),
        (t.b, t.staff_b, ("Sam", "Cover")),
    ):
        # Each school's own lists: a booked supply teacher, and their line in the single central record.
        today = app.deps.clock.today()
        app.expected.add(
            staff["receptionist"],
            ExpectedVisit(
                id=None,
                first_name=first,
                last_name=last,
                person_type=PersonType.SUPPLY_STAFF,
                expected_on=today,
                site_id=app.place.site_id,
                host="Mr Brown",
            ),
        )
        app.clearances.save(
            staff["receptionist"],
            Clearance(
                id=None,
                first_name=first,
                last_name=last,
                person_type=PersonType.SUPPLY_STAFF,
                dbs_check=DbsCheck.ENHANCED,
                dbs_number="001234567890",
                dbs_date=today - timedelta(days=30),
            ),
        )
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


def test_school_a_reads_and_changes_nothing_of_school_b_by_hand_written_sql(two_schools):
    t = two_schools
    _fill(t)
    before = {table: _counts(t, table) for table in PER_SCHOOL}
    engine, conn = _as(t, "a", "1")
    try:
        for table in PER_SCHOOL:
            schools = conn.execute(sa.text(f"SELECT DISTINCT school_id FROM {table}")).scalars().all()
            if table == "staff":
                # A's console signs the trust's staff in too; nobody of B's school.
                names = conn.execute(sa.text("SELECT name FROM staff WHERE school_id <> 1")).scalars().all()
                assert names == []
            assert schools == [1], table
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE school_id = 2")).scalar() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM people WHERE last_name = 'Baker'")).scalar() == 0
        # Changing everything changes only A's own rows; deleting B's rows deletes none.
        changed = conn.execute(sa.text("UPDATE visits SET host = 'changed by A'")).rowcount
        assert changed == before["visits"][1]
        assert conn.execute(sa.text("UPDATE people SET phone = '0' WHERE school_id = 2")).rowcount == 0
        assert conn.execute(sa.text("DELETE FROM case_letters WHERE school_id = 2")).rowcount == 0
        assert conn.execute(sa.text("DELETE FROM incidents WHERE school_id = 2")).rowcount == 0
        conn.commit()
    finally:
        conn.close()
    with t.owner.connect() as owner:
        hosts = owner.execute(sa.text("SELECT school_id, host FROM visits ORDER BY school_id")).all()
    assert {h for s, h in hosts if s == 2} == {"Mrs Patel"} and {h for s, h in hosts if s == 1} == {
        "changed by A"
    }
    for table in PER_SCHOOL:
        assert _counts(t, table)[2] == before[table][2], table

    # A row for B, written by A's connection, is refused by the database (school_id named, or moved).
    for statement in (
        "INSERT INTO people (first_name, last_name, first_name_key, last_name_key, person_type, organisation,"
        " phone, email, car_registration, created_at, school_id)"
        " VALUES ('Eve', 'Intruder', 'eve', 'intruder', 'visitor', '', '', '', '', now(), 2)",
        "UPDATE visits SET school_id = 2",
        "INSERT INTO bans (name, aliases, categories, reason, incident_summary, stage, site_ids, start,"
        " conditions, status, lifted_reason, updated_at, scope)"
        " VALUES ('Made Up', '[]', '[]', '', '', 'ban', '[]', now(), '', 'active', '', now(), 'trust')",
    ):
        engine2, conn = _as(t, "a", "1")
        try:
            with pytest.raises(DBAPIError, match="row-level security"):
                conn.execute(sa.text(statement))
        finally:
            conn.close()
            engine2.dispose()
    engine.dispose()


@pytest.mark.parametrize("school", ["2", None], ids=["pretending-to-be-B", "no-setting"])
def test_a_school_role_that_names_another_school_or_none_sees_nothing(two_schools, school):
    t = two_schools
    _fill(t)
    engine, conn = _as(t, "a", school)
    try:
        for table in (*PER_SCHOOL, "bans", "alerts"):
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
        assert conn.execute(sa.text("UPDATE people SET phone = '0'")).rowcount == 0
        assert conn.execute(sa.text("DELETE FROM visits")).rowcount == 0
        # Nothing can be written either: the new row's school is the setting's, which is not A's.
        with pytest.raises(DBAPIError, match="row-level security|null value"):
            conn.execute(
                sa.text(
                    "INSERT INTO cases (incident_id, subject_name, stage, opened_at, updated_at)"
                    " VALUES (1, 'Made Up', 'open', now(), now())"
                )
            )
    finally:
        conn.close()
        engine.dispose()


def test_trust_bans_are_readable_by_both_schools_and_changeable_by_neither(two_schools):
    t = two_schools
    _fill(t)
    for who, school, own in (("a", "1", "Gary Oldfield"), ("b", "2", "Brian Hollis")):
        engine, conn = _as(t, who, school)
        try:
            rows = conn.execute(sa.text("SELECT name, scope FROM bans ORDER BY name")).all()
            assert rows == sorted([(own, "school"), ("Darren Cole", "trust")]), who
            assert (
                conn.execute(sa.text("UPDATE bans SET status = 'lifted' WHERE scope = 'trust'")).rowcount == 0
            )
            assert conn.execute(sa.text("DELETE FROM bans WHERE scope = 'trust'")).rowcount == 0
            assert (
                conn.execute(sa.text("UPDATE bans SET scope = 'school' WHERE scope = 'trust'")).rowcount == 0
            )
            conn.commit()
        finally:
            conn.close()
            engine.dispose()
    with t.owner.connect() as owner:
        assert owner.execute(sa.text("SELECT status FROM bans WHERE scope = 'trust'")).scalar() == "active"


def test_the_tables_owner_is_held_to_the_policies_too(two_schools):
    """FORCE ROW LEVEL SECURITY: a table's (non-superuser) owner sees nothing without a school's role."""
    t = two_schools
    _fill(t)
    with t.owner.begin() as conn:
        forced = conn.execute(
            sa.text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :s AND c.relrowsecurity AND c.relforcerowsecurity"
            ),
            {"s": t.schema},
        ).scalars()
        assert {*PER_SCHOOL, "bans", "alerts", "incident_attachments", "case_steps"} <= set(forced)
        owner_role = f"{t.schema}_owner"
        conn.execute(sa.text(f'CREATE ROLE "{owner_role}" LOGIN'))
        t.roles["owner"] = owner_role
        conn.execute(sa.text(f'GRANT USAGE ON SCHEMA "{t.schema}" TO "{owner_role}"'))
        conn.execute(sa.text(f'GRANT SELECT ON "{t.schema}".schools TO "{owner_role}"'))
        conn.execute(sa.text(f'ALTER TABLE "{t.schema}".people OWNER TO "{owner_role}"'))
    engine, conn = _as(t, "owner", "1")
    try:
        assert conn.execute(sa.text("SELECT count(*) FROM people")).scalar() == 0
    finally:
        conn.close()
        engine.dispose()
    with t.owner.begin() as conn:
        conn.execute(sa.text(f'ALTER TABLE "{t.schema}".people OWNER TO CURRENT_USER'))


SHARED = ("audit_log", "audit_anchor", "outbox", "dismissed_matches")


def _queue_mail(t) -> None:
    """Each school's program queues a message in the outbox (as its sender would find it)."""
    for who, school in (("a", "1"), ("b", "2")):
        engine, conn = _as(t, who, school)
        try:
            conn.execute(
                sa.text(
                    "INSERT INTO outbox (channel, event, payload, created_at, next_attempt_at, attempts,"
                    " last_error, claimed_by) VALUES ('email', 'alert.raised', '{}', now(), now(), 0, '', '')"
                )
            )
            conn.commit()
        finally:
            conn.close()
            engine.dispose()


def _dismiss(app, staff, name: str) -> None:
    """The school's lead dismisses a match: a row in dismissed_matches for that school."""
    first, last = name.split()
    held = app.sign_in.screen(first, last, PersonType.VISITOR, app.place)
    assert held.held
    [view] = [v for v in app.alerts.open_alerts(staff["safeguarding lead"]) if v.visit.id == held.visit_id]
    app.alerts.not_same_person(staff["safeguarding lead"], view.alert.id, "not the same person")


def test_the_shared_tables_keep_each_schools_rows_from_the_other(two_schools):
    """Audit log, its anchor, the outbox and dismissed matches: A's connection reads nothing of B's."""
    t = two_schools
    _fill(t)
    _queue_mail(t)
    _dismiss(t.a, t.staff_a, "Gary Oldfield")
    _dismiss(t.b, t.staff_b, "Brian Hollis")
    for table in SHARED:
        counts = _counts(t, table)
        assert counts.get(1, 0) > 0 and counts.get(2, 0) > 0, (table, counts)
    engine, conn = _as(t, "a", "1")
    try:
        for table in SHARED:
            assert conn.execute(sa.text(f"SELECT DISTINCT school_id FROM {table}")).scalars().all() == [1], (
                table
            )
        assert (
            conn.execute(sa.text("UPDATE audit_log SET detail = 'rewritten' WHERE school_id = 2")).rowcount
            == 0
        )
        assert conn.execute(sa.text("DELETE FROM outbox WHERE school_id = 2")).rowcount == 0
        assert (
            conn.execute(sa.text("UPDATE dismissed_matches SET note = 'x' WHERE school_id = 2")).rowcount == 0
        )
        conn.commit()
    finally:
        conn.close()
    for statement in (
        "INSERT INTO audit_log (at, actor, source, action, entity, entity_ids, detail, prev_hash, row_hash,"
        " school_id) VALUES (now(), 'A', 'console', 'forged', 'visit', '[]', '', '', '', 2)",
        "INSERT INTO audit_anchor (kind, row_id, hash, at, mac, school_id) VALUES ('head', 1, '', '', '', 2)",
        "UPDATE audit_anchor SET hash = ''",
    ):
        engine2, conn = _as(t, "a", "1")
        try:
            with pytest.raises(DBAPIError, match="row-level security|permission denied"):
                conn.execute(sa.text(statement))
        finally:
            conn.close()
            engine2.dispose()
    engine.dispose()
    # The trust's role reads every school's audit rows (to prove every chain), not their outboxes.
    engine, conn = _as(t, "trust", "1")
    try:
        assert conn.execute(
            sa.text("SELECT DISTINCT school_id FROM audit_log ORDER BY 1")
        ).scalars().all() == [1, 2]
        assert conn.execute(sa.text("SELECT DISTINCT school_id FROM outbox")).scalars().all() == [1]
    finally:
        conn.close()
        engine.dispose()


def test_each_school_has_its_own_audit_chain_and_verify_proves_every_one(two_schools, printer, clock):
    t = two_schools
    _fill(t)
    admin_a, admin_b = t.staff_a["administrator"], t.staff_b["administrator"]
    for app, admin in ((t.a, admin_a), (t.b, admin_b)):
        report = app.privacy.verify_audit(admin)
        assert report.ok and report.chains == 1, report.describe()
    everyone = _build(PG_URL, printer, schema=t.schema, clock=clock)  # the tables' owner: every chain
    try:
        report = everyone.privacy.verify_audit(admin_a)
        assert report.ok and report.chains == 2, report.describe()
        assert "2 chains (one per school)" in report.describe()
        # Each chain links only its own school's rows.
        with t.owner.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT school_id, prev_hash, row_hash FROM audit_log ORDER BY id")
            ).all()
        for school in (1, 2):
            chain = [r for r in rows if r.school_id == school]
            assert all(b.prev_hash == a.row_hash for a, b in zip(chain, chain[1:], strict=False))
        # A row of School B's changed by hand: B's chain is broken, and said so; A's still holds.
        with t.owner.begin() as conn:
            changed = conn.execute(
                sa.text("SELECT min(id) FROM audit_log WHERE school_id = 2 AND action = 'ban created'")
            ).scalar_one()
            conn.execute(sa.text("UPDATE audit_log SET detail = 'rewritten' WHERE id = :i"), {"i": changed})
        report = everyone.privacy.verify_audit(admin_a)
        assert not report.ok and report.broken_id == changed
        assert report.problem.startswith("school 2's chain: ")
        assert t.a.privacy.verify_audit(admin_a).ok
        assert not t.b.privacy.verify_audit(admin_b).ok
    finally:
        everyone.dispose()
