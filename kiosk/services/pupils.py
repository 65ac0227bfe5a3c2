"""Pupils and who may collect them: the console's list, the information system's CSV, and the door's check.

Reception keeps each child's authorised collectors (imported from the school information system's export,
or typed in) and the family's collection password; the safeguarding lead and the head keep the court orders
and "do not release to" notes (``Action.COURT_ORDERS``). At the kiosk a collector types the child's full
name: ``CollectionDesk.verdict`` finds the child and checks the collector against the child's list with the
screening engine's tolerance (the one bans use), and screens the collector against every restriction in
force the way bans are screened. Anything but an authorised collector is held discreetly.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.domain.errors import InvalidInput, NotFound
from kiosk.domain.events import Change
from kiosk.domain.expected import name_key
from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action, require
from kiosk.domain.pupils import (
    MAX_COLLECTORS,
    MAX_PASSWORD_LENGTH,
    MAX_PHOTO_BYTES,
    MIN_PASSWORD_LENGTH,
    CollectionOutcome,
    CollectionVerdict,
    Collector,
    Pupil,
    Restriction,
    RestrictionKind,
)
from kiosk.domain.spreadsheet import csv_text
from kiosk.services.common import Deps, LazyHasher, audit, clean_name, clean_text, stored_id
from kiosk.services.listcsv import Column, parse_date, read_rows
from kiosk.services.ports import UnitOfWork

# Family passwords are checked at the kiosk while the visitor waits: argon2id at OWASP's minimum cost
# (19 MiB, two passes) answers in tens of milliseconds, where the PIN hasher's default takes several times
# that; an import of a whole school hashes one per family.
_hasher = LazyHasher(time_cost=2, memory_cost=19_456, parallelism=1)
CONTACTS_PER_ROW = 8  # "Contact 1 Name" ... "Contact 8 Name"


def check_password(password: str) -> str:
    """The password as it is hashed (trimmed, case folded); refuses one too short or too long."""
    text = (password or "").strip()
    if len(text) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"A collection password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if len(text) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"A collection password has at most {MAX_PASSWORD_LENGTH} characters.")
    return text.casefold()


def hash_password(password: str) -> str:
    """The family's collection password as stored (argon2); refuses one too short or too long."""
    return _hasher.hash(check_password(password))


def _hash_all(passwords: dict[Any, str]) -> dict[Any, str]:
    """Hash many passwords at once (an import): argon2 runs outside the interpreter's lock, one per core."""
    if len(passwords) < 4:
        return {k: hash_password(v) for k, v in passwords.items()}
    with ThreadPoolExecutor(max_workers=max(1, min(8, os.cpu_count() or 1))) as workers:
        return dict(zip(passwords, workers.map(hash_password, passwords.values()), strict=True))


def password_matches(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the family's (case and surrounding spaces do not count)."""
    return _hasher.matches(password_hash, (password or "").strip().casefold()[: MAX_PASSWORD_LENGTH * 2])


# ---------------------------------------------------------------------- the CSV of a school information system


def _contact_columns(n: int | None) -> tuple[Column, ...]:
    """The columns of one contact: numbered ("Contact 2 Name") or, one row per contact, unnumbered."""
    if n is None:
        p, heads = (
            "c0",
            {
                "name": (
                    "contact name",
                    "contact",
                    "contact full name",
                    "collector",
                    "collector name",
                    "authorised collector",
                ),
                "first": (
                    "contact forename",
                    "contact first name",
                    "contact legal forename",
                    "contact preferred forename",
                ),
                "last": (
                    "contact surname",
                    "contact last name",
                    "contact legal surname",
                    "contact preferred surname",
                ),
                "relationship": (
                    "relationship",
                    "contact relationship",
                    "relation",
                    "relationship to pupil",
                    "relationship to child",
                ),
                "priority": ("priority", "contact priority", "contact order"),
                "photo": ("photo", "contact photo", "photo file", "collector photo"),
            },
        )
    else:
        p = f"c{n}"
        heads = {
            "name": (
                f"contact {n} name",
                f"contact {n} full name",
                f"contact {n}",
                f"collector {n}",
                f"collector {n} name",
            ),
            "first": (f"contact {n} forename", f"contact {n} first name", f"contact {n} legal forename"),
            "last": (f"contact {n} surname", f"contact {n} last name", f"contact {n} legal surname"),
            "relationship": (f"contact {n} relationship", f"contact {n} relation", f"relationship {n}"),
            "priority": (f"contact {n} priority", f"priority {n}", f"contact {n} order"),
            "photo": (f"contact {n} photo", f"collector {n} photo", f"photo {n}"),
        }
    return tuple(Column(f"{p}_{k}", v) for k, v in heads.items())


# The documented column mapping (docs/pupils.md): SIMS, Arbor, Bromcom and ScholarPack exports' headers.
PUPIL_COLUMNS: tuple[Column, ...] = (
    Column(
        "first_name",
        ("legal forename", "forename", "first name", "given name", "pupil forename", "firstname"),
        True,
    ),
    Column(
        "last_name",
        ("legal surname", "surname", "last name", "family name", "pupil surname", "lastname"),
        True,
    ),
    Column(
        "preferred_first_name", ("preferred forename", "preferred first name", "known as", "chosen forename")
    ),
    Column("preferred_last_name", ("preferred surname", "preferred last name", "chosen surname")),
    Column(
        "reg_group", ("reg group", "registration group", "reg", "form", "class", "tutor group", "form group")
    ),
    Column("year_group", ("year group", "year", "ncy", "national curriculum year", "year taught in")),
    Column(
        "mis_id",
        ("upn", "admission number", "adno", "mis id", "pupil id", "student id", "unique pupil number", "id"),
    ),
    Column("password", ("collection password", "family password", "password", "collection code")),
    *_contact_columns(None),
    *itertools.chain.from_iterable(_contact_columns(n) for n in range(1, CONTACTS_PER_ROW + 1)),
)

PhotoLoader = Callable[[str], bytes]  # a photo cell (a file name) -> the file's bytes; raises InvalidInput


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, in numbers."""

    added: int
    updated: int
    collectors: int

    def __str__(self) -> str:
        return f"{self.added} pupils added, {self.updated} updated, {self.collectors} collectors"


def _priority(value: str, line_label: str) -> int:
    v = value.strip()
    if not v:
        return 0
    digits = "".join(ch for ch in v if ch.isdigit())
    if not digits or len(digits) > 3:
        raise InvalidInput(f"the {line_label} priority {value[:20]!r} is not a number.")
    return int(digits)


def _photo_ok(photo: bytes | None) -> bytes | None:
    if photo is None:
        return None
    if len(photo) > MAX_PHOTO_BYTES:
        raise InvalidInput(f"A collector's photo may be at most {MAX_PHOTO_BYTES // 1_000_000} MB.")
    if not (photo.startswith(b"\xff\xd8\xff") or photo.startswith(b"\x89PNG\r\n\x1a\n")):
        raise InvalidInput("A collector's photo must be a JPEG or PNG picture.")
    return photo


def _row_collectors(row: dict[str, str], photos: PhotoLoader | None) -> list[Collector]:
    out: list[Collector] = []
    for n in (None, *range(1, CONTACTS_PER_ROW + 1)):
        p = "c0" if n is None else f"c{n}"
        name = row.get(f"{p}_name", "").strip()
        if not name:
            name = " ".join(
                x for x in (row.get(f"{p}_first", "").strip(), row.get(f"{p}_last", "").strip()) if x
            )
        if not name:
            continue
        label = "contact" if n is None else f"contact {n}"
        photo_cell = row.get(f"{p}_photo", "").strip()
        photo = None
        if photo_cell:
            if photos is None:
                raise InvalidInput(f"the {label} photo {photo_cell[:40]!r} cannot be read from here.")
            photo = _photo_ok(photos(photo_cell))
        out.append(
            Collector(
                id=None,
                name=clean_name(name, f"{label} name"),
                relationship=clean_text(row.get(f"{p}_relationship", ""), f"{label} relationship", limit=100),
                photo=photo,
                priority=_priority(row.get(f"{p}_priority", ""), label) or (n or 0),
            )
        )
    return out


# ---------------------------------------------------------------------- the door's check


@dataclass(frozen=True)
class _Index:
    """The door's screeners and what their entries point at, for one revision of the list and one day."""

    children: Any  # kiosk.screening.Screener over the pupils' names
    named: Any  # ... over the names in the court orders and notes in force
    pupils: dict[int, Pupil]
    restrictions: dict[int, Restriction]
    exact: dict[str, list[int]]  # a folded full name -> the pupils of exactly that name


class CollectionDesk:
    """The kiosk's check of a collector: finds the child, checks the list, screens for restrictions.

    The screeners (the children's names, the restrictions' names) are rebuilt only when the list changes,
    as the ban list's are. Nothing here tells the kiosk anything but whether a password is asked for.
    """

    def __init__(self, deps: Deps):
        self._deps = deps
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._index: _Index | None = None
        self._local = 0  # bumped by this program's own changes (a same-instant change still rebuilds)

    def changed(self) -> None:
        with self._lock:
            self._local += 1

    def _current(self, uow: UnitOfWork, today: date) -> _Index:
        key = (uow.pupils.revision(), self._local, today)
        with self._lock:
            if key == self._key and self._index is not None:
                return self._index
        from kiosk.screening import Screener, WatchEntry  # the engine loads with its first index

        pupils = {stored_id(p): p for p in uow.pupils.list()}
        restrictions = {stored_id(r): r for r in uow.pupils.restrictions() if r.in_force(today)}
        children = Screener([WatchEntry(str(i), p.names[0], p.names[1:]) for i, p in pupils.items()])
        named = Screener([WatchEntry(str(i), r.person_name, r.aliases) for i, r in restrictions.items()])
        exact: dict[str, list[int]] = {}
        for i, p in pupils.items():
            for folded in {name_key(n, "") for n in p.names}:
                exact.setdefault(folded, []).append(i)
        index = _Index(children, named, pupils, restrictions, exact)
        with self._lock:
            self._key, self._index = key, index
        return index

    def prepare(self) -> None:
        """Build the index now (the kiosk does, after its first paint), so the first collector does not wait."""
        with self._deps.uow.readonly() as uow:
            if uow.pupils.revision()[0] > 0:
                self._current(uow, self._deps.clock.today())

    def in_use(self) -> bool:
        """Whether collections are checked at all: once the school has any pupil on its roll."""
        with self._deps.uow.readonly() as uow:
            return uow.pupils.revision()[0] > 0

    def _child(self, uow: UnitOfWork, child_name: str, today: date) -> list[Pupil]:
        """The pupils the typed name may be, surest first (an exact name first of all); [] when none."""
        index = self._current(uow, today)
        pupils = index.pupils
        typed = " ".join(child_name.split())
        if not typed:
            return []
        key = name_key(typed, "")
        exact = [pupils[i] for i in index.exact.get(key, ())]
        if exact:
            return exact
        found = [m for m in index.children.screen(typed) if m.band == "alert"]
        if not found:
            return []
        best = found[0].score
        return [
            pupils[int(m.entry_id)] for m in found if m.score >= best - 0.03 and int(m.entry_id) in pupils
        ]

    def needs_password(self, child_name: str) -> bool:
        """Whether the child this name finds has a family password (the kiosk then asks for it)."""
        today = self._deps.clock.today()
        with self._deps.uow.readonly() as uow:
            return any(p.has_password for p in self._child(uow, child_name, today))

    def verdict(self, collector_name: str, child_name: str, password: str = "") -> CollectionVerdict:
        """The door's answer for this collector and this child (read only; argon2 outside any lock)."""
        from kiosk.screening import Screener, WatchEntry

        today = self._deps.clock.today()
        with self._deps.uow.readonly() as uow:
            index = self._current(uow, today)
            named, restrictions = index.named, index.restrictions
            candidates = self._child(uow, child_name, today)
        restricted = [m for m in named.screen(collector_name) if m.band == "alert"]
        if restricted:
            ids = tuple(int(m.entry_id) for m in restricted if int(m.entry_id) in restrictions)
            on_child = [i for i in ids if any(restrictions[i].pupil_id == c.id for c in candidates)]
            pupil_id = candidates[0].id if candidates else restrictions[ids[0]].pupil_id if ids else None
            return CollectionVerdict(
                CollectionOutcome.RESTRICTED,
                pupil_id=pupil_id,
                restriction_ids=tuple(on_child) or ids,
                reasons=restricted[0].reasons,
            )
        if not candidates:
            return CollectionVerdict(CollectionOutcome.CHILD_NOT_FOUND)
        authorised: list[tuple[Pupil, Any]] = []
        for pupil in candidates:
            entries = [WatchEntry(str(stored_id(c)), c.name) for c in pupil.collectors if c.id is not None]
            matches = (
                [m for m in Screener(entries).screen(collector_name) if m.band == "alert"] if entries else []
            )
            if matches:
                authorised.append((pupil, matches[0]))
        if not authorised:
            return CollectionVerdict(CollectionOutcome.NOT_ON_LIST, pupil_id=candidates[0].id)
        pupil, match = authorised[0]
        if pupil.has_password and not password_matches(pupil.password_hash, password):
            return CollectionVerdict(CollectionOutcome.WRONG_PASSWORD, pupil_id=pupil.id)
        return CollectionVerdict(
            CollectionOutcome.AUTHORISED,
            pupil_id=pupil.id,
            collector_id=int(match.entry_id),
            reasons=tuple(match.reasons),
        )


# ---------------------------------------------------------------------- reception's list


@dataclass
class PupilService:
    """Reception keeps the pupils and their collectors; the safeguarding lead and head keep the restrictions."""

    deps: Deps
    desk: CollectionDesk

    def _changed(self, actor: Actor, **payload: object) -> None:
        self.desk.changed()
        self.deps.notify(Change.PUPILS_CHANGED, actor=actor, **payload)

    def validated(self, p: Pupil) -> Pupil:
        if len(p.collectors) > MAX_COLLECTORS:
            raise InvalidInput(f"A child may have at most {MAX_COLLECTORS} authorised collectors.")
        collectors = []
        for i, c in enumerate(p.collectors):
            collectors.append(
                replace(
                    c,
                    name=clean_name(c.name, "collector's name"),
                    relationship=clean_text(c.relationship, "relationship", limit=100),
                    photo=_photo_ok(c.photo),
                    priority=c.priority or i + 1,
                )
            )
        return replace(
            p,
            first_name=clean_name(p.first_name, "first name"),
            last_name=clean_name(p.last_name, "surname"),
            preferred_first_name=clean_text(p.preferred_first_name, "preferred first name", limit=100),
            preferred_last_name=clean_text(p.preferred_last_name, "preferred surname", limit=100),
            reg_group=clean_text(p.reg_group, "registration group", limit=50),
            year_group=clean_text(p.year_group, "year group", limit=50),
            mis_id=clean_text(p.mis_id, "information system id", limit=64),
            collectors=tuple(collectors),
        )

    def pupils(self, actor: Actor) -> list[Pupil]:
        """Every pupil, by surname, with their collectors (photos included)."""
        require(actor, Action.PUPILS)
        with self.deps.uow.readonly() as uow:
            return uow.pupils.list()

    def get(self, actor: Actor, pupil_id: int) -> Pupil:
        require(actor, Action.PUPILS)
        with self.deps.uow.readonly() as uow:
            p = uow.pupils.get(pupil_id)
        if p is None:
            raise NotFound("That pupil is no longer on the list.")
        return p

    def save(self, actor: Actor, pupil: Pupil, *, password: str | None = None) -> Pupil:
        """Add a pupil (no id) or change one; ``password``: set it ("" clears it; None leaves it)."""
        require(actor, Action.PUPILS)
        p = self.validated(pupil)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            if p.id is not None:
                stored = uow.pupils.get(p.id)
                if stored is None:
                    raise NotFound("That pupil is no longer on the list.")
                p = replace(p, password_hash=stored.password_hash)
            if password is not None:
                p = replace(p, password_hash=hash_password(password) if password.strip() else "")
            p = replace(p, updated_by=actor.staff_id, updated_at=now)
            if p.id is None:
                p = uow.pupils.add(p)
                audit(uow, now, actor, "pupil added", "pupil", stored_id(p))
            else:
                uow.pupils.update(p)
                audit(uow, now, actor, "pupil changed", "pupil", stored_id(p))
                p = uow.pupils.get(stored_id(p)) or p
            if password is not None:
                what = "collection password set" if p.password_hash else "collection password cleared"
                audit(uow, now, actor, what, "pupil", stored_id(p))
            uow.commit()
        self._changed(actor, pupil_ids=[p.id])
        return p

    def remove(self, actor: Actor, pupil_id: int) -> None:
        """Take a pupil off the list, with their collectors and any restriction on them."""
        require(actor, Action.PUPILS)
        with self.deps.uow() as uow:
            if uow.pupils.get(pupil_id) is None:
                raise NotFound("That pupil is no longer on the list.")
            uow.pupils.delete(pupil_id)
            audit(uow, self.deps.clock.now(), actor, "pupil removed", "pupil", pupil_id)
            uow.commit()
        self._changed(actor, pupil_ids=[pupil_id])

    def has_restrictions(self, actor: Actor) -> set[int]:
        """The pupils with a court order or note on them (the ids only: for the lead's and head's list)."""
        require(actor, Action.COURT_ORDERS)
        with self.deps.uow.readonly() as uow:
            return {r.pupil_id for r in uow.pupils.restrictions()}

    # ------------------------------------------------------------------ restrictions (lead and head only)

    def restrictions(self, actor: Actor, pupil_id: int) -> list[Restriction]:
        """The court orders and notes on one child (audited: reading them is itself recorded)."""
        require(actor, Action.COURT_ORDERS)
        with self.deps.uow() as uow:
            found = uow.pupils.restrictions(pupil_id)
            audit(uow, self.deps.clock.now(), actor, "court orders viewed", "pupil", pupil_id)
            uow.commit()
        return found

    def save_restriction(self, actor: Actor, r: Restriction) -> Restriction:
        """Add (no id) or change a court order or note; it screens at every kiosk at once."""
        require(actor, Action.COURT_ORDERS)
        aliases = tuple(clean_name(a, "other name") for a in (a.strip() for a in r.aliases) if a)[:10]
        r = replace(
            r,
            kind=RestrictionKind(r.kind),
            person_name=clean_name(r.person_name, "name of the person it concerns"),
            aliases=aliases,
            details=clean_text(r.details, "details", limit=4000),
        )
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            pupil = uow.pupils.get(r.pupil_id)
            if pupil is None:
                raise NotFound("That pupil is no longer on the list.")
            if r.id is None:
                r = uow.pupils.add_restriction(replace(r, created_by=actor.staff_id, created_at=now))
                audit(uow, now, actor, "court order added", "pupil", r.pupil_id, stored_id(r))
            else:
                if uow.pupils.get_restriction(r.id) is None:
                    raise NotFound("That court order or note no longer exists.")
                uow.pupils.update_restriction(r)
                audit(uow, now, actor, "court order changed", "pupil", r.pupil_id, stored_id(r))
            uow.pupils.update(replace(pupil, updated_at=now))  # the door's index sees the change
            uow.commit()
        self._changed(actor, pupil_ids=[r.pupil_id])
        return r

    def remove_restriction(self, actor: Actor, restriction_id: int) -> None:
        require(actor, Action.COURT_ORDERS)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            r = uow.pupils.get_restriction(restriction_id)
            if r is None:
                raise NotFound("That court order or note no longer exists.")
            uow.pupils.delete_restriction(restriction_id)
            pupil = uow.pupils.get(r.pupil_id)
            if pupil is not None:
                uow.pupils.update(replace(pupil, updated_at=now))
            audit(uow, now, actor, "court order removed", "pupil", r.pupil_id, restriction_id)
            uow.commit()
        self._changed(actor, pupil_ids=[r.pupil_id])

    # ------------------------------------------------------------------ import and export

    def import_csv(
        self, actor: Actor, text: str, source: str = "the file", *, photos: PhotoLoader | None = None
    ) -> ImportSummary:
        """Import pupils and their collectors from a school information system's CSV. A bad row imports nothing.

        A pupil is the same as one on the list with the same information system id, or (without one) the
        same name and registration group; the file's collectors replace theirs (a photo already held for
        the same collector is kept). Several rows of one pupil (one row per contact) add up. Pupils not in
        the file are left as they are (retention removes them once no import has named them for a while).
        """
        require(actor, Action.PUPILS)
        rows = read_rows(text, PUPIL_COLUMNS, source)
        merged: dict[tuple[str, ...], tuple[Pupil, list[Collector], str | None]] = {}
        for line, row in rows:
            try:
                p = self.validated(
                    Pupil(
                        id=None,
                        first_name=row.get("first_name", ""),
                        last_name=row.get("last_name", ""),
                        preferred_first_name=row.get("preferred_first_name", ""),
                        preferred_last_name=row.get("preferred_last_name", ""),
                        reg_group=row.get("reg_group", ""),
                        year_group=row.get("year_group", ""),
                        mis_id=row.get("mis_id", ""),
                        source=source[:200],
                    )
                )
                collectors = _row_collectors(row, photos)
                password = row.get("password", "").strip() or None
                if password is not None:
                    check_password(password)  # refuses a bad one here, naming the line
            except InvalidInput as exc:
                raise InvalidInput(f"{source}, line {line}: {exc}") from None
            key = (
                ("id", p.mis_id)
                if p.mis_id
                else ("name", name_key(p.first_name, p.last_name), p.reg_group.casefold())
            )
            if key in merged:
                first, found, pw = merged[key]
                seen = {name_key(c.name, "") for c in found}
                found += [c for c in collectors if name_key(c.name, "") not in seen]
                merged[key] = (first, found, pw or password)
            else:
                merged[key] = (p, collectors, password)
        for first, found, _pw in merged.values():
            if len(found) > MAX_COLLECTORS:
                raise InvalidInput(f"{source}: {first.full_name} has more than {MAX_COLLECTORS} collectors.")
        hashed = _hash_all({key: pw for key, (_p, _c, pw) in merged.items() if pw is not None})
        now = self.deps.clock.now()
        added: list[int] = []
        updated: list[int] = []
        collectors_total = 0
        with self.deps.uow() as uow:
            by_id: dict[str, list[Pupil]] = {}
            by_name: dict[str, list[Pupil]] = {}
            for old in uow.pupils.list():
                if old.mis_id:
                    by_id.setdefault(old.mis_id, []).append(old)
                by_name.setdefault(name_key(old.first_name, old.last_name), []).append(old)
            for pkey, (p, found, _pw) in merged.items():
                found = sorted(found, key=lambda c: c.priority or 99)
                if pkey[0] == "id":
                    same = by_id.get(p.mis_id, [])
                else:
                    same = [
                        s
                        for s in by_name.get(name_key(p.first_name, p.last_name), [])
                        if s.reg_group.casefold() == p.reg_group.casefold() or not s.reg_group
                    ]
                collectors_total += len(found)
                if len(same) == 1:
                    old = same[0]
                    # The same collector's photo already held is kept (the repository keeps it by id).
                    with_photo = {name_key(c.name, ""): c for c in old.collectors if c.has_photo}
                    found = [
                        c
                        if c.photo is not None or name_key(c.name, "") not in with_photo
                        else replace(c, id=with_photo[name_key(c.name, "")].id, has_photo=True)
                        for c in found
                    ]
                    uow.pupils.update(
                        replace(
                            p,
                            id=old.id,
                            collectors=tuple(found),
                            password_hash=hashed.get(pkey, old.password_hash),
                            updated_by=actor.staff_id,
                            updated_at=now,
                        )
                    )
                    updated.append(stored_id(old))
                else:
                    new = uow.pupils.add(
                        replace(
                            p,
                            collectors=tuple(found),
                            password_hash=hashed.get(pkey, ""),
                            updated_by=actor.staff_id,
                            updated_at=now,
                        )
                    )
                    added.append(stored_id(new))
            if added or updated:
                audit(
                    uow,
                    now,
                    actor,
                    "pupils imported",
                    "pupil",
                    *(added + updated)[:1000],
                    detail=f"{len(added)} added, {len(updated)} updated from {source[:100]}",
                )
            uow.commit()
        if added or updated:
            self._changed(actor)
        return ImportSummary(len(added), len(updated), collectors_total)

    def export_csv(self, actor: Actor) -> str:
        """The pupils and collectors as CSV in the import's columns, one row per pupil (audited).

        Passwords (only their hashes are held) and photos are not exported, nor any restriction.
        """
        pupils = self.pupils(actor)
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "pupils exported",
                "pupil",
                *[stored_id(p) for p in pupils][:1000],
            )
            uow.commit()
        most = max((len(p.collectors) for p in pupils), default=1) or 1
        header = [
            "legal forename",
            "legal surname",
            "preferred forename",
            "preferred surname",
            "reg group",
            "year group",
            "upn",
            "collection password set",
        ]
        for n in range(1, most + 1):
            header += [f"contact {n} name", f"contact {n} relationship", f"contact {n} priority"]
        rows = []
        for p in pupils:
            row: list[object] = [
                p.first_name,
                p.last_name,
                p.preferred_first_name,
                p.preferred_last_name,
                p.reg_group,
                p.year_group,
                p.mis_id,
                "yes" if p.has_password else "no",
            ]
            for c in p.collectors:
                row += [c.name, c.relationship, c.priority]
            row += [""] * (len(header) - len(row))
            rows.append(row)
        return csv_text(header, rows)


def photo_loader(folder: Path) -> PhotoLoader:
    """Reads a photo named in an import's cell, from the CSV file's own folder (never outside it)."""

    def load(name: str) -> bytes:
        target = (folder / name).resolve()
        if folder.resolve() not in target.parents:
            raise InvalidInput(f"the photo {name[:60]!r} must be in the same folder as the CSV file.")
        try:
            return target.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"the photo {name[:60]!r} cannot be read: {exc.strerror}.") from None

    return load


def parse_expiry(value: str) -> date | None:
    """A restriction's end date as typed at the console ("" for none)."""
    return parse_date(value, "end date")
