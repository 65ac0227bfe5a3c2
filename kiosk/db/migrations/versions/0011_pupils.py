"""pupils: children on the roll, who may collect them, court orders, and collectors held at the door

- ``pupils``: a child (legal and preferred names, registration group, the information system's id, the
  family's collection password hashed with argon2).
- ``pupil_collectors``: the people who may collect a child (name, relationship, optional photo).
- ``collection_restrictions``: court orders and "do not release to" notes naming a person.
- ``collection_holds``: a collector held at the kiosk and why, beside its held visit.

Additive only: no existing table changes. Every new table carries ``school_id`` (as 0010_trust's).

Revision ID: 0011_pupils
Revises: 0010_trust
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_pupils"
down_revision = "0010_trust"
branch_labels = None
depends_on = None


def _school() -> sa.Column:
    return sa.Column(
        "school_id", sa.Integer(), sa.ForeignKey("schools.id"), nullable=False, server_default="1", index=True
    )


def upgrade() -> None:
    op.create_table(
        "pupils",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("preferred_first_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("preferred_last_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("name_key", sa.String(220), nullable=False, index=True),
        sa.Column("reg_group", sa.String(50), nullable=False, server_default=""),
        sa.Column("year_group", sa.String(50), nullable=False, server_default=""),
        sa.Column("mis_id", sa.String(64), nullable=False, server_default="", index=True),
        sa.Column("password_hash", sa.String(200), nullable=False, server_default=""),
        sa.Column("source", sa.String(200), nullable=False, server_default=""),
        sa.Column("updated_by", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pupil_collectors",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column(
            "pupil_id",
            sa.Integer(),
            sa.ForeignKey("pupils.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(220), nullable=False, index=True),
        sa.Column("relationship", sa.String(100), nullable=False, server_default=""),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "collection_restrictions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column(
            "pupil_id",
            sa.Integer(),
            sa.ForeignKey("pupils.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("person_name", sa.String(200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False, server_default=""),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "collection_holds",
        sa.Column("id", sa.Integer(), primary_key=True),
        _school(),
        sa.Column("visit_id", sa.Integer(), sa.ForeignKey("visits.id"), nullable=False, index=True),
        sa.Column("outcome", sa.String(60), nullable=False),
        sa.Column("child_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("pupil_id", sa.Integer(), nullable=True),
        sa.Column("restriction_ids", sa.JSON(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("collection_holds")
    op.drop_table("collection_restrictions")
    op.drop_table("pupil_collectors")
    op.drop_table("pupils")
