"""Repositories: SQLAlchemy rows in, domain objects out. One session per unit of work."""

from __future__ import annotations

import builtins
import enum
import functools
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from kiosk.db import models as m
from kiosk.domain.model import (
    BAN_CHANGE_FIELDS,
    Acknowledgement,
    Alert,
    AlertBand,
    AlertDecision,
    AuditEntry,
    Ban,
    BanChange,
    BanScope,
    BanStage,
    BanStatus,
    DismissedMatch,
    Kiosk,
    Person,
    PersonType,
    PolicyTranslation,
    PolicyVersion,
    Role,
    ScreeningOutcome,
    Site,
    Staff,
    Visit,
    VisitStatus,
)
from kiosk.domain.trust import DEFAULT_SCHOOL_ID
from kiosk.services.audit_chain import GENESIS, seal
from kiosk.services.ports import ExportMinutes, VisitSearch

_R = TypeVar("_R")


def stored_row(s: Session, row_type: type[_R], row_id: int | None) -> _R:
    """The row an update changes; it must exist (a record is updated only after it was read)."""
    row = s.get(row_type, row_id) if row_id is not None else None
    if row is None:
        raise LookupError(f"{row_type.__name__} {row_id} is not in the database")
    return row


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _Repo:
    def __init__(self, session: Session, now: Callable[[], datetime] | None = None):
        self.s = session
        # The injected clock's now() (kiosk.app hands in Deps.clock), for the stamps a repository writes.
        self.now = now or _utc_now


# ------------------------------------------------------------------ sites and kiosks


class SqlSiteRepository(_Repo):
    def get(self, site_id: int) -> Site | None:
        row = self.s.get(m.SiteRow, site_id)
        return Site(row.id, row.name) if row else None

    def by_name(self, name: str) -> Site | None:
        row = self.s.scalar(select(m.SiteRow).where(m.SiteRow.name == name))
        return Site(row.id, row.name) if row else None

    def add(self, name: str) -> Site:
        row = m.SiteRow(name=name)
        self.s.add(row)
        self.s.flush()
        return Site(row.id, row.name)

    def list(self) -> list[Site]:
        return [Site(r.id, r.name) for r in self.s.scalars(select(m.SiteRow).order_by(m.SiteRow.name))]

    def kiosk_by_name(self, site_id: int, name: str) -> Kiosk | None:
        row = self.s.scalar(select(m.KioskRow).where(m.KioskRow.site_id == site_id, m.KioskRow.name == name))
        return Kiosk(row.id, row.site_id, row.name) if row else None

    def add_kiosk(self, site_id: int, name: str) -> Kiosk:
        row = m.KioskRow(site_id=site_id, name=name)
        self.s.add(row)
        self.s.flush()
        return Kiosk(row.id, row.site_id, row.name)

    def get_kiosk(self, kiosk_id: int) -> Kiosk | None:
        row = self.s.get(m.KioskRow, kiosk_id)
        return Kiosk(row.id, row.site_id, row.name) if row else None


# ------------------------------------------------------------------ people


def _person(row: m.PersonRow) -> Person:
    return Person(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        person_type=PersonType(row.person_type),
        organisation=row.organisation,
        phone=row.phone,
        email=row.email,
        car_registration=row.car_registration,
        pass_token=row.pass_token or "",
        created_at=row.created_at,
    )


class SqlPersonRepository(_Repo):
    _FIELDS = ("first_name", "last_name", "organisation", "phone", "email", "car_registration")

    def get(self, person_id: int) -> Person | None:
        row = self.s.get(m.PersonRow, person_id)
        return _person(row) if row else None

    def add(self, person: Person) -> Person:
        row = m.PersonRow(created_at=person.created_at or self.now())
        self._copy(person, row)
        self.s.add(row)
        self.s.flush()
        return _person(row)

    def update(self, person: Person) -> None:
        row = stored_row(self.s, m.PersonRow, person.id)
        self._copy(person, row)
        self.s.flush()

    def _copy(self, person: Person, row: m.PersonRow) -> None:
        for f in self._FIELDS:
            setattr(row, f, getattr(person, f))
        row.person_type = person.person_type.value
        row.first_name_key = _key(person.first_name)
        row.last_name_key = _key(person.last_name)
        row.pass_token = person.pass_token or None

    def by_pass_token(self, token: str) -> Person | None:
        if not token:
            return None
        row = self.s.scalar(select(m.PersonRow).where(m.PersonRow.pass_token == token))
        return _person(row) if row else None

    def by_exact_name(self, first_name: str, last_name: str) -> list[Person]:
        rows = self.s.scalars(
            select(m.PersonRow).where(
                m.PersonRow.first_name_key == _key(first_name), m.PersonRow.last_name_key == _key(last_name)
            )
        )
        return [_person(r) for r in rows]


# ------------------------------------------------------------------ visits

_VISIT_FIELDS = (
    "person_id",
    "site_id",
    "kiosk_id",
    "name_as_typed",
    "signed_in_at",
    "signed_out_at",
    "host",
    "purpose",
    "organisation",
    "car_registration",
    "child_name",
    "child_class",
    "relationship",
    "badge_printed",
    "badge_error",
    "policy_version_id",
    "journey_key",
    "badge_state",
)


def _visit(row: m.VisitRow) -> Visit:
    return Visit(
        id=row.id,
        status=VisitStatus(row.status),
        screening=ScreeningOutcome(row.screening),
        person_type=PersonType(row.person_type),
        badge_token=row.badge_token or "",
        **{f: getattr(row, f) for f in _VISIT_FIELDS},
    )


class SqlVisitRepository(_Repo):
    def get(self, visit_id: int) -> Visit | None:
        row = self.s.get(m.VisitRow, visit_id)
        return _visit(row) if row else None

    def add(self, visit: Visit) -> Visit:
        row = m.VisitRow()
        self._copy(visit, row)
        self.s.add(row)
        self.s.flush()
        return _visit(row)

    def update(self, visit: Visit) -> None:
        row = stored_row(self.s, m.VisitRow, visit.id)
        self._copy(visit, row)
        self.s.flush()

    @staticmethod
    def _copy(visit: Visit, row: m.VisitRow) -> None:
        for f in _VISIT_FIELDS:
            setattr(row, f, getattr(visit, f))
        row.status = visit.status.value
        row.screening = visit.screening.value
        row.person_type = visit.person_type.value
        row.badge_token = visit.badge_token or None

    def by_badge_token(self, token: str) -> Visit | None:
        if not token:
            return None
        row = self.s.scalar(select(m.VisitRow).where(m.VisitRow.badge_token == token))
        return _visit(row) if row else None

    def with_status(self, statuses: Iterable[VisitStatus], site_id: int | None = None) -> list[Visit]:
        q = select(m.VisitRow).where(m.VisitRow.status.in_([s.value for s in statuses]))
        if site_id is not None:
            q = q.where(m.VisitRow.site_id == site_id)
        return [_visit(r) for r in self.s.scalars(q.order_by(m.VisitRow.signed_in_at, m.VisitRow.id))]

    def on_site_since(
        self, since: datetime, site_id: int | None = None
    ) -> builtins.list[tuple[Visit, Person]]:
        q = _with_people(
            m.VisitRow.status == VisitStatus.ON_SITE.value, m.VisitRow.signed_in_at >= since
        ).order_by(m.VisitRow.signed_in_at, m.VisitRow.id)
        if site_id is not None:
            q = q.where(m.VisitRow.site_id == site_id)
        result = self.s.connection().execute(q)
        read = _visits_and_people(result)
        return [read(row) for row in result.all()]

    def held_ids(self, *, trust_bans_everywhere: bool = False) -> builtins.list[int]:
        q = select(m.VisitRow.id).where(m.VisitRow.status == VisitStatus.HELD.value)
        school = self.s.info.get(SCHOOL_KEY)
        if school is not None:
            # A console of a trust's school calls for its own school's visitors only (under row-level
            # security it sees no other; the trust's role sees all, so the rule is kept here too).
            mine = m.VisitRow.school_id == school
            if trust_bans_everywhere:
                on_trust_ban = (
                    select(m.AlertRow.id)
                    .join(m.BanRow, m.BanRow.id == m.AlertRow.ban_id)
                    .where(
                        m.AlertRow.visit_id == m.VisitRow.id,
                        m.BanRow.scope.in_([BanScope.TRUST.value, BanScope.SCHOOLS.value]),
                    )
                    .exists()
                )
                q = q.where(or_(mine, on_trust_ban))
            else:
                q = q.where(mine)
        return list(self.s.scalars(q.order_by(m.VisitRow.signed_in_at, m.VisitRow.id)))

    def open_before(self, cutoff: datetime) -> list[Visit]:
        q = select(m.VisitRow).where(
            m.VisitRow.status.in_([VisitStatus.ON_SITE.value, VisitStatus.HELD.value]),
            m.VisitRow.signed_in_at < cutoff,
        )
        return [_visit(r) for r in self.s.scalars(q)]

    def between(self, start: datetime, end: datetime, site_id: int | None = None) -> list[Visit]:
        q = select(m.VisitRow).where(m.VisitRow.signed_in_at >= start, m.VisitRow.signed_in_at < end)
        if site_id is not None:
            q = q.where(m.VisitRow.site_id == site_id)
        return [_visit(r) for r in self.s.scalars(q.order_by(m.VisitRow.signed_in_at, m.VisitRow.id))]

    def stream_between(
        self, start: datetime, end: datetime, site_id: int | None = None
    ) -> Iterator[tuple[Visit, Person]]:
        q = _with_people(m.VisitRow.signed_in_at >= start, m.VisitRow.signed_in_at < end)
        if site_id is not None:
            q = q.where(m.VisitRow.site_id == site_id)
        q = q.order_by(m.VisitRow.signed_in_at, m.VisitRow.id).execution_options(yield_per=1000)
        # On the session's connection: plain rows without the ORM's result handling (half the time).
        result = self.s.connection().execute(q)
        read = _visits_and_people(result)
        for rows in result.partitions():  # yield_per's batches: one driver call per 1,000 rows
            for row in rows:
                yield read(row)

    def export_between(
        self, start: datetime, end: datetime, site_id: int | None = None, *, minutes: ExportMinutes
    ) -> Iterator[tuple[Any, ...]]:
        v, p = m.VisitRow.__table__, m.PersonRow.__table__
        # On SQLite a time is text: read as it is stored and written out by ``minutes.utc_text`` straight
        # from the text, not decoded by the DateTime type's per-value Python (a third of the export's time)
        # nor made into a datetime at all.
        as_text = self.s.get_bind().dialect.name == "sqlite"

        def when(c: Any) -> Any:
            return type_coerce(c, Text) if as_text else c

        q = (
            select(
                v.c.id,
                when(v.c.signed_in_at),
                when(v.c.signed_out_at),
                p.c.first_name,
                p.c.last_name,
                v.c.person_type,
                v.c.organisation,
                v.c.host,
                v.c.purpose,
                v.c.child_name,
                v.c.status,
                v.c.screening,
                v.c.badge_printed,
            )
            .join(p, p.c.id == v.c.person_id)
            .where(v.c.signed_in_at >= start, v.c.signed_in_at < end)
        )
        if site_id is not None:
            q = q.where(v.c.site_id == site_id)
        q = q.order_by(v.c.signed_in_at, v.c.id).execution_options(yield_per=1000)
        result = self.s.connection().execute(q)
        local = minutes.utc_text if as_text else lambda t: minutes(_aware_utc(t))
        for rows in result.partitions():  # yield_per's batches: one driver call per 1,000 rows
            for row in rows:
                out = row[2]
                yield (row[0], local(row[1]), local(out) if out is not None else None, *row[3:13])

    def for_person(self, person_id: int) -> list[Visit]:
        q = select(m.VisitRow).where(m.VisitRow.person_id == person_id).order_by(m.VisitRow.signed_in_at)
        return [_visit(r) for r in self.s.scalars(q)]

    def search(self, query: VisitSearch, offset: int, limit: int) -> list[tuple[Visit, Person]]:
        q = _visit_search(_with_people(), query, newest_first=True)
        q = q.order_by(m.VisitRow.signed_in_at.desc(), m.VisitRow.id.desc()).offset(offset).limit(limit)
        result = self.s.connection().execute(q)
        read = _visits_and_people(result)
        return [read(row) for row in result.all()]

    def count_search(self, query: VisitSearch) -> int:
        return int(self.s.scalar(_visit_search(select(func.count(m.VisitRow.id)), query)) or 0)

    def by_journey_key(self, key: str) -> Visit | None:
        if not key:
            return None
        row = self.s.scalar(select(m.VisitRow).where(m.VisitRow.journey_key == key))
        return _visit(row) if row else None

    def badge_pending(self, kiosk_id: int | None = None, before: datetime | None = None) -> list[Visit]:
        """Visits whose badge was asked for but whose printing was never recorded (a crash, or a lost write)."""
        q = select(m.VisitRow).where(m.VisitRow.badge_state == "pending")
        if kiosk_id is not None:
            q = q.where(m.VisitRow.kiosk_id == kiosk_id)
        if before is not None:
            q = q.where(m.VisitRow.signed_in_at < before)
        return [_visit(r) for r in self.s.scalars(q.order_by(m.VisitRow.id))]


def _aware_utc(value: datetime) -> datetime:
    """A time as the driver gives it (PostgreSQL: aware) in UTC, as ``models.UTCDateTime`` reads it."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_PERSON_PREFIX = "person__"


def _with_people(*where: ColumnElement[bool]) -> Select[Any]:
    """Visits joined to their people as plain columns (the people's prefixed), for lists read in bulk.

    Plain rows, not ORM objects: the visit log and its export read thousands of rows that are only shown
    or written out, and building and tracking an ORM object per row cost five times the query itself.
    """
    visits, people = m.VisitRow.__table__, m.PersonRow.__table__
    return (
        select(visits, *(c.label(_PERSON_PREFIX + c.name) for c in people.c))
        .join(people, people.c.id == visits.c.person_id)
        .where(*where)
    )


_STATUSES = {s.value: s for s in VisitStatus}
_OUTCOMES = {o.value: o for o in ScreeningOutcome}
_PERSON_TYPES = {t.value: t for t in PersonType}


def _visits_and_people(result: Any) -> Callable[[Any], tuple[Visit, Person]]:
    """Turns one plain joined row of ``result`` (see ``_with_people``) into a visit and its person.

    The columns' positions are looked up once per query, then every row is read by position: a
    year's export builds 50,000 of them, and a name lookup per column per row was half of its work."""
    at = {key: i for i, key in enumerate(result.keys())}
    pp = _PERSON_PREFIX
    fields = [(f, at[f]) for f in _VISIT_FIELDS]
    v_id, v_status, v_screening, v_type, v_token = (
        at[k] for k in ("id", "status", "screening", "person_type", "badge_token")
    )
    p_id, p_first, p_last, p_type, p_org, p_phone, p_email, p_car, p_pass, p_created = (
        at[pp + k]
        for k in (
            "id",
            "first_name",
            "last_name",
            "person_type",
            "organisation",
            "phone",
            "email",
            "car_registration",
            "pass_token",
            "created_at",
        )
    )
    statuses, outcomes, types = _STATUSES, _OUTCOMES, _PERSON_TYPES

    def read(row: Any) -> tuple[Visit, Person]:
        visit = Visit(
            id=row[v_id],
            status=statuses.get(row[v_status]) or VisitStatus(row[v_status]),
            screening=outcomes.get(row[v_screening]) or ScreeningOutcome(row[v_screening]),
            person_type=types.get(row[v_type]) or PersonType(row[v_type]),
            badge_token=row[v_token] or "",
            **{f: row[i] for f, i in fields},
        )
        person = Person(
            id=row[p_id],
            first_name=row[p_first],
            last_name=row[p_last],
            person_type=types.get(row[p_type]) or PersonType(row[p_type]),
            organisation=row[p_org],
            phone=row[p_phone],
            email=row[p_email],
            car_registration=row[p_car],
            pass_token=row[p_pass] or "",
            created_at=row[p_created],
        )
        return visit, person

    return read


def _visit_search(q, query: VisitSearch, *, newest_first: bool = False):
    """The visit log's filters (the signed_in_at index narrows to the dates first)."""
    q = q.where(m.VisitRow.signed_in_at >= query.start, m.VisitRow.signed_in_at < query.end)
    if query.site_id is not None:
        q = q.where(m.VisitRow.site_id == query.site_id)
    if query.person_type is not None:
        q = q.where(m.VisitRow.person_type == query.person_type.value)
    needle = _key(query.name)
    if needle:
        # The name the log shows is the person's: find the matching people first (a few thousand rows),
        # then their visits by the person index, rather than testing every visit of the year.
        like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        full_name = m.PersonRow.first_name_key + " " + m.PersonRow.last_name_key
        people = select(m.PersonRow.id).where(full_name.like(like, escape="\\"))
        # A page walks the date index newest first and stops at a page of matches; "+ 0" keeps the
        # planner from fetching every match by person and sorting them all (SQLite's idiom).
        person_id = m.VisitRow.person_id + 0 if newest_first else m.VisitRow.person_id
        q = q.where(person_id.in_(people))
    return q


# ------------------------------------------------------------------ policy


def _policy(row: m.PolicyVersionRow) -> PolicyVersion:
    return PolicyVersion(
        id=row.id,
        title=row.title,
        text=row.text,
        sha256=row.sha256,
        published_at=row.published_at,
        published_by=row.published_by,
        collector_reminder=row.collector_reminder,
    )


def _ack(row: m.AcknowledgementRow) -> Acknowledgement:
    return Acknowledgement(
        id=row.id,
        person_id=row.person_id,
        policy_version_id=row.policy_version_id,
        policy_sha256=row.policy_sha256,
        acknowledged_at=row.acknowledged_at,
        kiosk_id=row.kiosk_id,
        signature_png=row.signature_png,
        language=row.language or "en",
        text_sha256=row.text_sha256 or row.policy_sha256,
    )


def _translation(row: m.PolicyTranslationRow) -> PolicyTranslation:
    return PolicyTranslation(
        id=row.id,
        policy_version_id=row.policy_version_id,
        language=row.language,
        title=row.title,
        text=row.text,
        sha256=row.sha256,
        published_at=row.published_at,
        published_by=row.published_by,
        collector_reminder=row.collector_reminder,
    )


class SqlPolicyRepository(_Repo):
    def current(self) -> PolicyVersion | None:
        row = self.s.scalar(
            select(m.PolicyVersionRow).order_by(
                m.PolicyVersionRow.published_at.desc(), m.PolicyVersionRow.id.desc()
            )
        )
        return _policy(row) if row else None

    def get(self, version_id: int) -> PolicyVersion | None:
        row = self.s.get(m.PolicyVersionRow, version_id)
        return _policy(row) if row else None

    def by_sha256(self, sha256: str) -> PolicyVersion | None:
        row = self.s.scalar(select(m.PolicyVersionRow).where(m.PolicyVersionRow.sha256 == sha256))
        return _policy(row) if row else None

    def add(self, version: PolicyVersion) -> PolicyVersion:
        row = m.PolicyVersionRow(
            title=version.title,
            text=version.text,
            sha256=version.sha256,
            published_at=version.published_at,
            published_by=version.published_by,
            collector_reminder=version.collector_reminder,
        )
        self.s.add(row)
        self.s.flush()
        return _policy(row)

    def list(self) -> list[PolicyVersion]:
        return [
            _policy(r) for r in self.s.scalars(select(m.PolicyVersionRow).order_by(m.PolicyVersionRow.id))
        ]

    def acknowledgement(self, person_id: int, version_id: int) -> Acknowledgement | None:
        row = self.s.scalar(
            select(m.AcknowledgementRow).where(
                m.AcknowledgementRow.person_id == person_id,
                m.AcknowledgementRow.policy_version_id == version_id,
            )
        )
        return _ack(row) if row else None

    def add_acknowledgement(self, ack: Acknowledgement) -> Acknowledgement:
        row = m.AcknowledgementRow(
            person_id=ack.person_id,
            policy_version_id=ack.policy_version_id,
            policy_sha256=ack.policy_sha256,
            acknowledged_at=ack.acknowledged_at,
            kiosk_id=ack.kiosk_id,
            signature_png=ack.signature_png,
            language=ack.language,
            text_sha256=ack.text_sha256 or ack.policy_sha256,
        )
        self.s.add(row)
        self.s.flush()
        return _ack(row)

    def translation(self, version_id: int, language: str) -> PolicyTranslation | None:
        row = self.s.scalar(
            select(m.PolicyTranslationRow).where(
                m.PolicyTranslationRow.policy_version_id == version_id,
                m.PolicyTranslationRow.language == language,
            )
        )
        return _translation(row) if row else None

    def translations(self, version_id: int) -> builtins.list[PolicyTranslation]:
        rows = self.s.scalars(
            select(m.PolicyTranslationRow)
            .where(m.PolicyTranslationRow.policy_version_id == version_id)
            .order_by(m.PolicyTranslationRow.language)
        )
        return [_translation(r) for r in rows]

    def add_translation(self, translation: PolicyTranslation) -> PolicyTranslation:
        row = m.PolicyTranslationRow(
            policy_version_id=translation.policy_version_id,
            language=translation.language,
            title=translation.title,
            text=translation.text,
            sha256=translation.sha256,
            collector_reminder=translation.collector_reminder,
            published_at=translation.published_at,
            published_by=translation.published_by,
        )
        self.s.add(row)
        self.s.flush()
        return _translation(row)


# ------------------------------------------------------------------ bans

_BAN_SCALARS = (
    "name",
    "date_of_birth",
    "photo",
    "reason",
    "incident_summary",
    "start",
    "end",
    "review_date",
    "conditions",
    "approved_by",
    "created_by",
    "lifted_reason",
)
# The columns of a ban as _values gives them, and an import's batch: the order of prepare_staged's rows.
_STAGED_KEYS = (
    *_BAN_SCALARS,
    "aliases",
    "categories",
    "site_ids",
    "stage",
    "status",
    "pending_change",
    "scope",
    "school_ids",
    "updated_at",
    "import_batch",
)
_REVISION_KEY = "ban_revision"
# Session.info key: the school of this unit of work in a trust (kiosk.db.uow); absent for a single school.
SCHOOL_KEY = "kiosk_school_id"


def _ban(row: m.BanRow) -> Ban:
    return Ban(
        id=row.id,
        aliases=tuple(row.aliases or ()),
        categories=tuple(row.categories or ()),
        site_ids=tuple(row.site_ids or ()),
        stage=BanStage(row.stage),
        status=BanStatus(row.status),
        updated_at=row.updated_at,
        pending_change=_change_from_json(row.pending_change),
        scope=BanScope(row.scope or BanScope.SCHOOL),
        school_ids=tuple(row.school_ids or ()),
        **{f: getattr(row, f) for f in _BAN_SCALARS},
    )


_JSON_COLUMNS = ("aliases", "categories", "site_ids", "pending_change", "school_ids")


def _json_value(value: Any) -> Any:
    """A JSON column read as text (SQLite; PostgreSQL's driver hands over the value already decoded)."""
    if not isinstance(value, str):
        return value
    if value == "[]":
        return []
    if value == "null":
        return None
    return json.loads(value)


def _ban_from_row(row: dict[str, Any]) -> Ban:
    """A ban from a plain row of the bans table whose JSON columns were read as text."""
    aliases, categories, site_ids, change, school_ids = (_json_value(row[k]) for k in _JSON_COLUMNS)
    updated = row["updated_at"]
    return Ban(
        id=row["id"],
        aliases=tuple(aliases or ()),
        categories=tuple(categories or ()),
        site_ids=tuple(site_ids or ()),
        stage=BanStage(row["stage"]),
        status=BanStatus(row["status"]),
        updated_at=updated.replace(tzinfo=UTC) if updated is not None and updated.tzinfo is None else updated,
        pending_change=_change_from_json(change),
        scope=BanScope(row["scope"] or BanScope.SCHOOL),
        school_ids=tuple(school_ids or ()),
        **{f: row[f] for f in _BAN_SCALARS},
    )


_PENDING = "import_pending:"
_DATE_FIELDS = ("date_of_birth", "start", "end", "review_date")
_TUPLE_FIELDS = ("aliases", "categories", "site_ids", "school_ids")


def _change_to_json(change: BanChange | None) -> dict | None:
    if change is None:
        return None
    values: dict[str, object] = {}
    for key, value in change.changes.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, enum.Enum):
            value = value.value
        values[key] = value
    return {
        "changes": values,
        "weakens": list(change.weakens),
        "requested_by": change.requested_by,
        "requested_at": change.requested_at.isoformat(),
        "note": change.note,
    }


def _change_from_json(data: dict | None) -> BanChange | None:
    if not data:
        return None
    changes: dict[str, object] = {}
    for key, value in (data.get("changes") or {}).items():
        if key not in BAN_CHANGE_FIELDS:
            continue
        if key in _DATE_FIELDS:
            value = date.fromisoformat(value) if value else None
        elif key in _TUPLE_FIELDS:
            value = tuple(value or ())
        elif key == "stage":
            value = BanStage(value)
        changes[key] = value
    return BanChange(
        changes=changes,
        weakens=tuple(data.get("weakens") or ()),
        requested_by=data.get("requested_by"),
        requested_at=datetime.fromisoformat(data["requested_at"]),
        note=data.get("note") or "",
    )


class SqlBanRepository(_Repo):
    def get(self, ban_id: int) -> Ban | None:
        row = self.s.get(m.BanRow, ban_id)
        return _ban(row) if row else None

    def add(self, ban: Ban) -> Ban:
        row = m.BanRow()
        self._copy(ban, row)
        self.s.add(row)
        self.s.flush()
        self._bump()
        return _ban(row)

    def update(self, ban: Ban) -> None:
        row = stored_row(self.s, m.BanRow, ban.id)
        self._copy(ban, row)
        self.s.flush()
        self._bump()

    def _copy(self, ban: Ban, row: m.BanRow) -> None:
        for key, value in self._values(ban).items():
            setattr(row, key, value)

    def _values(self, ban: Ban) -> dict[str, object]:
        """A ban as the columns of its row (every ban has the same keys, so many insert as one statement)."""
        values: dict[str, object] = {f: getattr(ban, f) for f in _BAN_SCALARS}
        values.update(
            aliases=list(ban.aliases),
            categories=list(ban.categories),
            site_ids=list(ban.site_ids),
            stage=ban.stage.value,
            status=ban.status.value,
            pending_change=_change_to_json(ban.pending_change),
            scope=ban.scope.value,
            school_ids=list(ban.school_ids),
            updated_at=self.now(),
        )
        return values

    def _bump(self) -> None:
        # A fresh random revision on every change: screeners in other processes compare and rebuild.
        row = self.s.get(m.MetaRow, _REVISION_KEY)
        if row is None:
            self.s.add(m.MetaRow(key=_REVISION_KEY, value=uuid.uuid4().hex))
        else:
            row.value = uuid.uuid4().hex
        self.s.flush()

    def mark_expired(self, ban_ids: Sequence[int]) -> builtins.list[int]:
        """Mark these active bans expired; returns those changed. Under a trust's row-level security a
        school's connection changes only its own bans (the trust's are left to the trust's console)."""
        if not ban_ids:
            return []
        changed = self.s.scalars(
            update(m.BanRow)
            .where(m.BanRow.id.in_(list(ban_ids)), m.BanRow.status == BanStatus.ACTIVE.value)
            .values(status=BanStatus.EXPIRED.value, updated_at=datetime.now(UTC))
            .returning(m.BanRow.id)
            .execution_options(synchronize_session=False)
        ).all()
        if changed:
            self._bump()
        return sorted(changed)

    def list(self, statuses: Iterable[BanStatus] | None = None, *, screened_here: bool = False) -> list[Ban]:
        # Plain rows, no ORM objects, and the JSON columns read as text and decoded here, where an empty
        # list costs nothing: a kiosk reads the whole list to build its screening index, and 100,000
        # ORM objects with 400,000 JSON decodes took twice as long as the index itself.
        table = m.BanRow.__table__
        keys = [c.name for c in table.c]
        q = select(*(type_coerce(c, Text).label(c.name) if c.name in _JSON_COLUMNS else c for c in table.c))
        q = q.where(
            or_(m.BanRow.import_batch.is_(None), m.BanRow.import_batch.not_in(self._pending_batches()))
        )
        if statuses is not None:
            q = q.where(m.BanRow.status.in_([s.value for s in statuses]))
        school = self.s.info.get(SCHOOL_KEY)
        if school is None:
            return [
                _ban_from_row(dict(zip(keys, r, strict=True)))
                for r in self.s.execute(q.order_by(m.BanRow.id))
            ]
        # A school of a trust: its own bans, the trust's, and those for several schools that name it
        # (row-level security says the same on PostgreSQL, kiosk.db.trust; this keeps the rule in the
        # program too). The trust's console (the trust's role) also lists the bans for several schools
        # it recorded: it decides them.
        q = q.where(
            or_(
                m.BanRow.school_id == school,
                m.BanRow.scope.in_([BanScope.TRUST.value, BanScope.SCHOOLS.value]),
            )
        )
        rows = [dict(zip(keys, r, strict=True)) for r in self.s.execute(q.order_by(m.BanRow.id))]
        bans = [(row["school_id"], _ban_from_row(row)) for row in rows]
        return [
            ban
            for owner, ban in bans
            if ban.scope is not BanScope.SCHOOLS
            or school in ban.school_ids
            or (owner == school and not screened_here)
        ]

    def schools(self) -> builtins.list[tuple[int, str]]:
        return [
            (int(i), str(n))
            for i, n in self.s.execute(select(m.SchoolRow.id, m.SchoolRow.name).order_by(m.SchoolRow.id))
        ]

    def known_school_ids(self, school_ids: Iterable[int]) -> builtins.list[int]:
        wanted = sorted(set(school_ids))
        if not wanted:
            return []
        return list(self.s.scalars(select(m.SchoolRow.id).where(m.SchoolRow.id.in_(wanted))))

    # ---------------------------------------------------------------- staged import (kiosk.services.bans)

    @staticmethod
    def _pending_batches():
        return select(func.substr(m.MetaRow.key, len(_PENDING) + 1)).where(m.MetaRow.key.like(f"{_PENDING}%"))

    def begin_import(self, batch: str, at: datetime) -> None:
        """Mark an import as being written: its rows are not listed (so never screened) until finish_import."""
        self.s.add(m.MetaRow(key=f"{_PENDING}{batch}", value=at.isoformat()))
        self.s.flush()

    def prepare_staged(self, bans: Sequence[Ban], batch: str) -> builtins.list[Any]:
        """New bans of a pending import as rows in the database's own form, made before any write lock.

        Every conversion (JSON, dates, times) is done here, in Python, so that ``add_staged`` under the
        write lock every kiosk's sign-in waits for only hands finished rows to the driver.
        SQLite: tuples of bound values in ``_STAGED_KEYS`` order; PostgreSQL: one dict per ban.
        """
        values = [{**self._values(ban), "import_batch": batch} for ban in bans]
        dialect = self.s.get_bind().dialect
        if dialect.name != "sqlite" or not values:
            return values
        if tuple(values[0]) != _STAGED_KEYS:
            raise RuntimeError(f"a ban's columns are not {_STAGED_KEYS}")
        table = m.BanRow.__table__
        procs = [table.c[k].type.bind_processor(dialect) for k in _STAGED_KEYS]
        return [
            tuple(v if proc is None else proc(v) for v, proc in zip(row.values(), procs, strict=True))
            for row in values
        ]

    def add_staged(self, rows: Sequence[Any]) -> builtins.list[int]:
        """Insert rows made by ``prepare_staged`` (no revision change: nothing screens differently yet).

        This runs while the import holds the write lock, so it must be brief: on SQLite the driver's
        executemany of finished rows, their ids the next free ones (the lock is held, so no one else
        inserts); on PostgreSQL (where a kiosk waits only for the audit chain's lock) one multi-row
        INSERT ... RETURNING.
        """
        if not rows:
            return []
        if self.s.get_bind().dialect.name != "sqlite":
            returned = self.s.scalars(
                insert(m.BanRow).returning(m.BanRow.id, sort_by_parameter_order=True), rows
            )
            return list(returned)
        first = int(self.s.scalar(select(func.coalesce(func.max(m.BanRow.id), 0))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        marks = ", ".join("?" * (len(_STAGED_KEYS) + 1))
        self.s.connection().exec_driver_sql(
            f"INSERT INTO {m.BanRow.__tablename__} (id, {', '.join(_STAGED_KEYS)}) VALUES ({marks})",
            [(i, *row) for i, row in zip(ids, rows, strict=True)],
        )
        return ids

    def update_many(self, bans: Sequence[Ban]) -> None:
        """Write changed bans, each already stored, in one UPDATE run for all of them (an import's last
        transaction holds the write lock the kiosks wait for, so it must be brief); the revision once."""
        if not bans:
            return
        wanted = [b.id for b in bans]
        known: set[int | None] = set()
        for at in range(0, len(wanted), 5000):  # within every database's limit of bound parameters
            known.update(self.s.scalars(select(m.BanRow.id).where(m.BanRow.id.in_(wanted[at : at + 5000]))))
        missing = [b.id for b in bans if b.id not in known]
        if missing:
            raise LookupError(f"BanRow {missing[0]} is not in the database")
        self.s.execute(update(m.BanRow), [{"id": ban.id, **self._values(ban)} for ban in bans])
        self._bump()

    def finish_import(self, batch: str) -> None:
        """The import's rows take effect at once (one small write), and screeners rebuild."""
        self.s.execute(delete(m.MetaRow).where(m.MetaRow.key == f"{_PENDING}{batch}"))
        self._bump()

    def discard_import(self, batch: str, *, limit: int = 500) -> int:
        """Delete up to ``limit`` rows of an abandoned import; 0 when none are left (then its mark goes)."""
        ids = list(self.s.scalars(select(m.BanRow.id).where(m.BanRow.import_batch == batch).limit(limit)))
        if ids:
            self.s.execute(delete(m.BanRow).where(m.BanRow.id.in_(ids)))
        else:
            self.s.execute(delete(m.MetaRow).where(m.MetaRow.key == f"{_PENDING}{batch}"))
        return len(ids)

    def abandoned_imports(self, before: datetime) -> builtins.list[str]:
        """Imports marked pending since before ``before``: their program died part-way."""
        rows = self.s.execute(
            select(m.MetaRow.key, m.MetaRow.value).where(m.MetaRow.key.like(f"{_PENDING}%"))
        )
        out = []
        for key, value in rows:
            try:
                started = datetime.fromisoformat(value)
            except ValueError:
                started = before
            if started <= before:
                out.append(key[len(_PENDING) :])
        return out

    def revision(self) -> str:
        row = self.s.get(m.MetaRow, _REVISION_KEY)
        return row.value if row else ""


# ------------------------------------------------------------------ alerts and dismissals


def _alert(row: m.AlertRow) -> Alert:
    return Alert(
        id=row.id,
        visit_id=row.visit_id,
        ban_id=row.ban_id,
        band=AlertBand(row.band),
        score=row.score,
        reasons=tuple(row.reasons or ()),
        matched_name=row.matched_name,
        raised_at=row.raised_at,
        decision=AlertDecision(row.decision) if row.decision else None,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        note=row.note,
    )


class SqlAlertRepository(_Repo):
    def get(self, alert_id: int) -> Alert | None:
        row = self.s.get(m.AlertRow, alert_id)
        return _alert(row) if row else None

    def add(self, alert: Alert) -> Alert:
        row = m.AlertRow(
            visit_id=alert.visit_id,
            ban_id=alert.ban_id,
            band=alert.band.value,
            score=alert.score,
            reasons=list(alert.reasons),
            matched_name=alert.matched_name,
            raised_at=alert.raised_at,
        )
        self.s.add(row)
        self.s.flush()
        return _alert(row)

    def update(self, alert: Alert) -> None:
        row = stored_row(self.s, m.AlertRow, alert.id)
        row.decision = alert.decision.value if alert.decision else None
        row.decided_by = alert.decided_by
        row.decided_at = alert.decided_at
        row.note = alert.note
        self.s.flush()

    def open(self) -> list[Alert]:
        q = (
            select(m.AlertRow)
            .where(m.AlertRow.decision.is_(None))
            .order_by(m.AlertRow.raised_at, m.AlertRow.id)
        )
        return [_alert(r) for r in self.s.scalars(q)]

    def for_visit(self, visit_id: int) -> list[Alert]:
        q = select(m.AlertRow).where(m.AlertRow.visit_id == visit_id).order_by(m.AlertRow.score.desc())
        return [_alert(r) for r in self.s.scalars(q)]


def _dismissal(row: m.DismissedMatchRow) -> DismissedMatch:
    return DismissedMatch(
        id=row.id,
        person_id=row.person_id,
        ban_id=row.ban_id,
        dismissed_by=row.dismissed_by,
        dismissed_at=row.dismissed_at,
        expires_at=row.expires_at,
        note=row.note,
        revoked_at=row.revoked_at,
        revoked_by=row.revoked_by,
    )


class SqlDismissalRepository(_Repo):
    def add(self, d: DismissedMatch) -> DismissedMatch:
        row = m.DismissedMatchRow(
            person_id=d.person_id,
            ban_id=d.ban_id,
            dismissed_by=d.dismissed_by,
            dismissed_at=d.dismissed_at,
            expires_at=d.expires_at,
            note=d.note,
        )
        self.s.add(row)
        self.s.flush()
        return _dismissal(row)

    def get(self, dismissal_id: int) -> DismissedMatch | None:
        row = self.s.get(m.DismissedMatchRow, dismissal_id)
        return _dismissal(row) if row else None

    def update(self, d: DismissedMatch) -> None:
        row = stored_row(self.s, m.DismissedMatchRow, d.id)
        row.revoked_at = d.revoked_at
        row.revoked_by = d.revoked_by
        self.s.flush()

    def for_person(self, person_id: int) -> list[DismissedMatch]:
        q = select(m.DismissedMatchRow).where(m.DismissedMatchRow.person_id == person_id)
        return [_dismissal(r) for r in self.s.scalars(q)]

    def list(self) -> list[DismissedMatch]:
        return [
            _dismissal(r)
            for r in self.s.scalars(select(m.DismissedMatchRow).order_by(m.DismissedMatchRow.id))
        ]


# ------------------------------------------------------------------ staff and audit


def _staff(row: m.StaffRow) -> Staff:
    return Staff(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        pin_hash=row.pin_hash,
        active=row.active,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        lockouts=row.lockouts or 0,
        must_change_pin=bool(row.must_change_pin),
    )


class SqlStaffRepository(_Repo):
    def get(self, staff_id: int) -> Staff | None:
        row = self.s.get(m.StaffRow, staff_id)
        return _staff(row) if row else None

    def by_name(self, name: str) -> Staff | None:
        row = self.s.scalar(select(m.StaffRow).where(m.StaffRow.name_key == _key(name)))
        return _staff(row) if row else None

    def add(self, staff: Staff) -> Staff:
        row = m.StaffRow(name_key=_key(staff.name))
        self._copy(staff, row)
        self.s.add(row)
        self.s.flush()
        return _staff(row)

    def update(self, staff: Staff) -> None:
        row = stored_row(self.s, m.StaffRow, staff.id)
        self._copy(staff, row)
        self.s.flush()

    @staticmethod
    def _copy(staff: Staff, row: m.StaffRow) -> None:
        row.name = staff.name
        row.name_key = _key(staff.name)
        row.role = staff.role.value
        row.pin_hash = staff.pin_hash
        row.active = staff.active
        row.failed_attempts = staff.failed_attempts
        row.locked_until = staff.locked_until
        row.lockouts = staff.lockouts
        row.must_change_pin = staff.must_change_pin

    def list(self) -> list[Staff]:
        return [_staff(r) for r in self.s.scalars(select(m.StaffRow).order_by(m.StaffRow.name))]

    def count(self) -> int:
        return self.s.scalar(select(func.count()).select_from(m.StaffRow)) or 0


# Any fixed number: every program of an installation chains a school's audit rows under the advisory
# lock (this key, the school's id): one lock per school's chain.
AUDIT_CHAIN_LOCK_KEY = 0x4B415544
_CHAIN_LOCK_SQL = "SELECT pg_advisory_xact_lock(%s, %s)"
# The chain's head (its school's newest row) and the new row's id, read once the lock is held.
_CHAIN_HEAD_SQL = (
    "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')), "
    "(SELECT row_hash FROM audit_log WHERE school_id = %s ORDER BY id DESC LIMIT 1)"
)
# A connection's info key: (perf_counter when the chain's lock was asked for, when it was granted).
AUDIT_LOCK_TIMES = "kiosk_audit_lock_times"


def _audit_entry(r: m.AuditLogRow) -> AuditEntry:
    return AuditEntry(
        r.id,
        r.at,
        r.actor,
        r.source,
        r.action,
        r.entity,
        tuple(r.entity_ids or ()),
        r.detail,
        prev_hash=r.prev_hash or "",
        row_hash=r.row_hash or "",
    )


def audit_key_for(session: Session, records) -> bytes | None:
    """The audit key for this database, checked against its fingerprint; None for an unkeyed (pre-0006) log."""
    if records is None:
        return None
    if records.checked_key is not None:
        return records.checked_key
    from kiosk.db.records import KEY_ID_META

    stored = session.scalar(select(m.MetaRow.value).where(m.MetaRow.key == KEY_ID_META))
    if stored is None:
        return None  # the database is older than migration 0006, which re-keys the chain
    records.checked_key = records.check_key(stored)
    return records.checked_key


def anchor_lines_to_write(records, pending: list[tuple[str, int, str]], at: datetime | None = None) -> list:
    """The anchor lines for one commit: its purge/restore lines in order, then the newest head once,
    each stamped ``at`` (the program's injected clock)."""
    from kiosk.services.audit_chain import HEAD

    lines = [records.new_line(k, i, h, at) for k, i, h in pending if k != HEAD]
    heads = [(i, h) for k, i, h in pending if k == HEAD]
    if heads:
        i, h = max(heads)
        lines.append(records.new_line(HEAD, i, h, at))
    return lines


_AUDIT_COLUMNS = (
    "id",
    "school_id",
    "at",
    "actor",
    "source",
    "action",
    "entity",
    "entity_ids",
    "detail",
    "prev_hash",
    "row_hash",
)
_ANCHOR_COLUMNS = ("kind", "row_id", "hash", "at", "mac", "written_at", "school_id")


@functools.cache
def _audit_insert(*, anchored: bool) -> Insert:
    """The statement writing a sealed audit row (and, ``anchored``, its anchor line in the same statement,
    a CTE), with bound parameters: compiled once per process (the SQL cache), not for every row under the
    chain's lock (a statement of literal values is compiled anew each time: a millisecond of CPU there)."""
    from kiosk.db.records import anchor_table

    t = cast(Table, m.AuditLogRow.__table__)
    row = insert(t).values({c: bindparam(f"audit_{c}") for c in _AUDIT_COLUMNS})
    if not anchored:
        return row
    line = insert(anchor_table).values({c: bindparam(f"anchor_{c}") for c in _ANCHOR_COLUMNS})
    return line.add_cte(row.cte("audit_row"))


class SqlAuditRepository(_Repo):
    def __init__(
        self,
        session: Session,
        records=None,
        anchor_pending: list | None = None,
        now: Callable[[], datetime] | None = None,
    ):
        super().__init__(session, now)
        self.records = records
        self._pending = anchor_pending if anchor_pending is not None else []

    @property
    def school(self) -> int:
        """The school whose chain this unit of work writes (a single school's: the default school's)."""
        return int(self.s.info.get(SCHOOL_KEY) or DEFAULT_SCHOOL_ID)

    def anchor(self, kind: str, row_id: int, row_hash: str) -> None:
        """Anchor a fact about this school's chain: into the table now (PostgreSQL) or the file after
        commit (SQLite, always the one school's)."""
        if self.records is None:
            return
        if self.records.is_postgres:
            at = self.now()
            line = self.records.new_line(kind, row_id, row_hash, at, school=self.school)
            self.records.append_anchor([line], self.s, written_at=at)
        else:
            self._pending.append((kind, row_id, row_hash))

    def append(self, entry: AuditEntry) -> AuditEntry:
        """Append a row chained to the newest one, keyed with the audit key (see kiosk.services.audit_chain).

        Each school of a trust has its own chain: the row chains to the newest row of its school. That
        row's hash is read under the chain's write lock, so two writers never chain to the same row:
        PostgreSQL takes a transaction-scoped advisory lock of that school's chain first (held until
        commit or rollback; the schools of a trust do not wait for each other); SQLite already writes
        under BEGIN IMMEDIATE. The new head is anchored: on PostgreSQL in the same transaction, on
        SQLite in the anchor file once the transaction has committed.
        """
        school = self.school
        if self.s.get_bind().dialect.name == "postgresql":
            return self._append_postgres(entry, school)
        key = audit_key_for(self.s, self.records)
        last = self.s.execute(
            select(m.AuditLogRow.row_hash)
            .where(m.AuditLogRow.school_id == school)
            .order_by(m.AuditLogRow.id.desc())
            .limit(1)
        ).first()
        prev = last[0] if last is not None else (self._start_hash(school) if key is not None else GENESIS)
        row = m.AuditLogRow(
            school_id=school,
            at=entry.at,
            actor=entry.actor,
            source=entry.source,
            action=entry.action,
            entity=entry.entity,
            entity_ids=list(entry.entity_ids),
            detail=entry.detail,
            prev_hash=prev,
            row_hash="",
        )
        self.s.add(row)
        self.s.flush()
        sealed = seal(replace(entry, id=row.id, entity_ids=tuple(row.entity_ids)), prev, key)
        row.row_hash = sealed.row_hash
        self.s.flush()
        if key is not None:
            from kiosk.services.audit_chain import HEAD

            self.anchor(HEAD, row.id, row.row_hash)
        return _audit_entry(row)

    def _append_postgres(self, entry: AuditEntry, school: int) -> AuditEntry:
        """PostgreSQL: the chain's lock is held for three statements and the commit, nothing else.

        The transaction's other writes are sent first (the flush), then, under the school's lock, one
        statement reads the chain's head and draws the new row's id, and one statement writes the sealed
        row and its anchor line together (its hash is made with its id, so it needs no second write)."""
        self.s.flush()
        key = audit_key_for(self.s, self.records)
        new_id, last = self._lock_and_read_head(school)
        prev = last if last is not None else (self._start_hash(school) if key is not None else GENESIS)
        ids = tuple(entry.entity_ids)
        sealed = seal(replace(entry, id=int(new_id), entity_ids=ids), prev, key)
        row = {
            "id": sealed.id,
            "school_id": school,
            "at": entry.at,
            "actor": entry.actor,
            "source": entry.source,
            "action": entry.action,
            "entity": entry.entity,
            "entity_ids": list(ids),
            "detail": entry.detail,
            "prev_hash": prev,
            "row_hash": sealed.row_hash,
        }
        values: dict[str, object] = {f"audit_{c}": v for c, v in row.items()}
        if key is not None and self.records is not None:
            from kiosk.services.audit_chain import HEAD

            at = self.now()
            line = self.records.new_line(HEAD, int(new_id), sealed.row_hash, at, school=school)
            values.update(
                anchor_kind=line.kind,
                anchor_row_id=line.row_id,
                anchor_hash=line.hash,
                anchor_at=line.at,
                anchor_mac=line.mac,
                anchor_written_at=at,
                anchor_school_id=line.school,
            )
            self.s.execute(_audit_insert(anchored=True), values)
        else:
            self.s.execute(_audit_insert(anchored=False), values)
        return sealed

    def _lock_and_read_head(self, school: int) -> tuple[int, str | None]:
        """Take the school's chain lock, then read its head and draw the new row's id: two statements in
        one round trip (psycopg's pipeline mode), so the lock is held one network wait less.

        Two statements, not one: in READ COMMITTED a statement's snapshot is taken when it starts, so a
        head read in the lock's own statement could miss the row that the lock's previous holder
        committed while this one waited. The second statement starts after the lock is granted."""
        import psycopg  # PostgreSQL only: a SQLite program never loads the driver

        connection = self.s.connection()
        raw = cast(psycopg.Connection, connection.connection.driver_connection)
        asked = time.perf_counter()
        try:
            with raw.pipeline():
                raw.execute(_CHAIN_LOCK_SQL, (AUDIT_CHAIN_LOCK_KEY, school))
                head = raw.execute(_CHAIN_HEAD_SQL, (school,))
            row = head.fetchone()
        except psycopg.Error as exc:
            # As the engine's own statements report it: the unit of work turns it into DatabaseUnavailable
            # (or DatabaseUnreachable, for an offline kiosk).
            raise DBAPIError.instance(_CHAIN_HEAD_SQL, (school,), exc, psycopg.Error) from exc
        # For measurement (benchmarks/bench_trust_scale.py): when the lock was asked for and granted.
        connection.info[AUDIT_LOCK_TIMES] = (asked, time.perf_counter())
        assert row is not None  # nextval always returns a row
        return int(row[0]), row[1]

    def _start_hash(self, school: int) -> str:
        """The hash an empty chain continues from: the newest purge of it the anchor records (else GENESIS)."""
        from kiosk.services.audit_chain import PURGE, line_ok

        lines = self.records.anchor_lines(self.s if self.records.is_postgres else None)
        key = self.records.key()
        start = GENESIS
        for line in lines:
            if line.kind == PURGE and line.school == school and line_ok(key, line):
                start = line.hash
        return start

    def list(self, limit: int = 500, offset: int = 0) -> list[AuditEntry]:
        # Plain rows (the audit page reads a page at a time, only to show it): no ORM objects to build,
        # a Core query on the session's connection (no ORM result machinery), each row read by position.
        t = m.AuditLogRow.__table__.c
        q = (
            select(
                t.id,
                t.at,
                t.actor,
                t.source,
                t.action,
                t.entity,
                t.entity_ids,
                t.detail,
                t.prev_hash,
                t.row_hash,
            )
            .order_by(t.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [
            AuditEntry(i, at, actor, source, action, entity, tuple(ids or ()), detail, prev or "", row or "")
            for i, at, actor, source, action, entity, ids, detail, prev, row in self.s.connection()
            .execute(q)
            .all()
        ]
