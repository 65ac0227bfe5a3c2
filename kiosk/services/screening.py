"""Keeps a screener built from the bans in force, rebuilt when the ban list or the date changes."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kiosk.domain.model import Ban, BanStatus
from kiosk.services.common import Deps
from kiosk.services.ports import NameScreener, ScreenerFactory, ScreeningMatch


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

    The screener is rebuilt only when the ban list's revision or the date changes, so a ban added at
    reception screens at every kiosk on its next sign-in, and a ban past its end date stops screening
    at midnight without anyone touching it.
    """

    def __init__(self, deps: Deps, factory: ScreenerFactory):
        self._deps = deps
        self._factory = factory
        self._lock = threading.Lock()
        self._key: tuple[str, object, int] | None = None
        self._screener: NameScreener | None = None
        self._bans: dict[str, Ban] = {}

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
                for b in uow.bans.list([BanStatus.ACTIVE], screened_here=True)
                if b.is_in_force(today) and b.applies_to_site(site_id)
            ]
        from kiosk.screening import WatchEntry  # the engine loads with its first index, not at start

        # A ban with a pending change of name or aliases screens on the old and the proposed names.
        entries = [WatchEntry(str(b.id), *b.screening_names()) for b in bans]
        screener = self._factory(entries)
        by_id = {str(b.id): b for b in bans}
        with self._lock:
            self._key, self._screener, self._bans = key, screener, by_id
        return screener, by_id


def _to_match(ban: Ban, m: ScreeningMatch) -> BanMatch:
    return BanMatch(
        ban=ban,
        score=float(m.score),
        band=str(m.band),
        reasons=tuple(m.reasons),
        matched_name=getattr(m, "matched_name", "") or ban.name,
    )
