"""Join the third wave's branches: expected visitors and the single central record (0008_expected),
translated Codes of Conduct and what language the visitor read (0008_i18n).

Revision ID: 0009
Revises: 0008_expected, 0008_i18n
Create Date: 2026-12-02
"""

revision = "0009"
down_revision = ("0008_expected", "0008_i18n")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
