"""Two schools of one trust on the real PostgreSQL: a fresh schema, each school's own database role.

The schema is built by the program (migrations, as the owner), the second school and row-level security
by kiosk.db.trust; then each school's app connects as that school's role, as a trust's kiosks would.
The roles (cluster-wide in PostgreSQL) are named after the test's schema and dropped after the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from kiosk.db import trust
from kiosk.domain.model import Role
from tests.conftest import PG_URL, _build, make_staff
from tests.helpers import add_staff_accounts
from tests.integration.alerts.conftest import smtp_port, smtp_server_factory  # noqa: F401 - the alert tests' SMTP fixtures

pytestmark = pytest.mark.postgres


def url_as(role: str) -> str:
    return sa.make_url(PG_URL).set(username=role, password=None).render_as_string(hide_password=False)


@dataclass
class Trust:
    schema: str
    owner: sa.Engine  # the tables' owner (the superuser of the test server)
    a: object  # School A's app, connected as School A's role
    b: object
    central: object  # the trust's console, connected as the trust's role
    staff_a: dict
    staff_b: dict
    trust_lead: object  # the trust safeguarding lead, signed in at the trust's console
    roles: dict[str, str]  # "a", "b", "trust" -> role name

    def engine_as(self, who: str) -> sa.Engine:
        return sa.create_engine(
            url_as(self.roles[who]),
            poolclass=sa.pool.NullPool,
            connect_args={"options": f"-csearch_path={self.schema}"},
        )


@pytest.fixture
def two_schools(pg_schema_factory, printer, clock) -> Iterator[Trust]:
    schema = pg_schema_factory()
    owner = sa.create_engine(
        PG_URL, poolclass=sa.pool.NullPool, connect_args={"options": f"-csearch_path={schema}"}
    )
    # The program builds the schema as the owner, as `kiosk db upgrade` does.
    _build(PG_URL, printer, schema=schema, clock=clock).dispose()
    prefix = schema
    with owner.begin() as conn:
        trust.rename_school(conn, 1, "Kestrel House School")
        trust.add_school(conn, "Hillside Primary", prefix)
        schools = trust.enable_row_security(conn, prefix)
    roles = {"a": schools[0].db_role, "b": schools[1].db_role, "trust": trust.trust_role(prefix)}
    apps: list = []
    try:
        a = _build(url_as(roles["a"]), printer, schema=schema, clock=clock, school={"trust_school_id": 1})
        apps.append(a)
        b = _build(
            url_as(roles["b"]),
            printer,
            schema=schema,
            clock=clock,
            school={"trust_school_id": 2},
            kiosk={"site": "Hillside main site"},
        )
        apps.append(b)
        staff_a = make_staff(a)
        staff_b = add_staff_accounts(
            b,
            {
                Role.ADMINISTRATOR: ("Hillside Administrator", "9753"),
                Role.HEAD: ("Hillside Head", "864213"),
                Role.SAFEGUARDING_LEAD: ("Hillside Lead", "1357"),
                Role.RECEPTIONIST: ("Hillside Receptionist", "2468"),
            },
        )
        a.staff.add(staff_a["administrator"], "Trust Lead", Role.TRUST_SAFEGUARDING_LEAD, "24681357")
        # The trust's central console connects as the trust's role (it alone writes trust bans).
        central = _build(
            url_as(roles["trust"]),
            printer,
            schema=schema,
            clock=clock,
            school={"trust_school_id": 1, "trust_office": True},
            kiosk={"name": "Trust office"},
        )
        apps.append(central)
        lead = central.staff.authenticate("Trust Lead", "24681357")
        yield Trust(schema, owner, a, b, central, staff_a, staff_b, lead, roles)
    finally:
        for app in apps:
            app.dispose()
        with owner.begin() as conn:
            for role in roles.values():
                conn.execute(sa.text(f'DROP OWNED BY "{role}"'))
                conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        owner.dispose()
