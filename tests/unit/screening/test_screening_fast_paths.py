"""The build's and the lookup's shortcuts give exactly what the full code gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.screening import normalize, phonetic
from kiosk.screening.disguise import fold_junk

_WORDS = [
    "Mr",
    "dr",
    "Sir",
    "van",
    "de",
    "La",
    "Jr",
    "iii",
    "PhD",
    "Mac",
    "O",
    "St",
    "Anna",
    "JO",
    "li",
    "Smith",
    "mcdonald",
    "X",
    "Zoe",
    "Zoë",
    "O'Neill",
    "Jean-Luc",
    "Ann,",
]


def _full_parse(text: str) -> normalize.ParsedName:
    folded, unusual = fold_junk(text[: normalize.MAX_RAW_CHARS])
    return normalize._parse(folded, unusual)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS) | st.text("abcXYZ", min_size=1, max_size=6), min_size=1, max_size=10),
    st.sampled_from([" ", "  ", "\t", ""]),
)
def test_plain_names_parse_as_the_full_parse_does(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert normalize.parse_name(text) == _full_parse(text)


def test_plain_names_parse_as_the_full_parse_does_many() -> None:
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for _ in range(20_000):
        words = [
            rng.choice(_WORDS) if rng.random() < 0.2 else "".join(rng.choices(letters, k=rng.randint(1, 9)))
            for _ in range(rng.randint(1, 10))
        ]
        text = " ".join(words)
        if rng.random() < 0.05:
            text = " " + text + " "
        assert normalize.parse_name(text) == _full_parse(text), text
    long_name = " ".join(["Abcdefghij"] * 19)  # over MAX_INPUT_CHARS
    assert normalize.parse_name(long_name) == _full_parse(long_name)


def test_the_index_sound_key_is_the_sound_or_vowel_key() -> None:
    rng = random.Random(4)
    words = ["", "a", "sean", "shaun", "graham", "fox", "zak", "mohammed", "thompson", "leigh", "bh"]
    words += ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(1, 12))) for _ in range(20_000)]
    for w in words:
        key = phonetic.sound_key(w)
        want = key if len(key) >= 4 else "~" + phonetic.vowel_key(w)
        assert phonetic.index_sound_key(w) == want, w


def _plain_consonants(name: str) -> str:
    """phonetic._consonants as it was written before its letter tests: both expressions always run."""
    if len(name) > 3:
        name = phonetic._SILENT.sub("", name) or name
    return phonetic._GROUP_RE.sub(lambda m: phonetic._GROUPS[m.group()], name).translate(phonetic._LETTERS)


def test_the_consonants_skip_only_expressions_that_cannot_match() -> None:
    rng = random.Random(5)
    # Letters weighted towards those the expressions need, so that their rules meet often.
    letters = "abcdefghijklmnopqrstuvwxyz" + "hhhcccppwwezzzsstmdgoa"
    words = ["", "a", "e", "e\n", "abce\n", "thompson", "leigh", "shawn", "graham", "graeme", "mitch"]
    words += ["".join(rng.choices(letters, k=rng.randint(1, 12))) for _ in range(50_000)]
    for w in words:
        assert phonetic._consonants.__wrapped__(w) == _plain_consonants(w), w


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz\n -", max_size=14))
def test_the_consonants_skip_only_expressions_that_cannot_match_any_text(w: str) -> None:
    assert phonetic._consonants.__wrapped__(w) == _plain_consonants(w)


def _plain_undouble(s: str) -> str:
    out = s[:1]
    for ch in s[1:]:
        if ch != out[-1]:
            out += ch
    return out


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aabbz\n ", max_size=12))
def test_undouble_skips_only_words_without_a_doubled_letter(s: str) -> None:
    assert phonetic.undouble(s) == _plain_undouble(s)
    for w in ("", "a", "aa", "\n\n", "anastassios", "abc", "abba", "xyzz"):
        assert phonetic.undouble(w) == _plain_undouble(w)


def test_plain_names_have_the_keys_of_their_listed_name() -> None:
    from kiosk.screening.screener import _keys, _parse_listed, _plain_keys

    rng = random.Random(6)
    texts = ["Cher", "Al", "Jo Li", "A Smith", "Karolina Nowak", "Regina Ann Smith", "Ab", "abc"]
    for _ in range(20_000):
        k = rng.randint(1, 8)
        texts.append(" ".join("".join(rng.choices("abceiloruy", k=rng.randint(1, 9))) for _ in range(k)))
    for text in texts:
        plain = normalize._plain(text)
        if plain is None:
            continue
        listed = _parse_listed(text)
        assert listed is not None
        assert _plain_keys(plain.tokens) == _keys(listed), text


# --- the "cannot match" tests in front of the part comparison ---------------------------------


def _clear_caches() -> None:
    from kiosk.screening import compare, forenames, shortforms

    for mod in (compare, forenames, shortforms, phonetic):
        for name in dir(mod):
            fn = getattr(mod, name)
            if callable(fn) and hasattr(fn, "cache_clear") and name not in ("_tables", "_keyed"):
                fn.cache_clear()


def _word_pool() -> list[str]:
    from kiosk.screening import forenames, shortforms

    rng = random.Random(8)
    nicknames, canonicals = forenames._nick_tables()
    known = sorted(set(nicknames) | set(canonicals) | shortforms.known_names())
    known = [k for k in known if k.isalpha() and k.isascii()]
    clusters = sorted(shortforms._tables()[2])
    pool = set(rng.sample(known, 1500)) | set(rng.sample(clusters, min(800, len(clusters))))
    pool |= {
        "vladimir",
        "volodymyr",
        "uladzimir",
        "yevgeny",
        "yauhen",
        "oluwaseun",
        "seun",
        "chukwuemeka",
        "emeka",
        "thomas",
        "tommo",
        "gaz",
        "gary",
        "marika",
        "maria",
        "tomek",
        "tomasz",
        "kate",
        "catherine",
        "philippa",
        "flip",
        "theodore",
        "temitope",
        "themitope",
        "billie",
        "william",
        "magi",
        "maggie",
        "adolph",
        "adolf",
        "harald",
        "harold",
        "katerina",
        "katarina",
        "ekatarina",
    }
    letters = "abcdefghijklmnopqrstuvwxyz"
    base = sorted(pool)
    for w in rng.sample(base, 1200):
        i = rng.randrange(len(w))
        pool.add(w[:i] + w[i + 1 :] if len(w) > 2 else w)  # a letter dropped
        pool.add(w[:i] + rng.choice(letters) + w[i + 1 :])  # changed
        pool.add(w[:i] + rng.choice(letters) + w[i:])  # inserted
        pool.add(w + rng.choice(["ie", "y", "ey", "i", "ee", "ka", "ek", "sia", "o", "a", "e"]))
        pool.add(w[: rng.randint(2, max(2, len(w)))])  # cut short
        pool.add(w[rng.randint(1, max(1, len(w) - 2)) :])  # its end
        pool.add(rng.choice(["k", "c", "ph", "th", "f", "t", "oluwa", "chi", "ade"]) + w[1:])
    cons, vows = "bcdfghjklmnpqrstvwxz", "aeiouy"
    for _ in range(1500):
        pool.add(
            "".join(rng.choice(cons) + rng.choice(vows) for _ in range(rng.randint(1, 4))) + rng.choice(cons)
        )
    return sorted(w for w in pool if w)


def _pairs(pool: list[str], n: int, seed: int) -> list[tuple[str, str]]:
    from kiosk.screening import forenames

    rng = random.Random(seed)
    out = [(rng.choice(pool), rng.choice(pool)) for _ in range(n)]
    # Names the data sets relate, and their neighbours in the pool: the pairs that do match.
    for a in rng.sample(pool, n // 10):
        for b in list(forenames.related_names(a))[:6]:
            out += [(a, b), (b, a)]
    # A syllable doubled on the name's last consonant (Lela/Emanuela, Nino/Giovanni), and on others.
    for f in rng.sample([w for w in pool if len(w) >= 6], n // 20):
        c = f.rstrip("aeiouy")[-1:] or "l"
        for v in "aeiou":
            out += [(c + v + c + v, f), (c + f[-1] + c + v, f), (c + v + c + f[-1], f)]
    out += [
        ("lela", "emanuela"),
        ("nino", "giovanni"),
        ("mimi", "maria"),
        ("vivi", "viorica"),
        ("didi", "david"),
    ]
    # A clipped form of a spelling of the full name ("filo" of "filippa" for Philippa), a Yoruba
    # prefix on a respelt "th" ("temi" of "themibola").
    out += [("filo", "philippa"), ("fily", "phyllis"), ("bola", "themibola"), ("tope", "themitope")]
    # Pet forms the data sets lack, spelt with another pet ending of one they have (Magi/Maggie),
    # against the names related to that one.
    for w in rng.sample([w for w in pool if w.endswith(("ie", "y", "ey", "i", "ee"))], n // 20):
        for alt in forenames._pet_spellings(w)[:4]:
            out += [(alt, b) for b in list(forenames.related_names(w))[:4]]
            out += [(b, alt) for b in list(forenames.related_names(w))[:2]]
    srt = sorted(pool)
    for _ in range(n // 4):
        i = rng.randrange(len(srt) - 3)
        out.append((srt[i], srt[i + rng.randint(1, 3)]))
    return out


def _results(pairs: list[tuple[str, str]]) -> list[object]:
    from kiosk.screening import compare, forenames, shortforms

    _clear_caches()
    got: list[object] = []
    for a, b in pairs:
        got.append(forenames.relation(a, b))
        got.append(shortforms.clipped_form(a, b))
        got.append(shortforms.strong_diminutive(a, b))
        got.append(shortforms.cognate(a, b))
        got.append(shortforms.loose_short_form(a, b))
        for forename in (True, False):
            got.append(compare.compare_parts(a, a, b, b, forename))
    return got


def _without_prefilters(monkeypatch: object) -> None:
    from kiosk.screening import forenames, shortforms

    mp = monkeypatch
    mp.setattr(forenames, "_may_relate", lambda a, b: True)  # type: ignore[attr-defined]
    mp.setattr(shortforms, "_may_clip", lambda a, b: True)  # type: ignore[attr-defined]
    mp.setattr(shortforms, "_may_diminish", lambda a, b: True)  # type: ignore[attr-defined]
    mp.setattr(shortforms, "_may_shorten", lambda a, b: True)  # type: ignore[attr-defined]


def test_the_prefilters_never_change_a_comparison() -> None:
    import pytest

    pool = _word_pool()
    pairs = _pairs(pool, 12_000, seed=9)
    fast = _results(pairs)
    with pytest.MonkeyPatch.context() as mp:
        _without_prefilters(mp)
        full = _results(pairs)
    _clear_caches()
    assert len(fast) == len(full)
    bad = [(pairs[i // 7], i % 7, f, g) for i, (f, g) in enumerate(zip(fast, full, strict=True)) if f != g]
    assert not bad, bad[:10]
    # The test is not empty: many of these pairs match.
    assert sum(r is not None for r in full[::7]) > 500


@settings(max_examples=300, deadline=None)
@given(
    st.text("abcehiklmnorstuy", min_size=1, max_size=9), st.text("abcehiklmnorstuy", min_size=1, max_size=9)
)
def test_the_prefilters_never_change_a_comparison_of_any_words(a: str, b: str) -> None:
    import pytest

    fast = _results([(a, b), (b, a)])
    with pytest.MonkeyPatch.context() as mp:
        _without_prefilters(mp)
        full = _results([(a, b), (b, a)])
    assert fast == full


def _align_every_row(query: normalize.ParsedName, listed: object) -> object:
    """align.align as it was before its two-part path: every comparison made, then scored."""
    from kiosk.screening import align as al

    assert isinstance(listed, al.ListedName)
    qt, et, roles = query.tokens, listed.tokens, listed.roles
    fore_js = [j for j in range(len(et)) if roles[j] != al.SUR]
    sur_js = [j for j in range(len(et)) if roles[j] == al.SUR]
    sims = [
        [al.compare_tokens(q, e, j in fore_js) for j, e in enumerate(et)]  # role of each listed part
        for q in qt
    ]
    if not any(sims[i][j] is not None for i in range(len(qt)) for j in fore_js):
        return None
    return al._best(query, listed, sims, fore_js, sur_js)


def test_two_typed_parts_align_as_with_every_comparison() -> None:
    from kiosk.screening import align as al

    pool = _word_pool()
    from kiosk.screening.compare import compare_parts

    pairs = _pairs(pool, 3000, 11)
    # Mostly words that match (as a forename or a surname), so that many pairings are scored.
    close = [(a, b) for a, b in pairs if compare_parts(a, a, b, b, True) or compare_parts(a, a, b, b, False)]
    pairs = close * 3 + [(a, a) for a, _ in pairs[:2000]] + pairs
    rng = random.Random(12)
    seen = matched = 0
    for _ in range(15_000):
        (a, b), (c, d) = rng.choice(pairs), rng.choice(pairs)
        shape = rng.randrange(6)
        typed = [f"{a} {c}", f"{c}, {a}", f"{a[0]} {c}", f"{a} {c[0]}", f"{a}-{c}", f"{a[0]}. {c[0]}"][shape]
        listed_text = rng.choice(
            [f"{b} {d}", f"{b} {d}-{rng.choice(pool)}", f"{b} {rng.choice(pool)} {d}", d, f"{d} {b}"]
        )
        query = normalize.parse_name(typed)
        listed = al.listed_name(normalize.parse_name(listed_text), listed_text)
        if len(query.tokens) != 2 or not listed.tokens:
            continue
        seen += 1
        got = al.align(query, listed)
        assert got == _align_every_row(query, listed), (typed, listed_text)
        matched += got is not None
    # The test is not empty: most shapes occur and many of the names match.
    assert seen > 12_000 and matched > 300, (seen, matched)
