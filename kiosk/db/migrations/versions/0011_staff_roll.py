"""staff roll: staff members on the fire roll, their time on site, and roll calls at the assembly point

- ``staff_roll``: the school's staff (imported from CSV; most have no console account), each with a staff
  card code (QR) and optionally a kiosk PIN (argon2) with its own wrong-PIN count and lock-out.
- ``staff_presence``: a staff member's time on site, from sign-in at the kiosk to sign-out (or the
  end-of-day close).
- ``roll_calls`` and ``roll_call_entries``: a roll call's list of who was on site when it began, each
  ticked when seen at the assembly point.

Additive only: no existing table changes. Each new table names its school (``school_id``, default 1).

Revision ID: 0011_staff_roll
Revises: 0010_trust
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_staff_roll"
down_revision = "0010_trust"
branch_labels = None
depends_on = None


def _school() -> sa.Column:
    return sa.Column(
        "school_id", sa.Integer(), sa.ForeignKey("schools.id"), nullable=False, server_default="1"
    )


def upgrade() -> None:
    op.create_table(
        "staff_roll",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(220), nullable=False),
        sa.Column("job_title", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("reference", sa.String(64), nullable=False, server_default=""),
        sa.Column("card_token", sa.String(64), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lockouts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("card_token", name="uq_staff_roll_card_token"),
    )
    op.create_index("ix_staff_roll_name_key", "staff_roll", ["name_key"])
    op.create_index("ix_staff_roll_school_id", "staff_roll", ["school_id"])
    op.create_table(
        "staff_presence",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("staff_roll.id"), nullable=False),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), sa.ForeignKey("kiosks.id"), nullable=True),
        sa.Column("signed_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signed_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended", sa.String(30), nullable=False, server_default=""),
        sa.Column("how", sa.String(20), nullable=False, server_default="card"),
    )
    op.create_index("ix_staff_presence_open", "staff_presence", ["signed_out_at", "site_id"])
    op.create_index("ix_staff_presence_member_id", "staff_presence", ["member_id"])
    op.create_index("ix_staff_presence_signed_in_at", "staff_presence", ["signed_in_at"])
    op.create_index("ix_staff_presence_school_id", "staff_presence", ["school_id"])
    op.create_table(
        "roll_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id"), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by", sa.String(200), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_roll_calls_started_at", "roll_calls", ["started_at"])
    op.create_index("ix_roll_calls_school_id", "roll_calls", ["school_id"])
    op.create_table(
        "roll_call_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column("roll_call_id", sa.Integer(), sa.ForeignKey("roll_calls.id"), nullable=False),
        sa.Column("grp", sa.String(20), nullable=False),
        sa.Column("ref", sa.String(40), nullable=False),
        sa.Column("name", sa.String(220), nullable=False),
        sa.Column("detail", sa.String(300), nullable=False, server_default=""),
        sa.Column("ticked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ticked_by", sa.String(200), nullable=False, server_default=""),
        sa.UniqueConstraint("roll_call_id", "ref", name="uq_roll_call_entry"),
    )
    op.create_index("ix_roll_call_entries_roll_call_id", "roll_call_entries", ["roll_call_id"])
    op.create_index("ix_roll_call_entries_school_id", "roll_call_entries", ["school_id"])


def downgrade() -> None:
    op.drop_table("roll_call_entries")
    op.drop_table("roll_calls")
    op.drop_table("staff_presence")
    op.drop_table("staff_roll")
