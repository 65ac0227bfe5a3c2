"""SQLAlchemy 2 tables of the kiosk. Repositories turn rows into domain objects; nothing else sees these."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as UTC; SQLite loses the zone, so it is put back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC-aware times")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SchoolRow(Base):
    """0010_trust: a school of a trust (kiosk.db.trust). A single school is the one default school, id 1."""

    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The PostgreSQL role this school's kiosks and consoles connect as (row-level security); "" for none.
    db_role: Mapped[str] = mapped_column(String(63), default="", server_default="")


def school_column() -> Mapped[int]:
    """The school a row belongs to. Never set by the program: the database fills it in, with the default
    school (1) or, in a trust, the school of the transaction's ``kiosk.school_id`` (kiosk.db.trust)."""
    return mapped_column(ForeignKey("schools.id"), server_default="1", index=True)


class SiteRow(Base):
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    school_id: Mapped[int] = school_column()


class KioskRow(Base):
    __tablename__ = "kiosks"
    __table_args__ = (UniqueConstraint("site_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    name: Mapped[str] = mapped_column(String(200))


class PersonRow(Base):
    __tablename__ = "people"
    __table_args__ = (Index("ix_people_name", "last_name_key", "first_name_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # casefolded copies, so an exact-name look-up is case-insensitive on both databases
    first_name_key: Mapped[str] = mapped_column(String(100))
    last_name_key: Mapped[str] = mapped_column(String(100))
    person_type: Mapped[str] = mapped_column(String(30))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    car_registration: Mapped[str] = mapped_column(String(20), default="")
    pass_token: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    school_id: Mapped[int] = school_column()


class PolicyVersionRow(Base):
    __tablename__ = "policy_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    collector_reminder: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str] = mapped_column(String(200))


class VisitRow(Base):
    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_status_site", "status", "site_id"),
        Index("ix_visits_signed_in_at", "signed_in_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    screening: Mapped[str] = mapped_column(String(20))
    name_as_typed: Mapped[str] = mapped_column(String(300))
    person_type: Mapped[str] = mapped_column(String(30))
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    host: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(String(300), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    car_registration: Mapped[str] = mapped_column(String(20), default="")
    child_name: Mapped[str] = mapped_column(String(200), default="")
    child_class: Mapped[str] = mapped_column(String(50), default="")
    relationship: Mapped[str] = mapped_column(String(100), default="")
    badge_token: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    badge_printed: Mapped[bool] = mapped_column(Boolean, default=False)
    badge_error: Mapped[str] = mapped_column(String(500), default="")
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_versions.id"), nullable=True)
    journey_key: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    badge_state: Mapped[str] = mapped_column(String(12), default="", server_default="")
    school_id: Mapped[int] = school_column()


class AcknowledgementRow(Base):
    __tablename__ = "acknowledgements"
    __table_args__ = (Index("ix_ack_person_version", "person_id", "policy_version_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    policy_version_id: Mapped[int] = mapped_column(ForeignKey("policy_versions.id"))
    policy_sha256: Mapped[str] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), nullable=True)
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # 0008_i18n: the language read and the hash of that text (older rows: English, the version's hash).
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    text_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    school_id: Mapped[int] = school_column()


class PolicyTranslationRow(Base):
    """0008_i18n: a published translation of a policy version, one per language, never changed."""

    __tablename__ = "policy_translations"
    __table_args__ = (UniqueConstraint("policy_version_id", "language", name="uq_policy_translation"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_version_id: Mapped[int] = mapped_column(ForeignKey("policy_versions.id"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    collector_reminder: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str] = mapped_column(String(200))


class StaffRow(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(30))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    must_change_pin: Mapped[bool] = mapped_column(Boolean, default=False)
    school_id: Mapped[int] = school_column()


class BanRow(Base):
    __tablename__ = "bans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    incident_summary: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(20))
    site_ids: Mapped[list] = mapped_column(JSON, default=list)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    conditions: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    # A weakening change of an approved ban, waiting for the head (kiosk.domain.model.BanChange as JSON).
    pending_change: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    lifted_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set while a CSV import is being written (kiosk_meta "import_pending:<batch>"): such bans are not
    # listed until the import's last, short transaction clears its pending row.
    import_batch: Mapped[str | None] = mapped_column(String(32), nullable=True)
    school_id: Mapped[int] = school_column()
    scope: Mapped[str] = mapped_column(String(10), default="school", server_default="school")
    # 0011_trust_bans: the schools a ban of scope "schools" is for (ids), [] for the other scopes.
    school_ids: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")


class AlertRow(Base):
    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"))
    band: Mapped[str] = mapped_column(String(10))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    matched_name: Mapped[str] = mapped_column(String(300), default="")
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decision: Mapped[str | None] = mapped_column(String(30), nullable=True, index=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    school_id: Mapped[int] = school_column()


class DismissedMatchRow(Base):
    __tablename__ = "dismissed_matches"
    __table_args__ = (Index("ix_dismissed_person_ban", "person_id", "ban_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"))
    dismissed_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    school_id: Mapped[int] = school_column()


class AuditLogRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_ids: Mapped[list] = mapped_column(JSON, default=list)
    detail: Mapped[str] = mapped_column(Text, default="")
    # Tamper evidence (kiosk.services.audit_chain): sha256 of the row before, and of this row + that hash.
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # 0011: the school whose chain the row is in (one keyed chain per school; kiosk.db.repositories).
    school_id: Mapped[int] = school_column()


class MetaRow(Base):
    """Small key/value facts about the database (e.g. the ban-list revision)."""

    __tablename__ = "kiosk_meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    """A message waiting to leave the building (alert email, webhook); kept until sent, retried with back-off."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))  # "email" or "webhook"
    event: Mapped[str] = mapped_column(String(50))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # A sender claims a row for a while (a lease), so two programs never send the same message twice.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    school_id: Mapped[int] = school_column()


class ExpectedVisitRow(Base):
    """A visit booked before the day (kiosk.domain.expected.ExpectedVisit)."""

    __tablename__ = "expected_visits"
    __table_args__ = (Index("ix_expected_day_key", "expected_on", "name_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(220))
    person_type: Mapped[str] = mapped_column(String(30))
    expected_on: Mapped[date] = mapped_column(Date)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    host: Mapped[str] = mapped_column(String(200), default="")
    host_email: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"), nullable=True, index=True)
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ClearanceRow(Base):
    """One line of the single central record (kiosk.domain.expected.Clearance)."""

    __tablename__ = "clearances"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(220), index=True)
    person_type: Mapped[str] = mapped_column(String(30))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    dbs_check: Mapped[str] = mapped_column(String(40), default="none")
    dbs_number: Mapped[str] = mapped_column(String(40), default="")
    dbs_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    id_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    agency_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PupilRow(Base):
    """0011_pupils: a child on the roll (kiosk.domain.pupils.Pupil)."""

    __tablename__ = "pupils"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    preferred_first_name: Mapped[str] = mapped_column(String(100), default="")
    preferred_last_name: Mapped[str] = mapped_column(String(100), default="")
    name_key: Mapped[str] = mapped_column(String(220), index=True)
    reg_group: Mapped[str] = mapped_column(String(50), default="")
    year_group: Mapped[str] = mapped_column(String(50), default="")
    mis_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PupilCollectorRow(Base):
    """0011_pupils: someone who may collect a child."""

    __tablename__ = "pupil_collectors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(220), index=True)
    relationship: Mapped[str] = mapped_column(String(100), default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)


class CollectionRestrictionRow(Base):
    """0011_pupils: a court order or "do not release to" note on a child, naming a person."""

    __tablename__ = "collection_restrictions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    person_name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    details: Mapped[str] = mapped_column(Text, default="")
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CollectionHoldRow(Base):
    """0011_pupils: a collector held at the door, and why (the alert reception sees)."""

    __tablename__ = "collection_holds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(60))
    child_name: Mapped[str] = mapped_column(String(200), default="")
    # No foreign key: a hold outlives the pupil's removal from the roll (it follows its visit's retention).
    pupil_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    restriction_ids: Mapped[list] = mapped_column(JSON, default=list)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffRollRow(Base):
    """0011_staff_roll: a member of staff on the roll (kiosk.domain.staffroll.RollMember)."""

    __tablename__ = "staff_roll"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(220), index=True)
    job_title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(64), default="")
    card_token: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffPresenceRow(Base):
    """0011_staff_roll: a staff member's time on site, sign-in to sign-out (kiosk.domain.staffroll)."""

    __tablename__ = "staff_presence"
    __table_args__ = (Index("ix_staff_presence_open", "signed_out_at", "site_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    member_id: Mapped[int] = mapped_column(ForeignKey("staff_roll.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), nullable=True)
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    signed_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ended: Mapped[str] = mapped_column(String(30), default="")
    how: Mapped[str] = mapped_column(String(20), default="card")


class RollCallRow(Base):
    """0011_staff_roll: a roll call at the assembly point."""

    __tablename__ = "roll_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    started_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RollCallEntryRow(Base):
    """0011_staff_roll: one person on a roll call, ticked when seen at the assembly point."""

    __tablename__ = "roll_call_entries"
    __table_args__ = (UniqueConstraint("roll_call_id", "ref", name="uq_roll_call_entry"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = school_column()
    roll_call_id: Mapped[int] = mapped_column(ForeignKey("roll_calls.id"), index=True)
    grp: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(220))
    detail: Mapped[str] = mapped_column(String(300), default="")
    ticked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ticked_by: Mapped[str] = mapped_column(String(200), default="")
