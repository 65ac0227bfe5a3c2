"""Staff on the roll: the school's staff list, their sign-in and sign-out at the kiosk, and the roll call.

- The administrator imports the staff list from CSV (``STAFF_COLUMNS``: the common school information
  system exports' headers), gives each member a staff card (a QR code, ``kiosk.domain.staffroll``) and,
  if they want one, a kiosk PIN under the staff accounts' PIN rules (``StaffService._check_pin``).
- At the kiosk a card scan, or a name and PIN, signs the member in or out (a toggle). It is not a visit:
  no screening against the bans (the school checks its own staff), no badge. A wrong PIN counts toward a
  lock-out exactly as a console PIN does (five wrong, then 15 minutes, an hour, a day).
- The fire roll (``roll_lines``) lists staff and visitors on site; a roll call (``start_roll_call``)
  copies it, and each person is ticked as they reach the assembly point; who is missing prints.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from kiosk.domain.documents import RollCallSheet, RosterLine, StaffCard, StaffLine
from kiosk.domain.errors import AccountLocked, InvalidInput, NotFound
from kiosk.domain.events import Change
from kiosk.domain.expected import name_key
from kiosk.domain.model import Actor, PersonType, Role, VisitStatus
from kiosk.domain.permissions import Action, require, require_any
from kiosk.domain.spreadsheet import csv_text
from kiosk.domain.staffroll import (
    CARD_PREFIX,
    PresenceEnd,
    RollCall,
    RollCallEntry,
    RollGroup,
    RollMember,
    StaffPresence,
    StaffToggle,
    is_card_token,
    new_card_token,
)
from kiosk.services.clearance import door_check_for
from kiosk.services.common import (
    Deps,
    audit,
    audit_actor,
    clean_name,
    clean_text,
    school_day_start,
    stored_id,
)
from kiosk.services.listcsv import Column, read_rows
from kiosk.services.ports import UnitOfWork
from kiosk.services.staff import (
    LOCKOUTS,
    MAX_FAILED_ATTEMPTS,
    StaffService,
    _dummy_hash,
    _hasher,
    _locked_now,
    _minutes,
    _verify,
)

# The documented column mapping of a staff list export (docs/staff-roll.md).
STAFF_COLUMNS: tuple[Column, ...] = (
    Column(
        "first_name",
        (
            "first name",
            "preferred forename",
            "preferred first name",
            "forename",
            "given name",
            "legal forename",
            "legal first name",
            "firstname",
        ),
        True,
    ),
    Column(
        "last_name",
        (
            "surname",
            "preferred surname",
            "preferred last name",
            "last name",
            "family name",
            "legal surname",
            "legal last name",
        ),
        True,
    ),
    Column("job_title", ("job title", "role", "post", "position", "staff role", "title of post")),
    Column("department", ("department", "team", "faculty", "subject")),
    Column(
        "reference",
        ("staff code", "staff id", "staff number", "employee number", "payroll number", "mis id", "initials"),
    ),
)


class StaffCardRenderer(Protocol):
    """Lays out staff cards and the roll call's missing list as PDF bytes (kiosk.printing.staffcards)."""

    def render_staff_cards(self, cards: Sequence[StaffCard]) -> bytes: ...
    def render_roll_call(self, sheet: RollCallSheet) -> bytes: ...


@dataclass(frozen=True)
class RollCallView:
    """A roll call and its people, staff first, each ticked or not."""

    roll_call: RollCall
    entries: tuple[RollCallEntry, ...]

    @property
    def missing(self) -> list[RollCallEntry]:
        return [e for e in self.entries if not e.present]

    @property
    def present(self) -> list[RollCallEntry]:
        return [e for e in self.entries if e.present]


def clearance_word(
    uow: UnitOfWork, first: str, last: str, person_type: PersonType, org: str, today: date
) -> str:
    """ "Cleared" or "Must be escorted" for a checked type (the central record), "" for the others."""
    check = door_check_for(uow, first, last, person_type, org, today)
    return check.state.value if check is not None else ""


def roll_lines(
    uow: UnitOfWork, site_id: int | None, now: datetime, day_start: datetime, zone: ZoneInfo, today: date
) -> tuple[list[StaffLine], list[RosterLine], list[tuple[str, int]], datetime | None]:
    """Who is on site now: (staff, visitors, their audit references, the day's last change in local time).

    Visitors carry the central record's word; a visit begun before the school day is not on the roll.
    """
    from kiosk.services.reports import roster_line  # the fire roll's own line, shared

    now_local = now.astimezone(zone)
    staff: list[StaffLine] = []
    refs: list[tuple[str, int]] = []
    changes: list[datetime] = []
    for presence, member in uow.staff_roll.on_site(site_id):
        if presence.signed_in_at < day_start:
            continue
        staff.append(StaffLine(member.full_name, member.job_title, presence.signed_in_at.astimezone(zone)))
        refs.append(("staff", stored_id(member)))
        changes.append(presence.signed_in_at)
    visitors: list[RosterLine] = []
    for visit in uow.visits.with_status([VisitStatus.ON_SITE], site_id):
        if visit.signed_in_at < day_start:
            continue
        person = uow.people.get(visit.person_id)
        line = roster_line(visit, person, now_local)
        first, last = (person.first_name, person.last_name) if person else (visit.name_as_typed, "")
        word = clearance_word(uow, first, last, visit.person_type, visit.organisation, today)
        visitors.append(replace(line, clearance=word))
        refs.append(("visit", stored_id(visit)))
        changes.append(visit.signed_in_at)
    for visit in uow.visits.between(day_start, now + timedelta(minutes=1), site_id):
        if visit.signed_out_at is not None:
            changes.append(visit.signed_out_at)
    staff_out = uow.staff_roll.last_sign_out_since(day_start, site_id)
    if staff_out is not None:
        changes.append(staff_out)
    last_change = max(changes).astimezone(zone) if changes else None
    return staff, visitors, refs, last_change


@dataclass
class StaffRollService:
    """The staff on the roll: the list (administrator), sign-in and out at the kiosk, and the roll call."""

    deps: Deps
    staff: StaffService  # the PIN rules
    renderer: StaffCardRenderer | None = None  # loaded on first use (the kiosk never prints cards)
    school_name: str = ""
    site_name: str = ""
    site_id: int | None = None  # this program's site; None: every site
    night_cutoff: time = time(3, 0)

    # ------------------------------------------------------------------ the list

    def members(self, actor: Actor) -> builtins.list[RollMember]:
        """Everyone on the roll, by surname (the administrator; reception sees the roll too)."""
        require_any(actor, Action.STAFF_ROLL, Action.FRONT_DESK, doing="see the staff roll")
        with self.deps.uow.readonly() as uow:
            return uow.staff_roll.list()

    def _validated(self, member: RollMember) -> RollMember:
        return replace(
            member,
            first_name=clean_name(member.first_name, "first name"),
            last_name=clean_name(member.last_name, "surname"),
            job_title=clean_text(member.job_title, "job title", limit=200),
            department=clean_text(member.department, "department", limit=200),
            reference=clean_text(member.reference, "staff code", limit=64),
        )

    def add(self, actor: Actor, first_name: str, last_name: str, job_title: str = "") -> RollMember:
        """Put one member of staff on the roll, with a new staff card."""
        require(actor, Action.STAFF_ROLL)
        member = self._validated(
            RollMember(None, first_name, last_name, job_title, card_token=new_card_token())
        )
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            member = uow.staff_roll.add(member, now)
            audit(uow, now, actor, "staff added to the roll", "staff_roll", stored_id(member))
            uow.commit()
        self.deps.notify(Change.STAFF_CHANGED, actor=actor)
        return member

    def import_csv(self, actor: Actor, text: str, source: str = "the file") -> tuple[int, int]:
        """Import the staff list: (added, updated). A bad row imports nothing.

        A row matches a member by its staff code when it has one, else by name (when exactly one member
        has it); a match is updated (its card and PIN stay), anything else is added with a new card.
        """
        require(actor, Action.STAFF_ROLL)
        rows = read_rows(text, STAFF_COLUMNS, source)
        checked: list[RollMember] = []
        for line, row in rows:
            try:
                checked.append(
                    self._validated(
                        RollMember(
                            None,
                            row.get("first_name", ""),
                            row.get("last_name", ""),
                            row.get("job_title", ""),
                            row.get("department", ""),
                            row.get("reference", ""),
                        )
                    )
                )
            except InvalidInput as exc:
                raise InvalidInput(f"{source}, line {line}: {exc}") from None
        now = self.deps.clock.now()
        added: list[int] = []
        updated: list[int] = []
        with self.deps.uow() as uow:
            for m in checked:
                same = uow.staff_roll.by_reference(m.reference) if m.reference else None
                if same is None:
                    named = uow.staff_roll.by_name(name_key(m.first_name, m.last_name))
                    same = named[0] if len(named) == 1 and not (m.reference and named[0].reference) else None
                if same is not None:
                    uow.staff_roll.update(
                        replace(
                            same,
                            first_name=m.first_name,
                            last_name=m.last_name,
                            job_title=m.job_title or same.job_title,
                            department=m.department or same.department,
                            reference=m.reference or same.reference,
                            active=True,
                        )
                    )
                    updated.append(stored_id(same))
                else:
                    added.append(stored_id(uow.staff_roll.add(replace(m, card_token=new_card_token()), now)))
            if added or updated:
                audit(
                    uow,
                    now,
                    actor,
                    "staff roll imported",
                    "staff_roll",
                    *(added + updated)[:1000],
                    detail=f"{len(added)} added, {len(updated)} updated from {source[:100]}",
                )
            uow.commit()
        if added or updated:
            self.deps.notify(Change.STAFF_CHANGED, actor=actor)
        return len(added), len(updated)

    def export_csv(self, actor: Actor) -> str:
        """The roll as CSV in the import's columns (audited); no card codes or PINs."""
        require(actor, Action.STAFF_ROLL)
        with self.deps.uow() as uow:
            members = uow.staff_roll.list()
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "staff roll exported",
                "staff_roll",
                *[stored_id(m) for m in members][:1000],
            )
            uow.commit()
        return csv_text(
            ("first name", "surname", "job title", "department", "staff code", "kiosk PIN", "active"),
            (
                (
                    m.first_name,
                    m.last_name,
                    m.job_title,
                    m.department,
                    m.reference,
                    "yes" if m.has_pin else "no",
                    "yes" if m.active else "no",
                )
                for m in members
            ),
        )

    def _change(
        self, actor: Actor, member_id: int, what: str, change: Callable[[RollMember], RollMember]
    ) -> None:
        require(actor, Action.STAFF_ROLL)
        with self.deps.uow() as uow:
            member = uow.staff_roll.get(member_id)
            if member is None:
                raise NotFound("That member of staff is no longer on the roll.")
            uow.staff_roll.update(change(member))
            audit(uow, self.deps.clock.now(), actor, what, "staff_roll", member_id)
            uow.commit()
        self.deps.notify(Change.STAFF_CHANGED, actor=actor)

    def pin_rules(self) -> str:
        return self.staff.pin_rules(Role.RECEPTIONIST)

    def set_pin(self, actor: Actor, member_id: int, pin: str) -> None:
        """Give a member a kiosk PIN (the PIN rules of a receptionist's account; a lock-out clears)."""
        require(actor, Action.STAFF_ROLL)
        pin = self.staff._check_pin(pin, Role.RECEPTIONIST)
        pin_hash = _hasher.hash(pin)
        self._change(
            actor,
            member_id,
            "staff kiosk PIN set",
            lambda m: replace(m, pin_hash=pin_hash, failed_attempts=0, locked_until=None, lockouts=0),
        )

    def clear_pin(self, actor: Actor, member_id: int) -> None:
        """Remove a member's kiosk PIN: their card alone signs them in."""
        self._change(actor, member_id, "staff kiosk PIN removed", lambda m: replace(m, pin_hash=""))

    def unlock(self, actor: Actor, member_id: int) -> None:
        self._change(
            actor,
            member_id,
            "staff lock-out cleared",
            lambda m: replace(m, failed_attempts=0, locked_until=None, lockouts=0),
        )

    def new_card(self, actor: Actor, member_id: int) -> None:
        """A lost card: a new code, and the old card stops working at once."""
        self._change(
            actor, member_id, "staff card replaced", lambda m: replace(m, card_token=new_card_token())
        )

    def set_active(self, actor: Actor, member_id: int, active: bool) -> None:
        """Take someone who has left off the roll (their card and PIN stop working), or put them back."""
        self._change(
            actor,
            member_id,
            "staff put back on the roll" if active else "staff taken off the roll",
            lambda m: replace(m, active=active),
        )

    def cards_pdf(self, actor: Actor, member_ids: Sequence[int] | None = None) -> bytes:
        """Staff cards (a QR code each) for the chosen members, or every active one, as PDF (audited)."""
        require(actor, Action.STAFF_ROLL)
        if self.renderer is None:
            raise InvalidInput("Staff cards cannot be printed from this program.")
        with self.deps.uow() as uow:
            members = [
                m for m in uow.staff_roll.list() if m.active and (member_ids is None or m.id in member_ids)
            ]
            if not members:
                raise InvalidInput("Choose at least one member of staff on the roll.")
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "staff cards printed",
                "staff_roll",
                *[stored_id(m) for m in members][:1000],
            )
            uow.commit()
        cards = [StaffCard(m.full_name, m.job_title, self.school_name, m.card_token) for m in members]
        return self.renderer.render_staff_cards(cards)

    # ------------------------------------------------------------------ the kiosk

    def _toggle(
        self,
        uow: UnitOfWork,
        member: RollMember,
        site_id: int,
        kiosk_id: int | None,
        actor: Actor,
        how: str,
        now: datetime,
    ) -> StaffToggle:
        member_id = stored_id(member)
        open_ = uow.staff_roll.open_presence(member_id)
        day_start = school_day_start(now, self.deps.clock.zone, self.night_cutoff)
        if open_ is not None and open_.signed_in_at < day_start:
            # Yesterday's that the end-of-day job has not closed yet: closed now, and today starts afresh.
            uow.staff_roll.end_presence(stored_id(open_), now, PresenceEnd.END_OF_DAY)
            open_ = None
        if open_ is None:
            presence = uow.staff_roll.add_presence(
                StaffPresence(None, member_id, site_id, now, kiosk_id=kiosk_id, how=how)
            )
            audit(uow, now, actor, "staff signed in", "staff_presence", stored_id(presence), detail=how)
            return StaffToggle(member_id, member.full_name, True, now)
        uow.staff_roll.end_presence(stored_id(open_), now, PresenceEnd.SIGNED_OUT)
        audit(uow, now, actor, "staff signed out", "staff_presence", stored_id(open_), detail=how)
        return StaffToggle(member_id, member.full_name, False, now)

    def toggle_by_card(self, token: str, site_id: int, kiosk_id: int | None, kiosk_name: str) -> StaffToggle:
        """A staff card was scanned at the kiosk: sign its owner in, or out if they are in."""
        code = token.strip().upper()
        if not is_card_token(code) or len(code) > 64:
            raise NotFound("That card was not recognised. Please ask at reception.")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            member = uow.staff_roll.by_card(code)
            if member is None or not member.active:
                raise NotFound("That card was not recognised. Please ask at reception.")
            result = self._toggle(uow, member, site_id, kiosk_id, Actor.kiosk(kiosk_name), "card", now)
            uow.commit()
        self.deps.notify(Change.STAFF_PRESENCE, member_ids=[result.member_id])
        return result

    def toggle_by_pin(
        self, name: str, pin: str, site_id: int, kiosk_id: int | None, kiosk_name: str
    ) -> StaffToggle:
        """A name and PIN at the kiosk: sign in or out. Five wrong PINs lock the member out (as accounts)."""
        now = self.deps.clock.now()
        pin = (pin or "").strip()
        key = name_key(*_split(name))
        with self.deps.uow.readonly() as uow:
            found = [m for m in uow.staff_roll.by_name(key) if m.active and m.has_pin] if key else []
        if len(found) > 1:
            raise InvalidInput("More than one member of staff has that name: please scan your staff card.")
        member = found[0] if found else None
        locked = member is not None and member.locked_until is not None and member.locked_until > now
        # One argon2 verification whatever happens, so the time says nothing about the name.
        ok = _verify(member.pin_hash if member is not None and not locked else _dummy_hash(), pin)
        if member is None:
            raise InvalidInput("That name and PIN do not match.")
        if locked:
            assert member.locked_until is not None
            raise _locked_now(member.locked_until - now, more=True)
        actor = Actor.kiosk(kiosk_name)
        with self.deps.uow() as uow:
            current = uow.staff_roll.get(stored_id(member)) or member
            if ok:
                uow.staff_roll.update(replace(current, failed_attempts=0, locked_until=None, lockouts=0))
                result = self._toggle(uow, current, site_id, kiosk_id, actor, "PIN", now)
                uow.commit()
                self.deps.notify(Change.STAFF_PRESENCE, member_ids=[result.member_id])
                return result
            failed, lockouts, lock_for = current.failed_attempts + 1, current.lockouts, None
            if failed >= MAX_FAILED_ATTEMPTS:
                lock_for = LOCKOUTS[min(lockouts, len(LOCKOUTS) - 1)]
                lockouts, failed = lockouts + 1, 0
            uow.staff_roll.update(
                replace(
                    current,
                    failed_attempts=failed,
                    lockouts=lockouts,
                    locked_until=now + lock_for if lock_for else current.locked_until,
                )
            )
            audit(
                uow,
                now,
                actor,
                "staff locked after wrong PINs" if lock_for else "staff wrong PIN",
                "staff_roll",
                stored_id(current),
                detail=f"lock-out {lockouts} for {_minutes(lock_for)}" if lock_for else "",
            )
            uow.commit()
        if lock_for is not None:
            raise AccountLocked(
                f"Too many wrong PINs: locked for {_minutes(lock_for)}. Scan your staff card, or ask at reception."
            )
        raise InvalidInput("That name and PIN do not match.")

    # ------------------------------------------------------------------ reception

    def on_site(
        self, actor: Actor, site_id: int | None = None
    ) -> builtins.list[tuple[StaffPresence, RollMember]]:
        """Staff on site now (this school day), by surname."""
        require(actor, Action.FRONT_DESK)
        now = self.deps.clock.now()
        day_start = school_day_start(now, self.deps.clock.zone, self.night_cutoff)
        with self.deps.uow.readonly() as uow:
            return [(p, m) for p, m in uow.staff_roll.on_site(site_id) if p.signed_in_at >= day_start]

    def sign_out(self, actor: Actor, member_id: int) -> None:
        """Reception signs a member of staff out (they left without scanning)."""
        require(actor, Action.FRONT_DESK)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            open_ = uow.staff_roll.open_presence(member_id)
            if open_ is None:
                raise NotFound("That member of staff is not signed in.")
            uow.staff_roll.end_presence(stored_id(open_), now, PresenceEnd.SIGNED_OUT)
            audit(uow, now, actor, "staff signed out", "staff_presence", stored_id(open_), detail="console")
            uow.commit()
        self.deps.notify(Change.STAFF_PRESENCE, actor=actor, member_ids=[member_id])

    def end_of_day(self, actor: Actor, at: time, *, now: datetime | None = None) -> builtins.list[int]:
        """Close staff still signed in after the school's end of day (and overnight), as visits are."""
        require(actor, Action.END_OF_DAY)
        now = now or self.deps.clock.now()
        zone = self.deps.clock.zone
        local = now.astimezone(zone)
        cutoff_local = datetime.combine(local.date(), at, tzinfo=zone)
        if local < cutoff_local:
            cutoff_local -= timedelta(days=1)
        cutoff = max(cutoff_local.astimezone(UTC), school_day_start(now, zone, self.night_cutoff))
        with self.deps.uow() as uow:
            closed = uow.staff_roll.close_open_before(cutoff, now)
            if closed:
                audit(uow, now, actor, "staff closed at end of day", "staff_presence", *closed[:1000])
            uow.commit()
        if closed:
            self.deps.notify(Change.STAFF_PRESENCE, presence_ids=closed[:1000])
        return closed

    # ------------------------------------------------------------------ roll call

    def start_roll_call(self, actor: Actor) -> RollCallView:
        """Begin a roll call: everyone on site now (staff, then visitors) to tick off. Audited."""
        require(actor, Action.ROLL_CALL)
        now = self.deps.clock.now()
        zone = self.deps.clock.zone
        with self.deps.uow() as uow:
            day_start = school_day_start(now, zone, self.night_cutoff)
            staff, visitors, refs, _last = roll_lines(
                uow, self.site_id, now, day_start, zone, self.deps.clock.today()
            )
            entries: list[RollCallEntry] = []
            keys = iter(refs)
            for s in staff:
                kind, ref = next(keys)
                entries.append(RollCallEntry(None, 0, RollGroup.STAFF, f"{kind}:{ref}", s.name, s.job_title))
            for v in visitors:
                kind, ref = next(keys)
                detail = " · ".join(x for x in (v.person_type.label, v.clearance, v.organisation) if x)
                entries.append(RollCallEntry(None, 0, RollGroup.VISITORS, f"{kind}:{ref}", v.name, detail))
            rc = uow.staff_roll.add_roll_call(RollCall(None, self.site_id, now, audit_actor(actor)), entries)
            audit(
                uow,
                now,
                actor,
                "roll call started",
                "roll_call",
                stored_id(rc),
                detail=f"{len(entries)} on site",
            )
            view = RollCallView(rc, tuple(uow.staff_roll.entries(stored_id(rc))))
            uow.commit()
        self.deps.notify(Change.ROLL_CALL, actor=actor, roll_call_id=rc.id)
        return view

    def current_roll_call(self, actor: Actor) -> RollCallView | None:
        """The roll call in progress on this site (the newest not closed), if any."""
        require(actor, Action.ROLL_CALL)
        with self.deps.uow.readonly() as uow:
            rc = uow.staff_roll.latest_open_roll_call(self.site_id)
            return RollCallView(rc, tuple(uow.staff_roll.entries(stored_id(rc)))) if rc else None

    def roll_call(self, actor: Actor, roll_call_id: int) -> RollCallView:
        require(actor, Action.ROLL_CALL)
        with self.deps.uow.readonly() as uow:
            rc = uow.staff_roll.roll_call(roll_call_id)
            if rc is None:
                raise NotFound("That roll call no longer exists.")
            return RollCallView(rc, tuple(uow.staff_roll.entries(roll_call_id)))

    def tick(self, actor: Actor, roll_call_id: int, entry_id: int, present: bool) -> RollCallEntry:
        """Tick (or untick) someone seen at the assembly point. Audited; other consoles hear of it."""
        require(actor, Action.ROLL_CALL)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            rc = uow.staff_roll.roll_call(roll_call_id)
            if rc is None:
                raise NotFound("That roll call no longer exists.")
            if rc.closed_at is not None:
                raise InvalidInput("That roll call is finished: start a new one.")
            if not any(e.id == entry_id for e in uow.staff_roll.entries(roll_call_id)):
                raise NotFound("That person is not on this roll call.")
            entry = uow.staff_roll.set_tick(entry_id, now if present else None, audit_actor(actor))
            audit(
                uow,
                now,
                actor,
                "roll call ticked" if present else "roll call tick removed",
                "roll_call",
                roll_call_id,
                detail=entry.ref,
            )
            uow.commit()
        self.deps.notify(Change.ROLL_CALL, actor=actor, roll_call_id=roll_call_id)
        return entry

    def finish_roll_call(self, actor: Actor, roll_call_id: int) -> None:
        require(actor, Action.ROLL_CALL)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            if uow.staff_roll.roll_call(roll_call_id) is None:
                raise NotFound("That roll call no longer exists.")
            uow.staff_roll.close_roll_call(roll_call_id, now)
            audit(uow, now, actor, "roll call finished", "roll_call", roll_call_id)
            uow.commit()
        self.deps.notify(Change.ROLL_CALL, actor=actor, roll_call_id=roll_call_id)

    def missing_pdf(self, actor: Actor, roll_call_id: int) -> bytes:
        """Who has not been ticked, as a PDF to print or hand over (audited)."""
        view = self.roll_call(actor, roll_call_id)
        if self.renderer is None:
            raise InvalidInput("The missing list cannot be printed from this program.")
        now = self.deps.clock.now()
        zone = self.deps.clock.zone
        with self.deps.uow() as uow:
            audit(
                uow,
                now,
                actor,
                "roll call missing list made",
                "roll_call",
                roll_call_id,
                detail=f"{len(view.missing)} missing",
            )
            uow.commit()
        sheet = RollCallSheet(
            school_name=self.school_name,
            site_name=self.site_name,
            started_at=view.roll_call.started_at.astimezone(zone),
            printed_at=now.astimezone(zone),
            missing=tuple((_GROUP_LABEL[e.group], e.name, e.detail) for e in view.missing),
            present_count=len(view.present),
        )
        return self.renderer.render_roll_call(sheet)


_GROUP_LABEL = {RollGroup.STAFF: "Staff", RollGroup.VISITORS: "Visitors"}


def _split(name: str) -> tuple[str, str]:
    """A name typed in one box as (first, rest): the key folds the spacing, so "Ann  Lee" is "Ann Lee"."""
    parts = (name or "").split()
    return (parts[0], " ".join(parts[1:])) if parts else ("", "")


__all__ = ["CARD_PREFIX", "STAFF_COLUMNS", "RollCallView", "StaffRollService", "roll_lines"]
