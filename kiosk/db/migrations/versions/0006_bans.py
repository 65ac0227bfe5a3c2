"""bans: PIN lock-outs that lengthen and a must-change-PIN flag; a ban's pending (weakening) change
waiting for the head; the person's title and salutation on incidents; draft letters.

Revision ID: 0006_bans
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_bans"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lockouts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("must_change_pin", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_change", sa.JSON(), nullable=True))
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subject_title", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("subject_salutation", sa.String(length=200), nullable=False, server_default="")
        )
    with op.batch_alter_table("case_letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("case_letters", schema=None) as batch_op:
        batch_op.drop_column("draft")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("subject_salutation")
        batch_op.drop_column("subject_title")
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.drop_column("pending_change")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("must_change_pin")
        batch_op.drop_column("lockouts")
