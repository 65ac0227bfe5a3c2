"""A trust of schools on one PostgreSQL database: schools, their database roles, row-level security.

Off for a single school (nothing here runs). A trust, on PostgreSQL:

1. ``add_school`` adds a school and makes its database role (``<prefix>_school_<id>``, LOGIN; give it a
   password with ``ALTER ROLE``). That school's kiosks and consoles connect as that role, and set
   ``school.trust_school_id`` in their settings: every transaction then begins with
   ``SET LOCAL kiosk.school_id = <id>`` (kiosk.db.uow; ``set_config(..., true)``, so it lasts one
   transaction and survives transaction pooling, e.g. PgBouncer).
2. ``enable_row_security`` switches on ``ROW LEVEL SECURITY`` *and* ``FORCE ROW LEVEL SECURITY`` (so the
   tables' owner is held to the policies too) on the per-school tables. A row is visible and changeable
   only when its school is the transaction's ``kiosk.school_id`` *and* the connected role is that
   school's role: a school's connection that sets another school's id by hand sees nothing. New rows
   take the transaction's school (the column default), and a row for another school is refused.
   Bans: a school reads and changes its own school bans, and reads (never changes) the trust's bans and
   the bans for several schools that name it.
   The trust's role (``<prefix>_trust``) reads every school's rows (the trust reports) and alone writes
   trust bans. A superuser, or a role with BYPASSRLS, passes every policy: never run kiosks as one.
   Run it again after each ``kiosk db upgrade`` (it is idempotent) so new tables get their grants.
"""

from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.errors import InvalidInput
from kiosk.domain.trust import BanReview, School, SchoolBans, SchoolIncidents, TrustReport

SETTING = "kiosk.school_id"
# Per-school tables under row-level security (bans and staff have their own policies, below).
SCHOOL_TABLES = (
    "people",
    "visits",
    "acknowledgements",
    "alerts",
    "incidents",
    "incident_attachments",
    "cases",
    "case_steps",
    "case_letters",
    "expected_visits",
    "clearances",
    # 0011_trust_bans: the shared tables that carry a school's data. The audit log is one chain per
    # school, anchored per school; dismissed matches name a school's visitors; a case's bans are its.
    "audit_log",
    "audit_anchor",
    "dismissed_matches",
    "case_bans",
    # 0011_pupils: a school's children, who may collect them, court orders, collectors held at the door.
    "pupils",
    "pupil_collectors",
    "collection_restrictions",
    "collection_holds",
    "staff_roll",
    "staff_presence",
    "roll_calls",
    "roll_call_entries",
)
# Read and written by their own school only, not even read by the trust's role: each school's sender
# claims and sends its own messages (the trust's console would otherwise try to send every school's).
OWN_ONLY_TABLES = ("outbox",)
# Every table with a school_id column (migrations 0010_trust, 0011_trust_bans): its default becomes the
# transaction's school.
ALL_SCHOOL_TABLES = (*SCHOOL_TABLES, *OWN_ONLY_TABLES, "bans", "staff", "sites")


# Trust-wide tables, not under row-level security: the list of schools (read-only to the schools),
# sites and kiosks (names unique across the trust; no personal data), the Code of Conduct's versions and
# translations (a trust's policy), and kiosk_meta (the program's own facts: ban-list revision, key id).
def set_school_in_each_transaction(factory: sessionmaker, school_id: int) -> sessionmaker:
    """Make every transaction of ``factory``'s sessions begin with ``SET LOCAL kiosk.school_id``.

    SET LOCAL (``set_config(..., true)``): for that transaction only, so a pooled connection (or a
    PgBouncer server connection) never carries one school's setting into another's transaction."""
    school = str(int(school_id))

    @event.listens_for(factory, "after_begin")
    def _set_school(_session: Session, _transaction: object, connection: Connection) -> None:
        connection.execute(text("SELECT set_config(:k, :v, true)"), {"k": SETTING, "v": school})

    return factory


_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")


def _prefix(prefix: str) -> str:
    if not _NAME.match(prefix):
        raise InvalidInput(f"The role prefix {prefix!r} must be lower-case letters, digits and _ (up to 41).")
    return prefix


def school_role(prefix: str, school_id: int) -> str:
    return f"{_prefix(prefix)}_school_{int(school_id)}"


def trust_role(prefix: str) -> str:
    return f"{_prefix(prefix)}_trust"


def _require_postgresql(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise InvalidInput(
            "A trust of schools needs PostgreSQL: row-level security does not exist in SQLite."
        )


def _ensure_role(conn: Connection, role: str) -> None:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if exists is None:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOBYPASSRLS'))


def _grant(conn: Connection, role: str) -> None:
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
    conn.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
    conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"'))
    # The list of schools is the trust's: a school's role reads it (the policies do) and never changes it.
    conn.execute(text(f'REVOKE INSERT, UPDATE, DELETE ON "{schema}".schools FROM "{role}"'))
    # The audit chain's anchor is insert-only (migration 0006; its trigger refuses the rest too).
    conn.execute(text(f'REVOKE UPDATE, DELETE, TRUNCATE ON "{schema}".audit_anchor FROM "{role}"'))


def schools(conn: Connection) -> list[School]:
    rows = conn.execute(text("SELECT id, name, db_role FROM schools ORDER BY id"))
    return [School(row.id, row.name, row.db_role) for row in rows]


def add_school(conn: Connection, name: str, prefix: str = "kiosk") -> School:
    """Add a school to the trust and make its database role (run as the tables' owner)."""
    _require_postgresql(conn)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise InvalidInput("A school's name is 1 to 200 characters.")
    if conn.execute(text("SELECT 1 FROM schools WHERE name = :n"), {"n": name}).first() is not None:
        raise InvalidInput(f"There is already a school called {name!r}.")
    school_id = conn.execute(
        text("INSERT INTO schools (name, db_role) VALUES (:n, '') RETURNING id"), {"n": name}
    ).scalar_one()
    return _give_role(conn, School(school_id, name), prefix)


def _give_role(conn: Connection, school: School, prefix: str) -> School:
    role = school.db_role or school_role(prefix, school.id)
    _ensure_role(conn, role)
    _grant(conn, role)
    conn.execute(text("UPDATE schools SET db_role = :r WHERE id = :i"), {"r": role, "i": school.id})
    return School(school.id, school.name, role)


def rename_school(conn: Connection, school_id: int, name: str) -> None:
    conn.execute(text("UPDATE schools SET name = :n WHERE id = :i"), {"n": name, "i": school_id})


def enable_row_security(conn: Connection, prefix: str = "kiosk") -> list[School]:
    """Switch on (again) the separation of schools; returns the schools with their roles."""
    _require_postgresql(conn)
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    trust = trust_role(prefix)
    _ensure_role(conn, trust)
    _grant(conn, trust)
    out = [_give_role(conn, s, prefix) for s in schools(conn)]
    for school in out:
        conn.execute(text(f'GRANT "{school.db_role}" TO "{trust}"'))
    # The transaction's school, if the connected role is that school's (or the trust's) role; else NULL.
    conn.execute(
        text(
            f"""
            CREATE OR REPLACE FUNCTION "{schema}".kiosk_school() RETURNS integer
            LANGUAGE sql STABLE AS $$
                SELECT s.id FROM "{schema}".schools s
                WHERE s.id = NULLIF(current_setting('{SETTING}', true), '')::integer
                  AND s.db_role <> '' AND pg_has_role(current_user, s.db_role, 'MEMBER')
            $$"""
        )
    )
    mine = f'school_id = "{schema}".kiosk_school()'
    setting_default = f"NULLIF(current_setting('{SETTING}', true), '')::integer"
    for table in ALL_SCHOOL_TABLES:
        conn.execute(
            text(f'ALTER TABLE "{schema}"."{table}" ALTER COLUMN school_id SET DEFAULT {setting_default}')
        )
    policies: dict[str, list[str]] = {
        table: [
            f"CREATE POLICY school_rows ON {{t}} USING ({mine}) WITH CHECK ({mine})",
            f'CREATE POLICY trust_reads ON {{t}} FOR SELECT TO "{trust}" USING (true)',
        ]
        for table in SCHOOL_TABLES
    }
    for table in OWN_ONLY_TABLES:
        policies[table] = [f"CREATE POLICY school_rows ON {{t}} USING ({mine}) WITH CHECK ({mine})"]
    policies["bans"] = [
        f"CREATE POLICY school_bans ON {{t}} USING ({mine} AND scope = 'school') "
        f"WITH CHECK ({mine} AND scope = 'school')",
        f"CREATE POLICY trust_bans_read ON {{t}} FOR SELECT USING (scope = 'trust' AND \"{schema}\".kiosk_school() IS NOT NULL)",
        # A ban for several schools: read (never changed) by each school it names.
        f"CREATE POLICY schools_bans_read ON {{t}} FOR SELECT USING (scope = 'schools' "
        f'AND school_ids::jsonb @> to_jsonb("{schema}".kiosk_school()))',
        f'CREATE POLICY trust_bans ON {{t}} TO "{trust}" USING (true) WITH CHECK (true)',
    ]
    trust_staff = "role IN ('trust safeguarding lead')"
    policies["staff"] = [
        f"CREATE POLICY school_staff ON {{t}} USING ({mine}) WITH CHECK ({mine})",
        # A school's console signs in the trust's staff too (their PIN checks, their lock-out counts).
        f'CREATE POLICY trust_staff ON {{t}} FOR SELECT USING ({trust_staff} AND "{schema}".kiosk_school() IS NOT NULL)',
        f'CREATE POLICY trust_staff_update ON {{t}} FOR UPDATE USING ({trust_staff} AND "{schema}".kiosk_school() IS NOT NULL)',
        f'CREATE POLICY trust_all_staff ON {{t}} TO "{trust}" USING (true) WITH CHECK (true)',
    ]
    for table, statements in policies.items():
        qualified = f'"{schema}"."{table}"'
        existing = conn.execute(
            text("SELECT policyname FROM pg_policies WHERE schemaname = :s AND tablename = :t"),
            {"s": schema, "t": table},
        ).scalars()
        for policy in list(existing):
            conn.execute(text(f'DROP POLICY "{policy}" ON {qualified}'))
        for statement in statements:
            conn.execute(text(statement.format(t=qualified)))
        conn.execute(text(f"ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY"))
        conn.execute(text(f"ALTER TABLE {qualified} FORCE ROW LEVEL SECURITY"))
    return out


def row_security_enabled(conn: Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    row = conn.execute(
        text(
            "SELECT c.relrowsecurity AND c.relforcerowsecurity FROM pg_class c "
            "WHERE c.oid = to_regclass('visits')"
        )
    ).first()
    return bool(row and row[0])


def _day(value: date | str) -> date:
    # A raw query's dates: PostgreSQL hands back dates, SQLite the ISO text they are stored as.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class SqlTrustRepository:
    """The trust's reports, read on a connection that sees every school (the trust's role)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def report(self, today: date, review_within_days: int) -> TrustReport:
        bans = self.conn.execute(
            text(
                "SELECT s.id, s.name, "
                " count(b.id) FILTER (WHERE b.scope = 'school') AS school_bans, "
                " count(b.id) FILTER (WHERE b.scope = 'trust') AS trust_bans "
                "FROM schools s LEFT JOIN bans b ON b.school_id = s.id AND b.status = 'active' "
                "GROUP BY s.id, s.name ORDER BY s.id"
            )
        )
        reviews = self.conn.execute(
            text(
                "SELECT s.name AS school, b.id, b.name, b.scope, b.review_date FROM bans b "
                "JOIN schools s ON s.id = b.school_id "
                "WHERE b.status = 'active' AND b.review_date IS NOT NULL AND b.review_date <= :until "
                "ORDER BY b.review_date, b.id"
            ),
            {"until": date.fromordinal(today.toordinal() + review_within_days)},
        )
        incidents = self.conn.execute(
            text(
                "SELECT s.name, "
                " (SELECT count(*) FROM incidents i WHERE i.school_id = s.id) AS incidents, "
                " (SELECT count(*) FROM cases c WHERE c.school_id = s.id AND c.closed_at IS NULL) AS open_cases "
                "FROM schools s ORDER BY s.id"
            )
        )
        # Bans for several schools, counted at each school they name (the list is JSON: read in Python).
        naming: dict[int, int] = {}
        for ids in self.conn.execute(
            text("SELECT school_ids FROM bans WHERE status = 'active' AND scope = 'schools'")
        ).scalars():
            for school_id in set(json.loads(ids) if isinstance(ids, str) else ids or ()):
                naming[int(school_id)] = naming.get(int(school_id), 0) + 1
        return TrustReport(
            bans=tuple(SchoolBans(r.name, r.school_bans, r.trust_bans, naming.get(r.id, 0)) for r in bans),
            reviews_due=tuple(
                BanReview(r.school, r.id, r.name, r.scope, _day(r.review_date)) for r in reviews
            ),
            incidents=tuple(SchoolIncidents(r.name, r.incidents, r.open_cases) for r in incidents),
        )


class SqlTrustReports:
    """``TrustReportSource`` on an engine: one short read-only transaction per report."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def report(self, today: date, review_within_days: int) -> TrustReport:
        with self.engine.connect() as conn:
            try:
                return SqlTrustRepository(conn).report(today, review_within_days)
            finally:
                conn.rollback()
