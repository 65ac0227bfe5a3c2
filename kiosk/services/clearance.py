"""The single central record: who has been checked, and what the door says about those who have not.

Contractors, supply staff, volunteers and governors (``CHECKED_TYPES``) carry a check status. At sign-in
their badge says "Cleared" or "Must be escorted"; a missing or expired check tells reception (a review
notice, never a hold: screening alone holds anyone). Two records of the same name that disagree count as
"Must be escorted": the door never guesses which person it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from kiosk.domain.errors import InvalidInput, NotFound
from kiosk.domain.events import Change
from kiosk.domain.expected import (
    CHECKED_TYPES,
    Clearance,
    ClearanceState,
    DbsCheck,
    DoorCheck,
    door_check,
    name_key,
)
from kiosk.domain.model import Actor, PersonType
from kiosk.domain.permissions import Action, require
from kiosk.domain.spreadsheet import csv_text
from kiosk.services.common import Deps, audit, clean_name, clean_text, stored_id
from kiosk.services.expected import parse_type
from kiosk.services.listcsv import Column, parse_date, parse_yes, read_rows
from kiosk.services.ports import UnitOfWork

# The documented column mapping of a single central record export (docs/expected.md).
CLEARANCE_COLUMNS: tuple[Column, ...] = (
    Column("first_name", ("first name", "forename", "given name", "legal forename", "firstname"), True),
    Column("last_name", ("surname", "last name", "family name", "legal surname", "lastname"), True),
    Column("person_type", ("type", "role", "category", "staff type")),
    Column("organisation", ("organisation", "organization", "agency", "company", "employer")),
    Column("dbs_check", ("dbs check", "dbs level", "dbs type", "check type", "dbs", "disclosure level")),
    Column("dbs_number", ("dbs number", "certificate number", "dbs certificate number", "disclosure number")),
    Column("dbs_date", ("dbs date", "dbs issue date", "date of check", "certificate date", "dbs checked on")),
    Column("id_checked", ("id checked", "identity checked", "identity check", "proof of identity")),
    Column("agency_confirmed", ("agency confirmation", "agency confirmed", "agency checks confirmed")),
    Column("expires_on", ("expiry", "expires", "expiry date", "review date", "valid until")),
    Column("notes", ("notes", "comments")),
)

_DBS_WORDS = {
    "": DbsCheck.NONE,
    "none": DbsCheck.NONE,
    "no": DbsCheck.NONE,
    "basic": DbsCheck.BASIC,
    "standard": DbsCheck.STANDARD,
    "enhanced": DbsCheck.ENHANCED,
    "enhanced dbs": DbsCheck.ENHANCED,
    "enhanced with barred list": DbsCheck.ENHANCED_BARRED,
    "enhanced with barred lists": DbsCheck.ENHANCED_BARRED,
    "enhanced + barred list": DbsCheck.ENHANCED_BARRED,
    "enhanced and barred list": DbsCheck.ENHANCED_BARRED,
    "enhanced + barred": DbsCheck.ENHANCED_BARRED,
    "enhanced barred": DbsCheck.ENHANCED_BARRED,
}


def parse_dbs(value: str) -> DbsCheck:
    v = " ".join(value.casefold().replace("-", " ").split())
    if v in _DBS_WORDS:
        return _DBS_WORDS[v]
    raise InvalidInput(
        f"the DBS check {value[:40]!r} is not one of none, basic, standard, enhanced, "
        "enhanced with barred list."
    )


def door_check_for(
    uow: UnitOfWork, first: str, last: str, person_type: PersonType, organisation: str, today: date
) -> DoorCheck | None:
    """What the record says about someone signing in (None: their type needs no check)."""
    if PersonType(person_type) not in CHECKED_TYPES:
        return None
    return _door_check_of(uow.clearances.by_name(name_key(first, last)), person_type, organisation, today)


def _door_check_of(
    records: list[Clearance], person_type: PersonType, organisation: str, today: date
) -> DoorCheck | None:
    """door_check_for, given the records of the person's name."""
    if len(records) > 1 and organisation.strip():
        same = [r for r in records if r.organisation.casefold() == organisation.strip().casefold()]
        records = same or records
    if len(records) > 1:
        states = {r.state(today) for r in records}
        if states != {ClearanceState.CLEARED}:
            return DoorCheck(ClearanceState.ESCORTED, ("more than one record of this name: check which",))
    return door_check(person_type, records[0] if records else None, today)


@dataclass
class ClearanceService:
    """Reception keeps the single central record: add, change, remove, import, export."""

    deps: Deps

    def validated(self, c: Clearance) -> Clearance:
        person_type = PersonType(c.person_type)
        if person_type not in CHECKED_TYPES:
            kinds = ", ".join(sorted(t.label.lower() for t in CHECKED_TYPES))
            raise InvalidInput(f"The single central record is for {kinds}.")
        if c.dbs_date is not None and c.dbs_date > self.deps.clock.today():
            raise InvalidInput("The DBS check date is in the future.")
        return replace(
            c,
            first_name=clean_name(c.first_name, "first name"),
            last_name=clean_name(c.last_name, "surname"),
            person_type=person_type,
            organisation=clean_text(c.organisation, "organisation", limit=200),
            dbs_check=DbsCheck(c.dbs_check),
            dbs_number=clean_text(c.dbs_number, "DBS certificate number", limit=40),
            notes=clean_text(c.notes, "notes", limit=2000),
        )

    def records(self, actor: Actor) -> list[Clearance]:
        """The whole record, by surname."""
        require(actor, Action.CLEARANCES)
        with self.deps.uow.readonly() as uow:
            return uow.clearances.list()

    def get(self, actor: Actor, clearance_id: int) -> Clearance:
        """One person's line (audited: it holds their DBS certificate number)."""
        require(actor, Action.CLEARANCES)
        with self.deps.uow() as uow:
            c = uow.clearances.get(clearance_id)
            if c is None:
                raise NotFound("That record no longer exists.")
            audit(uow, self.deps.clock.now(), actor, "clearance viewed", "clearance", clearance_id)
            uow.commit()
        return c

    def save(self, actor: Actor, record: Clearance) -> Clearance:
        """Add a line (no id) or change one."""
        require(actor, Action.CLEARANCES)
        c = self.validated(record)
        now = self.deps.clock.now()
        c = replace(c, updated_by=actor.staff_id, updated_at=now)
        with self.deps.uow() as uow:
            if c.id is None:
                c = uow.clearances.add(c)
                audit(uow, now, actor, "clearance added", "clearance", stored_id(c))
            else:
                if uow.clearances.get(c.id) is None:
                    raise NotFound("That record no longer exists.")
                uow.clearances.update(c)
                audit(uow, now, actor, "clearance changed", "clearance", stored_id(c))
            uow.commit()
        self.deps.notify(Change.CLEARANCES_CHANGED, actor=actor, clearance_ids=[c.id])
        return c

    def remove(self, actor: Actor, clearance_id: int) -> None:
        require(actor, Action.CLEARANCES)
        with self.deps.uow() as uow:
            if uow.clearances.get(clearance_id) is None:
                raise NotFound("That record no longer exists.")
            uow.clearances.delete(clearance_id)
            audit(uow, self.deps.clock.now(), actor, "clearance removed", "clearance", clearance_id)
            uow.commit()
        self.deps.notify(Change.CLEARANCES_CHANGED, actor=actor, clearance_ids=[clearance_id])

    def import_csv(self, actor: Actor, text: str, source: str = "the file") -> tuple[int, int]:
        """Import the record from CSV: (added, updated). A bad row imports nothing.

        A row whose name (and organisation, when given) matches one line updates it; otherwise it is added.
        """
        require(actor, Action.CLEARANCES)
        rows = read_rows(text, CLEARANCE_COLUMNS, source)
        checked: list[Clearance] = []
        for line, row in rows:
            try:
                c = self.validated(
                    Clearance(
                        id=None,
                        first_name=row.get("first_name", ""),
                        last_name=row.get("last_name", ""),
                        person_type=parse_type(row.get("person_type", ""), PersonType.CONTRACTOR),
                        organisation=row.get("organisation", ""),
                        dbs_check=parse_dbs(row.get("dbs_check", "")),
                        dbs_number=row.get("dbs_number", ""),
                        dbs_date=parse_date(row.get("dbs_date", ""), "DBS date"),
                        id_checked=parse_yes(row.get("id_checked", ""), "ID checked"),
                        agency_confirmed=parse_yes(row.get("agency_confirmed", ""), "agency confirmation"),
                        expires_on=parse_date(row.get("expires_on", ""), "expiry date"),
                        notes=row.get("notes", ""),
                    )
                )
            except InvalidInput as exc:
                raise InvalidInput(f"{source}, line {line}: {exc}") from None
            checked.append(c)
        now = self.deps.clock.now()
        added: list[int] = []
        updated: list[int] = []
        with self.deps.uow() as uow:
            for c in checked:
                same = [
                    r
                    for r in uow.clearances.by_name(c.key)
                    if not c.organisation or r.organisation.casefold() == c.organisation.casefold()
                ]
                c = replace(c, updated_by=actor.staff_id, updated_at=now)
                if len(same) == 1:
                    uow.clearances.update(replace(c, id=same[0].id))
                    updated.append(stored_id(same[0]))
                else:
                    added.append(stored_id(uow.clearances.add(c)))
            if added or updated:
                audit(
                    uow,
                    now,
                    actor,
                    "clearances imported",
                    "clearance",
                    *(added + updated)[:1000],
                    detail=f"{len(added)} added, {len(updated)} updated from {source[:100]}",
                )
            uow.commit()
        if added or updated:
            self.deps.notify(Change.CLEARANCES_CHANGED, actor=actor)
        return len(added), len(updated)

    def export_csv(self, actor: Actor) -> str:
        """The record as CSV in the import's columns (audited: it holds DBS certificate numbers)."""
        records = self.records(actor)
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "single central record exported",
                "clearance",
                *[stored_id(c) for c in records][:1000],
            )
            uow.commit()
        header = (
            "first name",
            "surname",
            "type",
            "organisation",
            "dbs check",
            "dbs number",
            "dbs date",
            "id checked",
            "agency confirmation",
            "expiry",
            "notes",
        )
        return csv_text(
            header,
            (
                (
                    c.first_name,
                    c.last_name,
                    c.person_type.value,
                    c.organisation,
                    c.dbs_check.value,
                    c.dbs_number,
                    c.dbs_date.isoformat() if c.dbs_date else "",
                    "yes" if c.id_checked else "no",
                    "yes" if c.agency_confirmed else "no",
                    c.expires_on.isoformat() if c.expires_on else "",
                    c.notes,
                )
                for c in records
            ),
        )

    def door_checks(
        self, actor: Actor, people: list[tuple[str, str, PersonType, str]]
    ) -> list[DoorCheck | None]:
        """What the record says now about each (first, last, type, organisation): for the on-site list."""
        require(actor, Action.FRONT_DESK)
        today = self.deps.clock.today()
        keys = [name_key(f, s) if PersonType(t) in CHECKED_TYPES else None for f, s, t, _o in people]
        with self.deps.uow.readonly() as uow:  # one query for the whole list, not one per person
            records = uow.clearances.by_names(k for k in keys if k is not None)
        return [
            None if key is None else _door_check_of(records.get(key, []), t, o, today)
            for key, (_f, _s, t, o) in zip(keys, people, strict=True)
        ]
