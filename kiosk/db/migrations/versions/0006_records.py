"""records: the audit log keyed (HMAC-SHA256) and anchored; subject access exports await a reviewer

- PostgreSQL: the ``audit_anchor`` table, insert-only (a trigger refuses UPDATE, DELETE and TRUNCATE;
  those privileges are revoked from PUBLIC and from the owner).
- ``subject_access_exports``: an export is a draft until a second member of staff approves it.
- The existing chain is re-keyed from its first row with the audit key (made now if there is none, in
  the records folder beside the database), and that is written into the anchor and the log itself.

Revision ID: 0006_records
Revises: 0005
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import context, op

from kiosk.domain.model import AuditEntry
from kiosk.services.audit_chain import GENESIS, PURGE, REKEY, entry_hash, key_id

revision = "0006_records"
down_revision = "0005"
branch_labels = None
depends_on = None

_PAGE = 1000

_PG_REFUSE = """
CREATE OR REPLACE FUNCTION kiosk_audit_anchor_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_anchor is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""


def _log_table() -> sa.TableClause:
    return sa.table(
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


def _entry(r) -> AuditEntry:
    return AuditEntry(
        r.id,
        r.at,
        r.actor,
        r.source,
        r.action,
        r.entity,
        tuple(r.entity_ids or ()),
        r.detail or "",
        prev_hash=r.prev_hash or "",
        row_hash=r.row_hash or "",
    )


def upgrade() -> None:
    conn = op.get_bind()
    is_pg = conn.dialect.name == "postgresql"
    if is_pg:
        op.create_table(
            "audit_anchor",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("row_id", sa.Integer, nullable=False),
            sa.Column("hash", sa.String(64), nullable=False),
            sa.Column("at", sa.String(40), nullable=False),
            sa.Column("mac", sa.String(64), nullable=False),
            sa.Column("written_at", sa.DateTime(timezone=True)),
        )
        op.execute(_PG_REFUSE)
        op.execute(
            "CREATE TRIGGER audit_anchor_no_change BEFORE UPDATE OR DELETE ON audit_anchor "
            "FOR EACH ROW EXECUTE FUNCTION kiosk_audit_anchor_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor "
            "FOR EACH STATEMENT EXECUTE FUNCTION kiosk_audit_anchor_append_only()"
        )
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_anchor FROM PUBLIC")
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_anchor FROM CURRENT_USER")

    op.create_table(
        "subject_access_exports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(200), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    _rekey(conn, is_pg)


def _rekey(conn, is_pg: bool) -> None:
    """Re-key the chain from its first row, and anchor it (the old chain's state is recorded)."""
    from kiosk.db.records import KEY_ID_META, RecordsStore
    from kiosk.services.audit_chain import anchor_line

    engine = context.config.attributes.get("engine")
    if engine is None:  # pragma: no cover - kiosk.db.migrate always hands the engine over
        raise RuntimeError("migration 0006 needs the engine (run it through kiosk db upgrade)")
    records = RecordsStore(engine)
    key = records.key_or_create()
    meta = sa.table("kiosk_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    log = _log_table()

    old_state, broken_at = "ok", None
    expected_prev: str | None = None
    prev, after, first_id, first_prev, count = GENESIS, None, None, GENESIS, 0
    while True:
        q = sa.select(log).order_by(log.c.id).limit(_PAGE)
        if after is not None:
            q = q.where(log.c.id > after)
        rows = conn.execute(q).all()
        if not rows:
            break
        for r in rows:
            entry = _entry(r)
            if first_id is None:
                first_id, first_prev = r.id, (r.prev_hash or GENESIS)
                prev = first_prev
                expected_prev = first_prev
            # The old (unkeyed) chain, as it stood: recorded, so a break before re-keying is not hidden.
            if broken_at is None and (
                entry.prev_hash != expected_prev or entry_hash(entry, entry.prev_hash) != entry.row_hash
            ):
                broken_at = r.id
            expected_prev = entry.row_hash
            digest = entry_hash(entry, prev, key)
            conn.execute(log.update().where(log.c.id == r.id).values(prev_hash=prev, row_hash=digest))
            prev, after, count = digest, r.id, count + 1
    if broken_at is not None:
        old_state = f"broken at row {broken_at}"

    now = datetime.now(UTC)
    detail = json.dumps({"rows": count, "old_chain": old_state, "key_id": key_id(key)}, sort_keys=True)
    new_id = conn.execute(
        log.insert()
        .values(
            at=now,
            actor="system",
            source="system",
            action="audit log re-keyed",
            entity="audit_log",
            entity_ids=[],
            detail=detail,
            prev_hash=prev,
            row_hash="",
        )
        .returning(log.c.id)
    ).scalar_one()
    entry = AuditEntry(new_id, now, "system", "system", "audit log re-keyed", "audit_log", (), detail)
    head = entry_hash(entry, prev, key)
    conn.execute(log.update().where(log.c.id == new_id).values(row_hash=head))
    conn.execute(meta.delete().where(meta.c.key == KEY_ID_META))
    conn.execute(meta.insert().values(key=KEY_ID_META, value=key_id(key)))

    lines = []
    if first_id is not None and first_id > 1:
        lines.append(anchor_line(key, PURGE, first_id - 1, first_prev, now))
    lines.append(anchor_line(key, REKEY, new_id, head, now))
    records.append_anchor(lines, conn if is_pg else None)


def downgrade() -> None:
    op.drop_table("subject_access_exports")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("audit_anchor")
        op.execute("DROP FUNCTION IF EXISTS kiosk_audit_anchor_append_only()")
