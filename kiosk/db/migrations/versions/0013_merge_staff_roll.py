"""Join staff on the roll, their time on site and roll calls (0011_staff_roll) to the fourth wave's other
branches (0012).

Revision ID: 0013
Revises: 0012, 0011_staff_roll
Create Date: 2026-12-02
"""

revision = "0013"
down_revision = ("0012", "0011_staff_roll")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
