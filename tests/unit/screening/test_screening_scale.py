"""The index finds exactly the words its keys define, however the names were added or held."""

from __future__ import annotations

import random

import pytest

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.index import TokenIndex, _deletes_to, _sound_index_key, deletion_keys

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
    with pytest.MonkeyPatch.context() as mp:
        import kiosk.screening.index as index_module

        mp.setattr(index_module, "PROBE_FROM", 100)
        probing = Screener(entries + filler)
    assert probing._index._probe and not bulk._index._probe
    assert _screens(probing) == _screens(bulk)
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


def _neighbours(vocab: list[str], typed: str) -> set[str]:
    """The plain definition: a shared deletion key (the word itself counts) or a shared sound key."""
    mine = set(deletion_keys(typed))
    return {
        w
        for w in vocab
        if not mine.isdisjoint(deletion_keys(w))
        or (len(typed) >= 3 and len(w) >= 3 and _sound_index_key(typed) == _sound_index_key(w))
    }


@pytest.mark.parametrize("how", ["one by one", "bulk table", "probing"])
def test_candidate_words_are_exactly_the_shared_key_neighbours(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kiosk.screening.index as index_module

    # A crowded vocabulary over few letters, so most typed words have many neighbours of every
    # kind: the same length (a letter changed, or moved), one letter longer and one shorter.
    rng = random.Random(11)
    vocab = sorted({"".join(rng.choices("abkno", k=rng.randint(2, 6))) for _ in range(2500)})
    index = TokenIndex()
    if how == "one by one":
        for rid, word in enumerate(vocab):
            index.add(rid, {word})
    else:
        monkeypatch.setattr(index_module, "PROBE_FROM", len(vocab) if how == "probing" else 10**9)
        with index.bulk(len(vocab)):
            for rid, word in enumerate(vocab):
                index.add(rid, {word})
        assert index._probe == (how == "probing") and bool(index._slots) == (how == "bulk table")
    # A word added later brings letters no earlier word has: a probing lookup inserts them too.
    index.add(len(vocab), {"wyzxq"})
    vocab.append("wyzxq")
    typed = rng.sample(vocab, 150) + ["".join(rng.choices("abkno", k=rng.randint(2, 7))) for _ in range(150)]
    typed += ["wyzq", "wyzxqa", "ywzxq", "wyzxp"]
    compared = 0
    for word in typed:
        (found,) = index.candidate_words((word,))
        assert {index._words[w] for w in found} == _neighbours(vocab, word), word
        compared += len(found)
    assert compared > 4000
    (found,) = index.candidate_words(("wyzq",))
    assert "wyzxq" in {index._words[w] for w in found}
