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
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from kiosk.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.domain.model import Actor, AlertDecision, Person, VisitStatus
from kiosk.domain.permissions import Action, may, require
from kiosk.services.audit_chain import (
    CHECKPOINT_ACTION,
    CHECKPOINT_ENTITY,
    ChainReport,
    anchor_of,
    checkpoint_detail,
    verify_chain,
)
from kiosk.services.common import Deps, audit, audit_actor, clean_text
from kiosk.services.ports import UnitOfWork

log = logging.getLogger(__name__)

BATCH_SIZE = 500
LAST_PURGE_KEY = "privacy.last_purge"
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
    """What erasing a person changed, and what was kept because it needs the head's decision."""

    person_id: int
    changed: dict[str, int]
    kept: dict[str, int] = field(default_factory=dict)


# The purge steps, in the order they run (records that refer to others go first).
# (kind, setting, repository method, meaning)
_STEPS: tuple[tuple[str, str, str, str], ...] = (
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

    def export_person(
        self, actor: Actor, person_id: int, *, include_safeguarding: bool | None = None
    ) -> tuple[dict[str, Any], bytes]:
        """Everything held about one person, as JSON-ready data and a readable PDF (subject access).

        Bans (through the person's alerts) and incidents or cases are included only for a safeguarding
        lead or the head (and the command line); for anyone else the export says they were left out.
        Asking for them without that role is refused. The export is audited.
        """
        _require_any(
            actor, Action.ADMINISTER, Action.MANAGE_BANS, Action.READ_AUDIT, doing="export a person's data"
        )
        allowed = _may_see_safeguarding(actor)
        if include_safeguarding and not allowed:
            raise PermissionDenied(
                "Only the safeguarding lead or the head may export a person's bans and cases."
            )
        include = allowed if include_safeguarding is None else include_safeguarding
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            person = uow.people.get(person_id)
            if person is None:
                raise NotFound(f"There is no person with id {person_id}.")
            data = self._collect(uow, person, actor, now, include, include and _may_see_cases(actor))
            pdf = self.render_pdf(data) if self.render_pdf is not None else b""
            ban_ids = [b["id"] for b in data.get("bans", [])]
            audit(
                uow,
                now,
                actor,
                "person data exported",
                "person",
                person_id,
                *ban_ids,
                detail="with safeguarding records" if include else "without safeguarding records",
            )
            uow.commit()
        return data, pdf

    def _collect(
        self, uow: UnitOfWork, person: Person, actor: Actor, now: datetime, safeguarding: bool, cases: bool
    ) -> dict[str, Any]:
        site_names: dict[int, str] = {}
        kiosk_names: dict[int, str] = {}

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

        visits = uow.visits.for_person(person.id)
        data: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "school": self.school_name,
            "made_at": now.isoformat(),
            "made_by": audit_actor(actor),
            "time_zone": getattr(self.deps.clock.zone, "key", "UTC"),
            "includes_safeguarding_records": safeguarding,
            "person": {
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
            },
            "visits": [],
            "acknowledgements": [],
        }
        for v in visits:
            row = {
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
        for a in uow.privacy.acknowledgements_for_person(person.id):
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
        if not safeguarding:
            data["withheld"] = (
                "Records about possible matches with the school's ban list, and any incidents or cases, "
                "are not in this export: only the safeguarding lead or the head can add them."
            )
            return data
        alerts, ban_ids = [], []
        for v in visits:
            for a in uow.alerts.for_visit(v.id):
                other = a.decision is AlertDecision.NOT_SAME_PERSON
                alerts.append(
                    {
                        "id": a.id,
                        "visit_id": a.visit_id,
                        "raised_at": _iso(a.raised_at),
                        "band": a.band.value,
                        "decision": a.decision.value if a.decision else "",
                        "decided_at": _iso(a.decided_at),
                        "note": a.note,
                        # A match reception ruled out is about somebody else: their ban is not shown.
                        "ban_id": None if other else a.ban_id,
                        "matched_name": "" if other else a.matched_name,
                        "reasons": [] if other else list(a.reasons),
                    }
                )
                if not other and a.ban_id not in ban_ids:
                    ban_ids.append(a.ban_id)
        data["alerts"] = alerts
        data["dismissed_matches"] = [
            {
                "id": d.id,
                "dismissed_at": _iso(d.dismissed_at),
                "expires_at": _iso(d.expires_at),
                "revoked_at": _iso(d.revoked_at),
                "note": d.note,
            }
            for d in uow.dismissals.for_person(person.id)
        ]
        bans = []
        for ban_id in ban_ids:
            ban = uow.bans.get(ban_id)
            if ban is not None:
                plain = _plain(ban)
                plain.pop("updated_at", None)
                bans.append(plain)
        data["bans"] = bans
        if cases:
            data["incidents"] = self._cases(uow, person.id)
        return data

    @staticmethod
    def _cases(uow: UnitOfWork, person_id: int) -> list[dict[str, Any]]:
        repo = getattr(uow, "cases", None)
        if repo is None:
            return []
        out = []
        for incident in repo.list_incidents():
            if incident.person_id != person_id:
                continue
            item = _plain(incident)
            item["attachments"] = [
                {k: v for k, v in _plain(a).items() if k != "data"} for a in repo.attachments(incident.id)
            ]
            case = repo.case_for_incident(incident.id)
            if case is not None:
                item["case"] = _plain(case)
                item["case"]["steps"] = [_plain(s) for s in repo.steps(case.id)]
                item["case"]["letters"] = [
                    {k: v for k, v in _plain(letter).items() if k != "pdf"}
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
            changed = uow.privacy.erase_person(person_id)
            detail = json.dumps({"reason": _redact(reason, person), "changed": changed, "kept": kept})
            audit(uow, now, actor, "person erased", "person", person_id, detail=detail)
            uow.commit()
        self.deps.notify("person.erased", person_id=person_id)
        return ErasureResult(person_id, changed, kept)

    # ------------------------------------------------------------------ the audit chain

    def verify_audit(self, actor: Actor) -> ChainReport:
        """Check every audit row's hash and link; names the first broken row, if any."""
        require(actor, Action.READ_AUDIT)
        with self.deps.uow.readonly() as uow:
            anchor = anchor_of(uow.privacy.latest_checkpoint(CHECKPOINT_ACTION))
            return verify_chain(uow.privacy.audit_chain(), anchor)


def _redact(text: str, person: Person) -> str:
    """Take a person's own name, email and phone out of a free-text reason before it is audited."""
    parts = [person.full_name, person.first_name, person.last_name, person.email, person.phone]
    for part in sorted({p.strip() for p in parts if p and len(p.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(part), "[the person]", text, flags=re.IGNORECASE)
    return text
