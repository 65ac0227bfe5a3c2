"""SQL for data protection: the retention purge (a batch at a time), erasing one person, reading the chain.

Each ``purge_*`` method deletes (or, for photos, blanks) at most ``limit`` rows that are past their
time and returns how many it changed; the service calls it again in a fresh transaction until it
returns fewer than ``limit``. What may never be purged (an active or draft ban, an open case, anyone
on site now, a record still referred to from another table) is decided here, in the WHERE clauses.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    exists,
    func,
    insert,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.db import models as m
from kiosk.db.models import UTCDateTime
from kiosk.db.repositories import SCHOOL_KEY, _ack, _audit_entry, _key, _person
from kiosk.domain.model import Acknowledgement, AuditEntry, BanStatus, Person, VisitStatus
from kiosk.domain.trust import DEFAULT_SCHOOL_ID

try:  # the breach-process tables (incidents, cases, letters); absent in a build without them
    from kiosk.db import cases as c
except ImportError:  # pragma: no cover - the cases module ships with the kiosk
    c = None

# Subject access exports (migration 0006_records): a draft until a second member of staff approves it.
exports_metadata = MetaData()
exports_table = Table(
    "subject_access_exports",
    exports_metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("made_by", String(200), nullable=False),
    Column("made_at", UTCDateTime, nullable=False),
    Column("approved_by", String(200), nullable=True),
    Column("approved_at", UTCDateTime, nullable=True),
    Column("data", Text, nullable=False),
)

_OPEN_VISIT = (VisitStatus.ON_SITE.value, VisitStatus.HELD.value)
_BAN_IN_FORCE = (BanStatus.ACTIVE.value, BanStatus.DRAFT.value)
_BAN_ENDED = (BanStatus.LIFTED.value, BanStatus.EXPIRED.value)
ERASED = "erased"


def _referrers(table_name: str) -> list:
    """Every (table, column) with a foreign key to ``table_name``.id, including tables added later."""
    out = []
    for table in m.Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == table_name and fk.column.name == "id":
                out.append((table, fk.parent))
    return out


def _unreferenced(target: Table, ignore: tuple[str, ...] = ()):
    """A condition: no row of any other table points at this row (so deleting it breaks nothing)."""
    conds = [
        not_(exists().where(col == target.c.id))
        for table, col in _referrers(target.name)
        if table.name not in ignore
    ]
    return and_(*conds) if conds else True


def _ban_ended_before(before: datetime):
    b = m.BanRow.__table__
    # An expired ban ended on its end date; a lifted one when it was lifted (its last change).
    return or_(
        and_(b.c.status == BanStatus.EXPIRED.value, b.c.end.is_not(None), b.c.end < before.date()),
        and_(b.c.status == BanStatus.LIFTED.value, b.c.updated_at < before),
    )


class SqlPrivacyRepository:
    """Retention purge, erasure and audit-chain reads on one session (one unit of work)."""

    def __init__(self, session: Session, records=None, anchor_pending: list | None = None):
        self.s = session
        self.records = records
        self._pending = anchor_pending if anchor_pending is not None else []

    # ------------------------------------------------------------------ helpers

    def _ids(self, q) -> list[int]:
        return list(self.s.scalars(q))

    def _delete(self, table: Table, ids: list[int]) -> int:
        if ids:
            self.s.execute(delete(table).where(table.c.id.in_(ids)))
        return len(ids)

    def has_cases(self) -> bool:
        """Whether this build has the breach-process tables (incidents, cases, letters)."""
        return c is not None

    # ------------------------------------------------------------------ purge, one batch each

    def purge_ended_dismissals(self, before: datetime, limit: int) -> int:
        """ "Not the same person" decisions that expired or were revoked before the cut-off."""
        d = m.DismissedMatchRow.__table__
        ended = or_(
            and_(d.c.revoked_at.is_not(None), d.c.revoked_at < before),
            and_(d.c.revoked_at.is_(None), d.c.expires_at < before),
        )
        return self._delete(d, self._ids(select(d.c.id).where(ended).order_by(d.c.id).limit(limit)))

    def purge_alerts(self, before: datetime, limit: int) -> int:
        """Decided alerts raised before the cut-off whose ban is no longer active or waiting."""
        a, b = m.AlertRow.__table__, m.BanRow.__table__
        in_force = exists().where(b.c.id == a.c.ban_id, b.c.status.in_(_BAN_IN_FORCE))
        q = (
            select(a.c.id)
            .where(a.c.raised_at < before, a.c.decision.is_not(None), not_(in_force), _unreferenced(a))
            .order_by(a.c.id)
            .limit(limit)
        )
        return self._delete(a, self._ids(q))

    def purge_acknowledgements(self, before: datetime, limit: int) -> int:
        """Acknowledgements (with their signatures) given before the cut-off."""
        k = m.AcknowledgementRow.__table__
        q = select(k.c.id).where(k.c.acknowledged_at < before, _unreferenced(k)).order_by(k.c.id).limit(limit)
        return self._delete(k, self._ids(q))

    def purge_visits(self, before: datetime, limit: int) -> int:
        """Visits signed in before the cut-off, not open, and no longer referred to (e.g. by a kept alert)."""
        v = m.VisitRow.__table__
        q = (
            select(v.c.id)
            .where(v.c.signed_in_at < before, v.c.status.not_in(_OPEN_VISIT), _unreferenced(v))
            .order_by(v.c.id)
            .limit(limit)
        )
        return self._delete(v, self._ids(q))

    def clear_ban_photos(self, before: datetime, limit: int) -> int:
        """Blank the photo of lifted or expired bans that ended before the cut-off."""
        b = m.BanRow.__table__
        ids = self._ids(
            select(b.c.id)
            .where(b.c.photo.is_not(None), _ban_ended_before(before))
            .order_by(b.c.id)
            .limit(limit)
        )
        if ids:
            # Not through the ban repository: an ended ban does not screen, and its updated_at (the
            # date a lifted ban ended) must not move.
            self.s.execute(update(b).where(b.c.id.in_(ids)).values(photo=None))
        return len(ids)

    def purge_ended_bans(self, before: datetime, limit: int) -> int:
        """Lifted or expired bans that ended before the cut-off, with their alerts and dismissed matches.

        A ban still linked to a case that is not closed is kept, as is one referred to from any table
        this module does not know about.
        """
        b = m.BanRow.__table__
        owned = {"alerts", "dismissed_matches", "case_bans"}
        cond = [b.c.status.in_(_BAN_ENDED), _ban_ended_before(before), _unreferenced(b, ignore=tuple(owned))]
        if c is not None:
            cb, cs = c.CaseBanRow.__table__, c.CaseRow.__table__
            cond.append(
                not_(
                    exists().where(
                        cb.c.ban_id == b.c.id,
                        cs.c.id == cb.c.case_id,
                        cs.c.stage != c.CaseStage.CLOSED.value,
                    )
                )
            )
        ids = self._ids(select(b.c.id).where(*cond).order_by(b.c.id).limit(limit))
        if not ids:
            return 0
        for table, col in _referrers("bans"):
            if table.name in owned:
                self.s.execute(delete(table).where(col.in_(ids)))
        return self._delete(b, ids)

    def purge_draft_bans(self, before: datetime, limit: int) -> int:
        """Draft bans never approved, last changed before the cut-off, that nothing refers to."""
        b = m.BanRow.__table__
        q = (
            select(b.c.id)
            .where(b.c.status == BanStatus.DRAFT.value, b.c.updated_at < before, _unreferenced(b))
            .order_by(b.c.id)
            .limit(limit)
        )
        return self._delete(b, self._ids(q))

    def purge_sent_outbox(self, before: datetime, limit: int) -> int:
        """Outbox messages sent before the cut-off."""
        o = m.OutboxRow.__table__
        q = select(o.c.id).where(o.c.sent_at.is_not(None), o.c.sent_at < before).order_by(o.c.id).limit(limit)
        return self._delete(o, self._ids(q))

    def purge_letters(self, before: datetime, limit: int) -> int:
        """Letters written before the cut-off, of cases that are closed."""
        if c is None:
            return 0
        lt, cs = c.CaseLetterRow.__table__, c.CaseRow.__table__
        closed = exists().where(cs.c.id == lt.c.case_id, cs.c.stage == c.CaseStage.CLOSED.value)
        q = select(lt.c.id).where(lt.c.created_at < before, closed).order_by(lt.c.id).limit(limit)
        return self._delete(lt, self._ids(q))

    def purge_cases(self, before: datetime, limit: int) -> int:
        """Closed cases (closed before the cut-off) with their incident, steps, letters and attachments;
        and incidents that never became a case and happened before the cut-off.

        A closed case whose ban is still active or waiting is kept with it. An open case is never touched.
        """
        if c is None:
            return 0
        cs, st, lt, cb = (
            c.CaseRow.__table__,
            c.CaseStepRow.__table__,
            c.CaseLetterRow.__table__,
            c.CaseBanRow.__table__,
        )
        inc, att, b = c.IncidentRow.__table__, c.IncidentAttachmentRow.__table__, m.BanRow.__table__
        ban_in_force = exists().where(
            cb.c.case_id == cs.c.id, b.c.id == cb.c.ban_id, b.c.status.in_(_BAN_IN_FORCE)
        )
        case_ids = self._ids(
            select(cs.c.id)
            .where(
                cs.c.stage == c.CaseStage.CLOSED.value,
                cs.c.closed_at.is_not(None),
                cs.c.closed_at < before,
                not_(ban_in_force),
            )
            .order_by(cs.c.id)
            .limit(limit)
        )
        incident_ids = []
        if case_ids:
            incident_ids = self._ids(select(cs.c.incident_id).where(cs.c.id.in_(case_ids)))
            self.s.execute(delete(lt).where(lt.c.case_id.in_(case_ids)))
            self.s.execute(delete(st).where(st.c.case_id.in_(case_ids)))
            self.s.execute(delete(cb).where(cb.c.case_id.in_(case_ids)))
            self.s.execute(delete(cs).where(cs.c.id.in_(case_ids)))
        lone = self._ids(
            select(inc.c.id)
            .where(
                inc.c.occurred_on < before.date(),
                not_(exists().where(cs.c.incident_id == inc.c.id)),
                inc.c.id.not_in(incident_ids),
            )
            .order_by(inc.c.id)
            .limit(max(0, limit - len(case_ids)))
        )
        incident_ids += lone
        if incident_ids:
            self.s.execute(delete(att).where(att.c.incident_id.in_(incident_ids)))
            self.s.execute(delete(inc).where(inc.c.id.in_(incident_ids)))
        return len(case_ids) + len(lone)

    def purge_people(self, before: datetime, limit: int) -> int:
        """People first seen before the cut-off who have nothing left: no visit, acknowledgement,
        dismissed match, incident or anything else that refers to them."""
        p = m.PersonRow.__table__
        q = select(p.c.id).where(p.c.created_at < before, _unreferenced(p)).order_by(p.c.id).limit(limit)
        return self._delete(p, self._ids(q))

    # ------------------------------------------------------------------ audit log purge

    def audit_purge_plan(self, before: datetime, limit: int) -> tuple[int, str, int] | None:
        """The oldest rows written before the cut-off, as (last id, its hash, how many), or None.

        Only a prefix of the log is ever purged (every row up to an id), so the chain stays whole:
        a row written before the cut-off but after a newer row (a kiosk with a wrong clock) waits.
        """
        a = m.AuditLogRow.__table__
        mine = a.c.school_id == self._chain()  # a prefix of this school's own chain
        first_kept = self.s.scalar(select(func.min(a.c.id)).where(a.c.at >= before, mine))
        q = select(a.c.id, a.c.row_hash).where(mine).order_by(a.c.id).limit(limit)
        if first_kept is not None:
            q = q.where(a.c.id < first_kept)
        rows = self.s.execute(q).all()
        if not rows:
            return None
        return rows[-1][0], rows[-1][1], len(rows)

    def delete_audit_through(self, through_id: int) -> int:
        """Delete every audit row up to and including an id (after its checkpoint was written)."""
        a = m.AuditLogRow.__table__
        q = delete(a).where(a.c.id <= through_id, a.c.school_id == self._chain())
        return self.s.execute(q).rowcount or 0

    def _chain(self) -> int:
        """This unit of work's school: whose audit chain it purges (a single school's: school 1)."""
        return int(self.s.info.get(SCHOOL_KEY) or DEFAULT_SCHOOL_ID)

    def audit_schools(self) -> list[int]:
        """The schools with audit rows this connection can read (one chain each)."""
        a = m.AuditLogRow.__table__
        return list(self.s.scalars(select(a.c.school_id).distinct().order_by(a.c.school_id)))

    def audit_heads(self) -> list[tuple[int, int, str]]:
        """Each readable chain's head: (school, newest row id, its hash), by school."""
        a = m.AuditLogRow.__table__
        newest = select(a.c.school_id, func.max(a.c.id).label("id")).group_by(a.c.school_id).subquery()
        rows = self.s.execute(
            select(a.c.school_id, a.c.id, a.c.row_hash)
            .join(newest, newest.c.id == a.c.id)
            .order_by(a.c.school_id)
        ).all()
        return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]

    def latest_checkpoint(self, action: str, school_id: int | None = None) -> AuditEntry | None:
        """The newest audit row with this action (the checkpoint that anchors the chain), of a school's
        chain when ``school_id`` is given."""
        q = select(m.AuditLogRow).where(m.AuditLogRow.action == action)
        if school_id is not None:
            q = q.where(m.AuditLogRow.school_id == school_id)
        row = self.s.scalar(q.order_by(m.AuditLogRow.id.desc()).limit(1))
        return _audit_entry(row) if row else None

    def audit_chain(self, page: int = 1000, school_id: int | None = None) -> Iterator[AuditEntry]:
        """Every audit row (of one school's chain when ``school_id`` is given), oldest first, a page at a time."""
        after = None
        while True:
            q = select(m.AuditLogRow).order_by(m.AuditLogRow.id).limit(page)
            if school_id is not None:
                q = q.where(m.AuditLogRow.school_id == school_id)
            if after is not None:
                q = q.where(m.AuditLogRow.id > after)
            rows = list(self.s.scalars(q))
            if not rows:
                return
            for r in rows:
                yield _audit_entry(r)
            after = rows[-1].id
            self.s.expunge_all()

    # ------------------------------------------------------------------ once a day

    def claim_run(self, key: str, now: datetime, not_if_after: datetime) -> bool:
        """Record that a daily job runs now, unless one ran after ``not_if_after``; True when claimed.

        Several kiosks start each morning: the row lock (PostgreSQL) or the write lock (SQLite) lets
        exactly one of them claim the day's run.
        """
        row = self.s.scalar(select(m.MetaRow).where(m.MetaRow.key == key).with_for_update())
        if row is None:
            try:
                with self.s.begin_nested():
                    self.s.add(m.MetaRow(key=key, value=now.isoformat()))
            except IntegrityError:
                return False
            return True
        try:
            last = datetime.fromisoformat(row.value)
        except ValueError:
            last = None
        if last is not None and last > not_if_after:
            return False
        row.value = now.isoformat()
        self.s.flush()
        return True

    # ------------------------------------------------------------------ subject access

    def find_people(self, name: str) -> list[Person]:
        """People whose full name (first and last, any case and spacing) is the name given."""
        key = _key(name)
        p = m.PersonRow
        q = select(p).where(func.lower(p.first_name_key + " " + p.last_name_key) == key).order_by(p.id)
        return [_person(r) for r in self.s.scalars(q)]

    def acknowledgements_for_person(self, person_id: int) -> list[Acknowledgement]:
        """Every acknowledgement a person gave, oldest first, with signatures."""
        q = (
            select(m.AcknowledgementRow)
            .where(m.AcknowledgementRow.person_id == person_id)
            .order_by(m.AcknowledgementRow.acknowledged_at, m.AcknowledgementRow.id)
        )
        return [_ack(r) for r in self.s.scalars(q)]

    def other_references(self, person_id: int) -> dict[str, int]:
        """Rows in tables outside the visitor records that refer to this person (incidents, ...)."""
        known = {"visits", "acknowledgements", "dismissed_matches"}
        out: dict[str, int] = {}
        for table, col in _referrers("people"):
            if table.name in known:
                continue
            n = self.s.scalar(select(func.count()).select_from(table).where(col == person_id)) or 0
            if n:
                out[table.name] = n
        return out

    # ------------------------------------------------------------------ erasure

    def erase_person(self, person_id: int) -> dict[str, int]:
        """Remove a visitor's personal data everywhere it is kept as visitor data; returns counts.

        The people row and visits are kept as anonymous rows (so counts and the audit trail's ids still
        make sense); signatures are removed; alerts keep only the ban's listed name (not the visitor's)
        and lose the reasons and notes that quote what the visitor typed; dismissed matches are deleted.
        Incidents and cases are not changed here: they need the head's decision.
        """
        p, v, k = m.PersonRow.__table__, m.VisitRow.__table__, m.AcknowledgementRow.__table__
        a, d = m.AlertRow.__table__, m.DismissedMatchRow.__table__
        label = f"{ERASED} {person_id}"
        self.s.execute(
            update(p)
            .where(p.c.id == person_id)
            .values(
                first_name=ERASED,
                last_name=str(person_id),
                first_name_key=ERASED,
                last_name_key=str(person_id),
                organisation="",
                phone="",
                email="",
                car_registration="",
                pass_token=None,
            )
        )
        visit_ids = self._ids(select(v.c.id).where(v.c.person_id == person_id))
        if visit_ids:
            self.s.execute(
                update(v)
                .where(v.c.id.in_(visit_ids))
                .values(
                    name_as_typed=label,
                    host="",
                    purpose="",
                    organisation="",
                    car_registration="",
                    child_name="",
                    child_class="",
                    relationship="",
                    badge_token=None,
                    badge_error="",
                )
            )
            alerts = self.s.execute(
                update(a).where(a.c.visit_id.in_(visit_ids)).values(reasons=[], note="")
            ).rowcount
        else:
            alerts = 0
        signatures = self.s.execute(
            update(k)
            .where(k.c.person_id == person_id, k.c.signature_png.is_not(None))
            .values(signature_png=None)
        ).rowcount
        dismissals = self.s.execute(delete(d).where(d.c.person_id == person_id)).rowcount
        exports = self.s.execute(delete(exports_table).where(exports_table.c.person_id == person_id)).rowcount
        self.s.expire_all()
        return {
            "people": 1,
            "visits": len(visit_ids),
            "signatures": signatures or 0,
            "alerts": alerts or 0,
            "dismissed matches": dismissals or 0,
            "subject access exports": exports or 0,
        }

    # ------------------------------------------------------------------ what is kept outside the database

    def audit_key(self) -> bytes | None:
        """The audit key (checked against the database's fingerprint); None for a pre-0006 log."""
        from kiosk.db.repositories import audit_key_for

        return audit_key_for(self.s, self.records)

    def anchor_lines(self) -> list:
        """The audit chain's anchor, every line in the order written (file or insert-only table)."""
        if self.records is None:
            return []
        return self.records.anchor_lines(self.s if self.records.is_postgres else None)

    def record_erasure(self, person_id: int, at: datetime, receipt: str) -> None:
        """Add an erasure to the log outside the database (call after the erasure has committed)."""
        if self.records is not None:
            self.records.record_erasure(person_id, at, receipt)

    def erased_person_ids(self) -> list[int]:
        """Everyone the erasure log outside the database says was erased."""
        if self.records is None:
            return []
        return sorted({r.person_id for r in self.records.erasures()})

    def records_folder(self) -> str:
        """Where the audit key, anchor and erasure log are kept (for receipts and the docs)."""
        return str(self.records.folder) if self.records is not None else ""

    # ------------------------------------------------------------------ subject access exports

    def all_people(self) -> list[Person]:
        """Every person record (for the subject access search, which screens names tolerantly)."""
        return [_person(r) for r in self.s.scalars(select(m.PersonRow).order_by(m.PersonRow.id))]

    def add_export(self, person_id: int, made_by: str, at: datetime, data: str) -> int:
        """Save a drafted export; returns its id."""
        result = self.s.execute(
            insert(exports_table)
            .values(person_id=person_id, status="draft", made_by=made_by, made_at=at, data=data)
            .returning(exports_table.c.id)
        )
        return int(result.scalar_one())

    def get_export(self, export_id: int) -> dict | None:
        row = self.s.execute(select(exports_table).where(exports_table.c.id == export_id)).first()
        return dict(row._mapping) if row else None

    def set_export_status(self, export_id: int, status: str, by: str | None, at: datetime | None) -> None:
        self.s.execute(
            update(exports_table)
            .where(exports_table.c.id == export_id)
            .values(status=status, approved_by=by, approved_at=at)
        )

    def purge_exports(self, before: datetime, limit: int) -> int:
        """Subject access exports made before the cut-off (the copy given out is the requester's)."""
        q = select(exports_table.c.id).where(exports_table.c.made_at < before).order_by(exports_table.c.id)
        return self._delete(exports_table, self._ids(q.limit(limit)))
