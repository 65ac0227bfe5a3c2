"""Keeps a screener built from the bans in force, rebuilt when the ban list or the date changes."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.domain.model import Ban, BanStatus
from kiosk.services.common import Deps
from kiosk.services.ports import NameScreener, ScreenerFactory, ScreeningMatch

if TYPE_CHECKING:
    from kiosk.screening import WatchEntry

log = logging.getLogger(__name__)


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
    screening at midnight without anyone touching it. A screener that can be changed in place
    (``update``, as kiosk.screening.Screener) is given only the entries that changed, as one change,
    when they are few (at most INCREMENTAL_SHARE of the list): one ban approved beside 100,000 costs
    that one ban, not a rebuild. One build runs at a time: a screening that needs the list being
    built waits for that build rather than starting a second (``refresh_in_background`` starts one as
    soon as the kiosk hears the list changed, so the next visitor rarely waits at all).
    """

    INCREMENTAL_SHARE = 0.25

    def __init__(self, deps: Deps, factory: ScreenerFactory):
        self._deps = deps
        self._factory = factory
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()  # one build (or update) at a time
        self._key: tuple[str, object, int] | None = None
        self._screener: NameScreener | None = None
        self._bans: dict[str, Ban] = {}
        self._entries: dict[str, WatchEntry] = {}
        self._refreshing = threading.Event()

    def screen(self, name: str, site_id: int, *, revision: str | None = None) -> list[BanMatch]:
        """The matches of ``name`` among the bans in force at ``site_id`` today.

        ``revision``: the ban list's revision the caller has just read in its own transaction (the
        sign-in reads it with the rest of what screening needs, one transaction instead of two); the
        index is brought up to it, or past it, before screening. Without it the revision is read here."""
        screener, bans = self._current(site_id, revision)
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

    def refresh_in_background(self, site_id: int) -> None:
        """Bring the index up to date on a thread of its own (the kiosk calls this when it hears the ban
        list changed), unless a refresh is already running. A visitor screened meanwhile waits for it."""
        if self._refreshing.is_set():
            return
        self._refreshing.set()

        def run() -> None:
            try:
                self._current(site_id)
            except Exception:  # noqa: BLE001 - the next screening tries again, and fails closed there
                log.warning("could not refresh the screening index in the background", exc_info=True)
            finally:
                self._refreshing.clear()

        threading.Thread(target=run, name="kiosk-screening-refresh", daemon=True).start()

    def _fresh(self, key: tuple[str, object, int]) -> tuple[NameScreener, dict[str, Ban]] | None:
        with self._lock:
            if key == self._key and self._screener is not None:
                return self._screener, self._bans
        return None

    def _current(self, site_id: int, revision: str | None = None) -> tuple[NameScreener, dict[str, Ban]]:
        today = self._deps.clock.today()
        if revision is None:
            with self._deps.uow.readonly() as uow:
                revision = uow.bans.revision()
        key = (revision, today, site_id)
        found = self._fresh(key)
        if found is not None:
            return found
        with self._build_lock:
            with self._deps.uow.readonly() as uow:
                # Read again under the build lock: the build this one waited for may have made it current.
                key = (uow.bans.revision(), today, site_id)
                found = self._fresh(key)
                if found is not None:
                    return found
                bans = [
                    b
                    for b in uow.bans.list([BanStatus.ACTIVE], screened_here=True)
                    if b.is_in_force(today) and b.applies_to_site(site_id)
                ]
            from kiosk.screening import WatchEntry  # the engine loads with its first index, not at start

            # A ban with a pending change of name or aliases screens on the old and the proposed names.
            entries = {str(b.id): WatchEntry(str(b.id), *b.screening_names()) for b in bans}
            screener = self._updated(entries) or self._factory(entries.values())
            by_id = {str(b.id): b for b in bans}
            with self._lock:
                self._key, self._screener, self._bans, self._entries = key, screener, by_id, entries
            return screener, by_id

    def _updated(self, entries: dict[str, WatchEntry]) -> NameScreener | None:
        """The current screener changed in place to hold ``entries``, when it can be and few changed."""
        screener, old = self._screener, self._entries
        update = getattr(screener, "update", None)
        if screener is None or update is None:
            return None
        removed = [i for i in old if i not in entries]
        added = [e for i, e in entries.items() if old.get(i) != e]
        if len(removed) + len(added) > max(1, int(len(entries) * self.INCREMENTAL_SHARE)):
            return None  # many changed: a new index is quicker than changing this one entry by entry
        if removed or added:
            update(added, removed)
        return screener


def _to_match(ban: Ban, m: ScreeningMatch) -> BanMatch:
    return BanMatch(
        ban=ban,
        score=float(m.score),
        band=str(m.band),
        reasons=tuple(m.reasons),
        matched_name=getattr(m, "matched_name", "") or ban.name,
    )
