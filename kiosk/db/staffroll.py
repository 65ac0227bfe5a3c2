"""Repositories of staff on the roll: members, their time on site, and roll calls."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kiosk.db import models as m
from kiosk.db.repositories import stored_row
from kiosk.domain.expected import name_key
from kiosk.domain.staffroll import (
    PresenceEnd,
    RollCall,
    RollCallEntry,
    RollGroup,
    RollMember,
    StaffPresence,
)

_MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "job_title",
    "department",
    "reference",
    "card_token",
    "pin_hash",
    "active",
    "failed_attempts",
    "locked_until",
    "lockouts",
)


def _member(row: m.StaffRollRow) -> RollMember:
    return RollMember(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        job_title=row.job_title or "",
        department=row.department or "",
        reference=row.reference or "",
        card_token=row.card_token,
        pin_hash=row.pin_hash or "",
        active=bool(row.active),
        failed_attempts=row.failed_attempts or 0,
        locked_until=row.locked_until,
        lockouts=row.lockouts or 0,
        created_at=row.created_at,
    )


def _presence(row: m.StaffPresenceRow) -> StaffPresence:
    return StaffPresence(
        id=row.id,
        member_id=row.member_id,
        site_id=row.site_id,
        signed_in_at=row.signed_in_at,
        signed_out_at=row.signed_out_at,
        ended=PresenceEnd(row.ended) if row.ended else None,
        kiosk_id=row.kiosk_id,
        how=row.how or "card",
    )


def _roll_call(row: m.RollCallRow) -> RollCall:
    return RollCall(row.id, row.site_id, row.started_at, row.started_by, row.closed_at)


def _entry(row: m.RollCallEntryRow) -> RollCallEntry:
    return RollCallEntry(
        id=row.id,
        roll_call_id=row.roll_call_id,
        group=RollGroup(row.grp),
        ref=row.ref,
        name=row.name,
        detail=row.detail or "",
        ticked_at=row.ticked_at,
        ticked_by=row.ticked_by or "",
    )


class SqlStaffRollRepository:
    """Staff members, their presence on site and roll calls, over one session."""

    def __init__(self, session: Session):
        self.s = session

    # ------------------------------------------------------------ members

    def add(self, member: RollMember, at: datetime) -> RollMember:
        row = m.StaffRollRow(
            name_key=name_key(member.first_name, member.last_name),
            created_at=member.created_at or at,
            **{f: getattr(member, f) for f in _MEMBER_FIELDS},
        )
        self.s.add(row)
        self.s.flush()
        return _member(row)

    def update(self, member: RollMember) -> None:
        row = stored_row(self.s, m.StaffRollRow, member.id)
        for f in _MEMBER_FIELDS:
            setattr(row, f, getattr(member, f))
        row.name_key = name_key(member.first_name, member.last_name)
        self.s.flush()

    def get(self, member_id: int) -> RollMember | None:
        row = self.s.get(m.StaffRollRow, member_id)
        return _member(row) if row else None

    def list(self) -> builtins.list[RollMember]:
        q = select(m.StaffRollRow).order_by(
            m.StaffRollRow.last_name, m.StaffRollRow.first_name, m.StaffRollRow.id
        )
        return [_member(r) for r in self.s.scalars(q)]

    def by_name(self, key: str) -> builtins.list[RollMember]:
        q = select(m.StaffRollRow).where(m.StaffRollRow.name_key == key).order_by(m.StaffRollRow.id)
        return [_member(r) for r in self.s.scalars(q)]

    def by_reference(self, reference: str) -> RollMember | None:
        row = self.s.scalars(select(m.StaffRollRow).where(m.StaffRollRow.reference == reference)).first()
        return _member(row) if row else None

    def by_card(self, token: str) -> RollMember | None:
        row = self.s.scalars(select(m.StaffRollRow).where(m.StaffRollRow.card_token == token)).first()
        return _member(row) if row else None

    # ------------------------------------------------------------ presence

    def open_presence(self, member_id: int) -> StaffPresence | None:
        """The member's open presence, with the member's row locked (PostgreSQL; SQLite writes begin
        IMMEDIATE): two kiosks scanning one card at once take turns, so a toggle never opens two."""
        self.s.execute(select(m.StaffRollRow.id).where(m.StaffRollRow.id == member_id).with_for_update())
        q = (
            select(m.StaffPresenceRow)
            .where(m.StaffPresenceRow.member_id == member_id, m.StaffPresenceRow.signed_out_at.is_(None))
            .order_by(m.StaffPresenceRow.signed_in_at.desc())
        )
        row = self.s.scalars(q).first()
        return _presence(row) if row else None

    def add_presence(self, p: StaffPresence) -> StaffPresence:
        row = m.StaffPresenceRow(
            member_id=p.member_id,
            site_id=p.site_id,
            kiosk_id=p.kiosk_id,
            signed_in_at=p.signed_in_at,
            signed_out_at=p.signed_out_at,
            ended=p.ended.value if p.ended else "",
            how=p.how,
        )
        self.s.add(row)
        self.s.flush()
        return _presence(row)

    def end_presence(self, presence_id: int, at: datetime, ended: PresenceEnd) -> None:
        row = stored_row(self.s, m.StaffPresenceRow, presence_id)
        row.signed_out_at = at
        row.ended = ended.value
        self.s.flush()

    def on_site(self, site_id: int | None = None) -> builtins.list[tuple[StaffPresence, RollMember]]:
        """Open presences with their members, by surname."""
        q = (
            select(m.StaffPresenceRow, m.StaffRollRow)
            .join(m.StaffRollRow, m.StaffRollRow.id == m.StaffPresenceRow.member_id)
            .where(m.StaffPresenceRow.signed_out_at.is_(None))
        )
        if site_id is not None:
            q = q.where(m.StaffPresenceRow.site_id == site_id)
        q = q.order_by(m.StaffRollRow.last_name, m.StaffRollRow.first_name, m.StaffPresenceRow.id)
        return [(_presence(p), _member(r)) for p, r in self.s.execute(q).all()]

    def close_open_before(self, cutoff: datetime, at: datetime) -> builtins.list[int]:
        """End every presence begun before ``cutoff`` and still open ("closed at end of day"); their ids."""
        ids = list(
            self.s.scalars(
                select(m.StaffPresenceRow.id).where(
                    m.StaffPresenceRow.signed_out_at.is_(None), m.StaffPresenceRow.signed_in_at < cutoff
                )
            )
        )
        if ids:
            self.s.execute(
                update(m.StaffPresenceRow)
                .where(m.StaffPresenceRow.id.in_(ids))
                .values(signed_out_at=at, ended=PresenceEnd.END_OF_DAY.value)
            )
        return ids

    def last_sign_out_since(self, since: datetime, site_id: int | None = None) -> datetime | None:
        q = select(func.max(m.StaffPresenceRow.signed_out_at)).where(
            m.StaffPresenceRow.signed_out_at >= since
        )
        if site_id is not None:
            q = q.where(m.StaffPresenceRow.site_id == site_id)
        value = self.s.scalar(q)
        if value is not None and value.tzinfo is None:  # SQLite's MAX() comes back without the type's zone
            value = m.UTCDateTime().process_result_value(value, None)
        return value

    def presences_of(self, member_id: int) -> builtins.list[StaffPresence]:
        q = (
            select(m.StaffPresenceRow)
            .where(m.StaffPresenceRow.member_id == member_id)
            .order_by(m.StaffPresenceRow.signed_in_at)
        )
        return [_presence(r) for r in self.s.scalars(q)]

    def purge_presence_before(self, before: datetime, limit: int) -> int:
        """Delete closed presences that ended before ``before`` (at most ``limit``); how many went."""
        ids = list(
            self.s.scalars(
                select(m.StaffPresenceRow.id)
                .where(
                    m.StaffPresenceRow.signed_out_at.is_not(None), m.StaffPresenceRow.signed_out_at < before
                )
                .limit(limit)
            )
        )
        if ids:
            self.s.execute(delete(m.StaffPresenceRow).where(m.StaffPresenceRow.id.in_(ids)))
        return len(ids)

    # ------------------------------------------------------------ roll calls

    def add_roll_call(self, rc: RollCall, entries: Sequence[RollCallEntry]) -> RollCall:
        row = m.RollCallRow(
            site_id=rc.site_id, started_at=rc.started_at, started_by=rc.started_by, closed_at=rc.closed_at
        )
        self.s.add(row)
        self.s.flush()
        for e in entries:
            self.s.add(
                m.RollCallEntryRow(
                    roll_call_id=row.id, grp=e.group.value, ref=e.ref, name=e.name, detail=e.detail
                )
            )
        self.s.flush()
        return _roll_call(row)

    def roll_call(self, roll_call_id: int) -> RollCall | None:
        row = self.s.get(m.RollCallRow, roll_call_id)
        return _roll_call(row) if row else None

    def latest_open_roll_call(self, site_id: int | None) -> RollCall | None:
        q = select(m.RollCallRow).where(m.RollCallRow.closed_at.is_(None))
        if site_id is not None:
            q = q.where(m.RollCallRow.site_id == site_id)
        row = self.s.scalars(q.order_by(m.RollCallRow.started_at.desc(), m.RollCallRow.id.desc())).first()
        return _roll_call(row) if row else None

    def close_roll_call(self, roll_call_id: int, at: datetime) -> None:
        row = stored_row(self.s, m.RollCallRow, roll_call_id)
        row.closed_at = at
        self.s.flush()

    def entries(self, roll_call_id: int) -> builtins.list[RollCallEntry]:
        q = (
            select(m.RollCallEntryRow)
            .where(m.RollCallEntryRow.roll_call_id == roll_call_id)
            .order_by(m.RollCallEntryRow.id)
        )
        return [_entry(r) for r in self.s.scalars(q)]

    def set_tick(self, entry_id: int, at: datetime | None, by: str) -> RollCallEntry:
        row = stored_row(self.s, m.RollCallEntryRow, entry_id)
        row.ticked_at = at
        row.ticked_by = by if at is not None else ""
        self.s.flush()
        return _entry(row)

    def purge_roll_calls_before(self, before: datetime, limit: int) -> int:
        ids = list(
            self.s.scalars(select(m.RollCallRow.id).where(m.RollCallRow.started_at < before).limit(limit))
        )
        if ids:
            self.s.execute(delete(m.RollCallEntryRow).where(m.RollCallEntryRow.roll_call_id.in_(ids)))
            self.s.execute(delete(m.RollCallRow).where(m.RollCallRow.id.in_(ids)))
        return len(ids)
