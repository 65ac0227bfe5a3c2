"""Name screening against the ban list.

Pure Python: no Qt, no database, and nothing else from ``kiosk`` is imported here.

    screener = Screener([WatchEntry(id="W1", name="William Price", aliases=("Tom Price",))])
    for match in screener.screen("Bill Price"):
        match.entry_id, match.score, match.band, match.reasons, match.matched_name

``band`` is "alert" (hold the badge, alert reception) or "review" (show reception, do not stop
the visitor); ``reasons`` say why in plain English.
"""

from .caches import cached_entries, trim_caches
from .screener import ALERT_AT, REVIEW_AT, Match, Screener, WatchEntry

__all__ = ["ALERT_AT", "REVIEW_AT", "Match", "Screener", "WatchEntry", "cached_entries", "trim_caches"]
