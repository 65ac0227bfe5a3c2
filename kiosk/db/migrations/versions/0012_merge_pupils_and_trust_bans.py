"""Join the fourth wave's branches: pupils and who may collect them (0011_pupils), bans for several schools,
row-level security on the shared tables and a chain per school (0011_trust_bans).

Revision ID: 0012
Revises: 0011_pupils, 0011_trust_bans
Create Date: 2026-12-02
"""

revision = "0012"
down_revision = ("0011_pupils", "0011_trust_bans")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
