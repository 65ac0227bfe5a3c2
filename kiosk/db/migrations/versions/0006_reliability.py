"""reliability: the database's identity, and exactly-once sign-in (journey key, badge state)

The identity is a random UUID (a kiosk_meta row) written once, when the schema is created (or upgraded to this
revision). A kiosk remembers it in a marker file outside the database (kiosk.db.identity) and stops
signing visitors in when the database it opens carries another identity, none, or is missing.

Revision ID: 0006_reliability
Revises: 0005
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006_reliability"
down_revision = "0005"
branch_labels = None
depends_on = None

DATABASE_ID_KEY = "database_id"  # kiosk.db.identity reads it
CREATED_KEY = "database_created_at"


def upgrade() -> None:
    meta = sa.table("kiosk_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    conn = op.get_bind()
    if conn.execute(sa.select(meta.c.key).where(meta.c.key == DATABASE_ID_KEY)).first() is None:
        op.bulk_insert(
            meta,
            [
                {"key": DATABASE_ID_KEY, "value": str(uuid.uuid4())},
                {"key": CREATED_KEY, "value": datetime.now(UTC).isoformat()},
            ],
        )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        # A key the kiosk makes for one visitor's journey: a retried sign-in finds the visit already made.
        batch_op.add_column(sa.Column("journey_key", sa.String(length=64), nullable=True))
        # "" (no badge asked for), "pending" (committed, not yet printed), "printed", "failed".
        batch_op.add_column(sa.Column("badge_state", sa.String(length=12), nullable=False, server_default=""))
        batch_op.create_unique_constraint("uq_visits_journey_key", ["journey_key"])
        batch_op.create_index("ix_visits_badge_state", ["badge_state"])
    with op.batch_alter_table("bans", schema=None) as batch_op:
        # A ban import writes in small transactions; its rows screen only once the import is finished.
        batch_op.add_column(sa.Column("import_batch", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.drop_column("import_batch")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_badge_state")
        batch_op.drop_constraint("uq_visits_journey_key", type_="unique")
        batch_op.drop_column("badge_state")
        batch_op.drop_column("journey_key")
    meta = sa.table("kiosk_meta", sa.column("key", sa.String))
    op.execute(meta.delete().where(meta.c.key.in_([DATABASE_ID_KEY, CREATED_KEY])))
