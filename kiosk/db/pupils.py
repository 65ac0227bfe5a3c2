"""Repositories of pupils, their collectors, the restrictions on them, and collectors held at the door."""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, defer

from kiosk.db import models as m
from kiosk.db.repositories import stored_row
from kiosk.domain.expected import name_key
from kiosk.domain.pupils import (
    CollectionHold,
    CollectionOutcome,
    Collector,
    Pupil,
    Restriction,
    RestrictionKind,
)


def _key(name: str) -> str:
    return name_key(name, "")


_PUPIL_FIELDS = (
    "first_name",
    "last_name",
    "preferred_first_name",
    "preferred_last_name",
    "reg_group",
    "year_group",
    "mis_id",
    "password_hash",
    "source",
    "updated_by",
    "updated_at",
)


class SqlPupilRepository:
    """Pupils with their collectors; restrictions on them; holds of collectors at the door."""

    def __init__(self, session: Session):
        self.s = session

    # ------------------------------------------------------------------ pupils

    def _pupil(
        self,
        row: m.PupilRow,
        collectors: builtins.list[m.PupilCollectorRow],
        photos: dict[int, bytes] | None = None,
    ) -> Pupil:
        photos = photos or {}
        held = self._with_photo([c.id for c in collectors]) if collectors else set()
        return Pupil(
            id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            preferred_first_name=row.preferred_first_name or "",
            preferred_last_name=row.preferred_last_name or "",
            reg_group=row.reg_group or "",
            year_group=row.year_group or "",
            mis_id=row.mis_id or "",
            password_hash=row.password_hash or "",
            collectors=tuple(
                Collector(
                    c.id,
                    c.name,
                    c.relationship or "",
                    photos.get(c.id),
                    c.priority or 0,
                    has_photo=c.id in held,
                )
                for c in sorted(collectors, key=lambda c: (c.priority or 99, c.id))
            ),
            source=row.source or "",
            updated_by=row.updated_by,
            updated_at=row.updated_at,
        )

    def _collectors_of(self, ids: builtins.list[int]) -> dict[int, builtins.list[m.PupilCollectorRow]]:
        """The collector rows of these pupils, without their photos (a whole roll's would be hundreds of MB)."""
        out: dict[int, builtins.list[m.PupilCollectorRow]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            q = (
                select(m.PupilCollectorRow)
                .options(defer(m.PupilCollectorRow.photo))
                .where(m.PupilCollectorRow.pupil_id.in_(chunk))
            )
            for c in self.s.scalars(q):
                out[c.pupil_id].append(c)
        return out

    def _with_photo(self, collector_ids: builtins.list[int]) -> set[int]:
        q = select(m.PupilCollectorRow.id).where(
            m.PupilCollectorRow.id.in_(collector_ids), m.PupilCollectorRow.photo.is_not(None)
        )
        return set(self.s.scalars(q))

    def _photos(self, collector_ids: builtins.list[int]) -> dict[int, bytes]:
        q = select(m.PupilCollectorRow.id, m.PupilCollectorRow.photo).where(
            m.PupilCollectorRow.id.in_(collector_ids), m.PupilCollectorRow.photo.is_not(None)
        )
        return {i: photo for i, photo in self.s.execute(q) if photo is not None}

    def _set_collectors(
        self, pupil_id: int, collectors: tuple[Collector, ...], *, new: bool = False
    ) -> builtins.list[m.PupilCollectorRow]:
        kept: dict[int, bytes] = {}
        if not new:
            # A collector saved without its bytes but "has a photo" (from a list) keeps the photo held.
            ids = [c.id for c in collectors if c.id is not None and c.photo is None and c.has_photo]
            kept = self._photos(ids) if ids else {}
            self.s.execute(delete(m.PupilCollectorRow).where(m.PupilCollectorRow.pupil_id == pupil_id))
        rows = [
            m.PupilCollectorRow(
                pupil_id=pupil_id,
                name=c.name,
                name_key=_key(c.name),
                relationship=c.relationship,
                photo=c.photo if c.photo is not None else kept.get(c.id) if c.id is not None else None,
                priority=c.priority or i + 1,
            )
            for i, c in enumerate(collectors)
        ]
        self.s.add_all(rows)
        return rows

    def add(self, p: Pupil) -> Pupil:
        row = m.PupilRow(
            name_key=name_key(p.first_name, p.last_name), **{f: getattr(p, f) for f in _PUPIL_FIELDS}
        )
        self.s.add(row)
        self.s.flush()
        collectors = self._set_collectors(row.id, p.collectors, new=True)
        self.s.flush()
        return Pupil(
            **{
                **{f: getattr(p, f) for f in Pupil.__slots__},
                "id": row.id,
                "collectors": tuple(
                    Collector(c.id, c.name, c.relationship, c.photo, c.priority) for c in collectors
                ),
            }
        )

    def update(self, p: Pupil) -> None:
        row = stored_row(self.s, m.PupilRow, p.id)
        for f in _PUPIL_FIELDS:
            setattr(row, f, getattr(p, f))
        row.name_key = name_key(p.first_name, p.last_name)
        self._set_collectors(row.id, p.collectors)
        self.s.flush()

    def get(self, pupil_id: int) -> Pupil | None:
        row = self.s.get(m.PupilRow, pupil_id)
        if row is None:
            return None
        collectors = self._collectors_of([row.id])[row.id]
        return self._pupil(row, collectors, self._photos([c.id for c in collectors]))

    def delete(self, pupil_id: int) -> None:
        self.s.execute(
            delete(m.CollectionRestrictionRow).where(m.CollectionRestrictionRow.pupil_id == pupil_id)
        )
        self.s.execute(delete(m.PupilCollectorRow).where(m.PupilCollectorRow.pupil_id == pupil_id))
        self.s.execute(delete(m.PupilRow).where(m.PupilRow.id == pupil_id))

    def list(self) -> builtins.list[Pupil]:
        rows = list(
            self.s.scalars(
                select(m.PupilRow).order_by(m.PupilRow.last_name, m.PupilRow.first_name, m.PupilRow.id)
            )
        )
        collectors = self._collectors_of([r.id for r in rows])
        held: set[int] = set()
        every = [c.id for cs in collectors.values() for c in cs]
        for start in range(0, len(every), 500):
            held |= self._with_photo(every[start : start + 500])
        return [self._pupil_listed(r, collectors[r.id], held) for r in rows]

    def _pupil_listed(
        self, row: m.PupilRow, collectors: builtins.list[m.PupilCollectorRow], held: set[int]
    ) -> Pupil:
        """A pupil as lists show them: collectors without their photos' bytes (``has_photo`` says)."""
        p = self._pupil(row, [])
        return replace(
            p,
            collectors=tuple(
                Collector(c.id, c.name, c.relationship or "", None, c.priority or 0, has_photo=c.id in held)
                for c in sorted(collectors, key=lambda c: (c.priority or 99, c.id))
            ),
        )

    def by_mis_id(self, mis_id: str) -> builtins.list[Pupil]:
        ids = list(self.s.scalars(select(m.PupilRow.id).where(m.PupilRow.mis_id == mis_id)))
        return [p for p in (self.get(i) for i in ids) if p is not None]

    def by_name(self, key: str) -> builtins.list[Pupil]:
        ids = list(
            self.s.scalars(select(m.PupilRow.id).where(m.PupilRow.name_key == key).order_by(m.PupilRow.id))
        )
        return [p for p in (self.get(i) for i in ids) if p is not None]

    def revision(self) -> tuple[int, str, int]:
        """Changes whenever a pupil, a collector or a restriction is added, changed or removed."""
        count, latest = self.s.execute(
            select(func.count(m.PupilRow.id), func.max(m.PupilRow.updated_at))
        ).one()
        restrictions = self.s.execute(
            select(func.count(m.CollectionRestrictionRow.id), func.max(m.CollectionRestrictionRow.id))
        ).one()
        return (
            int(count or 0),
            str(latest or ""),
            int(restrictions[0] or 0) * 1_000_003 + int(restrictions[1] or 0),
        )

    def collectors_by_name(self, key: str) -> builtins.list[tuple[int, Collector]]:
        """(pupil id, collector) for every collector of this name (subject access)."""
        rows = self.s.scalars(select(m.PupilCollectorRow).where(m.PupilCollectorRow.name_key == key))
        return [
            (c.pupil_id, Collector(c.id, c.name, c.relationship or "", c.photo, c.priority or 0))
            for c in rows
        ]

    def delete_collector(self, collector_id: int) -> None:
        self.s.execute(delete(m.PupilCollectorRow).where(m.PupilCollectorRow.id == collector_id))

    def purge_not_updated_since(self, before: datetime, limit: int) -> int:
        """Delete pupils nobody imported or changed since ``before`` (left the school); how many went."""
        ids = list(self.s.scalars(select(m.PupilRow.id).where(m.PupilRow.updated_at < before).limit(limit)))
        for pupil_id in ids:
            self.delete(pupil_id)
        return len(ids)

    # ------------------------------------------------------------------ restrictions

    @staticmethod
    def _restriction(row: m.CollectionRestrictionRow) -> Restriction:
        return Restriction(
            id=row.id,
            pupil_id=row.pupil_id,
            kind=RestrictionKind(row.kind),
            person_name=row.person_name,
            aliases=tuple(row.aliases or ()),
            details=row.details or "",
            expires_on=row.expires_on,
            created_by=row.created_by,
            created_at=row.created_at,
        )

    def restrictions(self, pupil_id: int | None = None) -> builtins.list[Restriction]:
        q = select(m.CollectionRestrictionRow).order_by(m.CollectionRestrictionRow.id)
        if pupil_id is not None:
            q = q.where(m.CollectionRestrictionRow.pupil_id == pupil_id)
        return [self._restriction(r) for r in self.s.scalars(q)]

    def get_restriction(self, restriction_id: int) -> Restriction | None:
        row = self.s.get(m.CollectionRestrictionRow, restriction_id)
        return self._restriction(row) if row else None

    def add_restriction(self, r: Restriction) -> Restriction:
        row = m.CollectionRestrictionRow(
            pupil_id=r.pupil_id,
            kind=r.kind.value,
            person_name=r.person_name,
            aliases=list(r.aliases),
            details=r.details,
            expires_on=r.expires_on,
            created_by=r.created_by,
            created_at=r.created_at,
        )
        self.s.add(row)
        self.s.flush()
        return self._restriction(row)

    def update_restriction(self, r: Restriction) -> None:
        row = stored_row(self.s, m.CollectionRestrictionRow, r.id)
        row.kind = r.kind.value
        row.person_name = r.person_name
        row.aliases = list(r.aliases)
        row.details = r.details
        row.expires_on = r.expires_on
        self.s.flush()

    def delete_restriction(self, restriction_id: int) -> None:
        self.s.execute(
            delete(m.CollectionRestrictionRow).where(m.CollectionRestrictionRow.id == restriction_id)
        )

    # ------------------------------------------------------------------ holds at the door

    @staticmethod
    def _hold(row: m.CollectionHoldRow) -> CollectionHold:
        return CollectionHold(
            id=row.id,
            visit_id=row.visit_id,
            outcome=CollectionOutcome(row.outcome),
            child_name=row.child_name or "",
            raised_at=row.raised_at,
            pupil_id=row.pupil_id,
            restriction_ids=tuple(int(i) for i in row.restriction_ids or ()),
        )

    def add_hold(self, h: CollectionHold) -> CollectionHold:
        row = m.CollectionHoldRow(
            visit_id=h.visit_id,
            outcome=h.outcome.value,
            child_name=h.child_name,
            pupil_id=h.pupil_id,
            restriction_ids=list(h.restriction_ids),
            raised_at=h.raised_at,
        )
        self.s.add(row)
        self.s.flush()
        return self._hold(row)

    def hold_for_visit(self, visit_id: int) -> CollectionHold | None:
        row = self.s.scalars(
            select(m.CollectionHoldRow)
            .where(m.CollectionHoldRow.visit_id == visit_id)
            .order_by(m.CollectionHoldRow.id)
        ).first()
        return self._hold(row) if row else None

    def holds_for_visits(self, visit_ids: builtins.list[int]) -> builtins.list[CollectionHold]:
        out: builtins.list[CollectionHold] = []
        for start in range(0, len(visit_ids), 500):
            chunk = visit_ids[start : start + 500]
            out += [
                self._hold(r)
                for r in self.s.scalars(
                    select(m.CollectionHoldRow).where(m.CollectionHoldRow.visit_id.in_(chunk))
                )
            ]
        return out

    def delete_holds_of_visits(self, visit_ids: builtins.list[int]) -> None:
        """Visits about to be deleted (retention, erasure): their holds go with them."""
        for start in range(0, len(visit_ids), 500):
            chunk = visit_ids[start : start + 500]
            self.s.execute(delete(m.CollectionHoldRow).where(m.CollectionHoldRow.visit_id.in_(chunk)))

    def purge_holds_before(self, before: datetime, limit: int) -> int:
        """Holds raised before ``before`` whose visit is no longer held; how many went."""
        v, h = m.VisitRow, m.CollectionHoldRow
        ids = list(
            self.s.scalars(
                select(h.id)
                .join(v, v.id == h.visit_id)
                .where(h.raised_at < before, v.status != "held")
                .order_by(h.id)
                .limit(limit)
            )
        )
        if ids:
            self.s.execute(delete(h).where(h.id.in_(ids)))
        return len(ids)
