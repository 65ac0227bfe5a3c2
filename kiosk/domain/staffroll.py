"""Staff on the roll: the school's staff members (most without a console account), their presence on
site (signed in at the kiosk with a staff card or a name and PIN) and the roll call at the assembly point.

A staff member's sign-in is not a visit: it is never screened against the bans (the school checks its own
staff) and never prints a badge. It is what the fire roll needs: who of the staff is in the building now.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime

# Every staff card's QR code starts with this: the kiosk tells a staff card from a visitor's badge or pass
# without a look-up. Only the scanner's token alphabet (letters, digits, - and _), so a USB scanner is heard.
CARD_PREFIX = "STAFF-"


def new_card_token() -> str:
    """A fresh staff card code: the prefix and 128 random bits (unguessable, so a card cannot be forged)."""
    return CARD_PREFIX + secrets.token_hex(16).upper()


def is_card_token(code: str) -> bool:
    """Whether a scanned code is a staff card's (any case: a scanner's Caps Lock inverts letters)."""
    return code.strip().upper().startswith(CARD_PREFIX)


@dataclass(frozen=True, slots=True)
class RollMember:
    """A member of staff on the roll. ``pin_hash`` is empty when they sign in with their card only."""

    id: int | None
    first_name: str
    last_name: str
    job_title: str = ""
    department: str = ""
    reference: str = ""  # the school information system's staff id or code, when the CSV has one
    card_token: str = ""
    pin_hash: str = ""
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    lockouts: int = 0
    created_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)


class PresenceEnd(enum.StrEnum):
    """How a staff member's time on site ended."""

    SIGNED_OUT = "signed out"
    END_OF_DAY = "closed at end of day"


@dataclass(frozen=True, slots=True)
class StaffPresence:
    """One stretch of a staff member on site: from sign-in to sign-out (or the end-of-day close)."""

    id: int | None
    member_id: int
    site_id: int
    signed_in_at: datetime
    signed_out_at: datetime | None = None
    ended: PresenceEnd | None = None
    kiosk_id: int | None = None
    how: str = "card"  # card | PIN | console

    @property
    def on_site(self) -> bool:
        return self.signed_out_at is None


@dataclass(frozen=True, slots=True)
class StaffToggle:
    """What a kiosk staff sign-in did: signed in (True) or out, who, and when (UTC)."""

    member_id: int
    name: str
    signed_in: bool
    at: datetime


class RollGroup(enum.StrEnum):
    """The roll's two groups: staff first (they lead the roll call), then visitors."""

    STAFF = "staff"
    VISITORS = "visitors"


@dataclass(frozen=True, slots=True)
class RollCall:
    """A roll call at the assembly point: everyone on site when it began, ticked off as they arrive."""

    id: int | None
    site_id: int | None
    started_at: datetime
    started_by: str
    closed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RollCallEntry:
    """One person on a roll call: who (a name and what they are), and whether they have been seen."""

    id: int | None
    roll_call_id: int
    group: RollGroup
    ref: str  # "staff:<member id>" or "visit:<visit id>", unique within a roll call
    name: str
    detail: str = ""  # the type of visitor and "Cleared" / "Must be escorted"; a staff member's job title
    ticked_at: datetime | None = None
    ticked_by: str = ""

    @property
    def present(self) -> bool:
        return self.ticked_at is not None
