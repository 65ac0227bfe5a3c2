"""Disguises: a listed name altered with characters is held exactly as the plain name (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.disguise import UNUSUAL_REASON, fold_junk, readings
from kiosk.screening.normalize import PARTICLES, SUFFIXES, TITLES, parse_name, parse_readings

_CYRILLIC = str.maketrans(
    {
        **dict(zip("aeopcxyisj", "аеорсхуіѕј", strict=True)),
        **dict(zip("ABEHKMOPCTXSIJ", "АВЕНКМОРСТХЅІЈ", strict=True)),
    }
)


def _inside(ch: str) -> Callable[[str], str]:
    return lambda w: w[:2] + ch + w[2:] if len(w) > 3 else w


def _math_bold(w: str) -> str:
    return "".join(chr(0x1D400 + ord(c) - 65) if c.isupper() else chr(0x1D41A + ord(c) - 97) for c in w)


# Each disguise changes one name word; the tests apply it to every word of a name.
DISGUISES: dict[str, Callable[[str], str]] = {
    "fe0f": _inside("\ufe0f"),
    "braille-blank": _inside("\u2800"),
    "thin-space": _inside("\u2009"),
    "hair-space": _inside("\u200a"),
    "six-per-em-space": _inside("\u2006"),
    "middle-dot": _inside("\u00b7"),
    "bullet": _inside("\u2022"),
    "emoji": _inside("\U0001f600"),
    "emoji-zwj-sequence": _inside("\U0001f469\u200d\U0001f4bb"),
    "skin-tone": _inside("\U0001f44d\U0001f3fd"),
    "hangul-filler": _inside("\u3164"),
    "hangul-choseong-filler": _inside("\u115f"),
    "halfwidth-filler": _inside("\uffa0"),
    "soft-hyphen": _inside("\u00ad"),
    "zero-width-space": _inside("\u200b"),
    "word-joiner": _inside("\u2060"),
    "rtl-override": _inside("\u202e"),
    "tag-character": _inside("\U000e0041"),
    "cyrillic-lookalikes": lambda w: w.translate(_CYRILLIC),
    "cyrillic-s": lambda w: w.replace("S", "\u0405").replace("s", "\u0455"),
    "palochka-for-l": lambda w: w.replace("l", "\u04cf"),
    "greek-omicron": lambda w: w.replace("o", "\u03bf").replace("O", "\u039f"),
    "dot-inside": _inside("."),
    "hyphen-inside": _inside("-"),
    "underscore-inside": _inside("_"),
    "spaced-letters": " ".join,
    "dotted-letters": ".".join,
    "digits": lambda w: w.translate(str.maketrans({"o": "0", "e": "3", "a": "4", "s": "5", "t": "7"})),
    "html-bold": lambda w: f"<b>{w}</b>",
    "html-inside": lambda w: f"<i>{w[:2]}</i>{w[2:]}" if len(w) > 3 else w,
    "html-entity": lambda w: w.replace("a", "&#97;"),
    "math-bold": _math_bold,
    "fullwidth": lambda w: "".join(chr(ord(c) + 0xFEE0) for c in w),
}

LIST = [
    WatchEntry("D1", "William Hargreaves"),
    WatchEntry("D2", "Sarah Jones"),
    WatchEntry("D3", "Rebecca Wainwright"),
    WatchEntry("D4", "Thomas Mitchell", aliases=("Tom Mitchell",)),
    WatchEntry("D5", "Olivia Bennett"),
    WatchEntry("D6", "James Sullivan"),
    WatchEntry("D7", "Lily Patel"),
    WatchEntry("D8", "Samuel Lewis"),
]
SCREENER = Screener(LIST)

_RESERVED = TITLES | SUFFIXES | PARTICLES
name_word = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)
    .filter(lambda w: w not in _RESERVED)
    .map(str.capitalize)
)


def _band(screener: Screener, typed: str, entry_id: str) -> str | None:
    for m in screener.screen(typed):
        if m.entry_id == entry_id:
            return m.band
    return None


def _disguise(name: str, kind: str) -> str:
    return " ".join(DISGUISES[kind](w) for w in name.split())


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(name_word, min_size=2, max_size=3), st.sampled_from(sorted(DISGUISES)))
def test_any_listed_name_disguised_gets_the_band_of_the_plain_name(words: list[str], kind: str) -> None:
    name = " ".join(words)
    screener = Screener([*LIST, WatchEntry("SELF", name)])
    plain = _band(screener, name, "SELF")
    disguised = _disguise(name, kind)
    assert _band(screener, disguised, "SELF") == plain, (name, disguised)


@pytest.mark.parametrize("kind", sorted(DISGUISES))
@pytest.mark.parametrize("entry", LIST, ids=lambda e: e.name)
def test_each_disguise_of_each_listed_name_alerts_and_says_so(entry: WatchEntry, kind: str) -> None:
    typed = _disguise(entry.name, kind)
    found = [m for m in SCREENER.screen(typed) if m.entry_id == entry.id]
    assert found and found[0].band == "alert", (typed, SCREENER.screen(typed))
    if typed != entry.name:
        assert found[0].reasons[0] == UNUSUAL_REASON


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_readings_never_fail_and_the_first_is_the_plain_fold(text: str) -> None:
    got = readings(text)
    assert got and got[0] == fold_junk(text)
    assert all(isinstance(r, str) and isinstance(u, bool) for r, u in got)


def test_plain_names_are_not_unusual() -> None:
    for name in ["Sarah Jones", "Łucja Wróbel-Nowak", "Zoë O'Neill", "José María Pérez", "Müller, Jürgen"]:
        assert not parse_name(name).unusual, name
        m = Screener([WatchEntry("X", name)]).screen(name)
        assert m and UNUSUAL_REASON not in m[0].reasons


def test_initials_stay_initials() -> None:
    for typed in ["J R Smith", "J. R. R. Tolkien", "J.R.R. Tolkien", "A. B. Jones"]:
        first = parse_readings(typed)[0]
        assert [t.is_initial for t in first.tokens][:-1] == [True] * (len(first.tokens) - 1), typed
    s = Screener([WatchEntry("T", "John Ronald Reuel Tolkien")])
    assert s.screen("J. R. R. Tolkien")[0].band in ("alert", "review")
    assert UNUSUAL_REASON not in s.screen("J. R. R. Tolkien")[0].reasons


def test_four_single_letters_are_a_spaced_out_word() -> None:
    texts = [r for r, _u in readings("S a r a h J o n e s")]
    assert "Sarah Jones" in texts
    assert "sarahjones" in [r for r, _u in readings("s a r a h j o n e s")]
    assert readings("J R Smith") == (("J R Smith", False),)


def test_genuine_cyrillic_name_keeps_its_transliteration() -> None:
    s = Screener([WatchEntry("R", "Sergei Ivanov")])
    m = s.screen("Сергей Иванов")
    assert m and m[0].entry_id == "R" and m[0].band == "alert"


def test_cyrillic_lookalikes_inside_a_latin_word_are_read_by_look() -> None:
    folded, unusual = fold_junk("Wіllіаm Наrgrеаvеѕ")
    assert folded == "William Hargreaves" and unusual


def test_digit_one_read_as_i_or_l() -> None:
    s = Screener([WatchEntry("W", "William Hill")])
    for typed in ["Wi11iam Hi11", "W1ll1am H1ll", "W1111am H111"]:
        m = s.screen(typed)
        assert m and m[0].band == "alert", typed


def test_padding_with_thousands_of_invisible_characters_does_not_hide_the_name() -> None:
    m = SCREENER.screen("\ufe0f" * 3000 + "Sarah Jones")  # the first 4,000 characters count
    assert m and m[0].entry_id == "D2" and m[0].band == "alert"


def test_name_typed_as_one_word_and_one_word_names() -> None:
    s = Screener([WatchEntry("A", "Sarah Jones"), WatchEntry("M", "Zebedee")])
    assert s.screen("Sarahjones")[0].entry_id == "A"
    assert s.screen("Sarah Jones")[0].score == 1.0
    assert s.screen("Zebedee")[0].band == "alert"
    assert s.screen("Zeb Edee")[0].entry_id == "M"
    mono = s.screen("Peter Zebedee")
    assert mono and mono[0].entry_id == "M" and mono[0].band == "review"
    assert s.screen("Zebedee Smith") == []
