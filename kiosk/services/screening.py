"""Keeps a screener built from the bans in force, rebuilt when the ban list or the date changes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.domain.model import Ban, BanStatus
from kiosk.services.common import Deps
from kiosk.services.ports import NameScreener, ScreenerFactory, ScreeningMatch

if TYPE_CHECKING:
    from kiosk.screening import Screener, WatchEntry

#: A change of the ban list touching at most this many bans (or a quarter of the list, if more)
#: updates the engine's index in place instead of building a new one: after a large list is
#: imported, a ban added at reception screens at once, not after a rebuild of a million names.
UPDATE_IN_PLACE_UP_TO = 1000


@dataclass(frozen=True)
class BanMatch:
    """A screening match with the ban it points at."""

    ban: Ban
    score: float
    band: str
    reasons: tuple[str, ...]
    matched_name: str


class ActiveBanList:
    """Screens names against the bans in force today at a site.

    The screener is brought up to date only when the ban list's revision or the date changes, so a ban
    added at reception screens at every kiosk on its next sign-in, and a ban past its end date stops
    screening at midnight without anyone touching it. A small change is applied to the engine's index
    in place (its add and remove); a large one builds a new index.
    """

    def __init__(self, deps: Deps, factory: ScreenerFactory):
        self._deps = deps
        self._factory = factory
        self._lock = threading.Lock()
        self._key: tuple[str, object, int] | None = None
        self._screener: NameScreener | None = None
        self._bans: dict[str, Ban] = {}
        self._entries: dict[str, WatchEntry] = {}  # what the current screener holds, by ban id
        self._update_lock = threading.Lock()  # one update of the screener at a time

    def screen(self, name: str, site_id: int) -> list[BanMatch]:
        screener, bans = self._current(site_id)
        out: list[BanMatch] = []
        for m in screener.screen(name):
            ban = bans.get(m.entry_id)
            if ban is not None:
                out.append(_to_match(ban, m))
        return out

    def prepare(self, site_id: int) -> None:
        """Build the index for ``site_id`` now (the kiosk does it after its first paint), so the first
        visitor's screening does not wait for it. Every ``screen`` still checks the index is current."""
        self._current(site_id)

    def _current(self, site_id: int) -> tuple[NameScreener, dict[str, Ban]]:
        today = self._deps.clock.today()
        with self._deps.uow.readonly() as uow:
            revision = uow.bans.revision()
            key = (revision, today, site_id)
            with self._lock:
                if key == self._key and self._screener is not None:
                    return self._screener, self._bans
            bans = [
                b
                for b in uow.bans.list([BanStatus.ACTIVE])
                if b.is_in_force(today) and b.applies_to_site(site_id)
            ]
        from kiosk.screening import Screener, WatchEntry  # the engine loads with its first index

        # A ban with a pending change of name or aliases screens on the old and the proposed names.
        entries = {str(b.id): WatchEntry(str(b.id), *b.screening_names()) for b in bans}
        by_id = {str(b.id): b for b in bans}
        with self._update_lock:
            with self._lock:
                if key == self._key and self._screener is not None:
                    return self._screener, self._bans  # another thread brought it up to date
                prev, prev_entries = self._screener, self._entries
            screener: NameScreener | None = None
            if isinstance(prev, Screener):
                screener = prev if _update_in_place(prev, prev_entries, entries) else None
            if screener is None:
                screener = self._factory(entries.values())
            with self._lock:
                self._key, self._screener, self._bans, self._entries = key, screener, by_id, entries
        return screener, by_id


def _update_in_place(screener: Screener, held: dict[str, WatchEntry], wanted: dict[str, WatchEntry]) -> bool:
    """Bring ``screener`` from ``held`` to ``wanted`` with add and remove, if the change is small."""
    gone = [i for i in held if i not in wanted]
    changed = [e for i, e in wanted.items() if held.get(i) != e]
    if len(gone) + len(changed) > max(UPDATE_IN_PLACE_UP_TO, len(wanted) // 4):
        return False
    for i in gone:
        screener.remove(i)
    for e in changed:
        screener.add(e)  # replaces the entry of that id
    return True


def _to_match(ban: Ban, m: ScreeningMatch) -> BanMatch:
    return BanMatch(
        ban=ban,
        score=float(m.score),
        band=str(m.band),
        reasons=tuple(m.reasons),
        matched_name=getattr(m, "matched_name", "") or ban.name,
    )
