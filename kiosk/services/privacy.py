"""Data protection: the privacy notice, retention purge, subject access export, erasure, audit-chain check.

Every method checks the role table; exporting and erasing are audited (ids and counts, never names).
The purge runs at start-up and once a day while a program is open (kiosk.services.housekeeping), and from
`kiosk purge`; it works in batches, one transaction each, so a kiosk is never blocked for long.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, Protocol

from kiosk.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.domain.expected import ExpectedVisit, name_key
from kiosk.domain.model import Actor, Person, VisitStatus
from kiosk.domain.permissions import Action, may, require
from kiosk.domain.pupils import CollectionOutcome
from kiosk.services.audit_chain import (
    CHECKPOINT_ACTION,
    CHECKPOINT_ENTITY,
    PURGE,
    ChainReport,
    anchor_of,
    checkpoint_detail,
    digest_lines,
    digest_text,
    line_ok,
    parse_digest,
    verify_chain,
    verify_chains,
)
from kiosk.services.common import Deps, audit, audit_actor, clean_text, stored_id
from kiosk.services.ports import UnitOfWork

log = logging.getLogger(__name__)

BATCH_SIZE = 500
LAST_PURGE_KEY = "privacy.last_purge"
LAST_DIGEST_KEY = "privacy.last_digest"
EXPORT_FORMAT = "kiosk subject access export, version 1"

# Renders the export (the JSON-ready dict) as a readable PDF; kiosk.printing.person_export fits.
PersonExportRenderer = Callable[[dict[str, Any]], bytes]


class PrivacyNotice(NamedTuple):
    """The privacy notice shown at the kiosk: the short text, the full text, and their version hash."""

    short: str
    full: str
    sha256: str


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record: how long it is kept (from settings) and what that means."""

    kind: str
    setting: str  # the key in the [retention] section of kiosk.toml
    days: int
    meaning: str

    @property
    def period(self) -> str:
        """The period in words ("2 years", "3 months", "45 days")."""
        return describe_days(self.days)


@dataclass(frozen=True)
class ErasureResult:
    """What erasing a person changed, what was kept (it needs the head's decision), and what copies remain.

    ``backups_holding`` are the backups made before the erasure that still hold the person (each is
    deleted when it passes the backup retention, ``backup.keep`` copies); a restore from any of them
    erases the person again from the erasure log kept outside the database.
    """

    person_id: int
    changed: dict[str, int]
    kept: dict[str, int] = field(default_factory=dict)
    badge_files_removed: int = 0
    backups_removed: int = 0
    backups_holding: tuple[str, ...] = ()
    backups_gone_after: str = ""  # when the last of them will have been deleted, in words

    def receipt(self) -> list[str]:
        """The erasure receipt, line by line, for the person and the school's records."""
        changed = ", ".join(f"{k}: {n}" for k, n in self.changed.items())
        lines = [f"erased person {self.person_id} ({changed})"]
        lines += [
            f"kept {n} {t} record(s): removing them needs the head's decision" for t, n in self.kept.items()
        ]
        lines.append(f"badge files deleted now: {self.badge_files_removed}")
        if self.backups_removed:
            lines.append(f"backups past their retention deleted now: {self.backups_removed}")
        if self.backups_holding:
            lines.append(
                f"{len(self.backups_holding)} backup(s) made before the erasure still hold this person "
                f"({self.backups_holding[0]} to {self.backups_holding[-1]}); {self.backups_gone_after}. "
                "Restoring one erases the person again."
            )
        else:
            lines.append("no backup holds this person")
        return lines


@dataclass(frozen=True)
class SubjectMatch:
    """A record that may be about the requester: staff confirm it before anything is exported."""

    kind: str  # "person", "ban" or "incident"
    id: int
    name: str
    what: str
    why: tuple[str, ...]


class BackupCatalogue(Protocol):
    """The backups of this database (kiosk.ops.backup implements it)."""

    keep: int

    def remove_past_retention(self) -> int: ...
    def names(self) -> list[str]: ...


# Deletes the badge files (the file printer's PDFs) of visits with these badge token prefixes.
BadgeFileRemover = Callable[[list[str]], int]


# The purge steps, in the order they run (records that refer to others go first).
# (kind, setting, repository method, meaning)
_STEPS: tuple[tuple[str, str, str, str], ...] = (
    (
        "expected visits",
        "expected_visits_days",
        "expected_visits",
        "A booking (expected visitor, host, notes) is deleted this long after the day it was for.",
    ),
    (
        "single central record",
        "clearances_days",
        "clearances",
        "A line of the single central record is deleted this long after its check expired, unless it "
        "was changed since (a line with no expiry is kept until reception removes it).",
    ),
    (
        "pupils",
        "pupils_days",
        "pupils",
        "A pupil, with their collectors, family password and any court order or do-not-release note, is "
        "deleted this long after the last import or change that named them (they have left the school).",
    ),
    (
        "collectors held at the door",
        "collection_holds_days",
        "collection_holds",
        "A collector's hold at the door (the child's name as typed, and why) is deleted this long after it "
        "was raised, once reception has decided it.",
    ),
    (
        "staff attendance",
        "staff_attendance_days",
        "staff_attendance",
        "A staff member's time on site (signed in and out at the kiosk) is deleted this long after it "
        "ended; the staff member stays on the roll.",
    ),
    (
        "roll calls",
        "roll_calls_days",
        "roll_calls",
        "A roll call (who was on site, who was ticked at the assembly point) is deleted this long after "
        "it began.",
    ),
    (
        "dismissed matches",
        "ended_dismissals_days",
        "purge_ended_dismissals",
        "A 'not the same person' decision is deleted this long after it expired or was revoked.",
    ),
    (
        "alerts",
        "alerts_days",
        "purge_alerts",
        "A decided alert is deleted this long after it was raised, unless its ban is still active or "
        "waiting for approval.",
    ),
    (
        "acknowledgements and signatures",
        "acknowledgements_days",
        "purge_acknowledgements",
        "An acknowledgement of the Code of Conduct, with its signature, is deleted this long after it "
        "was given; the visitor is asked again next time.",
    ),
    (
        "visits",
        "visits_days",
        "purge_visits",
        "A visit (name as typed, host, purpose, organisation, child collected) is deleted this long "
        "after sign-in, unless it is still open or a kept alert refers to it.",
    ),
    (
        "photos",
        "ban_photos_days",
        "clear_ban_photos",
        "A lifted or expired ban's photo is removed this long after the ban ended.",
    ),
    (
        "draft bans never approved",
        "draft_bans_days",
        "purge_draft_bans",
        "A draft ban that was never approved is deleted this long after its last change (a draft never "
        "screens anyone). One linked to a case is kept with it.",
    ),
    (
        "expired or lifted bans",
        "ended_bans_days",
        "purge_ended_bans",
        "A lifted or expired ban, with its alerts and dismissed matches, is deleted this long after it "
        "ended. Active and draft bans are never purged.",
    ),
    (
        "letters",
        "letters_days",
        "purge_letters",
        "A letter of a closed case is deleted this long after it was written.",
    ),
    (
        "incidents and cases",
        "cases_days",
        "purge_cases",
        "A closed case, with its incident, steps and attachments, is deleted this long after it closed "
        "(an incident that never became a case: after it happened). Open cases are never purged.",
    ),
    (
        "people",
        "visits_days",
        "purge_people",
        "A person with nothing left (no visit, acknowledgement, dismissed match or incident) is deleted.",
    ),
    (
        "sent emails (outbox)",
        "outbox_sent_days",
        "purge_sent_outbox",
        "An alert email, once sent, is deleted from the outbox this long after it was sent.",
    ),
    (
        "subject access exports",
        "exports_days",
        "purge_exports",
        "A subject access export (the copy kept as a record of the answer) is deleted this long after "
        "it was made.",
    ),
    (
        "log files",
        "log_files_days",
        "remove_log_files",
        "A log file (and its rotated copies) is deleted this long after it was last written.",
    ),
    (
        "audit log",
        "audit_days",
        "",
        "An audit log row is deleted this long after it was written; a checkpoint row keeps the rest "
        "checkable.",
    ),
)


def describe_days(days: int) -> str:
    """A number of days in words: whole years or months when it is one, else days."""
    if days % 365 == 0:
        n, unit = days // 365, "year"
    elif days % 30 == 0:
        n, unit = days // 30, "month"
    else:
        n, unit = days, "day"
    return f"{n} {unit}{'' if n == 1 else 's'}"


def _plain(value: Any) -> Any:
    """A domain value as JSON-ready data: dataclasses to dicts, times to ISO text, bytes to base64."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _iso(value: datetime | date | None) -> str:
    return value.isoformat() if value else ""


def _may_see_safeguarding(actor: Actor) -> bool:
    return may(actor.role, Action.MANAGE_BANS)


def _may_see_cases(actor: Actor) -> bool:
    return may(actor.role, Action.CASES)


def _require_any(actor: Actor, *actions: Action, doing: str) -> None:
    if any(may(actor.role, a) for a in actions):
        return
    who = actor.role.value if actor.role else actor.name
    raise PermissionDenied(f"A {who} may not {doing}.")


@dataclass
class PrivacyService:
    """Retention, subject access, erasure and the audit log's tamper evidence."""

    deps: Deps
    retention: Any  # kiosk.config.RetentionSettings (days per kind of record)
    render_pdf: PersonExportRenderer | None = None
    notice_short: str = ""
    notice_full: str = ""
    school_name: str = ""
    batch_size: int = BATCH_SIZE
    backups: BackupCatalogue | None = None
    remove_badge_files: BadgeFileRemover | None = None
    remove_log_files: Callable[[datetime], int] | None = None  # deletes log files last written before
    # Staff of this role and above are named in a subject access export; below it, only their role.
    name_staff_from: str = "head"

    # ------------------------------------------------------------------ the privacy notice

    def privacy_notice(self) -> PrivacyNotice:
        """The notice as shown: placeholders ({school}, {visits}, ...) filled in; sha256 names the version.

        The hash covers both texts exactly as shown, so recording it says which notice a person saw.
        """
        values = {"school": self.school_name or "the school"}
        for rule in self.retention_rules():
            values[rule.setting.removesuffix("_days")] = rule.period

        def fill(text: str) -> str:
            return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)

        short, full = fill(self.notice_short), fill(self.notice_full)
        digest = hashlib.sha256((short + "\n\x00\n" + full).encode("utf-8")).hexdigest()
        return PrivacyNotice(short, full, digest)

    # ------------------------------------------------------------------ retention

    def retention_rules(self) -> list[RetentionRule]:
        """Every kind of record with its retention period and what it means, in purge order."""
        return [
            RetentionRule(kind, setting, int(getattr(self.retention, setting)), meaning)
            for kind, setting, _method, meaning in _STEPS
        ]

    def purge(self, actor: Actor, dry_run: bool = False) -> dict[str, int]:
        """Delete or anonymise every record past its retention period; returns counts per kind.

        Works in batches of ``batch_size`` rows, one transaction each. ``dry_run`` does the same work
        in one transaction and rolls it back, so the counts are exact and nothing changes. The counts
        (never names) are written to the audit log.
        """
        require(actor, Action.PURGE)
        now = self.deps.clock.now()
        counts: dict[str, int] = {}
        if dry_run:
            with self.deps.uow() as uow:
                uow._dry_run = True  # type: ignore[attr-defined]
                for step in _STEPS:
                    counts[step[0]] = self._drain(step, now, actor, uow)
                uow.rollback()
            return counts
        for step in _STEPS:
            counts[step[0]] = self._drain(step, now, actor, None)
        with self.deps.uow() as uow:
            audit(uow, self.deps.clock.now(), actor, "retention purge", "privacy", detail=json.dumps(counts))
            uow.commit()
        removed = sum(counts.values())
        if removed:
            log.info("retention purge removed %d records: %s", removed, counts)
            self.deps.notify("privacy.purged", counts=counts)
        return counts

    def _drain(
        self, step: tuple[str, str, str, str], now: datetime, actor: Actor, uow: UnitOfWork | None
    ) -> int:
        _kind, setting, _method, _meaning = step
        cutoff = now - timedelta(days=int(getattr(self.retention, setting)))
        total = 0
        while True:
            if uow is not None:
                n = self._batch(uow, step, cutoff, now, actor)
            else:
                with self.deps.uow() as u:
                    n = self._batch(u, step, cutoff, now, actor)
                    u.commit()
            total += n
            if n < self.batch_size:
                return total

    def _batch(
        self, uow: UnitOfWork, step: tuple[str, str, str, str], cutoff: datetime, now: datetime, actor: Actor
    ) -> int:
        method = step[2]
        if method == "expected_visits":
            return uow.expected.purge_before(cutoff.astimezone(self.deps.clock.zone).date(), self.batch_size)
        if method == "clearances":
            day = cutoff.astimezone(self.deps.clock.zone).date()
            return uow.clearances.purge_expired_before(day, cutoff, self.batch_size)
        if method == "pupils":
            return uow.pupils.purge_not_updated_since(cutoff, self.batch_size)
        if method == "collection_holds":
            return uow.pupils.purge_holds_before(cutoff, self.batch_size)
        if method == "staff_attendance":
            return uow.staff_roll.purge_presence_before(cutoff, self.batch_size)
        if method == "roll_calls":
            return uow.staff_roll.purge_roll_calls_before(cutoff, self.batch_size)
        if method == "remove_log_files":
            # Files, not rows: done once (not in batches), and never in a dry run's transaction.
            if self.remove_log_files is None or getattr(uow, "_dry_run", False):
                return 0
            return min(self.remove_log_files(cutoff), self.batch_size - 1)
        if method:
            return getattr(uow.privacy, method)(cutoff, self.batch_size)
        plan = uow.privacy.audit_purge_plan(cutoff, self.batch_size)
        if plan is None:
            return 0
        through_id, anchor, rows = plan
        # The checkpoint goes in first, in the same transaction: the chain is never left unanchored.
        audit(
            uow,
            now,
            actor,
            CHECKPOINT_ACTION,
            CHECKPOINT_ENTITY,
            detail=checkpoint_detail(through_id, anchor, rows),
        )
        uow.privacy.delete_audit_through(through_id)
        # A keyed purge line in the anchor: verify tells this gap from rows deleted by hand.
        uow.audit.anchor(PURGE, through_id, anchor)
        return rows

    def purge_if_due(self, actor: Actor | None = None, every: timedelta = timedelta(hours=20)) -> dict | None:
        """Run the purge unless one ran (on any kiosk of this database) within ``every``; None if not due."""
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            claimed = uow.privacy.claim_run(LAST_PURGE_KEY, now, now - every)
            uow.commit()
        if not claimed:
            return None
        return self.purge(actor or Actor.system())

    # ------------------------------------------------------------------ subject access

    def find_people(self, actor: Actor, name_or_id: str) -> list[Person]:
        """People matching an id ("42") or a full name as held ("Priya Shah"), for export or erasure."""
        _require_any(actor, Action.ADMINISTER, Action.MANAGE_BANS, Action.READ_AUDIT, doing="look people up")
        text = (name_or_id or "").strip()
        if not text:
            raise InvalidInput("Give a person's id or full name.")
        with self.deps.uow.readonly() as uow:
            if text.isdigit():
                person = uow.people.get(int(text))
                return [person] if person else []
            return uow.privacy.find_people(text)

    def find_subject_records(
        self,
        actor: Actor,
        *,
        name: str = "",
        date_of_birth: date | None = None,
        phone: str = "",
        email: str = "",
    ) -> list[SubjectMatch]:
        """Every record that may be about the requester, for staff to confirm which are theirs.

        Searches people (name with the screening engine's tolerance: nicknames, typos, swapped order;
        phone; email), bans and their aliases (name; date of birth), and incidents (the subject's name).
        Nothing is disclosed by finding it: the export holds only the person record chosen and the
        bans confirmed as the same person.
        """
        _require_any(actor, Action.ADMINISTER, Action.MANAGE_BANS, Action.READ_AUDIT, doing="look people up")
        name = (name or "").strip()
        digits = re.sub(r"\D", "", phone or "")
        email = (email or "").strip().lower()
        if not (name or date_of_birth or len(digits) >= 6 or email):
            raise InvalidInput("Give a name, a date of birth, a phone number (6 digits or more) or an email.")
        from kiosk.screening import Screener, WatchEntry

        out: list[SubjectMatch] = []
        with self.deps.uow.readonly() as uow:
            people = uow.privacy.all_people()
            bans = uow.bans.list()
            incidents = uow.cases.list_incidents() if uow.privacy.has_cases() else []
        entries = [WatchEntry(f"person:{p.id}", p.full_name) for p in people if p.first_name != "erased"]
        entries += [WatchEntry(f"ban:{b.id}", b.name, tuple(b.aliases)) for b in bans]
        entries += [WatchEntry(f"incident:{i.id}", i.subject_name) for i in incidents if i.subject_name]
        found: dict[str, list[str]] = {}
        if name and entries:
            for m in Screener(entries).screen(name):
                found.setdefault(m.entry_id, []).append(f"name: {'; '.join(m.reasons) or m.matched_name}")
        for p in people:
            if digits and len(digits) >= 6 and re.sub(r"\D", "", p.phone or "").endswith(digits[-9:]):
                found.setdefault(f"person:{p.id}", []).append("phone number")
            if email and (p.email or "").strip().lower() == email:
                found.setdefault(f"person:{p.id}", []).append("email address")
        for b in bans:
            if date_of_birth and b.date_of_birth == date_of_birth:
                found.setdefault(f"ban:{b.id}", []).append("date of birth")
        labels = {f"person:{p.id}": (p.full_name, "visitor record") for p in people}
        labels.update({f"ban:{b.id}": (b.name, f"ban ({b.status.value})") for b in bans})
        labels.update({f"incident:{i.id}": (i.subject_name, "incident subject") for i in incidents})
        for ident, why in found.items():
            kind, _, num = ident.partition(":")
            shown, what = labels.get(ident, ("", kind))
            out.append(SubjectMatch(kind, int(num), shown, what, tuple(why)))
        out.sort(key=lambda m: (m.kind != "person", m.kind, m.id))
        return out

    def export_person(
        self,
        actor: Actor,
        person_id: int | None,
        *,
        include_safeguarding: bool | None = None,
        same_person_bans: Sequence[int] = (),
    ) -> tuple[dict[str, Any], bytes]:
        """Everything held about one person, as JSON-ready data and a readable PDF, saved as a **draft**.

        The draft's id is ``data["export_id"]``; a second member of staff approves it
        (:meth:`approve_export`) before it is released (:meth:`release_export`). ``person_id`` may be
        None for someone known only from a ban (give ``same_person_bans``).

        Bans are disclosed only when they are the requester's own: linked to this person record through
        an incident and its case, or confirmed by staff as the same person (``same_person_bans``). A
        possible match with somebody else's ban (visitor Bill Hargreaves, banned William Hargreaves) is
        shown only as "a possible match was checked", never the ban. Third parties are redacted: other
        people's names, witnesses, and staff below ``name_staff_from`` (shown by role).
        Bans and incidents are included only for a safeguarding lead or the head (and the command line).
        """
        _require_any(
            actor, Action.ADMINISTER, Action.MANAGE_BANS, Action.READ_AUDIT, doing="export a person's data"
        )
        allowed = _may_see_safeguarding(actor)
        if (include_safeguarding or same_person_bans) and not allowed:
            raise PermissionDenied(
                "Only the safeguarding lead or the head may export a person's bans and cases."
            )
        if person_id is None and not same_person_bans:
            raise InvalidInput("Give the person's id, or the bans confirmed as theirs.")
        include = allowed if include_safeguarding is None else include_safeguarding
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            person = uow.people.get(person_id) if person_id is not None else None
            if person_id is not None and person is None:
                raise NotFound(f"There is no person with id {person_id}.")
            redactor = self._redactor(uow, person)
            data = self._collect(
                uow,
                person,
                actor,
                now,
                include,
                include and _may_see_cases(actor),
                tuple(same_person_bans),
                redactor,
            )
            data["status"] = "draft"
            export_id = uow.privacy.add_export(person_id or 0, audit_actor(actor), now, json.dumps(data))
            data["export_id"] = export_id
            pdf = self.render_pdf(data) if self.render_pdf is not None else b""
            ban_ids = [b["id"] for b in data.get("bans", [])]
            audit(
                uow,
                now,
                actor,
                "person data export drafted",
                "person",
                person_id or 0,
                *ban_ids,
                detail=json.dumps({"export": export_id, "safeguarding": include}),
            )
            uow.commit()
        return data, pdf

    def approve_export(self, actor: Actor, export_id: int) -> dict[str, Any]:
        """A second member of staff (not the one who drafted it) approves an export for release; audited."""
        _require_any(actor, Action.ADMINISTER, Action.APPROVE_BANS, doing="approve a subject access export")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            found = uow.privacy.get_export(export_id)
            if found is None:
                raise NotFound(f"There is no subject access export {export_id}.")
            if found["status"] != "draft":
                raise Conflict(f"Export {export_id} is already {found['status']}.")
            if found["made_by"] == audit_actor(actor):
                raise PermissionDenied("Another member of staff must review and approve this export.")
            uow.privacy.set_export_status(export_id, "approved", audit_actor(actor), now)
            audit(
                uow,
                now,
                actor,
                "person data export approved",
                "person",
                found["person_id"],
                detail=json.dumps({"export": export_id}),
            )
            uow.commit()
        return {**found, "status": "approved", "approved_by": audit_actor(actor)}

    def release_export(self, actor: Actor, export_id: int) -> tuple[dict[str, Any], bytes]:
        """An approved export, as data and PDF, to give to the requester; a draft is refused; audited."""
        _require_any(
            actor, Action.ADMINISTER, Action.MANAGE_BANS, Action.READ_AUDIT, doing="release a person's data"
        )
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            found = uow.privacy.get_export(export_id)
            if found is None:
                raise NotFound(f"There is no subject access export {export_id}.")
            if found["status"] not in ("approved", "released"):
                raise Conflict(
                    f"Export {export_id} is a draft: a second member of staff must approve it first."
                )
            data = json.loads(found["data"])
            data.update(
                status="approved",
                export_id=export_id,
                approved_by=found["approved_by"],
                approved_at=_iso(found["approved_at"]),
            )
            uow.privacy.set_export_status(export_id, "released", found["approved_by"], found["approved_at"])
            audit(
                uow,
                now,
                actor,
                "person data export released",
                "person",
                found["person_id"],
                detail=json.dumps({"export": export_id}),
            )
            uow.commit()
        pdf = self.render_pdf(data) if self.render_pdf is not None else b""
        return data, pdf

    def _redactor(self, uow: UnitOfWork, person: Person | None) -> Callable[[str], str]:
        """Takes third parties out of free text: other visitors' and staff members' names."""
        own = {p.lower() for p in ((person.first_name, person.last_name) if person else ()) if p}
        names: set[str] = set()
        for s in uow.staff.list():
            if not self._staff_named(s.role):
                names.add(s.name)
        for p in uow.privacy.all_people():
            if person is not None and p.id == person.id:
                continue
            if p.first_name != "erased" and p.last_name and p.last_name.lower() not in own:
                names.add(p.full_name)
                names.add(p.last_name)
        ordered = sorted((n for n in names if len(n.strip()) >= 3), key=len, reverse=True)
        pattern = (
            re.compile("|".join(rf"\b{re.escape(n)}\b" for n in ordered), re.IGNORECASE) if ordered else None
        )

        def redact(text: str) -> str:
            if not text or pattern is None:
                return text or ""
            return pattern.sub("[third party]", text)

        return redact

    def _staff_named(self, role: Any) -> bool:
        order = ["receptionist", "administrator", "safeguarding lead", "head"]
        value = getattr(role, "value", role)
        try:
            return order.index(value) >= order.index(self.name_staff_from)
        except ValueError:
            return False

    def _staff_label(self, uow: UnitOfWork, staff_id: int | None, cache: dict) -> str:
        if staff_id is None:
            return ""
        if staff_id not in cache:
            found = next((s for s in uow.staff.list() if s.id == staff_id), None)
            if found is None:
                cache[staff_id] = "a member of staff"
            elif self._staff_named(found.role):
                cache[staff_id] = f"{found.name} ({found.role.value})"
            else:
                cache[staff_id] = f"a {found.role.value}"
        return cache[staff_id]

    def _collect(
        self,
        uow: UnitOfWork,
        person: Person | None,
        actor: Actor,
        now: datetime,
        safeguarding: bool,
        cases: bool,
        same_person_bans: tuple[int, ...] = (),
        redact: Callable[[str], str] = lambda t: t,
    ) -> dict[str, Any]:
        site_names: dict[int, str] = {}
        kiosk_names: dict[int, str] = {}
        staff_cache: dict = {}

        def site(site_id: int) -> str:
            if site_id not in site_names:
                s = uow.sites.get(site_id)
                site_names[site_id] = s.name if s else ""
            return site_names[site_id]

        def kiosk(kiosk_id: int | None) -> str:
            if kiosk_id is None:
                return "reception"
            if kiosk_id not in kiosk_names:
                k = uow.sites.get_kiosk(kiosk_id)
                kiosk_names[kiosk_id] = k.name if k else ""
            return kiosk_names[kiosk_id]

        visits = uow.visits.for_person(person.id) if person and person.id else []
        data: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "school": self.school_name,
            "made_at": now.isoformat(),
            "made_by": audit_actor(actor),
            "time_zone": getattr(self.deps.clock.zone, "key", "UTC"),
            "includes_safeguarding_records": safeguarding,
            "person": None,
            "visits": [],
            "acknowledgements": [],
        }
        if person is not None:
            data["person"] = {
                "id": person.id,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "person_type": person.person_type.value,
                "organisation": person.organisation,
                "phone": person.phone,
                "email": person.email,
                "car_registration": person.car_registration,
                "has_visitor_pass": bool(person.pass_token),
                "first_seen": _iso(person.created_at),
            }
        for v in visits:
            row: dict[str, Any] = {
                "id": v.id,
                "site": site(v.site_id),
                "kiosk": kiosk(v.kiosk_id),
                "signed_in_at": _iso(v.signed_in_at),
                "signed_out_at": _iso(v.signed_out_at),
                "status": v.status.value,
                "name_as_typed": v.name_as_typed,
                "person_type": v.person_type.value,
                "host": v.host,
                "purpose": v.purpose,
                "organisation": v.organisation,
                "car_registration": v.car_registration,
                "child_name": v.child_name,
                "child_class": v.child_class,
                "relationship": v.relationship,
                "badge_printed": v.badge_printed,
                "policy_version_id": v.policy_version_id,
            }
            if safeguarding:
                row["screening"] = v.screening.value
            data["visits"].append(row)
        titles: dict[int, str] = {}
        for a in uow.privacy.acknowledgements_for_person(person.id) if person and person.id else []:
            if a.policy_version_id not in titles:
                p = uow.policies.get(a.policy_version_id)
                titles[a.policy_version_id] = p.title if p else ""
            data["acknowledgements"].append(
                {
                    "id": a.id,
                    "policy_version_id": a.policy_version_id,
                    "policy_title": titles[a.policy_version_id],
                    "policy_sha256": a.policy_sha256,
                    "acknowledged_at": _iso(a.acknowledged_at),
                    "kiosk": kiosk(a.kiosk_id),
                    "signature_png_base64": _plain(a.signature_png) if a.signature_png else "",
                }
            )
        if person is not None:
            data.update(_own_lists(uow, person, {v.id for v in visits if v.id is not None}))
        refs: dict[str, set[int]] = {"person": {person.id} if person and person.id else set()}
        refs["visit"] = {v.id for v in visits if v.id is not None}
        if not safeguarding:
            data["withheld"] = (
                "Records about possible matches with the school's ban list, and any incidents or cases, "
                "are not in this export: only the safeguarding lead or the head can add them."
            )
            data["audit_log"] = self._audit_refs(uow, refs, staff_cache)
            return data

        incidents = (
            self._cases(uow, person.id, redact, staff_cache) if (cases and person and person.id) else []
        )
        own_bans = set(same_person_bans)
        own_bans.update(i["case"]["ban_id"] for i in incidents if i.get("case") and i["case"].get("ban_id"))
        alerts = []
        for v in visits:
            for al in uow.alerts.for_visit(v.id or 0):
                mine = al.ban_id in own_bans
                row = {
                    "id": al.id,
                    "visit_id": al.visit_id,
                    "raised_at": _iso(al.raised_at),
                    "decision": al.decision.value if al.decision else "",
                    "decided_at": _iso(al.decided_at),
                    "note": redact(al.note),
                }
                if mine:
                    row.update(
                        band=al.band.value,
                        ban_id=al.ban_id,
                        matched_name=al.matched_name,
                        reasons=list(al.reasons),
                    )
                else:
                    # About somebody else unless it is the same person: the ban is never shown.
                    row["about"] = "the name given was checked against the school's list by reception"
                alerts.append(row)
        data["alerts"] = alerts
        data["dismissed_matches"] = [
            {
                "id": d.id,
                "dismissed_at": _iso(d.dismissed_at),
                "expires_at": _iso(d.expires_at),
                "revoked_at": _iso(d.revoked_at),
                "note": redact(d.note),
            }
            for d in (uow.dismissals.for_person(person.id) if person and person.id else [])
        ]
        bans = []
        for ban_id in sorted(own_bans):
            ban = uow.bans.get(ban_id)
            if ban is not None:
                plain = _plain(ban)
                plain.pop("updated_at", None)
                plain["approved_by"] = self._staff_label(uow, ban.approved_by, staff_cache)
                plain["created_by"] = self._staff_label(uow, ban.created_by, staff_cache)
                for k in ("reason", "incident_summary", "conditions", "lifted_reason"):
                    plain[k] = redact(plain.get(k) or "")
                bans.append(plain)
        data["bans"] = bans
        if cases:
            data["incidents"] = incidents
        refs["ban"] = set(own_bans)
        refs["incident"] = {i["id"] for i in incidents}
        refs["case"] = {i["case"]["id"] for i in incidents if i.get("case")}
        data["audit_log"] = self._audit_refs(uow, refs, staff_cache)
        return data

    def _audit_refs(
        self, uow: UnitOfWork, refs: dict[str, set[int]], staff_cache: dict
    ) -> list[dict[str, Any]]:
        """The audit log's rows about the requester's records (what was done, when, by which role)."""
        out = []
        for e in uow.privacy.audit_chain():
            ids = refs.get(e.entity)
            if not ids or not e.entity_ids or e.entity_ids[0] not in ids:
                continue
            who = e.actor
            if who.startswith("staff:") and who[6:].isdigit():
                who = self._staff_label(uow, int(who[6:]), staff_cache)
            elif who.startswith("cli:"):
                who = "the school's IT administrator"
            out.append({"id": e.id, "at": _iso(e.at), "action": e.action, "by": who, "source": e.source})
        return out

    def _cases(
        self, uow: UnitOfWork, person_id: int, redact: Callable[[str], str], staff_cache: dict
    ) -> list[dict[str, Any]]:
        repo = getattr(uow, "cases", None)
        if repo is None:
            return []
        out = []
        for incident in repo.list_incidents():
            if incident.person_id != person_id:
                continue
            item = _plain(incident)
            # Witnesses are third parties: their names are never in the requester's copy.
            item["witnesses"] = "[withheld: third parties]" if incident.witnesses else ""
            item["description"] = redact(incident.description)
            item["recorded_by"] = self._staff_label(uow, incident.recorded_by, staff_cache)
            item["attachments"] = [
                {k: v for k, v in _plain(a).items() if k not in ("data", "added_by", "uploaded_by")}
                for a in repo.attachments(incident.id)
            ]
            case = repo.case_for_incident(incident.id)
            if case is not None:
                item["case"] = _plain(case)
                item["case"]["opened_by"] = self._staff_label(uow, case.opened_by, staff_cache)
                steps = []
                for st in repo.steps(case.id):
                    plain = _plain(st)
                    plain["by"] = self._staff_label(uow, st.by, staff_cache)
                    plain["note"] = redact(st.note)
                    plain["details"] = {k: redact(str(v)) for k, v in (st.details or {}).items()}
                    steps.append(plain)
                item["case"]["steps"] = steps
                item["case"]["letters"] = [
                    {k: v for k, v in _plain(letter).items() if k not in ("pdf", "created_by")}
                    for letter in repo.letters(case.id)
                ]
            out.append(item)
        return out

    # ------------------------------------------------------------------ erasure

    def erase_person(self, actor: Actor, person_id: int, reason: str) -> ErasureResult:
        """Erase a visitor: their details, visits' typed fields, signatures, alert notes, dismissed matches.

        Bans and incidents or cases are separate safeguarding records: they are not changed here and are
        reported as kept (their removal needs the head's decision). Someone on site or waiting at
        reception now cannot be erased until their visit is closed. The erasure and its reason are
        audited, with the person's own name taken out of the reason.
        """
        _require_any(actor, Action.ADMINISTER, Action.APPROVE_BANS, doing="erase a person's data")
        reason = clean_text(reason, "reason for erasing", required=True, limit=500)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            person = uow.people.get(person_id)
            if person is None:
                raise NotFound(f"There is no person with id {person_id}.")
            if any(
                v.status in (VisitStatus.ON_SITE, VisitStatus.HELD) for v in uow.visits.for_person(person_id)
            ):
                raise Conflict("This person is signed in or waiting at reception now; close the visit first.")
            kept = uow.privacy.other_references(person_id)
            tokens = [v.badge_token for v in uow.visits.for_person(person_id) if v.badge_token]
            changed = _erase(uow, person, person_id)
            detail = json.dumps({"reason": _redact(reason, person), "changed": changed, "kept": kept})
            audit(uow, now, actor, "person erased", "person", person_id, detail=detail)
            # Outside the database, before the commit: a restore from an older backup erases them again.
            # If it cannot be written the erasure is not made (it would not stay done).
            try:
                uow.privacy.record_erasure(person_id, now, "person erased")
            except OSError as exc:
                raise Conflict(
                    f"The erasure log could not be written ({exc.strerror or exc}); nothing was erased. "
                    "Check the records folder beside the database can be written."
                ) from None
            uow.commit()
        self.deps.notify("person.erased", person_id=person_id)
        badges = self._remove_badges(tokens)
        removed, holding, gone = self._backups_after_erasure()
        return ErasureResult(person_id, changed, kept, badges, removed, holding, gone)

    def _remove_badges(self, tokens: list[str]) -> int:
        if not tokens or self.remove_badge_files is None:
            return 0
        try:
            return self.remove_badge_files(tokens)
        except OSError:
            log.exception("badge files of an erased person could not be deleted")
            return 0

    def _backups_after_erasure(self) -> tuple[int, tuple[str, ...], str]:
        if self.backups is None:
            return 0, (), ""
        try:
            removed = self.backups.remove_past_retention()
            names = tuple(self.backups.names())
        except OSError:
            log.exception("the backup folder could not be read after an erasure")
            return 0, (), "the backup folder could not be read"
        gone = f"the last is deleted once {self.backups.keep} newer backups have been made"
        return removed, names, gone

    def reapply_erasures(self) -> list[int]:
        """Erase again everyone the erasure log says was erased but the database holds (after a restore)."""
        now = self.deps.clock.now()
        done = []
        with self.deps.uow() as uow:
            for person_id in uow.privacy.erased_person_ids():
                person = uow.people.get(person_id)
                if person is None or (person.first_name == "erased" and person.last_name == str(person_id)):
                    continue
                changed = _erase(uow, person, person_id)
                audit(
                    uow,
                    now,
                    Actor.system(),
                    "person erased again after a restore",
                    "person",
                    person_id,
                    detail=json.dumps({"changed": changed}),
                )
                done.append(person_id)
            uow.commit()
        return done

    # ------------------------------------------------------------------ the audit chain

    def verify_audit(self, actor: Actor) -> ChainReport:
        """Check every audit row's keyed hash and link, and the log against its anchor.

        Names the first row from which the log cannot be trusted: an edited row, a removed one, the
        newest rows or the whole table deleted, or a chain recomputed (without the key, or with it but
        not matching the anchor). A purge's own gap is recorded in the anchor, so it is not a fault.
        """
        require(actor, Action.READ_AUDIT)
        with self.deps.uow.readonly() as uow:
            key = uow.privacy.audit_key()
            checkpoint = uow.privacy.latest_checkpoint(CHECKPOINT_ACTION)
            if key is None:  # a database not yet upgraded to the keyed log
                return verify_chain(uow.privacy.audit_chain(), anchor_of(checkpoint))
            # One chain per school of a trust (a single school's log is one): every one must hold.
            chains = {
                school: (
                    uow.privacy.audit_chain(school_id=school),
                    uow.privacy.latest_checkpoint(CHECKPOINT_ACTION, school),
                )
                for school in uow.privacy.audit_schools()
            }
            return verify_chains(chains, key=key, anchor_lines=uow.privacy.anchor_lines())

    def audit_digest(self, actor: Actor) -> str:
        """Today's digest of the audit log: its head row and keyed hash, one line to keep off this machine.

        Written down, printed or emailed (the daily digest email), it lets anyone holding the key later
        check that the log still holds that row unchanged (`kiosk audit verify --digest`).
        """
        require(actor, Action.READ_AUDIT)
        return self._digest()

    def _digest(self) -> str:
        """One line per chain this connection reads (a trust's owner or trust role: every school's)."""
        with self.deps.uow.readonly() as uow:
            key = uow.privacy.audit_key()
            heads = uow.privacy.audit_heads()
        if key is None:
            raise Conflict("The audit log is not keyed yet: run `kiosk db upgrade` first.")
        if not heads:
            raise Conflict("The audit log is empty.")
        now = self.deps.clock.now()
        return "\n".join(
            digest_text(key, self.school_name, row_id, row_hash, now, chain=school)
            for school, row_id, row_hash in heads
        )

    def check_digest(self, actor: Actor, digest: str) -> str:
        """Check a digest kept off the machine against the log: one line per chain saying whether it holds
        (a digest of several chains, one line each, is checked line by line; "ok" only when all hold)."""
        require(actor, Action.READ_AUDIT)
        found = digest_lines(digest)
        if len(found) > 1:
            results = [self._check_digest_line(actor, line) for line in found]
            bad = [r for r in results if not r.startswith("ok")]
            return (
                "; ".join(bad)
                if bad
                else f"ok: each of the {len(results)} chains' rows is in the log as the digest recorded it"
            )
        return self._check_digest_line(actor, digest)

    def _check_digest_line(self, actor: Actor, digest: str) -> str:
        line = parse_digest(digest)
        if line is None:
            raise InvalidInput("That is not an audit digest (it starts 'kiosk audit digest').")
        chain = f"school {line.school}'s chain: " if line.school != 1 else ""
        with self.deps.uow.readonly() as uow:
            key = uow.privacy.audit_key()
            if key is None or not line_ok(key, line):
                return (
                    f"{chain}the digest for row {line.row_id} was not made with this installation's audit key"
                )
            rows = [e for e in uow.privacy.audit_chain(school_id=line.school) if e.id == line.row_id]
            lines = uow.privacy.anchor_lines()
        purged = max(
            (a.row_id for a in lines if a.kind == PURGE and a.school == line.school and line_ok(key, a)),
            default=0,
        )
        if not rows:
            if line.row_id <= purged:
                return f"ok: {chain}row {line.row_id} of the digest was purged by retention since"
            return (
                f"{chain}the audit log cannot be trusted from row {line.row_id}: the digest's row is missing"
            )
        if rows[0].row_hash != line.hash:
            return (
                f"{chain}the audit log cannot be trusted from row {line.row_id}: it differs from the digest"
            )
        # The row's stored hash matches; the rows up to it must also still check against the key.
        report = self.verify_audit(actor)
        if not report.ok and report.untrusted_from is not None and report.untrusted_from <= line.row_id:
            return f"the audit log cannot be trusted from row {report.untrusted_from}: {report.problem}"
        return f"ok: {chain}row {line.row_id} is in the log as the digest recorded it"

    def check_chain_heads(self, actor: Actor, heads: list[tuple[int, int, str]]) -> str:
        """Check the chain heads a backup's manifest recorded (school, row id, hash) against the live log:
        each school's head row must still be there unchanged (or purged by retention since), and the
        rows up to it must still prove. One line: "ok: ..." or what cannot be trusted."""
        require(actor, Action.READ_AUDIT)
        if not heads:
            raise InvalidInput("That manifest records no audit chain head.")
        with self.deps.uow.readonly() as uow:
            key = uow.privacy.audit_key()
            if key is None:
                return "the audit log is not keyed yet: run `kiosk db upgrade` first"
            lines = uow.privacy.anchor_lines()
            readable = set(uow.privacy.audit_schools())
            found = {}
            for school, row_id, _hash in heads:
                if school in readable:
                    rows = [e for e in uow.privacy.audit_chain(school_id=school) if e.id == row_id]
                    found[(school, row_id)] = rows[0].row_hash if rows else None
        problems = []
        for school, row_id, row_hash in heads:
            if school not in readable:
                problems.append(
                    f"school {school}'s chain is not readable here (connect as the trust or owner)"
                )
                continue
            purged = max(
                (a.row_id for a in lines if a.kind == PURGE and a.school == school and line_ok(key, a)),
                default=0,
            )
            now = found[(school, row_id)]
            if now is None and row_id > purged:
                problems.append(
                    f"school {school}'s chain cannot be trusted from row {row_id}: its head is missing"
                )
            elif now is not None and now != row_hash:
                problems.append(
                    f"school {school}'s chain cannot be trusted from row {row_id}: it differs from the manifest"
                )
        if problems:
            return "; ".join(problems)
        report = self.verify_audit(actor)
        if not report.ok:
            return report.describe()
        return f"ok: the head of each of {len(heads)} chain(s) is in the log as the manifest recorded it"

    def send_digest_if_due(self, every: timedelta = timedelta(hours=20)) -> str | None:
        """Once a day (across every program of this database): email the digest through the outbox.

        The digest goes to the alert recipients when mail is set up (the notifier queues it); it is
        also what `kiosk audit digest` and the console show. None when not due.
        """
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            claimed = uow.privacy.claim_run(LAST_DIGEST_KEY, now, now - every)
            uow.commit()
        if not claimed:
            return None
        try:
            text = self._digest()
        except Conflict:
            return None
        self.deps.notify("audit.digest", digest=text, school=self.school_name)
        return text


def _redact(text: str, person: Person) -> str:
    """Take a person's own name, email and phone out of a free-text reason before it is audited."""
    parts = [person.full_name, person.first_name, person.last_name, person.email, person.phone]
    for part in sorted({p.strip() for p in parts if p and len(p.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(part), "[the person]", text, flags=re.IGNORECASE)
    return text


def _erase(uow: UnitOfWork, person: Person, person_id: int) -> dict[str, int]:
    """Erase a person: their bookings go (a booking is nothing without the name), then the visitor data."""
    visit_ids = {v.id for v in uow.visits.for_person(person_id) if v.id is not None}
    bookings = _bookings_of(uow, person, visit_ids)
    for b in bookings:
        uow.expected.delete(stored_id(b))
    # A hold at the door quotes the child's name as the person typed it: it goes with them.
    holds = uow.pupils.holds_for_visits(sorted(visit_ids))
    uow.pupils.delete_holds_of_visits(sorted(visit_ids))
    changed = uow.privacy.erase_person(person_id)
    if bookings:
        changed["expected visits"] = len(bookings)
    if holds:
        changed["collection holds"] = len(holds)
    return changed


def _bookings_of(uow: UnitOfWork, person: Person, visit_ids: set[int]) -> list[ExpectedVisit]:
    """The bookings about this person: made for their name, or fulfilled by one of their visits."""
    found = {b.id: b for b in uow.expected.by_name(name_key(person.first_name, person.last_name))}
    for vid in visit_ids:
        b = uow.expected.by_visit(vid)
        if b is not None:
            found[b.id] = b
    return [b for _, b in sorted(found.items(), key=lambda kv: kv[0] or 0)]


def _own_lists(uow: UnitOfWork, person: Person, visit_ids: set[int]) -> dict[str, Any]:
    """The school's own lists about a person, for subject access: their bookings and their central-record line."""
    bookings = [
        {
            "id": b.id,
            "expected_on": b.expected_on.isoformat(),
            "person_type": b.person_type.value,
            "host": b.host,
            "organisation": b.organisation,
            "purpose": b.purpose,
            "notes": b.notes,
            "arrived_at": _iso(b.arrived_at),
            "cancelled_at": _iso(b.cancelled_at),
        }
        for b in _bookings_of(uow, person, visit_ids)
    ]
    records = [
        {
            "id": c.id,
            "person_type": c.person_type.value,
            "organisation": c.organisation,
            "dbs_check": c.dbs_check.value,
            "dbs_number": c.dbs_number,
            "dbs_date": c.dbs_date.isoformat() if c.dbs_date else "",
            "id_checked": c.id_checked,
            "agency_confirmed": c.agency_confirmed,
            "expires_on": c.expires_on.isoformat() if c.expires_on else "",
            "notes": c.notes,
        }
        for c in uow.clearances.by_name(name_key(person.first_name, person.last_name))
    ]
    # Where the school lists them as someone who may collect a child (the child by the name the school
    # uses, and the relationship given), and any hold of theirs at the door. A court order or do-not-release
    # note naming them is not exported here: the safeguarding lead answers for those (an exemption may apply).
    collecting = []
    for pupil_id, c in uow.pupils.collectors_by_name(name_key(person.first_name, person.last_name)):
        pupil = uow.pupils.get(pupil_id)
        collecting.append(
            {
                "collector_id": c.id,
                "child": pupil.known_as if pupil is not None else "",
                "relationship": c.relationship,
                "photo_held": c.has_photo,
            }
        )
    holds = [
        {
            "visit_id": h.visit_id,
            "raised_at": _iso(h.raised_at),
            "child_name_as_typed": h.child_name,
            "outcome": (
                "held for the safeguarding lead"
                if h.outcome is CollectionOutcome.RESTRICTED
                else h.outcome.value
            ),
        }
        for h in uow.pupils.holds_for_visits(sorted(visit_ids))
    ]
    members = uow.staff_roll.by_name(name_key(person.first_name, person.last_name))
    staff = [
        {
            "id": member.id,
            "job_title": member.job_title,
            "department": member.department,
            "reference": member.reference,
            "has_pin": member.has_pin,
            "active": member.active,
        }
        for member in members
    ]
    times = [
        {
            "member_id": p.member_id,
            "signed_in_at": _iso(p.signed_in_at),
            "signed_out_at": _iso(p.signed_out_at),
            "ended": p.ended.value if p.ended else "",
            "how": p.how,
        }
        for member in members
        for p in uow.staff_roll.presences_of(stored_id(member))
    ]
    return {
        "expected_visits": bookings,
        "single_central_record": records,
        "authorised_collector": collecting,
        "collection_holds": holds,
        "staff_roll": staff,
        "staff_time_on_site": times,
    }
