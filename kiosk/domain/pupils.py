"""Pupils and who may collect them: authorised collectors, the family's password, and "do not release to".

A ``Pupil`` comes from the school information system's export (or is typed in at the console) with the
people who may collect them (``Collector``: name, relationship, an optional photo) and, optionally, a family
collection password (stored hashed, as staff PINs are). A ``Restriction`` is a court order or a "do not
release to" note naming a person: it is read only by the safeguarding lead and the head; at the door the
person it names is held like a banned visitor. Plain data and rules only: no Qt, no SQLAlchemy, no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

MAX_PHOTO_BYTES = 2_000_000
MAX_COLLECTORS = 12
MIN_PASSWORD_LENGTH = 4
MAX_PASSWORD_LENGTH = 64


@dataclass(slots=True)
class Collector:
    """Someone the family has said may collect the child."""

    id: int | None
    name: str
    relationship: str = ""
    photo: bytes | None = None  # a JPEG or PNG reception compares at the desk; never shown at the kiosk
    priority: int = 0  # the order the school's information system gives (1 = first contact)
    # A photo is held (lists leave the bytes out: ``photo`` is None there). Saved with ``photo`` None and
    # this set, the collector of the same id keeps the photo already held.
    has_photo: bool = False

    def __post_init__(self) -> None:
        if self.photo is not None:
            self.has_photo = True


class RestrictionKind(enum.StrEnum):
    """What a restriction on a child is."""

    COURT_ORDER = "court order"
    DO_NOT_RELEASE = "do not release"

    @property
    def label(self) -> str:
        return "Court order" if self is RestrictionKind.COURT_ORDER else "Do not release to"


@dataclass(slots=True)
class Restriction:
    """A court order or "do not release to" note on a child, naming the person it concerns."""

    id: int | None
    pupil_id: int
    kind: RestrictionKind
    person_name: str
    aliases: tuple[str, ...] = ()
    details: str = ""  # the order's terms, the reference, whom to call: for the safeguarding lead and head
    expires_on: date | None = None
    created_by: int | None = None
    created_at: datetime | None = None

    def in_force(self, today: date) -> bool:
        return self.expires_on is None or self.expires_on >= today


@dataclass(slots=True)
class Pupil:
    """A child on the school roll, with the people who may collect them."""

    id: int | None
    first_name: str
    last_name: str
    preferred_first_name: str = ""
    preferred_last_name: str = ""
    reg_group: str = ""  # the class or form ("3B", "Oak")
    year_group: str = ""
    mis_id: str = ""  # the school information system's own id (UPN, admission number), for re-imports
    password_hash: str = ""  # the family's collection password, argon2 ("" = none set)
    collectors: tuple[Collector, ...] = field(default_factory=tuple)
    source: str = "console"
    updated_by: int | None = None
    updated_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def known_as(self) -> str:
        """The name the school uses day to day (preferred names where given)."""
        first = self.preferred_first_name or self.first_name
        last = self.preferred_last_name or self.last_name
        return f"{first} {last}".strip()

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the child's full name may be given: legal and preferred, first one the legal name."""
        out = [self.full_name]
        for first in (self.first_name, self.preferred_first_name):
            for last in (self.last_name, self.preferred_last_name):
                name = f"{first} {last}".strip()
                if first and last and name not in out:
                    out.append(name)
        return tuple(out)

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)


class CollectionOutcome(enum.StrEnum):
    """What the door decided about someone collecting a child."""

    AUTHORISED = "authorised"  # on the child's list (and the password right, where one is set)
    NOT_ON_LIST = "not on the child's list"
    WRONG_PASSWORD = "wrong collection password"
    CHILD_NOT_FOUND = "child not found"
    RESTRICTED = "named in a court order or do-not-release note"

    @property
    def holds(self) -> bool:
        return self is not CollectionOutcome.AUTHORISED

    @property
    def headline(self) -> str:
        """What reception's alert says, and nothing more (a restriction's details are not in it)."""
        return {
            CollectionOutcome.AUTHORISED: "Authorised collector",
            CollectionOutcome.NOT_ON_LIST: "Not on the child's list of collectors",
            CollectionOutcome.WRONG_PASSWORD: "The family's collection password was not given correctly",
            CollectionOutcome.CHILD_NOT_FOUND: "Child not found: check the name with the collector",
            CollectionOutcome.RESTRICTED: "Hold: call the safeguarding lead",
        }[self]


@dataclass(frozen=True, slots=True)
class CollectionVerdict:
    """The door's answer for a collector: whether they go through, and what reception is told."""

    outcome: CollectionOutcome
    pupil_id: int | None = None
    restriction_ids: tuple[int, ...] = ()
    collector_id: int | None = None  # the authorised collector the name matched
    reasons: tuple[str, ...] = ()  # the screening engine's words for the match

    @property
    def holds(self) -> bool:
        return self.outcome.holds


@dataclass(frozen=True, slots=True)
class CollectionHold:
    """A collector held at the door: the held visit, the child the name matched, and why (for reception)."""

    id: int | None
    visit_id: int
    outcome: CollectionOutcome
    child_name: str  # as typed at the kiosk
    raised_at: datetime
    pupil_id: int | None = None
    restriction_ids: tuple[int, ...] = ()
