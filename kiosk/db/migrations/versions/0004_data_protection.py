"""data protection: the audit log's hash chain (prev_hash, row_hash), computed for existing rows

Revision ID: 0004
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from kiosk.domain.model import AuditEntry
from kiosk.services.audit_chain import GENESIS, entry_hash

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

_PAGE = 1000


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("row_hash", sa.String(length=64), nullable=False, server_default=""))

    # Chain the rows already written, oldest first, a page at a time.
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("actor", sa.String),
        sa.column("source", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_ids", sa.JSON),
        sa.column("detail", sa.Text),
        sa.column("prev_hash", sa.String),
        sa.column("row_hash", sa.String),
    )
    conn = op.get_bind()
    prev, after = GENESIS, None
    while True:
        q = sa.select(log).order_by(log.c.id).limit(_PAGE)
        if after is not None:
            q = q.where(log.c.id > after)
        rows = conn.execute(q).all()
        if not rows:
            break
        for r in rows:
            entry = AuditEntry(
                r.id, r.at, r.actor, r.source, r.action, r.entity, tuple(r.entity_ids or ()), r.detail or ""
            )
            digest = entry_hash(entry, prev)
            conn.execute(log.update().where(log.c.id == r.id).values(prev_hash=prev, row_hash=digest))
            prev, after = digest, r.id


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
