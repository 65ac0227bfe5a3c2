"""Expected visitors: bookings made before the day, recognised at the kiosk, their hosts told on arrival.

A booking never skips screening: the kiosk screens an expected visitor's name like anyone's, and a held
visitor's booking stays "not arrived" (their host is not told; reception has the alert). The kiosk learns
of a booking only as an ``ExpectedArrival`` (type, host, organisation, purpose; never the notes), and shows
it back only to a visitor who proved who they are (visitor pass or phone digits).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime

from kiosk.domain.errors import Conflict, InvalidInput, NotFound
from kiosk.domain.events import Change
from kiosk.domain.expected import ExpectedArrival, ExpectedVisit, name_key
from kiosk.domain.model import Actor, PersonType
from kiosk.domain.permissions import Action, require
from kiosk.domain.spreadsheet import csv_text
from kiosk.services.common import Deps, audit, clean_name, clean_text, stored_id
from kiosk.services.listcsv import Column, parse_date, read_rows
from kiosk.services.ports import UnitOfWork

log = logging.getLogger(__name__)

# The documented column mapping of a booking list (docs/expected.md): the first header of each is ours.
EXPECTED_COLUMNS: tuple[Column, ...] = (
    Column("first_name", ("first name", "forename", "given name", "firstname", "candidate first name"), True),
    Column("last_name", ("surname", "last name", "family name", "lastname", "candidate surname"), True),
    Column(
        "expected_on", ("date", "booking date", "expected on", "start date", "day", "assignment date"), True
    ),
    Column("person_type", ("type", "visitor type", "role")),
    Column("host", ("host", "visiting", "staff member", "contact", "booked by", "school contact")),
    Column("host_email", ("host email", "contact email", "staff email")),
    Column("organisation", ("organisation", "organization", "agency", "company", "supplier")),
    Column("purpose", ("purpose", "reason", "assignment", "class", "cover for", "subject")),
    Column("notes", ("notes", "comments", "note")),
)

_TYPE_WORDS = {
    "supply": PersonType.SUPPLY_STAFF,
    "supply teacher": PersonType.SUPPLY_STAFF,
    "supply staff": PersonType.SUPPLY_STAFF,
    "cover supervisor": PersonType.SUPPLY_STAFF,
    "teaching assistant": PersonType.SUPPLY_STAFF,
    "contractor": PersonType.CONTRACTOR,
    "volunteer": PersonType.VOLUNTEER,
    "governor": PersonType.GOVERNOR,
    "visitor": PersonType.VISITOR,
    "parent": PersonType.PARENT,
    "parent/carer": PersonType.PARENT,
    "carer": PersonType.PARENT,
}


def parse_type(value: str, default: PersonType) -> PersonType:
    """A visitor type as a booking list writes it ("Supply teacher", "contractor"); "" is ``default``."""
    v = " ".join(value.casefold().split())
    if not v:
        return default
    if v in _TYPE_WORDS:
        return _TYPE_WORDS[v]
    try:
        return PersonType(v)
    except ValueError:
        known = ", ".join(sorted({t.value for t in PersonType if t is not PersonType.COLLECTOR}))
        raise InvalidInput(f"the type {value[:30]!r} is not one the kiosk knows ({known}).") from None


@dataclass(frozen=True)
class ArrivalNotice:
    """What the host is told when their visitor signs in."""

    expected_id: int
    visit_id: int
    visitor: str  # the visitor's full name (the host booked them)
    host: str
    host_email: str
    site_id: int


def find_booking(uow: UnitOfWork, first: str, last: str, site_id: int, day: date) -> ExpectedVisit | None:
    """The first booking for this name at this site on this day that is neither cancelled nor fulfilled."""
    for e in uow.expected.by_name_on(name_key(first, last), day, site_id):
        if e.cancelled_at is None and e.visit_id is None:
            return e
    return None


def arrival_of(e: ExpectedVisit) -> ExpectedArrival:
    """What the kiosk may know of a booking."""
    return ExpectedArrival(stored_id(e), e.person_type, e.host, e.organisation, e.purpose)


def mark_arrived(
    uow: UnitOfWork, booking: ExpectedVisit, visit_id: int, actor: Actor, now: datetime
) -> ArrivalNotice:
    """Link a booking to the visit that fulfilled it (in the sign-in's own transaction)."""
    booking.visit_id = visit_id
    booking.arrived_at = now
    uow.expected.update(booking)
    audit(uow, now, actor, "expected visitor arrived", "expected_visit", stored_id(booking), visit_id)
    return ArrivalNotice(
        stored_id(booking),
        visit_id,
        booking.full_name,
        booking.host,
        booking.host_email,
        booking.site_id,
    )


def notify_arrival(deps: Deps, notice: ArrivalNotice) -> None:
    """Tell the host (console notice through the event feed; email through the outbox where set up)."""
    deps.notify(
        Change.EXPECTED_ARRIVED,
        expected_id=notice.expected_id,
        visit_id=notice.visit_id,
        visitor=notice.visitor,
        host=notice.host,
        host_email=notice.host_email,
        site_id=notice.site_id,
    )


@dataclass
class ExpectedService:
    """Reception's (or any staff member's) bookings: add, import, cancel, and today's arrivals."""

    deps: Deps
    site_id: int

    def validated(self, e: ExpectedVisit) -> ExpectedVisit:
        """A booking with every field tidied and checked (raises InvalidInput naming the field)."""
        person_type = PersonType(e.person_type)
        if person_type is PersonType.COLLECTOR:
            raise InvalidInput("A collector cannot be booked in: collectors name the child at the kiosk.")
        email = clean_text(e.host_email, "host's email address", limit=200)
        if email and ("@" not in email or " " in email or email.startswith("@") or email.endswith("@")):
            raise InvalidInput(f"The host's email address {email[:60]!r} is not an email address.")
        return replace(
            e,
            first_name=clean_name(e.first_name, "first name"),
            last_name=clean_name(e.last_name, "surname"),
            person_type=person_type,
            host=clean_text(e.host, "host", limit=200),
            host_email=email,
            organisation=clean_text(e.organisation, "organisation", limit=200),
            purpose=clean_text(e.purpose, "purpose", limit=300),
            notes=clean_text(e.notes, "notes", limit=2000),
        )

    def add(self, actor: Actor, booking: ExpectedVisit) -> ExpectedVisit:
        """Pre-register one visit. A day already past is refused (a booking is for today or later)."""
        require(actor, Action.EXPECTED_VISITS)
        e = self.validated(booking)
        if e.expected_on < self.deps.clock.today():
            raise InvalidInput("That day has passed: a visitor can be expected today or later.")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            added = uow.expected.add(
                replace(e, id=None, created_by=actor.staff_id, created_at=now, visit_id=None, arrived_at=None)
            )
            audit(uow, now, actor, "expected visitor added", "expected_visit", stored_id(added))
            uow.commit()
        self.deps.notify(Change.EXPECTED_CHANGED, actor=actor, expected_ids=[added.id])
        return added

    def cancel(self, actor: Actor, expected_id: int) -> ExpectedVisit:
        """The visit is off: the booking stays in the list as cancelled, and the kiosk no longer knows it."""
        require(actor, Action.EXPECTED_VISITS)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            e = uow.expected.get(expected_id)
            if e is None:
                raise NotFound("That booking no longer exists.")
            if e.visit_id is not None:
                raise Conflict(f"{e.full_name} has already arrived: sign them out instead.")
            if e.cancelled_at is None:
                e.cancelled_at = now
                uow.expected.update(e)
                audit(uow, now, actor, "expected visit cancelled", "expected_visit", expected_id)
                uow.commit()
        self.deps.notify(Change.EXPECTED_CHANGED, actor=actor, expected_ids=[expected_id])
        return e

    def day(self, actor: Actor, day: date | None = None) -> list[ExpectedVisit]:
        """Everyone expected on a day (today by default) at this site: arrived, not yet, or cancelled."""
        require(actor, Action.EXPECTED_VISITS)
        with self.deps.uow.readonly() as uow:
            return uow.expected.on_day(day or self.deps.clock.today(), self.site_id)

    def not_arrived(self, actor: Actor, day: date | None = None) -> list[ExpectedVisit]:
        """Who is expected today and has not come (cancelled bookings left out)."""
        return [e for e in self.day(actor, day) if e.visit_id is None and e.cancelled_at is None]

    def import_csv(
        self,
        actor: Actor,
        text: str,
        source: str = "the file",
        *,
        default_type: PersonType = PersonType.VISITOR,
    ) -> int:
        """Import a booking list (e.g. a supply agency's): how many bookings were added. A bad row adds none.

        Columns by header, tolerant of the common spellings (EXPECTED_COLUMNS, docs/expected.md); a row
        booked for a day already past is refused, naming its line. A row that repeats a booking already
        made (same name, day and site, not cancelled) is skipped, so importing the same file twice adds
        nothing the second time.
        """
        require(actor, Action.EXPECTED_VISITS)
        rows = read_rows(text, EXPECTED_COLUMNS, source)
        today = self.deps.clock.today()
        checked: list[ExpectedVisit] = []
        for line, row in rows:
            try:
                day = parse_date(row.get("expected_on", ""), "date")
                if day is None:
                    raise InvalidInput("the date is missing.")
                if day < today:
                    raise InvalidInput(f"{day.strftime('%d %b %Y')} has passed.")
                e = self.validated(
                    ExpectedVisit(
                        id=None,
                        first_name=row.get("first_name", ""),
                        last_name=row.get("last_name", ""),
                        person_type=parse_type(row.get("person_type", ""), default_type),
                        expected_on=day,
                        site_id=self.site_id,
                        host=row.get("host", ""),
                        host_email=row.get("host_email", ""),
                        organisation=row.get("organisation", ""),
                        purpose=row.get("purpose", ""),
                        notes=row.get("notes", ""),
                        source=clean_text(source, "file name", limit=200)[:200],
                    )
                )
            except InvalidInput as exc:
                raise InvalidInput(f"{source}, line {line}: {exc}") from None
            checked.append(e)
        now = self.deps.clock.now()
        added: list[int] = []
        with self.deps.uow() as uow:
            seen: set[tuple[str, date]] = set()
            for e in checked:
                k = (e.key, e.expected_on)
                existing = [
                    x
                    for x in uow.expected.by_name_on(e.key, e.expected_on, self.site_id)
                    if x.cancelled_at is None
                ]
                if existing or k in seen:
                    continue
                seen.add(k)
                made = uow.expected.add(replace(e, created_by=actor.staff_id, created_at=now))
                added.append(stored_id(made))
            if added:
                audit(
                    uow,
                    now,
                    actor,
                    "expected visitors imported",
                    "expected_visit",
                    *added[:1000],
                    detail=f"{len(added)} from {source[:100]}",
                )
            uow.commit()
        if added:
            self.deps.notify(Change.EXPECTED_CHANGED, actor=actor, expected_ids=added[:100])
        return len(added)

    def export_csv(self, actor: Actor, day: date | None = None) -> str:
        """A day's bookings as CSV (the import's own columns, so the file imports back); audited."""
        bookings = self.day(actor, day)
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "expected visitors exported",
                "expected_visit",
                *[stored_id(e) for e in bookings][:1000],
            )
            uow.commit()
        header = ("first name", "surname", "date", "type", "host", "host email", "organisation", "purpose")
        return csv_text(
            header,
            (
                (
                    e.first_name,
                    e.last_name,
                    e.expected_on.isoformat(),
                    e.person_type.value,
                    e.host,
                    e.host_email,
                    e.organisation,
                    e.purpose,
                )
                for e in bookings
                if e.cancelled_at is None
            ),
        )
