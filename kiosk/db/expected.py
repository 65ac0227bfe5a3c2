"""Repositories of the school's own lists: expected visits and the single central record."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.db import models as m
from kiosk.db.repositories import stored_row
from kiosk.domain.expected import Clearance, DbsCheck, ExpectedVisit, name_key
from kiosk.domain.model import PersonType


def _expected(row: m.ExpectedVisitRow) -> ExpectedVisit:
    return ExpectedVisit(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        person_type=PersonType(row.person_type),
        expected_on=row.expected_on,
        site_id=row.site_id,
        host=row.host or "",
        host_email=row.host_email or "",
        organisation=row.organisation or "",
        purpose=row.purpose or "",
        notes=row.notes or "",
        source=row.source or "",
        created_by=row.created_by,
        created_at=row.created_at,
        visit_id=row.visit_id,
        arrived_at=row.arrived_at,
        cancelled_at=row.cancelled_at,
    )


_EXPECTED_FIELDS = (
    "first_name",
    "last_name",
    "expected_on",
    "site_id",
    "host",
    "host_email",
    "organisation",
    "purpose",
    "notes",
    "source",
    "created_by",
    "created_at",
    "visit_id",
    "arrived_at",
    "cancelled_at",
)


class SqlExpectedVisitRepository:
    """Bookings by day; a typed name finds its booking through the folded name key."""

    def __init__(self, session: Session):
        self.s = session

    def add(self, e: ExpectedVisit) -> ExpectedVisit:
        row = m.ExpectedVisitRow(
            name_key=name_key(e.first_name, e.last_name),
            person_type=e.person_type.value,
            **{f: getattr(e, f) for f in _EXPECTED_FIELDS},
        )
        self.s.add(row)
        self.s.flush()
        return _expected(row)

    def get(self, expected_id: int) -> ExpectedVisit | None:
        row = self.s.get(m.ExpectedVisitRow, expected_id)
        return _expected(row) if row else None

    def update(self, e: ExpectedVisit) -> None:
        row = stored_row(self.s, m.ExpectedVisitRow, e.id)
        for f in _EXPECTED_FIELDS:
            setattr(row, f, getattr(e, f))
        row.person_type = e.person_type.value
        row.name_key = name_key(e.first_name, e.last_name)
        self.s.flush()

    def delete(self, expected_id: int) -> None:
        self.s.execute(delete(m.ExpectedVisitRow).where(m.ExpectedVisitRow.id == expected_id))

    def on_day(self, day: date, site_id: int | None = None) -> builtins.list[ExpectedVisit]:
        q = select(m.ExpectedVisitRow).where(m.ExpectedVisitRow.expected_on == day)
        if site_id is not None:
            q = q.where(m.ExpectedVisitRow.site_id == site_id)
        q = q.order_by(m.ExpectedVisitRow.last_name, m.ExpectedVisitRow.first_name, m.ExpectedVisitRow.id)
        return [_expected(r) for r in self.s.scalars(q)]

    def by_name_on(self, key: str, day: date, site_id: int) -> builtins.list[ExpectedVisit]:
        q = (
            select(m.ExpectedVisitRow)
            .where(m.ExpectedVisitRow.expected_on == day)
            .where(m.ExpectedVisitRow.name_key == key)
            .where(m.ExpectedVisitRow.site_id == site_id)
            .order_by(m.ExpectedVisitRow.id)
        )
        return [_expected(r) for r in self.s.scalars(q)]

    def by_visit(self, visit_id: int) -> ExpectedVisit | None:
        row = self.s.scalars(
            select(m.ExpectedVisitRow).where(m.ExpectedVisitRow.visit_id == visit_id)
        ).first()
        return _expected(row) if row else None

    def by_name(self, key: str) -> builtins.list[ExpectedVisit]:
        q = (
            select(m.ExpectedVisitRow)
            .where(m.ExpectedVisitRow.name_key == key)
            .order_by(m.ExpectedVisitRow.id)
        )
        return [_expected(r) for r in self.s.scalars(q)]

    def purge_before(self, before: date, limit: int) -> int:
        """Delete bookings for days before ``before`` (at most ``limit``); how many went."""
        ids = list(
            self.s.scalars(
                select(m.ExpectedVisitRow.id).where(m.ExpectedVisitRow.expected_on < before).limit(limit)
            )
        )
        if ids:
            self.s.execute(delete(m.ExpectedVisitRow).where(m.ExpectedVisitRow.id.in_(ids)))
        return len(ids)

    def unlink_visits(self, visit_ids: builtins.list[int]) -> None:
        """Visits about to be deleted (retention, erasure): their bookings forget them."""
        if not visit_ids:
            return
        for row in self.s.scalars(
            select(m.ExpectedVisitRow).where(m.ExpectedVisitRow.visit_id.in_(visit_ids))
        ):
            row.visit_id = None
        self.s.flush()


def _clearance(row: m.ClearanceRow) -> Clearance:
    return Clearance(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        person_type=PersonType(row.person_type),
        organisation=row.organisation or "",
        dbs_check=DbsCheck(row.dbs_check or "none"),
        dbs_number=row.dbs_number or "",
        dbs_date=row.dbs_date,
        id_checked=bool(row.id_checked),
        agency_confirmed=bool(row.agency_confirmed),
        expires_on=row.expires_on,
        notes=row.notes or "",
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


_CLEARANCE_FIELDS = (
    "first_name",
    "last_name",
    "organisation",
    "dbs_number",
    "dbs_date",
    "id_checked",
    "agency_confirmed",
    "expires_on",
    "notes",
    "updated_by",
    "updated_at",
)


class SqlClearanceRepository:
    """The single central record, one row per person."""

    def __init__(self, session: Session):
        self.s = session

    def _fill(self, row: m.ClearanceRow, c: Clearance) -> None:
        for f in _CLEARANCE_FIELDS:
            setattr(row, f, getattr(c, f))
        row.person_type = c.person_type.value
        row.dbs_check = c.dbs_check.value
        row.name_key = name_key(c.first_name, c.last_name)

    def add(self, c: Clearance) -> Clearance:
        row = m.ClearanceRow()
        self._fill(row, c)
        self.s.add(row)
        self.s.flush()
        return _clearance(row)

    def update(self, c: Clearance) -> None:
        row = stored_row(self.s, m.ClearanceRow, c.id)
        self._fill(row, c)
        self.s.flush()

    def get(self, clearance_id: int) -> Clearance | None:
        row = self.s.get(m.ClearanceRow, clearance_id)
        return _clearance(row) if row else None

    def delete(self, clearance_id: int) -> None:
        self.s.execute(delete(m.ClearanceRow).where(m.ClearanceRow.id == clearance_id))

    def list(self) -> builtins.list[Clearance]:
        q = select(m.ClearanceRow).order_by(
            m.ClearanceRow.last_name, m.ClearanceRow.first_name, m.ClearanceRow.id
        )
        return [_clearance(r) for r in self.s.scalars(q)]

    def by_name(self, key: str) -> builtins.list[Clearance]:
        return self.by_names([key]).get(key, [])

    def by_names(self, keys: Iterable[str]) -> dict[str, builtins.list[Clearance]]:
        """The records of each name key (one query for a list of names; keys with none are left out)."""
        wanted = sorted(set(keys))
        out: dict[str, builtins.list[Clearance]] = {}
        for chunk in range(0, len(wanted), 500):  # within every driver's limit of bound values
            q = (
                select(m.ClearanceRow)
                .where(m.ClearanceRow.name_key.in_(wanted[chunk : chunk + 500]))
                .order_by(m.ClearanceRow.id)
            )
            for r in self.s.scalars(q):
                out.setdefault(r.name_key, []).append(_clearance(r))
        return out

    def purge_expired_before(self, before: date, at: datetime, limit: int) -> int:
        """Delete records whose check expired before ``before`` and that nobody changed since (at most ``limit``)."""
        ids = list(
            self.s.scalars(
                select(m.ClearanceRow.id)
                .where(m.ClearanceRow.expires_on.is_not(None))
                .where(m.ClearanceRow.expires_on < before)
                .where(m.ClearanceRow.updated_at < at)
                .limit(limit)
            )
        )
        if ids:
            self.s.execute(delete(m.ClearanceRow).where(m.ClearanceRow.id.in_(ids)))
        return len(ids)
