"""cases: incidents, attachments, breach cases, their steps, letters and the bans they led to

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_name", sa.String(length=300), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_address", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=20), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("behaviours", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("witnesses", sa.Text(), nullable=False),
        sa.Column("lado_referred_on", sa.Date(), nullable=True),
        sa.Column("lado_reference", sa.String(length=100), nullable=False),
        sa.Column("lado_not_referred_reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_incidents_person_id_people"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["recorded_by"], ["staff.id"], name=op.f("fk_incidents_recorded_by_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_occurred_on"), ["occurred_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_person_id"), ["person_id"], unique=False)

    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("subject_name", sa.String(length=300), nullable=False),
        sa.Column("stage", sa.String(length=50), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_cases_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(["opened_by"], ["staff.id"], name=op.f("fk_cases_opened_by_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("incident_id", name=op.f("uq_cases_incident_id")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_stage"), ["stage"], unique=False)

    op.create_table(
        "incident_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by"], ["staff.id"], name=op.f("fk_incident_attachments_added_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_attachments_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_attachments")),
    )
    with op.batch_alter_table("incident_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_attachments_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "case_bans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("ban_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ban_id"], ["bans.id"], name=op.f("fk_case_bans_ban_id_bans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_bans_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_bans")),
        sa.UniqueConstraint("case_id", "ban_id", name=op.f("uq_case_bans_case_id")),
    )
    with op.batch_alter_table("case_bans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_bans_ban_id"), ["ban_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_bans_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["by"], ["staff.id"], name=op.f("fk_case_steps_by_staff")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_steps_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_steps")),
    )
    with op.batch_alter_table("case_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_steps_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("template", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("letter_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_letters_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["step_id"], ["case_steps.id"], name=op.f("fk_case_letters_step_id_case_steps")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_letters")),
    )
    with op.batch_alter_table("case_letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_letters_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_letters_case_id"))

    op.drop_table("case_letters")
    with op.batch_alter_table("case_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_steps_case_id"))

    op.drop_table("case_steps")
    with op.batch_alter_table("case_bans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_bans_case_id"))
        batch_op.drop_index(batch_op.f("ix_case_bans_ban_id"))

    op.drop_table("case_bans")
    with op.batch_alter_table("incident_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_attachments_incident_id"))

    op.drop_table("incident_attachments")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_stage"))

    op.drop_table("cases")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_person_id"))
        batch_op.drop_index(batch_op.f("ix_incidents_occurred_on"))

    op.drop_table("incidents")
