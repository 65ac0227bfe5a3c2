"""trust bans: a ban for several schools of a trust (scope "schools" and the list of their ids)

- ``bans.school_ids``: the ids of the schools a ban of scope ``"schools"`` is for; ``[]`` for a school's
  own ban and for a trust ban (every school). Such a ban is decided and approved by the trust's roles,
  as a trust ban is; each named school's kiosks screen against it (kiosk.db.repositories.SqlBanRepository
  and, in a trust, the row-level security policies of kiosk.db.trust).

Revision ID: 0011_trust_bans
Revises: 0010_trust
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_trust_bans"
down_revision = "0010_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_ids", sa.JSON, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.drop_column("school_ids")
