"""What goes on a printed badge or report: plain data handed to the printing adapters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kiosk.domain.model import PersonType


@dataclass(frozen=True, slots=True)
class BadgeContent:
    """Everything one visitor badge shows. Times are already in the school's local time."""

    visitor_name: str
    person_type: PersonType
    visit_token: str  # encoded in the QR code; scanning it signs the visitor out
    signed_in_at: datetime  # local time
    host: str = ""  # who they are visiting (or "Collecting: child's name")
    school_name: str = ""
    organisation: str = ""
    reminder: str = "Phone and video calls are not allowed on the school premises."
    photo_png: bytes | None = None
    # The single central record's word for a checked type ("Cleared" / "Must be escorted"), "" for others.
    clearance: str = ""


@dataclass(frozen=True, slots=True)
class RosterLine:
    """One person on a fire roll or visit log."""

    name: str
    person_type: PersonType
    signed_in_at: datetime  # local time
    host: str = ""
    organisation: str = ""
    signed_out_at: datetime | None = None
    status: str = ""
    kiosk: str = ""
    # The single central record's word for a checked type ("Cleared" / "Must be escorted"), "" for others.
    clearance: str = ""


@dataclass(frozen=True, slots=True)
class StaffLine:
    """A member of staff on the fire roll: signed in at the kiosk (card or PIN) at ``signed_in_at``."""

    name: str
    job_title: str
    signed_in_at: datetime  # local time


@dataclass(frozen=True, slots=True)
class FireRoll:
    """Everyone on site now, for the evacuation roll call."""

    school_name: str
    site_name: str
    printed_at: datetime  # local time
    lines: tuple[RosterLine, ...] = field(default_factory=tuple)
    staff: tuple[StaffLine, ...] = field(default_factory=tuple)
    # The last sign-in or sign-out of the day (staff or visitor), local time; None when nobody came.
    last_change: datetime | None = None

    @property
    def total(self) -> int:
        return len(self.lines) + len(self.staff)


@dataclass(frozen=True, slots=True)
class RollCallSheet:
    """A roll call's state on paper: who has not been seen at the assembly point, and who has."""

    school_name: str
    site_name: str
    started_at: datetime  # local time
    printed_at: datetime  # local time
    missing: tuple[tuple[str, str, str], ...]  # (group label, name, detail)
    present_count: int


@dataclass(frozen=True, slots=True)
class StaffCard:
    """One staff card: the name, job title and the card's QR code (scanned at the kiosk to sign in or out)."""

    name: str
    job_title: str
    school_name: str
    card_token: str


@dataclass(frozen=True, slots=True)
class VisitLog:
    """Visits over a date range, for the school's records."""

    school_name: str
    site_name: str
    date_from: datetime
    date_to: datetime
    printed_at: datetime
    lines: tuple[RosterLine, ...] = field(default_factory=tuple)
