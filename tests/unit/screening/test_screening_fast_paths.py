"""The build's and the lookup's shortcuts give exactly what the full code gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.screening import normalize, phonetic
from kiosk.screening.disguise import fold_junk

_WORDS = [
    "Mr", "dr", "Sir", "van", "de", "La", "Jr", "iii", "PhD", "Mac", "O", "St",
    "Anna", "JO", "li", "Smith", "mcdonald", "X", "Zoe", "Zoë", "O'Neill", "Jean-Luc", "Ann,",
]


def _full_parse(text: str) -> normalize.ParsedName:
    folded, unusual = fold_junk(text[: normalize.MAX_RAW_CHARS])
    return normalize._parse(folded, unusual)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text("abcXYZ", min_size=1, max_size=6), min_size=1, max_size=10),
       st.sampled_from([" ", "  ", "\t", ""]))
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
