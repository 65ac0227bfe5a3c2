"""The compact index of a bulk build finds exactly what names added one by one find."""

from __future__ import annotations

import random

import pytest

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.index import TokenIndex, _deletes_to, deletion_keys

_NAMES = [
    "Rebecca Wainwright",
    "Mohammed Ali Khan",
    "Anna Nowak",
    "Siobhan O'Neill",
    "Jo Li",
    "Wiktoria Wiśniewska-Kowalczyk",
    "Christopher Hargreaves",
    "Zoë Müller",
    "Cher",
    "Kwadwo Mensah",
]
_TYPED = [
    "Rebeca Wainwright",
    "Becky Wainwright",
    "Muhammad Khan",
    "Ana Nowak",
    "Siobhan ONeill",
    "Jo Li",
    "Viktoria Wisniewska",
    "Chris Hargraves",
    "Zoe Mueller",
    "Cher",
    "Kojo Mensah",
    "Christopher Hargreeves",
    "Anna Nowack",
    "Hargreaves, Christopher",
]


def _screens(s: Screener) -> list[list[tuple[str, float, str, tuple[str, ...], str]]]:
    return [[(m.entry_id, m.score, m.band, m.reasons, m.matched_name) for m in s.screen(t)] for t in _TYPED]


def test_bulk_build_and_one_by_one_find_the_same() -> None:
    rng = random.Random(5)
    entries = [WatchEntry(f"E{i}", n, ("Becky Stone",) if i == 0 else ()) for i, n in enumerate(_NAMES)]
    filler = [
        WatchEntry(f"F{i}", f"{rng.choice(_NAMES).split()[0]} {''.join(rng.choices('abcdeklmnorst', k=7))}")
        for i in range(300)
    ]
    bulk = Screener(entries + filler)
    one_by_one = Screener()
    for e in entries + filler:
        one_by_one.add(e)
    assert _screens(bulk) == _screens(one_by_one)
    assert [m.entry_id for m in bulk.screen("Becky Stone")] == ["E0"]


def test_names_added_after_a_bulk_build_are_found_and_removed() -> None:
    s = Screener([WatchEntry("A", "Rebecca Wainwright")])
    s.add(WatchEntry("B", "Christopher Hargreaves"))
    assert [m.entry_id for m in s.screen("Chris Hargraves")] == ["B"]
    assert s.remove("A")
    assert s.screen("Rebeca Wainwright") == []
    s.add(WatchEntry("A", "Rebecca Wainwright"))
    assert [m.entry_id for m in s.screen("Rebeca Wainwright")] == ["A"]


def test_people_listed_under_one_name_each_match() -> None:
    s = Screener([WatchEntry(f"E{i}", "John Smith") for i in range(30)])
    assert [m.entry_id for m in s.screen("Jon Smith")] == sorted(f"E{i}" for i in range(30))[:20]
    s.remove("E0")
    assert "E0" not in [m.entry_id for m in s.screen("John Smith")]


def test_a_deletion_key_is_checked_exactly() -> None:
    for word in ["anna", "aab", "smith", "wainwright", "abcd"]:
        for key in set(deletion_keys(word)):
            if len(key) == len(word) - 1:
                assert _deletes_to(word, key)
    assert not _deletes_to("smith", "smyt")
    assert not _deletes_to("abcd", "acb")


def test_bulk_table_ignores_hash_collisions(monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.screening.index as index_module

    monkeypatch.setattr(index_module, "_HASH_BITS", 0)  # every key in one bucket
    index = TokenIndex()
    with index.bulk():
        for rid, word in enumerate(["wainwright", "hargreaves", "nowak", "mensah"]):
            index.add(rid, {word})
    assert len(index._slots) > 20 and index._starts[1] == len(index._slots)
    strong, weak = index.similar_words(("wainwrigt",))
    assert {index._words[w] for w in strong | weak} == {"wainwright"}
    strong, weak = index.similar_words(("nowack",))
    assert {index._words[w] for w in strong | weak} == {"nowak"}
