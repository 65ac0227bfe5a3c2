"""Plain domain objects of the reception kiosk: people, visits, policies, bans, alerts, staff.

No Qt, no SQLAlchemy, no I/O. Times are timezone-aware UTC datetimes; the UI converts them to the
school's time zone for display.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class PersonType(enum.StrEnum):
    """Who a person is, as chosen at the kiosk."""

    VISITOR = "visitor"
    CONTRACTOR = "contractor"
    PARENT = "parent/carer"
    COLLECTOR = "collector"
    VOLUNTEER = "volunteer"
    SUPPLY_STAFF = "supply staff"
    GOVERNOR = "governor"

    @property
    def label(self) -> str:
        """The word shown to people ("Parent/carer", "Supply staff")."""
        return self.value[0].upper() + self.value[1:]


class VisitStatus(enum.StrEnum):
    """Where a visit stands."""

    HELD = "held"  # possible ban match: waiting for reception
    ON_SITE = "on-site"
    REFUSED = "refused"
    SIGNED_OUT = "signed-out"
    CLOSED = "closed"  # closed at end of day: not signed out


class ScreeningOutcome(enum.StrEnum):
    """What screening said about a visit's name."""

    CLEAR = "clear"
    REVIEW = "review"
    ALERT = "alert"
    DISMISSED = "dismissed"  # an alert-band match that reception had dismissed for this person


class BanStatus(enum.StrEnum):
    """Lifecycle of a ban. Only ACTIVE bans screen."""

    DRAFT = "draft"  # waiting for the head's approval
    ACTIVE = "active"
    LIFTED = "lifted"
    EXPIRED = "expired"


class BanStage(enum.StrEnum):
    """Where the ban stands in the policy's breach process (section 2.0)."""

    TEMPORARY = "temporary"  # temporary bar while representations are awaited
    BAN = "ban"
    REVIEWED = "reviewed"


class BanScope(enum.StrEnum):
    """Who a ban is for in a trust of schools: its own school (always so for a single school), several
    named schools (``Ban.school_ids``), or the whole trust. Bans for several schools or the whole trust are
    decided and approved by the trust's roles and screened at the kiosks of every school they name."""

    SCHOOL = "school"
    SCHOOLS = "schools"
    TRUST = "trust"

    @property
    def is_trusts(self) -> bool:
        """Whether the trust's roles alone decide such a ban (several schools, or the whole trust)."""
        return self is not BanScope.SCHOOL


class Role(enum.StrEnum):
    """Staff roles. What each may do is in kiosk.domain.permissions."""

    RECEPTIONIST = "receptionist"
    SAFEGUARDING_LEAD = "safeguarding lead"
    HEAD = "head"
    ADMINISTRATOR = "administrator"
    # A member of the trust's central team (kiosk.domain.trust), not of one school: decides trust bans.
    TRUST_SAFEGUARDING_LEAD = "trust safeguarding lead"
    # Not a person: the unattended jobs (backup, purge, end of day, ban expiry). No staff account has it.
    SYSTEM = "system"

    @classmethod
    def staff_roles(cls) -> tuple[Role, ...]:
        """The roles a school's staff account may have (trust roles: ``trust_roles``)."""
        return tuple(r for r in cls if r is not cls.SYSTEM and r not in cls.trust_roles())

    @classmethod
    def trust_roles(cls) -> tuple[Role, ...]:
        """The roles of the trust's central staff (a trust of schools, kiosk.domain.trust)."""
        return (cls.TRUST_SAFEGUARDING_LEAD,)


class AlertDecision(enum.StrEnum):
    """Reception's answer to an alert."""

    RELEASE = "release"
    REFUSE = "refuse"
    NOT_SAME_PERSON = "not the same person"
    NOTED = "noted"  # a review-band match acknowledged without holding anyone


class AlertBand(enum.StrEnum):
    ALERT = "alert"
    REVIEW = "review"


# The behaviours the Code of Conduct says the school will not tolerate: section 1.0's list, then
# section 3.0's online list. A ban's and an incident's categories are drawn from this list.
BEHAVIOUR_CATEGORIES: tuple[str, ...] = (
    "disruptive behaviour",
    "inappropriate behaviour on the premises",
    "loud or offensive language or temper",
    "threatening staff, visitors, parents or pupils",
    "damaging or destroying school property",
    "abusive or threatening messages",
    "defamatory or offensive comments on social media",
    "physical, verbal or written aggression",
    "physical punishment of own child on premises",
    "approaching another's child",
    "phone or video calls on premises",
    "posting images or videos of other pupils",
    "abusive or personal comments online",
    "bringing the school into disrepute",
    "defamatory comments online",
    "abusive emails about staff or pupils",
    "publicly challenging school decisions online",
    "verbal intimidation or bad language",
    "breaching school security procedures",
)


@dataclass(frozen=True, slots=True)
class Site:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Kiosk:
    id: int
    site_id: int
    name: str


@dataclass(slots=True)
class Person:
    """Someone who has signed in at least once (or is signing in now)."""

    id: int | None
    first_name: str
    last_name: str
    person_type: PersonType
    organisation: str = ""
    phone: str = ""
    email: str = ""
    car_registration: str = ""
    pass_token: str = ""  # the visitor pass QR code that proves a returning visitor
    created_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def short_name(self) -> str:
        """First name and surname initial: all the kiosk shows of other visitors."""
        initial = self.last_name[:1].upper()
        return f"{self.first_name} {initial}." if initial else self.first_name


@dataclass(slots=True)
class Visit:
    """One arrival at one site, from sign-in to sign-out (or refusal, or end of day)."""

    id: int | None
    person_id: int
    site_id: int
    kiosk_id: int | None
    status: VisitStatus
    screening: ScreeningOutcome
    name_as_typed: str
    person_type: PersonType
    signed_in_at: datetime
    signed_out_at: datetime | None = None
    host: str = ""
    purpose: str = ""
    organisation: str = ""
    car_registration: str = ""
    child_name: str = ""
    child_class: str = ""
    relationship: str = ""
    badge_token: str = ""
    badge_printed: bool = False
    badge_error: str = ""
    policy_version_id: int | None = None
    # The kiosk journey that made this visit: a retried sign-in with the same key finds it (exactly once).
    journey_key: str | None = None
    # "" no badge asked for; "pending" committed, printing not yet recorded; "printed"; "failed".
    badge_state: str = ""


@dataclass(frozen=True, slots=True)
class PolicyVersion:
    """A published version of the Code of Conduct. The text hash identifies what was agreed to."""

    id: int | None
    title: str
    text: str
    sha256: str
    published_at: datetime
    published_by: str
    collector_reminder: str = ""
    # The language of ``title``, ``text`` and ``collector_reminder``: "en" for the version itself, else a
    # published translation's (whose own hash is then ``sha256``; ``id`` stays the version's).
    language: str = "en"


@dataclass(frozen=True, slots=True)
class PolicyTranslation:
    """A school's translation of one policy version, published once; a visitor may agree to it instead."""

    id: int | None
    policy_version_id: int
    language: str  # a kiosk language code: cy, pl, ur
    title: str
    text: str
    sha256: str  # of ``text``, as shown
    published_at: datetime
    published_by: str
    collector_reminder: str = ""


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    id: int | None
    person_id: int
    policy_version_id: int
    policy_sha256: str  # the version's (English) text
    acknowledged_at: datetime
    kiosk_id: int | None
    signature_png: bytes | None = None
    language: str = "en"  # the language the visitor read it in
    text_sha256: str = ""  # the hash of the text they read: the version's, or its translation's


@dataclass(slots=True)
class Ban:
    """A person barred from the premises (a site, or trust-wide when site_ids is empty)."""

    id: int | None
    name: str
    start: date
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    photo: bytes | None = None
    categories: tuple[str, ...] = ()
    reason: str = ""
    incident_summary: str = ""
    stage: BanStage = BanStage.BAN
    site_ids: tuple[int, ...] = ()
    end: date | None = None
    review_date: date | None = None
    conditions: str = ""
    status: BanStatus = BanStatus.DRAFT
    approved_by: int | None = None
    created_by: int | None = None
    lifted_reason: str = ""
    updated_at: datetime | None = None
    # A change that weakens this approved ban, waiting for the head; until approved the ban screens as
    # it is, and on the proposed name and aliases as well.
    pending_change: BanChange | None = None
    # Whose ban it is (kiosk.domain.trust): its school's (the default), several schools', or the trust's.
    scope: BanScope = BanScope.SCHOOL
    # The schools a ban of scope SCHOOLS is for (ids of kiosk.domain.trust.School); empty for the others.
    school_ids: tuple[int, ...] = ()

    def screening_names(self) -> tuple[str, tuple[str, ...]]:
        """The name and aliases to screen on: the ban's own, plus any a pending change proposes."""
        aliases = list(self.aliases)
        if self.pending_change is not None:
            proposed = self.pending_change.changes
            for extra in (proposed.get("name"), *(proposed.get("aliases") or ())):  # type: ignore[misc]
                if isinstance(extra, str) and extra and extra != self.name and extra not in aliases:
                    aliases.append(extra)
        return self.name, tuple(aliases)

    def is_in_force(self, today: date) -> bool:
        """Whether the ban screens today (active, started, not past its end)."""
        if self.status is not BanStatus.ACTIVE:
            return False
        if self.start > today:
            return False
        return self.end is None or self.end >= today

    def applies_to_site(self, site_id: int) -> bool:
        return not self.site_ids or site_id in self.site_ids


# Fields of a ban that a change request may carry.
BAN_CHANGE_FIELDS: tuple[str, ...] = (
    "name",
    "aliases",
    "date_of_birth",
    "categories",
    "reason",
    "incident_summary",
    "stage",
    "site_ids",
    "start",
    "end",
    "review_date",
    "conditions",
)


@dataclass(frozen=True, slots=True)
class BanChange:
    """A requested change of an approved ban that weakens it (shorter, ended, renamed, an alias or a site
    removed): it waits for the head's approval (or a role the school names in its settings)."""

    changes: dict[str, object]  # field -> proposed value (fields in BAN_CHANGE_FIELDS)
    weakens: tuple[str, ...]  # what makes it weaker, in words ("ends earlier", "name changed")
    requested_by: int | None
    requested_at: datetime
    note: str = ""


@dataclass(slots=True)
class Alert:
    """A possible match between a visit's name and a ban, for reception to decide."""

    id: int | None
    visit_id: int
    ban_id: int
    band: AlertBand
    score: float
    reasons: tuple[str, ...]
    matched_name: str
    raised_at: datetime
    decision: AlertDecision | None = None
    decided_by: int | None = None
    decided_at: datetime | None = None
    note: str = ""

    @property
    def is_open(self) -> bool:
        return self.decision is None


@dataclass(frozen=True, slots=True)
class DismissedMatch:
    """'Not the same person': this person is not held for this ban again until it expires."""

    id: int | None
    person_id: int
    ban_id: int
    dismissed_by: int
    dismissed_at: datetime
    expires_at: datetime
    note: str = ""
    revoked_at: datetime | None = None
    revoked_by: int | None = None

    def in_force(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


@dataclass(slots=True)
class Staff:
    id: int | None
    name: str
    role: Role
    pin_hash: str = field(repr=False, default="")
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    lockouts: int = 0  # lock-outs in a row (each longer); cleared by a correct PIN or an administrator
    must_change_pin: bool = False  # set by an administrator's reset, or a PIN shorter than the role needs


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is doing something: a signed-in staff member (console, kiosk or command line), the kiosk
    itself (no role: the visitor's own steps), or the system's unattended jobs (role SYSTEM)."""

    name: str
    role: Role | None
    staff_id: int | None = None
    source: str = "console"  # console | kiosk | command line | system
    # Signed in with a PIN that must be changed first: every action is refused until it is.
    must_change_pin: bool = False

    @classmethod
    def kiosk(cls, kiosk_name: str) -> Actor:
        return cls(name=f"kiosk:{kiosk_name}", role=None, source="kiosk")

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        """The unattended jobs' actor: may run the system jobs of the role table and nothing else."""
        return cls(name=name, role=Role.SYSTEM, source="system")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the append-only audit log: ids, never personal data."""

    id: int | None
    at: datetime
    actor: str
    source: str
    action: str
    entity: str
    entity_ids: tuple[int | str, ...]
    detail: str = ""
    # The hash chain (kiosk.services.audit_chain): the previous row's hash and this row's own.
    prev_hash: str = ""
    row_hash: str = ""
