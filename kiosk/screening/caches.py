"""The engine's memo caches, kept within a budget in a program that runs all day.

The engine memoises its pure functions (``functools.lru_cache``: the sound keys, the forename data's
relations, the short forms, the pairs of name parts compared). Their sizes are set for building an index
of a million names, where they save tens of seconds; in a kiosk each new visitor's name adds ~45 entries
(~5 kB), so over a school year the caches would grow by hundreds of megabytes before their own limits
bite. ``trim_caches`` empties them all once together they hold more than a budget; the next screening
fills what it needs again (a visitor's screening against 200 bans takes ~0.2 ms with them empty).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

# ~1,000 entries are ~0.2-0.5 MB: ~20 sign-ins' worth of new names (~45 entries each), so the caches' memory
# reaches its ceiling early in the day and stays there (30,000, ~600 sign-ins, was a sawtooth the
# kiosk's memory climbed for its whole first 600 visitors, ~0.3 MB per 100 of its growth). The tables
# made once no longer fill them (kiosk.screening.shortforms, forenames): they start empty.
KIOSK_BUDGET = 1_000
_TABLE_MAXSIZE = 16  # a cache this small holds tables made once, not memoised values


def _memo_caches() -> Iterator[Any]:
    """Every lru_cache'd function of the engine's modules (those imported so far) that memoises values.

    Not the data tables made once (``maxsize`` of a few: the respelling table, the look-alike letters,
    the short-form tables): they do not grow, and making one again would cost the next visitor tens of
    milliseconds (what the warm-up is for).
    """
    prefix = __name__.rsplit(".", 1)[0] + "."
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefix) or module is None:
            continue
        for value in vars(module).values():
            if not (callable(value) and hasattr(value, "cache_info")):
                continue
            if getattr(value, "__module__", None) != name:
                continue  # imported from another module: listed there
            maxsize = value.cache_info().maxsize
            if maxsize is None or maxsize > _TABLE_MAXSIZE:
                yield value


def cached_entries() -> int:
    """How many entries the engine's memo caches hold now."""
    return sum(f.cache_info().currsize for f in _memo_caches())


def trim_caches(budget: int = KIOSK_BUDGET) -> bool:
    """Empty the engine's memo caches if together they hold more than ``budget`` entries; True if so."""
    caches = list(_memo_caches())
    if sum(f.cache_info().currsize for f in caches) <= budget:
        return False
    for f in caches:
        f.cache_clear()
    return True
