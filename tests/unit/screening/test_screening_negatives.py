"""Names that must NOT be flagged: reception must not learn to ignore alerts."""

from __future__ import annotations

import pytest

from kiosk.screening import Screener, WatchEntry

LIST = [
    WatchEntry("N1", "David Harris"),
    WatchEntry("N2", "Rebecca Wainwright"),
    WatchEntry("N3", "Gareth Smith"),
    WatchEntry("N4", "Kwabena Jones"),
    WatchEntry("N5", "Harriet Jane Oduya"),
    WatchEntry("N6", "Imogen Carter-Blake"),
    WatchEntry("N7", "Klaus Peter Brandt"),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(LIST)


@pytest.mark.parametrize("typed", ["Rebecca", "David", "Harriet", "rebecca  ", "Klaus Peter", "Mr David"])
def test_forename_alone_is_not_a_match(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []


@pytest.mark.parametrize("typed", ["Wainwright", "Harris", "Mr Harris", "Carter-Blake"])
def test_surname_alone_is_not_a_match(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []


@pytest.mark.parametrize(
    "typed", ["K Harris", "K. Harris", "Harris, K", "B Wainwright", "T. Oduya", "J Carter-Blake"]
)
def test_different_initial_before_listed_surname(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []


@pytest.mark.parametrize(
    "typed", ["Aryan Smith", "Olivia Smith", "Ngozi Jones", "Tomasz Jones", "Charlotte Harris", "Wendy Oduya"]
)
def test_common_surname_with_unrelated_forename(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []


@pytest.mark.parametrize(
    "typed", ["Rebecca Thornbury", "David Oyelaran", "Imogen Stokes", "Harriet Whitfield"]
)
def test_listed_forename_with_a_different_surname(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []


@pytest.mark.parametrize("typed", ["Mary Berry", "Oskar Lindqvist", "Chidi Okafor", "Zhang Wei"])
def test_unrelated_names(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []


def test_short_forenames_one_letter_apart_do_not_alert() -> None:
    # "Mark" and "Mary" are different people; at most reception is asked to look.
    s = Screener([WatchEntry("X", "Mary Pemberton")])
    assert all(m.band != "alert" for m in s.screen("Mark Pemberton"))


def test_both_parts_from_one_hyphenated_word_do_not_make_a_name() -> None:
    # "Johnson" must not be read as a forename "John" just because it sits in a surname.
    s = Screener([WatchEntry("X", "John Edwards-Johnson")])
    assert s.screen("Fatima Edwards-Johnson") == []


@pytest.mark.parametrize("typed", ["", "   ", "...", "-", ",", "Mr", "Dr Mrs", "J. K.", "123 456"])
def test_empty_or_meaningless_input(screener: Screener, typed: str) -> None:
    assert screener.screen(typed) == []
