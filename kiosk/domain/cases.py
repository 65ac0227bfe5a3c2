"""The breach process of the Code of Conduct (section 2.0): incidents, cases, their steps and letters.

A case starts from an incident and moves forward one step at a time. Which steps may follow which is
the small state machine below (``TRANSITIONS``); ``check_step`` refuses anything else with a message
that says what may come next. No Qt, no SQLAlchemy, no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.domain.errors import Conflict, InvalidInput
from kiosk.domain.model import Ban

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
DEFAULT_BAN_MONTHS = 12
BAN_MONTH_CHOICES = (6, 12)
DEFAULT_REPRESENTATION_DAYS = 14
# After the representations date the head reviews the temporary bar within this many days.
REVIEW_AFTER_REPRESENTATIONS_DAYS = 7


class SubjectType(enum.StrEnum):
    """Who the incident is about: the policy covers parents/carers and visitors."""

    PARENT = "parent/carer"
    VISITOR = "visitor"


class IncidentPlace(enum.StrEnum):
    """Where the behaviour happened."""

    PREMISES = "on the premises"
    ONLINE = "online"


class CaseStage(enum.StrEnum):
    """Where a case stands."""

    OPEN = "open"
    POLICE = "referred to the police"
    LEGAL = "referred to the legal team"
    MEETING_INVITED = "invited to a meeting"
    MEETING_HELD = "meeting held"
    WARNED = "warning sent"
    BANNED = "ban in place, representations awaited"
    REPRESENTATIONS = "representations received"
    REVIEWED = "ban reviewed"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value[0].upper() + self.value[1:]


class StepKind(enum.StrEnum):
    """One thing done on a case. Each is a row in the append-only case_steps table."""

    OPENED = "case opened"
    POLICE_REFERRAL = "referred to the police"
    LEGAL_REFERRAL = "referred to the legal team"
    MEETING_INVITATION = "invitation to a meeting"
    MEETING_HELD = "meeting held"
    WARNING = "warning letter"
    BAN = "ban letter"
    IMMEDIATE_BAN = "ban without the earlier steps"
    REPRESENTATIONS = "representations received"
    BAN_REVIEW = "ban reviewed"
    CLOSED = "case closed"

    @property
    def label(self) -> str:
        return self.value[0].upper() + self.value[1:]


class ReviewOutcome(enum.StrEnum):
    """What a review of a ban decided."""

    CONFIRM = "confirmed"
    EXTEND = "extended"
    CHANGE = "changed"
    LIFT = "lifted"


_O, _P, _L = CaseStage.OPEN, CaseStage.POLICE, CaseStage.LEGAL
_MI, _MH, _W = CaseStage.MEETING_INVITED, CaseStage.MEETING_HELD, CaseStage.WARNED
_B, _R, _V, _C = CaseStage.BANNED, CaseStage.REPRESENTATIONS, CaseStage.REVIEWED, CaseStage.CLOSED

# step -> (stages it may follow, stage it leads to). A review that lifts the ban closes the case instead.
TRANSITIONS: dict[StepKind, tuple[frozenset[CaseStage], CaseStage]] = {
    StepKind.POLICE_REFERRAL: (frozenset({_O}), _P),
    StepKind.LEGAL_REFERRAL: (frozenset({_O, _P}), _L),
    StepKind.MEETING_INVITATION: (frozenset({_O, _P, _L}), _MI),
    StepKind.MEETING_HELD: (frozenset({_MI}), _MH),
    # Meeting refused (or the behaviour went on after it): write and warn that a ban may follow.
    StepKind.WARNING: (frozenset({_MI, _MH}), _W),
    # The behaviour continued after the warning: a ban is now in place.
    StepKind.BAN: (frozenset({_W}), _B),
    # Policy note 1: in serious cases a ban without the earlier steps (the reason is required). After a
    # warning too, when there is no further incident to ground the policy's last step on.
    StepKind.IMMEDIATE_BAN: (frozenset({_O, _P, _L, _MI, _MH, _W}), _B),
    StepKind.REPRESENTATIONS: (frozenset({_B}), _R),
    StepKind.BAN_REVIEW: (frozenset({_B, _R, _V}), _V),
    StepKind.CLOSED: (frozenset({_O, _P, _L, _MI, _MH, _W, _V}), _C),
}

# Steps that produce a letter, and the template each uses (resources/letters/<name>.txt).
LETTER_TEMPLATES: dict[StepKind, str] = {
    StepKind.POLICE_REFERRAL: "police_referral",
    StepKind.LEGAL_REFERRAL: "legal_referral",
    StepKind.MEETING_INVITATION: "meeting_invitation",
    StepKind.WARNING: "warning",
    StepKind.BAN: "ban",
    StepKind.IMMEDIATE_BAN: "ban",
    StepKind.BAN_REVIEW: "ban_review",
}
TEMPLATE_TITLES: dict[str, str] = {
    "police_referral": "Referral to the police",
    "legal_referral": "Referral to the legal team",
    "meeting_invitation": "Invitation to a meeting",
    "warning": "Warning letter",
    "ban": "Ban letter",
    "ban_review": "Outcome of the ban review",
}

# The policy's behaviours as a sentence can say them ("you were ...").
PLAIN_BEHAVIOUR: dict[str, str] = {
    "disruptive behaviour": "behaving in a way that disrupted the school's normal routines",
    "inappropriate behaviour on the premises": "behaving inappropriately on the school premises",
    "loud or offensive language or temper": "using loud or offensive language or displaying temper",
    "threatening staff, visitors, parents or pupils": (
        "threatening a member of staff, a visitor, a parent or carer, or a pupil"
    ),
    "damaging or destroying school property": "damaging or destroying school property",
    "abusive or threatening messages": (
        "sending abusive or threatening emails, messages or other written communications"
    ),
    "defamatory or offensive comments on social media": (
        "making defamatory, offensive or derogatory comments about the school community on social media"
    ),
    "physical, verbal or written aggression": "showing physical, verbal or written aggression",
    "physical punishment of own child on premises": "physically punishing your own child on the school premises",
    "approaching another's child": "approaching another person's child to discuss or chastise them",
    "phone or video calls on premises": "making phone or video calls on the school premises",
    "posting images or videos of other pupils": "posting images or videos of pupils other than your own children",
    "abusive or personal comments online": "making abusive or personal comments online about staff, pupils or parents",
    "bringing the school into disrepute": "bringing the school into disrepute",
    "defamatory comments online": "posting defamatory comments online",
    "abusive emails about staff or pupils": "sending emails with abusive or personal comments about staff or pupils",
    "publicly challenging school decisions online": (
        "using social media to challenge school decisions publicly or to discuss individual children"
    ),
    "verbal intimidation or bad language": "verbally intimidating staff or using bad language",
    "breaching school security procedures": "breaching the school's security procedures",
}


class StepNotAllowed(Conflict):
    """A step that does not follow from where the case stands."""


# Serious behaviour can surface at any stage: a police or legal-team referral may be made whenever the
# case is open. From the stages in TRANSITIONS it moves the case on; from a later stage (a meeting, a
# warning, a ban) it is recorded and the case stays where it is.
REFERRALS: frozenset[StepKind] = frozenset({StepKind.POLICE_REFERRAL, StepKind.LEGAL_REFERRAL})


def allowed_steps(stage: CaseStage) -> list[StepKind]:
    """The steps that may come next, in the order the console offers them."""
    return [
        step
        for step, (sources, _to) in TRANSITIONS.items()
        if stage in sources or (step in REFERRALS and stage is not CaseStage.CLOSED)
    ]


def check_step(stage: CaseStage, step: StepKind) -> CaseStage:
    """The stage the step leads to; raises StepNotAllowed (what may come next) when it may not follow."""
    if step is StepKind.OPENED:
        raise StepNotAllowed("A case is opened once, from its incident.")
    sources, to = TRANSITIONS[step]
    if step in REFERRALS and stage is not CaseStage.CLOSED and stage not in sources:
        return stage
    if stage not in sources:
        nexts = allowed_steps(stage)
        options = "; ".join(s.value for s in nexts) if nexts else "nothing (the case is closed)"
        raise StepNotAllowed(
            f"'{step.label}' cannot be done now: the case is at '{stage.value}'. What may come next: {options}."
        )
    return to


def plain_behaviours(categories: tuple[str, ...] | list[str]) -> str:
    """The behaviours joined as one English phrase ("a, b and c")."""
    phrases = [PLAIN_BEHAVIOUR.get(c, c) for c in categories]
    if not phrases:
        return ""
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class AttachmentUpload:
    """A file to attach to an incident (a photo, a screenshot, an email), as bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Attachment:
    """A stored attachment; ``data`` is only filled when one attachment is opened."""

    id: int | None
    incident_id: int
    filename: str
    content_type: str
    size: int
    added_at: datetime
    added_by: int | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """Something that happened, recorded against a person. Every concern is referred to the LADO (the
    policy: "all concerns are deemed as safeguarding concerns and will be referred"); until the referral
    is recorded the case stays on the reviews-due list."""

    id: int | None
    subject_name: str
    subject_type: SubjectType
    occurred_on: date
    place: IncidentPlace
    behaviours: tuple[str, ...]
    description: str
    location: str = ""  # where on the premises, or which website / group
    witnesses: str = ""
    subject_address: str = ""
    # How letters address the person: a title ("Mr", "Dr", "Mx") and, if they prefer, their own
    # salutation ("Dear Jürgen"); empty: "Dear <title> <surname>", or the full name with no title.
    subject_title: str = ""
    subject_salutation: str = ""
    person_id: int | None = None
    lado_referred_on: date | None = None
    lado_reference: str = ""
    lado_not_referred_reason: str = ""
    recorded_by: int | None = None
    recorded_at: datetime | None = None
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseStep:
    """One step of a case: what, on which date, who did it, and its particulars."""

    id: int | None
    case_id: int
    kind: StepKind
    on: date  # the date the step took effect (letter date, referral date, meeting date ...)
    at: datetime  # when it was recorded
    by: int | None  # staff id
    details: dict[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True, slots=True)
class CaseLetter:
    """A letter produced by a step; ``pdf`` is only filled when one letter is opened."""

    id: int | None
    case_id: int
    step_id: int | None
    template: str
    title: str
    letter_date: date
    created_at: datetime
    filename: str
    size: int = 0
    pdf: bytes | None = None
    draft: bool = False  # watermarked DRAFT: the ban it announces is not in force; not to be sent


@dataclass(frozen=True, slots=True)
class Case:
    """A breach case: one incident, the stage it has reached, and the ban it led to (if any)."""

    id: int | None
    incident_id: int
    subject_name: str
    stage: CaseStage
    opened_at: datetime
    opened_by: int | None
    updated_at: datetime
    ban_id: int | None = None
    closed_at: datetime | None = None

    @property
    def reference(self) -> str:
        """The case number printed on letters."""
        return f"CoC-{self.id:04d}" if self.id is not None else "CoC-new"

    @property
    def is_open(self) -> bool:
        return self.stage is not CaseStage.CLOSED


@dataclass(frozen=True, slots=True)
class CaseFile:
    """Everything about one case, as the console shows it."""

    case: Case
    incident: Incident
    steps: tuple[CaseStep, ...]
    letters: tuple[CaseLetter, ...]
    ban: Ban | None = None  # None when the case led to no ban (or the ban has since been purged)
    staff_names: dict[int, str] = field(default_factory=dict)  # who did the steps, for display

    @property
    def next_steps(self) -> list[StepKind]:
        return allowed_steps(self.case.stage)


@dataclass(frozen=True, slots=True)
class BanTerms:
    """What a ban letter sets: its length, scope and the chance to make representations."""

    start: date | None = None  # default: the letter date
    months: int = DEFAULT_BAN_MONTHS
    temporary: bool = True  # a temporary bar until representations are reviewed
    representations_days: int = DEFAULT_REPRESENTATION_DAYS
    site_ids: tuple[int, ...] = ()  # empty: every site of the school
    conditions: str = ""
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None


@dataclass(frozen=True, slots=True)
class LetterContent:
    """A letter ready to lay out: which template, and the value of each $placeholder."""

    template: str
    fields: dict[str, str]
    draft: bool = False  # watermarked DRAFT on every page: not to be sent


# ---------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class Term:
    """A school term, for reports of incidents per term."""

    name: str
    start: date
    end: date


def parse_terms(values: object) -> tuple[Term, ...]:
    """Terms from settings: strings "Autumn 2026: 2026-09-03..2026-12-18", Term objects or
    {"name", "start", "end"} mappings, sorted by start. The one parser of terms (the settings use it)."""
    terms = []
    for item in values or ():  # type: ignore[attr-defined]
        if isinstance(item, Term):
            terms.append(item)
            continue
        try:
            if isinstance(item, str):
                name, _, span = item.partition(":")
                first, _, last = span.strip().partition("..")
                term = Term(name.strip(), date.fromisoformat(first.strip()), date.fromisoformat(last.strip()))
            else:
                start, end = item["start"], item["end"]
                term = Term(
                    str(item["name"]).strip(),
                    start if isinstance(start, date) else date.fromisoformat(str(start)),
                    end if isinstance(end, date) else date.fromisoformat(str(end)),
                )
        except (ValueError, AttributeError, KeyError, TypeError):
            raise InvalidInput(
                f"The term {item!r} is not like 'Autumn 2026: 2026-09-03..2026-12-18'."
            ) from None
        if not term.name or term.end < term.start:
            raise InvalidInput(f"The term {item!r} needs a name and an end after its start.")
        terms.append(term)
    return tuple(sorted(terms, key=lambda t: t.start))


def term_of(day: date, terms: tuple[Term, ...] | list[Term] = ()) -> str:
    """The term a date falls in: a configured term, else Autumn (Sep-Dec), Spring (Jan-Mar), Summer (Apr-Aug)."""
    for term in terms:
        if term.start <= day <= term.end:
            return term.name
    if day.month >= 9:
        return f"Autumn {day.year}"
    if day.month <= 3:
        return f"Spring {day.year}"
    return f"Summer {day.year}"


@dataclass(frozen=True)
class CaseSettings:
    """The breach process's settings (section ``[cases]`` of kiosk.toml): the one definition of them.

    kiosk.config validates the settings file straight into this class (terms parsed once, by
    ``parse_terms``), and the case service reads it; nothing else holds these defaults.
    """

    # Unknown keys in [cases] are refused (pydantic reads this when it validates the settings file).
    __pydantic_config__ = {"extra": "forbid"}

    police_force: str = "Metropolitan Police"
    legal_team: str = "Outcomes First Legal Team"
    cite_section_547: bool = False  # letters mention section 547 of the Education Act 1996
    head_title: str = "Head of School"
    representations_contact: str = ""  # empty: "in writing to the head at the address above"
    letters_folder: str = ""  # the school's own letter templates; empty: the shipped ones
    # School terms for reports, each "Autumn 2026: 2026-09-03..2026-12-18"; empty: Sep-Dec, Jan-Mar, Apr-Aug.
    terms: tuple[Term, ...] = ()
    # An extension at a review runs at most this many months from the review (then a new review).
    max_extension_months: int = 12


@dataclass(frozen=True, slots=True)
class SchoolDetails:
    """What letters say about the school (from the settings' ``[school]`` section)."""

    name: str = "Kestrel House School"
    address: str = "1 School Lane, Oakfield, OK1 2AB"
    head_name: str = "the Head of School"
