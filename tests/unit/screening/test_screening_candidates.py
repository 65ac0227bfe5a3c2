"""The screener's lazy candidate search finds exactly the records the plain one finds.

Screener._candidates checks a typed part's candidate words (the costly part comparison) only where
their records can still change the answer. The reference below is the plain search it replaced:
every candidate word checked, then the same set operations. On lists crowded with names that
share keys (the case the laziness is for) both must give the same records for every typed name.
"""

from __future__ import annotations

import random

import pytest

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.forenames import related_names
from kiosk.screening.index import _values
from kiosk.screening.normalize import ParsedName, parse_readings
from kiosk.screening.phonetic import metaphone_keys
from kiosk.screening.screener import (
    _EMPTY,
    _SOUND_LETTERS,
    FEW_BY_SURNAME,
    MAX_SINGLE_PART_CANDIDATES,
    SUR,
)


def _plain_candidates(s: Screener, parsed: ParsedName) -> set[int]:
    index = s._index
    toks = parsed.tokens
    found: list[tuple[int, set[int], set[int]]] = []
    for qi, tok in enumerate(toks):
        if tok.is_initial:
            continue
        strong_w, weak_w = index.similar_words(tok.spellings)
        every = index.records_of_words(strong_w | weak_w)
        for other in related_names(tok.base):
            every.update(index.records_of(other))
        found.append((qi, every, index.records_of_words(strong_w, surname_only=True)))
    out: set[int] = set()
    for qi, tok in enumerate(toks):
        if not tok.is_initial and len(tok.base) >= 4 and len(toks) > 1:
            exact = index.records_of(tok.base)
            if 0 < len(exact) <= FEW_BY_SURNAME:
                sounds = {metaphone_keys(t.base) for j, t in enumerate(toks) if j != qi and len(t.base) >= 4}
                for rid in exact:
                    listed = s._listed_of(rid)
                    if listed is None or listed.tokens[0].base != tok.base:
                        continue
                    if any(
                        metaphone_keys(t.base) in sounds
                        for t, r in zip(listed.tokens, listed.roles, strict=True)
                        if r == SUR
                    ):
                        out.add(rid)
    for x in range(len(found)):
        for y in range(x + 1, len(found)):
            if toks[found[x][0]].word != toks[found[y][0]].word:
                out |= found[x][1] & found[y][1]
    budget = MAX_SINGLE_PART_CANDIDATES
    for qi, _every, by_surname in found:
        singles = by_surname - out
        if len(singles) <= FEW_BY_SURNAME and len(toks) > 1:
            out |= singles
            budget -= len(singles)
            continue
        letters = {t.base[0] for j, t in enumerate(toks) if j != qi}
        letters.update(r[0] for j, t in enumerate(toks) if j != qi for r in related_names(t.base))
        letters.update(_SOUND_LETTERS.get(x, "") for x in list(letters))
        letters.discard("")
        for j, t in enumerate(toks):
            if j != qi and t.base in s._by_tail:
                out |= singles.intersection(_values(s._by_tail, t.base))
        for letter in letters:
            fits = singles & s._by_initial.get(letter, _EMPTY)
            if len(fits) > budget:
                fits = set(sorted(fits)[:budget])
            out |= fits
            budget -= len(fits)
            if budget <= 0:
                return out
    return out


_FORENAMES = [
    "Sarah",
    "Sara",
    "Katarzyna",
    "Kasia",
    "Mohammed",
    "Muhammad",
    "Jo",
    "Sean",
    "Shaun",
    "Bob",
    "Robert",
    "Karolina",
    "Lina",
    "Stephanie",
    "Anna",
    "Ana",
    "Alexander",
    "Sasha",
    "Kate",
]
_SURNAMES = [
    "Smith",
    "Smyth",
    "Kovacs",
    "Kowalski",
    "Sykes",
    "Jones",
    "Duval",
    "Nowak",
    "Khan",
    "Li",
    "Hughes",
    "Hewes",
    "Wainwright-Oyelaran",
    "Oyelaran",
    "Reed",
    "Reade",
]


def _word(rng: random.Random) -> str:
    cons, vows = "bcdfghjklmnpqrstvwxz", "aeiouy"
    return "".join(
        rng.choice(cons) + rng.choice(vows) for _ in range(rng.randint(2, 3))
    ).capitalize() + rng.choice(cons)


def _list(seed: int) -> list[WatchEntry]:
    rng = random.Random(seed)
    out = []
    for i in range(3000):
        fore = rng.choice(_FORENAMES) if rng.random() < 0.3 else _word(rng)
        sur = rng.choice(_SURNAMES) if rng.random() < 0.3 else _word(rng)
        middle = f" {_word(rng)}" if rng.random() < 0.1 else ""
        aliases = (f"{_word(rng)} {sur}",) if rng.random() < 0.05 else ()
        out.append(WatchEntry(f"E{i}", f"{fore}{middle} {sur}", aliases))
    return out


def _typed(entries: list[WatchEntry], seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for e in rng.sample(entries, 150):
        parts = e.name.split()
        fore, sur = parts[0], parts[-1]
        i = rng.randrange(1, len(sur))
        out += [
            e.name,
            f"{fore} {sur[:i]}{sur[i + 1 :]}",
            f"{sur}, {fore}",
            f"{fore[0]} {sur}",
            f"{rng.choice(_FORENAMES)} {sur}",
            f"{fore} {rng.choice(_SURNAMES)}",
            f"{fore} {_word(rng)} {sur}",
        ]
    return out + [f"{f} {s}" for f in _FORENAMES for s in _SURNAMES]


@pytest.mark.parametrize("seed", [1, 2])
def test_lazy_candidates_are_the_plain_ones(seed: int) -> None:
    entries = _list(seed)
    s = Screener(entries)
    for e in entries[:40]:
        s.remove(e.id)  # removed records stay in the index's postings
    compared = 0
    for text in _typed(entries, seed):
        for parsed in parse_readings(text):
            if len(parsed.tokens) < 2:
                continue
            want = _plain_candidates(s, parsed)
            assert s._candidates(parsed) == want, text
            compared += len(want)
    assert compared > 10_000  # the crowded keys the laziness is for were there
