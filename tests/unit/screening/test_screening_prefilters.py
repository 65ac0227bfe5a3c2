"""The surname rule's count and the forename comparisons read per-word keys first, and answer as without.

``compare.may_beat_weak`` (False only when compare_parts cannot be better than WEAK),
``compare.sure_beats_weak`` (True only when it certainly is) and ``compare.may_match`` (False only
when compare_parts is None, asked by compare_parts itself) against the rules alone
(``compare.score_parts``), and the screener with and without them.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.screening import Screener, WatchEntry, compare
from kiosk.screening.compare import (
    WEAK,
    WordKeys,
    compare_parts,
    may_beat_weak,
    may_match,
    score_parts,
    sure_beats_weak,
    typed_keys,
)
from kiosk.screening.index import TokenIndex
from kiosk.screening.phonetic import sound_key
from tests.unit.screening.test_screening_fast_paths import _pairs, _word_pool

_CONS, _VOWS = "bcdfghjklmnpqrstvwxz", "aeiouy"


def _filler_word(rng: random.Random) -> str:
    """A made-up word as bench_screening_scale's filler names have them (Kuroc, Qezoweco)."""
    syllables = "".join(rng.choice(_CONS) + rng.choice(_VOWS) for _ in range(rng.randint(1, 4)))
    return syllables + rng.choice(_CONS)


def _filler_pairs(n: int, seed: int) -> list[tuple[str, str]]:
    """Filler words against the filler words that share their sound key: the surname rule's count."""
    rng = random.Random(seed)
    by_sound: dict[str, list[str]] = {}
    for _ in range(n):
        w = _filler_word(rng)
        by_sound.setdefault(sound_key(w), []).append(w)
    out: list[tuple[str, str]] = []
    for group in by_sound.values():
        for a in group[:8]:
            out += [(a, b) for b in group[:30] if b != a]
    letters = _CONS + _VOWS
    for _ in range(n // 10):
        # Long words two letters apart (the two-edit slip), and a man's and a woman's form of
        # one made-up name (-ian/-ine, -o/-a, -a added, -e added): the man's/woman's-name check.
        w = _filler_word(rng) + _filler_word(rng)
        i, j = sorted(rng.sample(range(1, len(w)), 2))
        out.append((w, w[:i] + rng.choice(letters) + w[i + 1 : j] + rng.choice(letters) + w[j + 1 :]))
        stem = _filler_word(rng)
        for a, b in (
            (stem + "ian", stem + rng.choice(["ine", "ina", "iana", "ienne", "yna"])),
            (stem + "yan", stem + "yana"),
            (stem + "o", stem + "a"),
            (stem, stem + "a"),
            (stem, stem + "e"),
            (stem, stem + "ie"),
        ):
            out += [(a, b), (b, a)]
    return out


def _verdicts(pairs: list[tuple[str, str]]) -> tuple[int, int, int, int]:
    """(pairs better than WEAK, pairs the prefilter rejects, pairs the sure test accepts, pairs
    may_match rejects); fails on a wrong one, and where compare_parts differs from the rules alone."""
    strong = rejected = sure = unmatched = 0
    wrong: list[tuple[str, str, object, bool, bool, bool]] = []
    for a, b in pairs:
        m = score_parts(a, a, b, b, True)
        beats = m is not None and m.score > WEAK
        t, x = typed_keys(a), WordKeys(b)
        may, certain, can = may_beat_weak(t, x), sure_beats_weak(t, x), may_match(t, x)
        strong += beats
        rejected += not may
        sure += certain
        unmatched += not can
        if (beats and not may) or (certain and not beats) or (m is not None and not can):
            wrong.append((a, b, m, may, certain, can))
        elif compare_parts(a, a, b, b, True) != m:
            wrong.append((a, b, m, may, certain, can))
    assert not wrong, wrong[:10]
    return strong, rejected, sure, unmatched


def test_the_keys_never_contradict_the_comparison_of_known_names() -> None:
    # Known names, their respellings, slips, pet endings, clipped and doubled forms, Yoruba prefixes
    # and filler words (the pairs the other prefilters are checked on).
    strong, rejected, sure, unmatched = _verdicts(_pairs(_word_pool(), 12_000, seed=21))
    # Not empty: many pairs match better than WEAK, many are rejected, many are sure.
    assert strong > 5_000 and rejected > 5_000 and sure > 300 and unmatched > 1_000


def _lengthened_pairs(seed: int) -> list[tuple[str, str]]:
    """Full names of the data sets against themselves lengthened, as written and respelt.

    "robert"/"robertmp" is only a name cut short (no other rule takes it: a full name is no
    loose short form), "catherine"/"katerinemp" the same once both are respelt; and Polish
    spellings against the English romanisation with one more letter changed (one edit apart
    once both are rewritten by the Slavic key).
    """
    from kiosk.screening import forenames, shortforms

    rng = random.Random(seed)
    nicknames = forenames._nick_tables()[0]
    fulls = sorted(n for n in nicknames if n.isalpha() and forenames.is_full_name(n))
    out: list[tuple[str, str]] = []
    for f in rng.sample(fulls, min(400, len(fulls))):
        longer = f + rng.choice(["mp", "tk", "rnd", "bb"])
        respelt = (
            longer.replace("c", "k", 1).replace("ph", "f", 1).replace("th", "t", 1).replace("x", "ks", 1)
        )
        out += [(f, longer), (longer, f), (f, respelt), (respelt, f)]
    slavic = [("wisniewski", "vishnevsky"), ("kowalczyk", "kovalchik"), ("szewczenko", "shevchenko")]
    slavic += [("rzepecki", "zhepetsky"), ("wojciechowski", "voychekhovsky"), ("tschernow", "chernov")]
    for a, b in slavic:
        for i in range(1, len(b)):
            out += [(a, b[:i] + c + b[i + 1 :]) for c in "aeklnrs"]
            out += [(b[:i] + c + b[i + 1 :], a) for c in "aeklnrs"]
    # Many of them are a prefix only once respelt.
    respelt_only = [
        (a, b)
        for a, b in out
        if not b.startswith(a) and shortforms.respell(b).startswith(shortforms.respell(a))
    ]
    assert len(respelt_only) > 50
    return out


def test_the_keys_never_contradict_the_comparison_of_lengthened_names() -> None:
    strong, rejected, _sure, _unmatched = _verdicts(_lengthened_pairs(seed=25))
    assert strong > 400 and rejected > 100


def test_the_keys_never_contradict_the_comparison_of_filler_words() -> None:
    strong, rejected, sure, _unmatched = _verdicts(_filler_pairs(25_000, seed=22))
    assert strong > 2_000 and rejected > 2_000 and sure > 1_000


def _weak_pairs(seed: int) -> list[tuple[str, str]]:
    """Pairs the rules score only WEAK, and their near misses: what may_match must keep.

    Two letters apart with the same first letter in words of six and seven letters (the WEAK
    two-edit slip), one slip in three- to five-letter words, loose short forms that do not keep
    the start (Lina/Karolina, Lotti/Charlotte, Mimi/Maria, Lela/Emanuela), and sound-alike words
    of a similarity from 0.66 with other vowels; against random filler forenames (what a
    screening's typed forename mostly meets, and what may_match rejects).
    """
    rng = random.Random(seed)
    letters = _CONS + _VOWS
    out: list[tuple[str, str]] = []
    for _ in range(2_000):
        w = (_filler_word(rng) + _filler_word(rng))[: rng.choice((6, 7))]
        i, j = sorted(rng.sample(range(1, len(w)), 2))
        ci, cj = rng.choice(_CONS.replace(w[i], "")), rng.choice(_CONS.replace(w[j], ""))
        out.append((w, w[:i] + ci + w[i + 1 : j] + cj + w[j + 1 :]))
        v = _filler_word(rng)[:5]
        k = rng.randrange(len(v))
        out.append((v, v[:k] + rng.choice(letters) + v[k + 1 :]))
        out.append((_filler_word(rng), _filler_word(rng)))
    loose = [("lina", "karolina"), ("lotti", "charlotte"), ("mimi", "maria"), ("lela", "emanuela")]
    loose += [("noldi", "arnold"), ("lisl", "elisa"), ("bella", "isabella"), ("beth", "elizabeth")]
    loose += [("vroni", "veronika"), ("lennie", "leonard"), ("nino", "giovanni"), ("ina", "regina")]
    loose += [("xandl", "alexander"), ("sandy", "aleksandra"), ("didi", "david"), ("lisa", "elisabeth")]
    out += loose + [(b, a) for a, b in loose]
    return out + [(b, a) for a, b in out]


def test_may_match_keeps_every_pair_the_rules_score() -> None:
    pairs = _weak_pairs(seed=26)
    _strong, _rejected, _sure, unmatched = _verdicts(pairs)
    scores = [m.score for a, b in pairs if (m := score_parts(a, a, b, b, True)) is not None]
    # Not empty: many pairs score only WEAK (kept by may_match, rejected by may_beat_weak), and
    # most of the random filler pairs are rejected.
    weak = [s for s in scores if s <= WEAK]
    assert len(weak) > 500 and unmatched > 1_500


_LETTERS = "abcehiklmnorstuvwyzj"


@settings(max_examples=500, deadline=None)
@given(st.text(_LETTERS, min_size=1, max_size=10), st.text(_LETTERS, min_size=1, max_size=10))
def test_the_keys_never_contradict_the_comparison_of_any_words(a: str, b: str) -> None:
    _verdicts([(a, b), (b, a)])


@settings(max_examples=300, deadline=None)
@given(st.text(_LETTERS, min_size=3, max_size=9), st.data())
def test_the_keys_never_contradict_the_comparison_of_near_words(a: str, data: st.DataObject) -> None:
    # A word against its slips, cut-short and lengthened forms: the pairs that do match.
    i = data.draw(st.integers(0, len(a) - 1))
    c = data.draw(st.sampled_from(_LETTERS))
    end = data.draw(st.sampled_from(["", "a", "o", "ie", "y", "ka", "ek", "ina", "son", "ian", "z"]))
    near = [a[:i] + a[i + 1 :], a[:i] + c + a[i + 1 :], a[:i] + c + a[i:], a[: i + 1] + end, a + end]
    _verdicts([(a, b) for b in near if b] + [(b, a) for b in near if b])


def _names(n: int, seed: int) -> list[WatchEntry]:
    rng = random.Random(seed)
    return [
        WatchEntry(f"F{i:06d}", f"{_filler_word(rng).capitalize()} {_filler_word(rng).capitalize()}")
        for i in range(n)
    ]


def test_the_screener_answers_as_without_the_keys() -> None:
    import pytest

    entries = _names(30_000, seed=23)
    rng = random.Random(24)
    queries: list[str] = []
    for e in rng.sample(entries, 300):
        fore, sur = e.name.split()
        i = rng.randrange(1, len(sur))
        queries += [e.name, f"{fore} {sur[:i]}{sur[i + 1 :]}", f"{sur}, {fore}", f"{fore[0]} {sur}"]
    queries += ["Anna Smith", "Kuroc Qareq", "Mohammed Kuroc"]
    screener = Screener(entries)
    fast = [screener.screen(q) for q in queries]
    asked: list[bool | None] = []
    real = TokenIndex.is_strong

    def counted(self: TokenIndex, *args: object) -> bool | None:
        got = real(self, *args)  # type: ignore[arg-type]
        asked.append(got)
        return got

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(TokenIndex, "is_strong", counted)
        assert [screener.screen(q) for q in queries] == fast
    # The keys answered many words both ways (else this test checks nothing).
    assert asked.count(True) > 100 and asked.count(False) > 100
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(TokenIndex, "is_strong", lambda self, typed, found, wid: None)
        compare.compare_parts.cache_clear()
        slow = Screener(entries)
        assert [slow.screen(q) for q in queries] == fast
    # And without may_match in compare_parts (the forename comparisons' prefilter).
    rejected: list[bool] = []
    real_match = compare.may_match

    def matched(t: compare.TypedKeys, x: WordKeys) -> bool:
        rejected.append(not real_match(t, x))
        return True

    compare.compare_parts.cache_clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(compare, "may_match", matched)
        plain = Screener(entries)
        assert [plain.screen(q) for q in queries] == fast
    compare.compare_parts.cache_clear()
    assert rejected.count(True) > 1_000 and rejected.count(False) > 100
