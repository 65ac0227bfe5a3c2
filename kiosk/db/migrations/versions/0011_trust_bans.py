"""trust bans and the shared tables: bans for several schools; audit log, outbox, matches per school

- ``bans.school_ids``: the ids of the schools a ban of scope ``"schools"`` is for; ``[]`` for a school's
  own ban and for a trust ban (every school). Such a ban is decided and approved by the trust's roles,
  as a trust ban is; each named school's kiosks screen against it (kiosk.db.repositories.SqlBanRepository
  and, in a trust, the row-level security policies of kiosk.db.trust).
- ``school_id`` (default 1, the default school) on ``audit_log``, ``outbox``, ``dismissed_matches``,
  ``case_bans`` and, on PostgreSQL, ``audit_anchor``: the rows a trust's row-level security keeps apart.
  The audit log becomes one keyed chain per school (each its own head, lock and anchor lines;
  kiosk.services.audit_chain): a single school's log is its school 1 chain, unchanged.

Revision ID: 0011_trust_bans
Revises: 0010_trust
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_trust_bans"
down_revision = "0010_trust"
branch_labels = None
depends_on = None

SCHOOL_TABLES = ("audit_log", "outbox", "dismissed_matches", "case_bans")


def upgrade() -> None:
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_ids", sa.JSON, nullable=False, server_default="[]"))
    for table in SCHOOL_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("school_id", sa.Integer, nullable=False, server_default="1"))
            batch_op.create_index(op.f(f"ix_{table}_school_id"), ["school_id"])
            batch_op.create_foreign_key(
                op.f(f"fk_{table}_school_id_schools"), "schools", ["school_id"], ["id"]
            )
    if op.get_bind().dialect.name == "postgresql":
        # The insert-only anchor (0006): adding a column with a default rewrites no row, so its trigger
        # that refuses UPDATE does not fire.
        op.add_column("audit_anchor", sa.Column("school_id", sa.Integer, nullable=False, server_default="1"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("audit_anchor", "school_id")
    for table in reversed(SCHOOL_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"fk_{table}_school_id_schools"), type_="foreignkey")
            batch_op.drop_index(op.f(f"ix_{table}_school_id"))
            batch_op.drop_column("school_id")
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.drop_column("school_ids")
