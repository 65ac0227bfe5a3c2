"""trust: schools above sites; every per-school row names its school; a ban's scope (school or trust)

- ``schools``: one row, the default school (id 1), holds everything already there. A trust adds its
  other schools with ``kiosk trust add-school`` (kiosk.db.trust), which also makes each its database role.
- ``school_id`` (default 1) on sites, staff, people, visits, acknowledgements, alerts, bans, incidents,
  incident attachments, cases, case steps, letters, expected visits and the central record's lines;
  ``bans.scope`` ("school", or "trust").
- Row-level security is not switched on here: a single school works exactly as before. A trust switches
  it on with ``kiosk trust enable`` (kiosk.db.trust.enable_row_security), on PostgreSQL only.

Revision ID: 0010_trust
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_trust"
down_revision = "0009"
branch_labels = None
depends_on = None

SCHOOL_TABLES = (
    "sites",
    "staff",
    "people",
    "visits",
    "acknowledgements",
    "alerts",
    "bans",
    "incidents",
    "incident_attachments",
    "cases",
    "case_steps",
    "case_letters",
    "expected_visits",
    "clearances",
)


def upgrade() -> None:
    schools = op.create_table(
        "schools",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("db_role", sa.String(63), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schools")),
        sa.UniqueConstraint("name", name=op.f("uq_schools_name")),
    )
    op.bulk_insert(schools, [{"id": 1, "name": "The school", "db_role": ""}])
    if op.get_bind().dialect.name == "postgresql":
        # The explicit id 1 leaves the sequence at its start: the next school must not collide with it.
        op.execute("SELECT setval(pg_get_serial_sequence('schools', 'id'), 1)")
    for table in SCHOOL_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("school_id", sa.Integer, nullable=False, server_default="1"))
            batch_op.create_index(op.f(f"ix_{table}_school_id"), ["school_id"])
            batch_op.create_foreign_key(
                op.f(f"fk_{table}_school_id_schools"), "schools", ["school_id"], ["id"]
            )
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scope", sa.String(10), nullable=False, server_default="school"))


def downgrade() -> None:
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.drop_column("scope")
    for table in reversed(SCHOOL_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"fk_{table}_school_id_schools"), type_="foreignkey")
            batch_op.drop_index(op.f(f"ix_{table}_school_id"))
            batch_op.drop_column("school_id")
    op.drop_table("schools")
