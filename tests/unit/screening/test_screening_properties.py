"""Property tests: robustness on any input, self-matching, and stability under list changes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.normalize import MAX_INPUT_CHARS, PARTICLES, SUFFIXES, TITLES, ascii_fold

BASE_LIST = [
    WatchEntry("B1", "Rebecca Wainwright"),
    WatchEntry("B2", "William Hargreaves", aliases=("Bill Hargreaves",)),
    WatchEntry("B3", "Łucja Wróbel-Nowak"),
    WatchEntry("B4", "Mohammed Al Rahim"),
]
SCREENER = Screener(BASE_LIST)

_LETTERS = "abcdefghijklmnopqrstuvwxyzéèüöäøłßçñåæ"
_RESERVED = TITLES | SUFFIXES | PARTICLES


def _is_name_word(w: str) -> bool:
    folded = ascii_fold(w)
    return len(folded) >= 2 and folded not in _RESERVED


name_word = st.text(alphabet=_LETTERS, min_size=2, max_size=12).filter(_is_name_word).map(str.capitalize)
full_name = st.lists(name_word, min_size=2, max_size=4).map(" ".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400))
def test_any_string_returns_a_list(text: str) -> None:
    result = SCREENER.screen(text)
    assert isinstance(result, list)
    for m in result:
        assert m.band in ("alert", "review") and 0.0 <= m.score <= 1.0 and m.reasons


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=MAX_INPUT_CHARS, max_size=5 * MAX_INPUT_CHARS))
def test_huge_input_returns_a_list(text: str) -> None:
    assert isinstance(SCREENER.screen(text * 50), list)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_listed_name_builds_and_screens(text: str) -> None:
    s = Screener([WatchEntry("X", text, aliases=(text[::-1],))])
    assert isinstance(s.screen(text), list)
    assert len(s) == 1


@settings(max_examples=200, deadline=None)
@given(full_name)
def test_a_name_always_matches_itself_with_top_score_and_alert(name: str) -> None:
    s = Screener([*BASE_LIST, WatchEntry("SELF", name)])
    matches = s.screen(name)
    assert matches, name
    top = matches[0]
    assert top.score == max(m.score for m in matches) == 1.0
    assert any(m.entry_id == "SELF" and m.band == "alert" and m.score == 1.0 for m in matches)


@settings(max_examples=200, deadline=None)
@given(full_name, full_name)
def test_adding_an_unrelated_entry_never_removes_a_true_match(listed: str, other: str) -> None:
    s = Screener([*BASE_LIST, WatchEntry("T", listed)])
    before = {m.entry_id for m in s.screen(listed)}
    s.add(WatchEntry("U", other))
    after = {m.entry_id for m in s.screen(listed)}
    assert "T" in before and before <= after


@settings(max_examples=100, deadline=None)
@given(full_name)
def test_add_then_remove(name: str) -> None:
    s = Screener(BASE_LIST)
    n = len(s)
    s.add(WatchEntry("NEW", name))
    assert len(s) == n + 1
    assert "NEW" in {m.entry_id for m in s.screen(name)}
    assert s.remove("NEW") is True
    assert len(s) == n
    assert "NEW" not in {m.entry_id for m in s.screen(name)}
    assert s.remove("NEW") is False
