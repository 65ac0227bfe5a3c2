"""The engine's memo caches stay within a budget in a kiosk that runs all day (kiosk.screening.caches)."""

from __future__ import annotations

from kiosk.screening import Screener, WatchEntry, cached_entries, trim_caches
from kiosk.screening import caches as caches_module
from kiosk.screening.forenames import _spellings_of_known


def test_the_caches_grow_with_new_names_and_are_emptied_past_the_budget_but_not_the_tables() -> None:
    s = Screener([WatchEntry("W", "William Hargreaves"), WatchEntry("K", "Keith Blackwood")])
    _spellings_of_known()  # a table made once (maxsize 1): never emptied
    before = cached_entries()
    for i in range(60):
        s.screen(f"Visitor{chr(97 + i % 26)}{chr(97 + i // 26)} Newname{chr(97 + i % 26)}")
    grown = cached_entries()
    assert grown > before  # each new name adds entries
    assert not trim_caches(budget=grown)  # within the budget: kept
    assert cached_entries() == grown
    assert trim_caches(budget=grown - 1)
    assert cached_entries() == 0
    assert _spellings_of_known.cache_info().currsize == 1
    # and the engine still screens as before once emptied
    m = s.screen("Bill Hargreaves")
    assert m and m[0].entry_id == "W" and m[0].band == "alert"


def test_every_memo_cache_of_the_engine_is_found() -> None:
    from kiosk.screening import compare, forenames, phonetic, shortforms

    found = {f"{f.__module__}.{f.__qualname__}" for f in caches_module._memo_caches()}
    for f in (compare.compare_parts, forenames.related_names, phonetic.vowel_key, shortforms.diminutive):
        assert f"{f.__module__}.{f.__qualname__}" in found
    assert "kiosk.screening.forenames._spellings_of_known" not in found
