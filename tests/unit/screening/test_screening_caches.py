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


def test_the_tables_made_once_leave_the_memo_caches_empty() -> None:
    """The forename data's keys are worked out once for its tables, not memoised: ~6,400 entries of every
    kiosk's caches before (issue #20)."""
    from kiosk.screening import forenames, shortforms

    forenames.warm_up()
    for table in (shortforms._keyed, forenames._spellings_of_known, forenames._gate_tables):
        table.cache_clear()
    trim_caches(budget=0)
    forenames.warm_up()  # makes those tables again
    assert cached_entries() == 0


def test_the_nickname_lookups_answer_as_the_data_sets_own() -> None:
    """kiosk.screening.forenames keeps the nicknames data set's lookups compactly: the same answers."""
    from nicknames import NickNamer

    from kiosk.screening import forenames

    namer = NickNamer()
    names = {*namer._nickname_lookup, *namer._canonical_lookup}
    asked = [*sorted(names), "Bill", "  ALEXANDER ", "Zebedeeqx"]
    assert len(asked) > 2000
    for name in asked:
        assert forenames._canonicals(name) == frozenset(namer.canonicals_of(name)), name
        assert forenames._nicknames(name) == frozenset(namer.nicknames_of(name)), name
