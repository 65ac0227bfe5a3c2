"""Tables and repository of the breach process: incidents, attachments, cases, steps, letters, ban links.

Attachments and letters are kept in the database as bytes, so backups, retention and erasure cover
them with everything else. case_steps is append-only: the repository has no way to change a step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.db.models import Base, UTCDateTime, school_column
from kiosk.db.repositories import stored_row
from kiosk.domain.cases import (
    Attachment,
    AttachmentUpload,
    Case,
    CaseLetter,
    CaseStage,
    CaseStep,
    Incident,
    IncidentPlace,
    StepKind,
    SubjectType,
)

# ---------------------------------------------------------------- tables


class IncidentRow(Base):
    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_name: Mapped[str] = mapped_column(String(300))
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_address: Mapped[str] = mapped_column(Text, default="")
    subject_title: Mapped[str] = mapped_column(String(40), default="")
    subject_salutation: Mapped[str] = mapped_column(String(200), default="")
    # Erasing a person keeps the incident (the school's safeguarding record) but drops the link.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(20))
    location: Mapped[str] = mapped_column(String(300), default="")
    behaviours: Mapped[list] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    witnesses: Mapped[str] = mapped_column(Text, default="")
    lado_referred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    lado_reference: Mapped[str] = mapped_column(String(100), default="")
    lado_not_referred_reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    school_id: Mapped[int] = school_column()


class IncidentAttachmentRow(Base):
    __tablename__ = "incident_attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    school_id: Mapped[int] = school_column()


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), unique=True)
    subject_name: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(50), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    school_id: Mapped[int] = school_column()


class CaseStepRow(Base):
    """Append-only: one row per step taken on a case."""

    __tablename__ = "case_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(50))
    on: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    school_id: Mapped[int] = school_column()


class CaseLetterRow(Base):
    __tablename__ = "case_letters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    step_id: Mapped[int | None] = mapped_column(ForeignKey("case_steps.id"), nullable=True)
    template: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    letter_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    school_id: Mapped[int] = school_column()


class CaseBanRow(Base):
    """Which ban a case led to (the bans table itself is not changed)."""

    __tablename__ = "case_bans"
    __table_args__ = (UniqueConstraint("case_id", "ban_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # A ban purged by retention takes its link with it.
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id", ondelete="CASCADE"), index=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    school_id: Mapped[int] = school_column()


# ---------------------------------------------------------------- mapping


def _attachment(row: IncidentAttachmentRow, with_data: bool = False) -> Attachment:
    return Attachment(
        id=row.id,
        incident_id=row.incident_id,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        added_at=row.added_at,
        added_by=row.added_by,
        data=row.data if with_data else None,
    )


def _incident(row: IncidentRow, attachments: Iterable[Attachment] = ()) -> Incident:
    return Incident(
        id=row.id,
        subject_name=row.subject_name,
        subject_type=SubjectType(row.subject_type),
        subject_address=row.subject_address,
        subject_title=row.subject_title,
        subject_salutation=row.subject_salutation,
        person_id=row.person_id,
        occurred_on=row.occurred_on,
        place=IncidentPlace(row.place),
        location=row.location,
        behaviours=tuple(row.behaviours or ()),
        description=row.description,
        witnesses=row.witnesses,
        lado_referred_on=row.lado_referred_on,
        lado_reference=row.lado_reference,
        lado_not_referred_reason=row.lado_not_referred_reason,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        attachments=tuple(attachments),
    )


def _step(row: CaseStepRow) -> CaseStep:
    return CaseStep(
        id=row.id,
        case_id=row.case_id,
        kind=StepKind(row.kind),
        on=row.on,
        at=row.at,
        by=row.by,
        details={str(k): str(v) for k, v in (row.details or {}).items()},
        note=row.note,
    )


_LETTER_META = (
    CaseLetterRow.id,
    CaseLetterRow.case_id,
    CaseLetterRow.step_id,
    CaseLetterRow.template,
    CaseLetterRow.title,
    CaseLetterRow.letter_date,
    CaseLetterRow.created_at,
    CaseLetterRow.filename,
    CaseLetterRow.size,
    CaseLetterRow.draft,
)


def _letter_meta(row: CaseLetterRow) -> tuple:
    """A letter row's columns in _LETTER_META's order (everything but the PDF bytes)."""
    return tuple(getattr(row, column.key) for column in _LETTER_META)


def _letter(values, pdf: bytes | None = None) -> CaseLetter:
    id_, case_id, step_id, template, title, letter_date, created_at, filename, size, draft = values
    return CaseLetter(
        id=id_,
        case_id=case_id,
        step_id=step_id,
        template=template,
        title=title,
        letter_date=letter_date,
        created_at=created_at,
        filename=filename,
        size=size,
        pdf=pdf,
        draft=bool(draft),
    )


class SqlCaseRepository:
    """Incidents, cases, steps, letters and ban links on one session."""

    def __init__(self, session: Session):
        self.s = session

    # ------------------------------------------------------------ incidents

    def add_incident(self, incident: Incident) -> Incident:
        row = IncidentRow(
            subject_name=incident.subject_name,
            subject_type=incident.subject_type.value,
            subject_address=incident.subject_address,
            subject_title=incident.subject_title,
            subject_salutation=incident.subject_salutation,
            person_id=incident.person_id,
            occurred_on=incident.occurred_on,
            place=incident.place.value,
            location=incident.location,
            behaviours=list(incident.behaviours),
            description=incident.description,
            witnesses=incident.witnesses,
            lado_referred_on=incident.lado_referred_on,
            lado_reference=incident.lado_reference,
            lado_not_referred_reason=incident.lado_not_referred_reason,
            recorded_by=incident.recorded_by,
            recorded_at=incident.recorded_at,
        )
        self.s.add(row)
        self.s.flush()
        return _incident(row)

    def get_incident(self, incident_id: int) -> Incident | None:
        row = self.s.get(IncidentRow, incident_id)
        return _incident(row, self.attachments(incident_id)) if row else None

    def record_lado_referral(self, incident_id: int, on: date, reference: str) -> None:
        row = stored_row(self.s, IncidentRow, incident_id)
        row.lado_referred_on = on
        row.lado_reference = reference
        self.s.flush()

    def list_incidents(self) -> list[Incident]:
        rows = self.s.scalars(select(IncidentRow).order_by(IncidentRow.occurred_on, IncidentRow.id))
        return [_incident(r) for r in rows]

    def add_attachment(
        self, incident_id: int, upload: AttachmentUpload, at: datetime, by: int | None
    ) -> Attachment:
        row = IncidentAttachmentRow(
            incident_id=incident_id,
            filename=upload.filename,
            content_type=upload.content_type,
            size=len(upload.data),
            data=upload.data,
            added_at=at,
            added_by=by,
        )
        self.s.add(row)
        self.s.flush()
        return _attachment(row)

    def attachments(self, incident_id: int) -> list[Attachment]:
        """Attachments of an incident without their bytes."""
        cols = (
            IncidentAttachmentRow.id,
            IncidentAttachmentRow.incident_id,
            IncidentAttachmentRow.filename,
            IncidentAttachmentRow.content_type,
            IncidentAttachmentRow.size,
            IncidentAttachmentRow.added_at,
            IncidentAttachmentRow.added_by,
        )
        rows = self.s.execute(
            select(*cols)
            .where(IncidentAttachmentRow.incident_id == incident_id)
            .order_by(IncidentAttachmentRow.id)
        )
        return [Attachment(*r) for r in rows]

    def get_attachment(self, attachment_id: int) -> Attachment | None:
        row = self.s.get(IncidentAttachmentRow, attachment_id)
        return _attachment(row, with_data=True) if row else None

    # ------------------------------------------------------------ cases

    def add_case(self, case: Case) -> Case:
        row = CaseRow(
            incident_id=case.incident_id,
            subject_name=case.subject_name,
            stage=case.stage.value,
            opened_at=case.opened_at,
            opened_by=case.opened_by,
            updated_at=case.updated_at,
            closed_at=case.closed_at,
        )
        self.s.add(row)
        self.s.flush()
        return self._case(row, None)

    def get_case(self, case_id: int, *, for_update: bool = False) -> Case | None:
        stmt = select(CaseRow).where(CaseRow.id == case_id)
        if for_update:
            # Two staff advancing the same case at once: the second waits, then sees the new stage.
            stmt = stmt.with_for_update()
        row = self.s.scalar(stmt)
        return self._case(row, self._ban_of(case_id)) if row else None

    def case_for_incident(self, incident_id: int) -> Case | None:
        row = self.s.scalar(select(CaseRow).where(CaseRow.incident_id == incident_id))
        return self._case(row, self._ban_of(row.id)) if row else None

    def list_cases(self, stages: Iterable[CaseStage] | None = None) -> list[Case]:
        stmt = select(CaseRow).order_by(CaseRow.updated_at.desc(), CaseRow.id.desc())
        if stages is not None:
            stmt = stmt.where(CaseRow.stage.in_([s.value for s in stages]))
        links = self.ban_links()
        return [self._case(r, links.get(r.id)) for r in self.s.scalars(stmt)]

    def set_stage(self, case_id: int, stage: CaseStage, at: datetime) -> None:
        row = stored_row(self.s, CaseRow, case_id)
        row.stage = stage.value
        row.updated_at = at
        row.closed_at = at if stage is CaseStage.CLOSED else None
        self.s.flush()

    @staticmethod
    def _case(row: CaseRow, ban_id: int | None) -> Case:
        return Case(
            id=row.id,
            incident_id=row.incident_id,
            subject_name=row.subject_name,
            stage=CaseStage(row.stage),
            opened_at=row.opened_at,
            opened_by=row.opened_by,
            updated_at=row.updated_at,
            ban_id=ban_id,
            closed_at=row.closed_at,
        )

    # ------------------------------------------------------------ steps and letters

    def add_step(self, step: CaseStep) -> CaseStep:
        row = CaseStepRow(
            case_id=step.case_id,
            kind=step.kind.value,
            on=step.on,
            at=step.at,
            by=step.by,
            details=dict(step.details),
            note=step.note,
        )
        self.s.add(row)
        self.s.flush()
        return _step(row)

    def steps(self, case_id: int) -> list[CaseStep]:
        rows = self.s.scalars(
            select(CaseStepRow).where(CaseStepRow.case_id == case_id).order_by(CaseStepRow.id)
        )
        return [_step(r) for r in rows]

    def add_letter(self, letter: CaseLetter) -> CaseLetter:
        pdf = letter.pdf or b""
        row = CaseLetterRow(
            case_id=letter.case_id,
            step_id=letter.step_id,
            template=letter.template,
            title=letter.title,
            letter_date=letter.letter_date,
            created_at=letter.created_at,
            filename=letter.filename,
            size=len(pdf),
            pdf=pdf,
            draft=letter.draft,
        )
        self.s.add(row)
        self.s.flush()
        return _letter(_letter_meta(row))

    def letters(self, case_id: int) -> list[CaseLetter]:
        """A case's letters, oldest first, without their PDF bytes."""
        rows = self.s.execute(
            select(*_LETTER_META).where(CaseLetterRow.case_id == case_id).order_by(CaseLetterRow.id)
        )
        return [_letter(tuple(r)) for r in rows]

    def get_letter(self, letter_id: int) -> CaseLetter | None:
        row = self.s.get(CaseLetterRow, letter_id)
        if row is None:
            return None
        return _letter(
            _letter_meta(row),
            pdf=row.pdf,
        )

    # ------------------------------------------------------------ bans

    def link_ban(self, case_id: int, ban_id: int, at: datetime) -> None:
        self.s.add(CaseBanRow(case_id=case_id, ban_id=ban_id, linked_at=at))
        self.s.flush()

    def ban_links(self) -> dict[int, int]:
        """case id -> the newest ban it led to."""
        rows = self.s.execute(select(CaseBanRow.case_id, CaseBanRow.ban_id).order_by(CaseBanRow.id))
        return {case_id: ban_id for case_id, ban_id in rows}

    def _ban_of(self, case_id: int) -> int | None:
        return self.s.scalar(
            select(CaseBanRow.ban_id)
            .where(CaseBanRow.case_id == case_id)
            .order_by(CaseBanRow.id.desc())
            .limit(1)
        )
