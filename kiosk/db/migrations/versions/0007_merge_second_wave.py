"""Join the second wave's branches: ban changes and letters (0006_bans), keyed audit and subject access
(0006_records), database identity and exactly-once sign-in (0006_reliability).

Revision ID: 0007
Revises: 0006_bans, 0006_records, 0006_reliability
Create Date: 2026-12-01
"""

revision = "0007"
down_revision = ("0006_bans", "0006_records", "0006_reliability")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
