"""expected: visits booked before the day, and the single central record of checks

- ``expected_visits``: who is expected on which day at which site, whom they see, and (once they sign in)
  the visit that fulfilled the booking.
- ``clearances``: the single central record's line per contractor, supply teacher, volunteer or governor
  (DBS check level and date, identity checked, agency confirmation, expiry).

Additive only: no existing table changes.

Revision ID: 0008_expected
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_expected"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expected_visits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(220), nullable=False),
        sa.Column("person_type", sa.String(30), nullable=False),
        sa.Column("expected_on", sa.Date(), nullable=False),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("host", sa.String(200), nullable=False, server_default=""),
        sa.Column("host_email", sa.String(200), nullable=False, server_default=""),
        sa.Column("organisation", sa.String(200), nullable=False, server_default=""),
        sa.Column("purpose", sa.String(300), nullable=False, server_default=""),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        sa.Column("source", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("visit_id", sa.Integer(), sa.ForeignKey("visits.id"), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_expected_day_key", "expected_visits", ["expected_on", "name_key"])
    op.create_index("ix_expected_visits_visit_id", "expected_visits", ["visit_id"])
    op.create_table(
        "clearances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(220), nullable=False),
        sa.Column("person_type", sa.String(30), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False, server_default=""),
        sa.Column("dbs_check", sa.String(40), nullable=False, server_default="none"),
        sa.Column("dbs_number", sa.String(40), nullable=False, server_default=""),
        sa.Column("dbs_date", sa.Date(), nullable=True),
        sa.Column("id_checked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("agency_confirmed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        sa.Column("updated_by", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clearances_name_key", "clearances", ["name_key"])


def downgrade() -> None:
    op.drop_table("clearances")
    op.drop_table("expected_visits")
