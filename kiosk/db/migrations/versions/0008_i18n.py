"""i18n: translations of a policy version; an acknowledgement says which language and text was read

- ``policy_translations``: a school's translation of one policy version, one per language, never changed
  (a correction is a new policy version).
- ``acknowledgements.language`` (existing rows: "en") and ``acknowledgements.text_sha256`` (the hash of
  the text the visitor read: the version's, or its translation's; empty on older rows, which read English).

Revision ID: 0008_i18n
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_i18n"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policy_translations",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("policy_version_id", sa.Integer, nullable=False),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("collector_reminder", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["policy_version_id"],
            ["policy_versions.id"],
            name=op.f("fk_policy_translations_policy_version_id_policy_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_translations")),
        sa.UniqueConstraint("policy_version_id", "language", name="uq_policy_translation"),
    )
    with op.batch_alter_table("acknowledgements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(10), nullable=False, server_default="en"))
        batch_op.add_column(sa.Column("text_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("acknowledgements", schema=None) as batch_op:
        batch_op.drop_column("text_sha256")
        batch_op.drop_column("language")
    op.drop_table("policy_translations")
