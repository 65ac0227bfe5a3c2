"""The school's own lists at the front door: who is expected today, and who has been checked.

An ``ExpectedVisit`` is a booking made before the day (at the console, or imported from a supply agency's
booking list); a ``Clearance`` is one line of the single central record (the checks Keeping Children Safe
in Education asks schools to keep on contractors, supply staff, volunteers and governors). Plain data and
rules only: no Qt, no SQLAlchemy, no I/O.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.domain.model import PersonType

# The kinds of visitor whose checks the single central record holds: a missing or expired check for one of
# them tells reception at sign-in, and their badge says "Must be escorted" until they are cleared.
CHECKED_TYPES: frozenset[PersonType] = frozenset(
    {PersonType.CONTRACTOR, PersonType.SUPPLY_STAFF, PersonType.VOLUNTEER, PersonType.GOVERNOR}
)


def name_key(first_name: str, last_name: str) -> str:
    """One key per name, for matching a typed name to a booking or a record: case, accents and spacing folded."""
    text = unicodedata.normalize("NFKD", f"{first_name} {last_name}".casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("-", " ").replace("'", "").replace("\u2019", "").split())


@dataclass(slots=True)
class ExpectedVisit:
    """A visit booked for a day: who, when, whom they see, what for. Arrival links it to the visit made."""

    id: int | None
    first_name: str
    last_name: str
    person_type: PersonType
    expected_on: date
    site_id: int
    host: str = ""
    host_email: str = ""  # the host is emailed when the visitor arrives (where mail is set up)
    organisation: str = ""
    purpose: str = ""
    notes: str = ""  # for reception only; never shown at the kiosk
    source: str = "console"  # "console" or the imported file's name
    created_by: int | None = None
    created_at: datetime | None = None
    visit_id: int | None = None  # the visit that fulfilled the booking
    arrived_at: datetime | None = None
    cancelled_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def key(self) -> str:
        return name_key(self.first_name, self.last_name)

    @property
    def arrived(self) -> bool:
        return self.visit_id is not None


@dataclass(frozen=True, slots=True)
class ExpectedArrival:
    """What the kiosk may use of a booking that a visitor's name matched: nothing private (no notes)."""

    expected_id: int
    person_type: PersonType
    host: str = ""
    organisation: str = ""
    purpose: str = ""


class DbsCheck(enum.StrEnum):
    """The level of a DBS check recorded in the single central record."""

    NONE = "none"
    BASIC = "basic"
    STANDARD = "standard"
    ENHANCED = "enhanced"
    ENHANCED_BARRED = "enhanced with barred list"

    @property
    def label(self) -> str:
        return "No check" if self is DbsCheck.NONE else self.value[0].upper() + self.value[1:]


class ClearanceState(enum.StrEnum):
    """What a person's record says at the door, in the words the badge prints."""

    CLEARED = "Cleared"
    ESCORTED = "Must be escorted"


@dataclass(slots=True)
class Clearance:
    """One person's line in the single central record: their checks, and when they run out."""

    id: int | None
    first_name: str
    last_name: str
    person_type: PersonType
    organisation: str = ""
    dbs_check: DbsCheck = DbsCheck.NONE
    dbs_number: str = ""
    dbs_date: date | None = None
    id_checked: bool = False
    agency_confirmed: bool = False  # the supply agency confirmed its own checks in writing
    expires_on: date | None = None
    notes: str = ""
    updated_by: int | None = None
    updated_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def key(self) -> str:
        return name_key(self.first_name, self.last_name)

    def problems(self, today: date) -> list[str]:
        """Why this person must be escorted today (empty: cleared)."""
        out = []
        if self.dbs_check is DbsCheck.NONE or self.dbs_date is None:
            out.append("no DBS check recorded")
        if not self.id_checked:
            out.append("identity not checked")
        if self.person_type is PersonType.SUPPLY_STAFF and not self.agency_confirmed:
            out.append("no agency confirmation")
        if self.expires_on is not None and self.expires_on < today:
            out.append(f"check expired on {self.expires_on.strftime('%d %b %Y')}")
        return out

    def state(self, today: date) -> ClearanceState:
        return ClearanceState.ESCORTED if self.problems(today) else ClearanceState.CLEARED


@dataclass(frozen=True, slots=True)
class DoorCheck:
    """What the single central record says about someone signing in: the badge's words and reception's notice."""

    state: ClearanceState
    reasons: tuple[str, ...] = ()  # why they must be escorted: "no record", "check expired on ..."
    clearance_id: int | None = None

    @property
    def needs_review(self) -> bool:
        return self.state is ClearanceState.ESCORTED


def door_check(person_type: PersonType, record: Clearance | None, today: date) -> DoorCheck | None:
    """The door's answer for this kind of visitor (None: a kind whose checks the record does not hold)."""
    if PersonType(person_type) not in CHECKED_TYPES:
        return None
    if record is None:
        return DoorCheck(ClearanceState.ESCORTED, ("no record in the single central record",))
    reasons = tuple(record.problems(today))
    return DoorCheck(record.state(today), reasons, record.id)
