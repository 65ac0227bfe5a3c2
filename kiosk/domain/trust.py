"""A trust of schools (a multi-academy trust): schools above their sites, bans for a school or the trust.

A single school is one default school (id 1) and nothing changes for it. In a trust every per-school row
(people, visits, acknowledgements, alerts, incidents, cases, letters, bans, staff) names its school; the
database keeps the schools apart (PostgreSQL row-level security, kiosk.db.trust) and a school's kiosks
screen against that school's bans plus the trust's (``BanScope``). Trust bans are decided and approved by
the trust's own roles (``Role.trust_roles``, ``Action.TRUST_BANS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_SCHOOL_ID = 1


@dataclass(frozen=True, slots=True)
class School:
    id: int
    name: str
    db_role: str = ""  # the PostgreSQL role its kiosks and consoles connect as; "" before the trust is set up


@dataclass(frozen=True, slots=True)
class SchoolBans:
    """One line of the trust's ban report: a school's bans in force, by scope."""

    school: str
    school_bans: int
    trust_bans: int  # trust bans recorded by this school (every school screens against all of them)
    several_schools: int = 0  # bans for several schools that name this school (it screens against them)


@dataclass(frozen=True, slots=True)
class BanReview:
    """A ban in force whose review falls due within the report's window."""

    school: str
    ban_id: int
    name: str
    scope: str
    review_date: date


@dataclass(frozen=True, slots=True)
class SchoolIncidents:
    school: str
    incidents: int
    open_cases: int


@dataclass(frozen=True, slots=True)
class TrustReport:
    """Bans across schools, reviews due, incidents by school: for the trust's roles only."""

    bans: tuple[SchoolBans, ...]
    reviews_due: tuple[BanReview, ...]
    incidents: tuple[SchoolIncidents, ...]
