"""The ban list and its lifecycle: draft, approve, edit, lift, expire; CSV import and export."""

from __future__ import annotations

import builtins
import csv
import io
import logging
import time
import uuid
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.domain.errors import Conflict, InvalidInput, KioskError, NotFound
from kiosk.domain.model import (
    BAN_CHANGE_FIELDS,
    BEHAVIOUR_CATEGORIES,
    Actor,
    Ban,
    BanChange,
    BanScope,
    BanStage,
    BanStatus,
    Role,
)
from kiosk.domain.permissions import ROLE_TABLE, Action, may, require, require_any
from kiosk.domain.spreadsheet import CsvWriter, guard, unguard
from kiosk.services.common import Deps, audit, clean_name, clean_text, stored_id
from kiosk.services.ports import UnitOfWork

CSV_COLUMNS = (
    "id",
    "name",
    "aliases",
    "date_of_birth",
    "categories",
    "reason",
    "start",
    "end",
    "review",
    "status",
)
MAX_ALIASES = 20
# CSV import: new bans are written in short transactions (a kiosk's sign-in waits behind one at most).
# Every row is converted to the database's own form first (prepare_staged, no lock held), so a
# transaction only hands finished rows to the driver, and commits without waiting for the disk (a bulk
# unit of work: the import's last, ordinary commit makes them durable). A transaction's size is set by
# time, not rows: it starts at IMPORT_CHUNK bans and halves or doubles (between IMPORT_CHUNK_MIN and
# IMPORT_CHUNK_MAX) so that writing its rows takes about IMPORT_HOLD_S, so a slow or busy machine
# writes smaller ones. After each the import pauses as long as it held the write lock (at least
# IMPORT_PAUSE_S), so kiosks waiting to sign someone in get their turn however busy the machine is.
# An import still pending after ABANDONED_IMPORT died part-way, and its unlisted rows are removed.
IMPORT_CHUNK = 200
IMPORT_CHUNK_MIN = 20
IMPORT_CHUNK_MAX = 2000
IMPORT_HOLD_S = 0.005
IMPORT_PAUSE_S = 0.01
# Changed bans are applied in the import's last transaction: one audit row names this many of them.
IMPORT_AUDIT_IDS = 500
ABANDONED_IMPORT = timedelta(hours=1)
log = logging.getLogger(__name__)
_REVIEWED = (BanStatus.ACTIVE, BanStatus.DRAFT)  # the bans whose review dates the list page counts


def weakening(old: Ban, new: Ban) -> tuple[str, ...]:
    """What makes ``new`` weaker than ``old``, in words (empty when it is not weaker)."""
    out = []
    if new.name.casefold() != old.name.casefold():
        out.append("name changed")
    removed = {a.casefold() for a in old.aliases} - {a.casefold() for a in new.aliases}
    if removed:
        out.append("alias removed")
    if old.end is None and new.end is not None or (old.end and new.end and new.end < old.end):
        out.append("ends earlier")
    if new.start > old.start:
        out.append("starts later")
    # A trust ban made one for some schools, or a school dropped from those a ban is for, covers less.
    if (old.scope is BanScope.TRUST and new.scope is not BanScope.TRUST) or (
        old.scope is BanScope.SCHOOLS
        and new.scope is BanScope.SCHOOLS
        and set(old.school_ids) - set(new.school_ids)
    ):
        out.append("schools removed")
    # No sites listed means every site: listing some, or dropping one listed, covers less.
    if new.site_ids and (not old.site_ids or set(old.site_ids) - set(new.site_ids)):
        out.append("sites removed")
    return tuple(out)


@dataclass
class BanService:
    """Creates and changes bans. A ban made by a safeguarding lead waits for the head's approval, and so
    does a lead's change that weakens an approved ban (``change_approvers``, the head by default)."""

    deps: Deps
    approval_required: bool = True
    change_approvers: frozenset[Role] = field(default_factory=lambda: ROLE_TABLE[Action.APPROVE_BAN_CHANGES])

    # ------------------------------------------------------------------ reading

    def list(self, actor: Actor, statuses: list[BanStatus] | None = None) -> list[Ban]:
        require(actor, Action.MANAGE_BANS)
        with self.deps.uow.readonly() as uow:
            return uow.bans.list(statuses)

    def get(self, actor: Actor, ban_id: int) -> Ban:
        require(actor, Action.MANAGE_BANS)
        with self.deps.uow() as uow:
            ban = uow.bans.get(ban_id)
            if ban is None:
                raise NotFound(f"There is no ban with id {ban_id}.")
            audit(uow, self.deps.clock.now(), actor, "ban viewed", "ban", ban_id)
            uow.commit()
        return ban

    def reviews_due(self, actor: Actor, within_days: int = 7) -> builtins.list[Ban]:
        """Active bans whose review date falls within the next days (or has passed)."""
        require(actor, Action.MANAGE_BANS)
        with self.deps.uow.readonly() as uow:
            bans = uow.bans.list([BanStatus.ACTIVE, BanStatus.DRAFT])
        return self._due(bans, within_days)

    def list_and_reviews_due(
        self, actor: Actor, statuses: builtins.list[BanStatus] | None = None, within_days: int = 7
    ) -> tuple[builtins.list[Ban], builtins.list[Ban]]:
        """The ban list page in one read: the bans of ``statuses`` (all for None), as ``list`` gives them,
        and the reviews due within the next days, as ``reviews_due`` gives them."""
        require(actor, Action.MANAGE_BANS)
        with self.deps.uow.readonly() as uow:
            bans = uow.bans.list(None)
        wanted = None if statuses is None else set(statuses)
        shown = bans if wanted is None else [b for b in bans if b.status in wanted]
        return shown, self._due([b for b in bans if b.status in _REVIEWED], within_days)

    def _due(self, bans: builtins.list[Ban], within_days: int) -> builtins.list[Ban]:
        today = self.deps.clock.today()
        return sorted(
            (b for b in bans if b.review_date and (b.review_date - today).days <= within_days),
            key=lambda b: b.review_date or date.min,
        )

    # ------------------------------------------------------------------ changing

    def approves_at_once(self, actor: Actor, scope: BanScope = BanScope.SCHOOL) -> bool:
        """Whether a ban this actor creates screens at once (the head's, or when no approval is needed;
        a trust ban or one for several schools: always, as only the trust's roles create one)."""
        if scope.is_trusts:
            return may(actor.role, Action.TRUST_BANS)
        return may(actor.role, Action.APPROVE_BANS) or not self.approval_required

    @staticmethod
    def _require_decider(actor: Actor, ban: Ban) -> None:
        """A school's ban is approved or lifted by its head; a trust ban, or one for several schools, by the
        trust's roles only."""
        require(actor, Action.TRUST_BANS if ban.scope.is_trusts else Action.APPROVE_BANS)

    def create(self, actor: Actor, ban: Ban) -> Ban:
        """Add a ban. A head's ban screens at once; a lead's waits for approval (when the setting says so)."""
        require(actor, Action.MANAGE_BANS)
        if ban.scope.is_trusts:
            require(actor, Action.TRUST_BANS)
        ban = self.validated(ban)
        approve_now = self.approves_at_once(actor, ban.scope)
        ban = replace(
            ban,
            id=None,
            created_by=actor.staff_id,
            status=BanStatus.ACTIVE if approve_now else BanStatus.DRAFT,
            approved_by=actor.staff_id if approve_now else None,
        )
        ban = self._expire_if_past(ban)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            self._require_known_schools(uow, ban)
            ban = uow.bans.add(ban)
            audit(uow, now, actor, "ban created", "ban", stored_id(ban), detail=f"status {ban.status.value}")
            uow.commit()
        self.deps.notify("bans.changed", ban_id=ban.id)
        return ban

    def edit(self, actor: Actor, ban: Ban, note: str = "") -> Ban:
        """Change a ban's details (not its status: use approve, lift).

        A change that weakens an approved ban (shorter, ended, later start or review, renamed, an alias
        or a site removed), made by someone who may not approve such changes, is not applied: it is
        recorded as the ban's pending change for the head (``approve_change`` / ``reject_change``).
        Until then the ban screens as before, and on the proposed name and aliases too. Returns the ban
        as it now stands (with ``pending_change`` set when the edit waits).
        """
        require(actor, Action.MANAGE_BANS)
        if ban.id is None:
            raise InvalidInput("A ban to edit needs its id.")
        ban = self.validated(ban)
        note = clean_text(note, "note", limit=2000)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            old = uow.bans.get(stored_id(ban))
            if old is None:
                raise NotFound(f"There is no ban with id {ban.id}.")
            trust = old.scope.is_trusts or ban.scope.is_trusts
            if trust:
                # A trust ban or one for several schools, or making one: the trust's roles only.
                require(actor, Action.TRUST_BANS)
                self._require_known_schools(uow, ban)
            weaker = weakening(old, ban) if old.status in (BanStatus.ACTIVE, BanStatus.EXPIRED) else ()
            approver = (
                may(actor.role, Action.TRUST_BANS)
                if trust
                else may(actor.role, Action.APPROVE_BAN_CHANGES, self.change_approvers)
            )
            if weaker and not approver:
                change = BanChange(
                    changes={
                        f: getattr(ban, f) for f in BAN_CHANGE_FIELDS if getattr(ban, f) != getattr(old, f)
                    },
                    weakens=weaker,
                    requested_by=actor.staff_id,
                    requested_at=now,
                    note=note,
                )
                pending = replace(old, pending_change=change)
                uow.bans.update(pending)
                audit(
                    uow,
                    now,
                    actor,
                    "ban change requested",
                    "ban",
                    stored_id(old),
                    detail="waiting for approval: " + ", ".join(weaker),
                )
                uow.commit()
                self.deps.notify("bans.changed", ban_id=old.id)
                return pending
            ban = replace(
                ban,
                status=old.status,
                approved_by=old.approved_by,
                created_by=old.created_by,
                lifted_reason=old.lifted_reason,
                pending_change=None,
            )
            if ban.status is BanStatus.EXPIRED and (ban.end is None or ban.end >= self.deps.clock.today()):
                ban = replace(ban, status=BanStatus.ACTIVE)  # extended past its end: screens again
            ban = self._expire_if_past(ban)
            uow.bans.update(ban)
            changed = [
                f.name
                for f in fields(Ban)
                if f.name != "updated_at" and getattr(old, f.name) != getattr(ban, f.name)
            ]
            audit(
                uow, now, actor, "ban edited", "ban", stored_id(ban), detail="changed: " + ", ".join(changed)
            )
            uow.commit()
        self.deps.notify("bans.changed", ban_id=ban.id)
        return ban

    def pending_changes(self, actor: Actor) -> builtins.list[Ban]:
        """Bans with a change waiting for approval, oldest request first."""
        require(actor, Action.MANAGE_BANS)
        with self.deps.uow.readonly() as uow:
            bans = [b for b in uow.bans.list() if b.pending_change is not None]
        return sorted(bans, key=lambda b: b.pending_change.requested_at if b.pending_change else b.start)

    def approve_change(self, actor: Actor, ban_id: int) -> Ban:
        """The head (or a role the settings name) approves a ban's pending change: it applies now."""
        require(actor, Action.APPROVE_BAN_CHANGES, self.change_approvers)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            old = uow.bans.get(ban_id)
            if old is None:
                raise NotFound(f"There is no ban with id {ban_id}.")
            change = old.pending_change
            if change is None:
                raise Conflict("This ban has no change waiting for approval.")
            ban = replace(old, pending_change=None, **change.changes)  # type: ignore[arg-type]
            ban = self.validated(ban)
            if ban.status is BanStatus.EXPIRED and (ban.end is None or ban.end >= self.deps.clock.today()):
                ban = replace(ban, status=BanStatus.ACTIVE)
            ban = self._expire_if_past(ban)
            uow.bans.update(ban)
            audit(uow, now, actor, "ban change approved", "ban", ban_id, detail="; ".join(change.weakens))
            uow.commit()
        self.deps.notify("bans.changed", ban_id=ban_id)
        return ban

    def reject_change(self, actor: Actor, ban_id: int, reason: str) -> Ban:
        """The head (or a role the settings name) turns a ban's pending change down: the ban stays as it is."""
        require(actor, Action.APPROVE_BAN_CHANGES, self.change_approvers)
        reason = clean_text(reason, "reason", required=True, limit=2000)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            old = uow.bans.get(ban_id)
            if old is None:
                raise NotFound(f"There is no ban with id {ban_id}.")
            if old.pending_change is None:
                raise Conflict("This ban has no change waiting for approval.")
            ban = replace(old, pending_change=None)
            uow.bans.update(ban)
            audit(uow, now, actor, "ban change rejected", "ban", ban_id)
            uow.commit()
        self.deps.notify("bans.changed", ban_id=ban_id)
        return ban

    def approve(self, actor: Actor, ban_id: int) -> Ban:
        require_any(actor, Action.APPROVE_BANS, Action.TRUST_BANS, doing=Action.APPROVE_BANS.value)
        return self._set_status(
            actor, ban_id, BanStatus.ACTIVE, "ban approved", {BanStatus.DRAFT}, approved_by=actor.staff_id
        )

    def lift(self, actor: Actor, ban_id: int, reason: str) -> Ban:
        require_any(actor, Action.APPROVE_BANS, Action.TRUST_BANS, doing=Action.APPROVE_BANS.value)
        reason = clean_text(reason, "reason for lifting the ban", required=True)
        return self._set_status(
            actor,
            ban_id,
            BanStatus.LIFTED,
            "ban lifted",
            {BanStatus.DRAFT, BanStatus.ACTIVE},
            lifted_reason=reason,
        )

    def expire_due(self, actor: Actor | None = None) -> builtins.list[int]:
        """Mark active bans whose end date has passed as expired (they already stopped screening)."""
        actor = actor or Actor.system()
        require(actor, Action.EXPIRE_BANS)
        today = self.deps.clock.today()
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            due = [b for b in uow.bans.list([BanStatus.ACTIVE]) if b.end is not None and b.end < today]
            # In a trust a school's connection may not change the trust's bans: the database says which.
            expired = uow.bans.mark_expired([stored_id(b) for b in due])
            if expired:
                audit(uow, now, actor, "bans expired", "ban", *expired)
            uow.commit()
        if expired:
            self.deps.notify("bans.changed", ban_ids=expired)
        return expired

    def _set_status(
        self,
        actor: Actor,
        ban_id: int,
        status: BanStatus,
        action: str,
        allowed: set[BanStatus],
        **changes: Any,
    ) -> Ban:
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            ban = uow.bans.get(ban_id)
            if ban is None:
                raise NotFound(f"There is no ban with id {ban_id}.")
            self._require_decider(actor, ban)
            if ban.status not in allowed:
                raise Conflict(f"This ban is {ban.status.value}; it cannot be {action.split()[-1]}.")
            ban = self._expire_if_past(replace(ban, status=status, **changes))
            uow.bans.update(ban)
            audit(uow, now, actor, action, "ban", stored_id(ban))
            uow.commit()
        self.deps.notify("bans.changed", ban_id=ban.id)
        return ban

    def schools(self, actor: Actor) -> builtins.list[tuple[int, str]]:
        """The trust's schools (id, name) a ban for several schools may name: for the trust's roles only."""
        require(actor, Action.TRUST_BANS)
        with self.deps.uow.readonly() as uow:
            return uow.bans.schools()

    @staticmethod
    def _require_known_schools(uow: UnitOfWork, ban: Ban) -> None:
        unknown = sorted(set(ban.school_ids) - set(uow.bans.known_school_ids(ban.school_ids)))
        if unknown:
            raise InvalidInput(f"There is no school with id {unknown[0]} in this trust.")

    def _expire_if_past(self, ban: Ban) -> Ban:
        if ban.status is BanStatus.ACTIVE and ban.end is not None and ban.end < self.deps.clock.today():
            return replace(ban, status=BanStatus.EXPIRED)
        return ban

    @staticmethod
    def validated(ban: Ban) -> Ban:
        """The ban with its fields cleaned; InvalidInput names the first field that cannot be accepted."""
        name = clean_name(ban.name, "name")
        aliases = tuple(a for a in (clean_text(a, "alias", limit=200) for a in ban.aliases) if a)
        if len(aliases) > MAX_ALIASES:
            raise InvalidInput(f"A ban can have at most {MAX_ALIASES} aliases.")
        unknown = [c for c in ban.categories if c not in BEHAVIOUR_CATEGORIES]
        if unknown:
            raise InvalidInput(
                f"Unknown behaviour category {unknown[0]!r}; use one from the Code of Conduct."
            )
        if ban.end is not None and ban.end < ban.start:
            raise InvalidInput("The ban's end date is before its start date.")
        if ban.review_date is not None and ban.review_date < ban.start:
            raise InvalidInput("The ban's review date is before its start date.")
        scope = BanScope(ban.scope)
        school_ids: tuple[int, ...] = ()
        if scope is BanScope.SCHOOLS:
            try:
                school_ids = tuple(sorted({int(i) for i in ban.school_ids}))
            except (TypeError, ValueError):
                raise InvalidInput("A ban's schools are given by their ids (whole numbers).") from None
            if not school_ids or min(school_ids) < 1:
                raise InvalidInput("A ban for several schools names at least one school (by its id).")
        elif ban.school_ids:
            raise InvalidInput(
                f"A ban for {'the whole trust' if scope is BanScope.TRUST else 'its school'} "
                'names no schools; choose the scope "schools" to name them.'
            )
        return replace(
            ban,
            scope=scope,
            school_ids=school_ids,
            name=name,
            aliases=aliases,
            reason=clean_text(ban.reason, "reason", limit=5000),
            incident_summary=clean_text(ban.incident_summary, "incident summary", limit=10000),
            conditions=clean_text(ban.conditions, "conditions", limit=5000),
            stage=BanStage(ban.stage),
        )

    # ------------------------------------------------------------------ CSV

    def export_csv(self, actor: Actor) -> str:
        """Every ban of any status, with its id and status; re-imports unchanged."""
        require(actor, Action.MANAGE_BANS)
        with self.deps.uow() as uow:
            bans = uow.bans.list()
            audit(uow, self.deps.clock.now(), actor, "bans exported", "ban", *[stored_id(b) for b in bans])
            uow.commit()
        writer = CsvWriter(CSV_COLUMNS)  # every text cell formula-guarded
        for b in bans:
            writer.row(
                [
                    b.id,
                    b.name,
                    ";".join(guard(a) for a in b.aliases),  # each alias, as import splits them
                    _d(b.date_of_birth),
                    ";".join(b.categories),
                    b.reason,
                    _d(b.start),
                    _d(b.end),
                    _d(b.review_date),
                    b.status.value,
                ]
            )
        return writer.text()

    def import_csv(
        self, actor: Actor, text: str, source: str = "the file", *, for_approval: bool = False
    ) -> tuple[int, int]:
        """Import bans from CSV: (created, updated). A bad row imports nothing.

        ``for_approval`` (the first-run set-up): every row is a new ban, stored as a draft that screens
        no one until the head approves it in the ban list, as a lead's new ban does; a row with an id
        is refused (there is nothing to update). Such an import needs only the right to manage bans.

        All or nothing for the ban list as screened, without holding up the kiosks: every row is checked
        first (no lock held), new bans are converted to rows (no lock held) and written a time-sized chunk at a time in short transactions,
        marked as part of a pending import so no screener sees them, and one last short transaction
        applies the changed bans and clears the mark, so the whole file takes effect at once. A
        kiosk's sign-in waits behind one chunk at most, never behind the whole file. An import that
        dies part-way leaves only unlisted rows, removed by the next import.

        Raises InvalidInput naming the source, the line and the reason.
        """
        require(actor, Action.MANAGE_BANS)
        if not for_approval:
            # Imported bans screen at once and a row with an id may end or rename an approved ban, so an
            # import is the head's decision (a lead's would sidestep both approvals).
            require(actor, Action.APPROVE_BANS)
        rows = _parse_csv(text, source)
        today = self.deps.clock.today()
        now = self.deps.clock.now()
        checked: list[tuple[int, Ban]] = []
        for line, row in rows:
            try:
                ban = self.validated(_ban_from_row(row))
            except InvalidInput as exc:
                raise InvalidInput(f"{source}, line {line}: {exc}") from None
            if for_approval:
                if ban.id is not None:
                    raise InvalidInput(
                        f"{source}, line {line}: has an id ({ban.id}), but this import only adds new bans; "
                        "empty the id column."
                    )
                if ban.status is BanStatus.ACTIVE:
                    ban = replace(ban, status=BanStatus.DRAFT)
            elif ban.end is not None and ban.end < today:
                ban = replace(ban, status=BanStatus.EXPIRED)
            checked.append((line, ban))
        new: list[Ban] = []
        changed: list[Ban] = []
        with self.deps.uow.readonly() as uow:
            for line, ban in checked:
                if ban.id is None:
                    approver = None if ban.status is BanStatus.DRAFT else actor.staff_id
                    new.append(replace(ban, created_by=actor.staff_id, approved_by=approver))
                    continue
                old = uow.bans.get(stored_id(ban))
                if old is None:
                    raise InvalidInput(f"{source}, line {line}: there is no ban with id {ban.id} to update.")
                ban = replace(
                    ban,
                    photo=old.photo,
                    incident_summary=old.incident_summary,
                    conditions=old.conditions,
                    site_ids=old.site_ids,
                    stage=old.stage,
                    created_by=old.created_by,
                    lifted_reason=old.lifted_reason,
                    approved_by=old.approved_by if ban.status is old.status else actor.staff_id,
                )
                if ban != replace(old, updated_at=None):
                    changed.append(ban)
        if not new and not changed:
            return 0, 0
        self._discard_abandoned_imports(now)
        batch = uuid.uuid4().hex
        with self.deps.uow.readonly() as uow:
            rows = uow.bans.prepare_staged(new, batch)  # every conversion done before any write lock
        with self.deps.uow() as uow:
            uow.bans.begin_import(batch, now)
            uow.commit()
        try:
            start, size = 0, IMPORT_CHUNK
            action = "ban drafted by import" if for_approval else "ban created by import"
            while start < len(rows):
                part = rows[start : start + size]
                with self.deps.uow(bulk=True) as uow:
                    locked = time.monotonic()  # entering took the write lock (SQLite: BEGIN IMMEDIATE)
                    ids = uow.bans.add_staged(part)
                    # One audit row per chunk, naming every ban in it (a row per ban doubled the time).
                    audit(uow, now, actor, action, "ban", *ids)
                    wrote = time.monotonic() - locked
                    uow.commit()
                held = time.monotonic() - locked
                start += len(part)
                size = _next_chunk(size, wrote)
                time.sleep(max(IMPORT_PAUSE_S, held))  # a gap for the kiosks waiting to sign someone in
            with self.deps.uow() as uow:
                # The changed bans in one statement, their audit a row per IMPORT_AUDIT_IDS: a short write.
                uow.bans.update_many(changed)
                ids = [stored_id(ban) for ban in changed]
                for at in range(0, len(ids), IMPORT_AUDIT_IDS):
                    audit(uow, now, actor, "ban updated by import", "ban", *ids[at : at + IMPORT_AUDIT_IDS])
                uow.bans.finish_import(batch)
                # An ordinary, durable commit: it makes the bulk chunks before it durable too, and its
                # audit row carries the anchor past theirs.
                audit(
                    uow,
                    now,
                    actor,
                    "bans imported",
                    "ban",
                    detail=f"{len(new)} added, {len(changed)} updated",
                )
                uow.commit()
        except BaseException:
            self._discard_import(batch)
            raise
        self.deps.notify("bans.changed")
        return len(new), len(changed)

    def _discard_import(self, batch: str) -> None:
        """Remove an unfinished import's rows, a chunk at a time; a failure here is left for the next import."""
        try:
            while True:
                with self.deps.uow() as uow:
                    n = uow.bans.discard_import(batch, limit=IMPORT_CHUNK)
                    uow.commit()
                if n == 0:
                    return
        except KioskError as exc:
            log.warning("could not remove the rows of an unfinished ban import yet: %s", exc)

    def _discard_abandoned_imports(self, now: datetime) -> None:
        with self.deps.uow.readonly() as uow:
            abandoned = uow.bans.abandoned_imports(now - ABANDONED_IMPORT)
        for batch in abandoned:
            log.warning("removing the rows of a ban import that did not finish (%s)", batch[:8])
            self._discard_import(batch)


def _next_chunk(size: int, wrote_s: float) -> int:
    """The next import transaction's size, from how long this one took to write its rows."""
    if wrote_s > IMPORT_HOLD_S:
        return max(IMPORT_CHUNK_MIN, size // 2)
    if wrote_s < IMPORT_HOLD_S / 2:
        return min(IMPORT_CHUNK_MAX, size * 2)
    return size


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def decode_csv(data: bytes, source: str = "the file") -> str:
    """The text of a ban-list CSV file, for the command line and the console alike.

    UTF-8 (with or without the byte-order mark Excel writes) is read as it is; a file a Windows
    spreadsheet saved as plain "CSV" (Windows-1252) is accepted too. Anything else, or a file that is
    not text at all (an .xlsx workbook), is refused with what to do.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data or data[:4] == b"PK\x03\x04":
        raise InvalidInput(
            f"{source} is not a CSV text file (a spreadsheet workbook?); save it from the spreadsheet as 'CSV UTF-8'."
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{source} is neither UTF-8 nor Windows text; save it from the spreadsheet as 'CSV UTF-8'."
        ) from None


def _parse_csv(text: str, source: str) -> list[tuple[int, dict[str, str]]]:
    if "\x00" in text:
        raise InvalidInput(f"{source} is not a CSV text file.")
    # Universal newlines, as a file opened in text mode would give: a lone CR ends a line too.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise InvalidInput(f"{source}, line 1: the header row cannot be read ({exc}).") from None
    header = [h.strip().lower() for h in (fieldnames or [])]
    if not header or not any(header):
        raise InvalidInput(f"{source} is empty: it needs a header row with at least 'name' and 'start'.")
    missing = [c for c in ("name", "start") if c not in header]
    if missing:
        raise InvalidInput(
            f"{source}, line 1: the header has no {' or '.join(repr(c) for c in missing)} column."
        )
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        shown = unknown[0] if len(unknown[0]) <= 40 else unknown[0][:40] + "..."
        raise InvalidInput(f"{source}, line 1: unknown column {shown!r} (known: {', '.join(CSV_COLUMNS)}).")
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise InvalidInput(f"{source}, line 1: the column {repeated[0]!r} appears more than once.")
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise InvalidInput(f"{source}, line {line}: more cells than the header has columns.")
            if not any((v or "").strip() for v in row.values()):
                continue
            rows.append((line, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise InvalidInput(f"{source}, line {reader.line_num}: {exc}") from None
    return rows


def _date(row: dict[str, str], key: str, label: str) -> date | None:
    value = row.get(key, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{label} {value!r} is not a date like 2026-09-01.") from None


def _ban_from_row(row: dict[str, str]) -> Ban:
    start = _date(row, "start", "start date")
    if start is None:
        raise InvalidInput("the start date is missing.")
    ban_id = None
    if row.get("id"):
        if not row["id"].isdigit():
            raise InvalidInput(f"id {row['id']!r} is not a number.")
        ban_id = int(row["id"])
    status = BanStatus.ACTIVE
    if row.get("status"):
        try:
            status = BanStatus(row["status"].lower())
        except ValueError:
            raise InvalidInput(
                f"status {row['status']!r} is not one of {', '.join(s.value for s in BanStatus)}."
            ) from None
    categories = tuple(c.strip().lower() for c in row.get("categories", "").split(";") if c.strip())
    return Ban(
        id=ban_id,
        name=unguard(row.get("name", "")),
        start=start,
        aliases=tuple(unguard(a.strip()) for a in row.get("aliases", "").split(";") if a.strip()),
        date_of_birth=_date(row, "date_of_birth", "date of birth"),
        categories=categories,
        reason=unguard(row.get("reason", "")),
        end=_date(row, "end", "end date"),
        review_date=_date(row, "review", "review date"),
        status=status,
    )
