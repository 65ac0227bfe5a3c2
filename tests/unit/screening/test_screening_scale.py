"""The index finds exactly the words its keys define, however the names were added."""

from __future__ import annotations

import random

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.index import MIN_DELETE_LEN, TokenIndex, _sound_index_key, deletion_keys

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


def _neighbours(vocab: list[str], typed: str) -> set[str]:
    """The plain definition: a shared deletion key (the word itself counts) or a shared sound key."""
    mine = set(deletion_keys(typed))
    return {
        w
        for w in vocab
        if not mine.isdisjoint(deletion_keys(w))
        or (len(typed) >= 3 and len(w) >= 3 and _sound_index_key(typed) == _sound_index_key(w))
    }


def test_candidate_words_are_exactly_the_shared_key_neighbours() -> None:
    # A crowded vocabulary over few letters, so most typed words have many neighbours of every
    # kind: the same length (a letter changed, or moved), one letter longer and one shorter.
    rng = random.Random(11)
    vocab = sorted({"".join(rng.choices("abkno", k=rng.randint(2, 6))) for _ in range(2500)})
    index = TokenIndex()
    for rid, word in enumerate(vocab):
        index.add(rid, {word})
    # A word added later brings letters no earlier word has: they are inserted from then on.
    index.add(len(vocab), {"wyzxq"})
    vocab.append("wyzxq")
    typed = rng.sample(vocab, 150) + ["".join(rng.choices("abkno", k=rng.randint(2, 7))) for _ in range(150)]
    typed += ["wyzq", "wyzxqa", "ywzxq", "wyzxp"]
    compared = 0
    for word in typed:
        (found,) = index.candidate_words((word,))
        want = _neighbours(vocab, word)
        assert {index._words[w] for w in found} == want, word
        compared += len(want)
    assert compared > 4000
    # Words below MIN_DELETE_LEN have no deletion keys: "ab" is not a neighbour of "abk".
    assert MIN_DELETE_LEN == 4 and "ab" not in _neighbours(["ab"], "abk")
    (found,) = index.candidate_words(("wyzq",))
    assert "wyzxq" in {index._words[w] for w in found}
