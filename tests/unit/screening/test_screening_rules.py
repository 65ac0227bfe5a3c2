"""One test per matching rule family: realistic names, expected band, and a reason that says why."""

from __future__ import annotations

import pytest

from kiosk.screening import Match, Screener, WatchEntry

LIST = [
    WatchEntry("W1", "Rebecca Wainwright"),
    WatchEntry("W2", "William Hargreaves"),
    WatchEntry("W3", "Jürgen Köhler"),
    WatchEntry("W4", "Łucja Wróbel"),
    WatchEntry("W5", "Torbjørn Kjær"),
    WatchEntry("W6", "Gerhard Strauß"),
    WatchEntry("W7", "Harriet Jane Oduya"),
    WatchEntry("W8", "Imogen Carter-Blake"),
    WatchEntry("W9", "Mohammed Rahim"),
    WatchEntry("W10", "Aleksander Nowicki"),
    WatchEntry("W11", "Shaun Docherty"),
    WatchEntry("W12", "Daniel Okonjo", aliases=("Tom Price",)),
    WatchEntry("W13", "Kieran O'Reilly"),
    WatchEntry("W14", "Bill Fairbairn"),
    WatchEntry("W15", "Priya Thornbury"),
    WatchEntry("W16", "Yves Le Roux"),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(LIST)


def hit(screener: Screener, typed: str, entry_id: str) -> Match:
    matches = screener.screen(typed)
    found = [m for m in matches if m.entry_id == entry_id]
    assert found, f"{typed!r} should match {entry_id}, got {matches}"
    return found[0]


def says(match: Match, *words: str) -> None:
    text = " | ".join(match.reasons).lower()
    for w in words:
        assert w.lower() in text, f"reasons {match.reasons} should mention {w!r}"


@pytest.mark.parametrize(
    "typed", ["rebecca wainwright", "  REBECCA   WAINWRIGHT  ", "Rebecca.Wainwright", "Rebecca Wainwright!"]
)
def test_case_spacing_and_punctuation_are_ignored(screener: Screener, typed: str) -> None:
    m = hit(screener, typed, "W1")
    assert m.band == "alert" and m.score == 1.0
    says(m, "surname matches")


@pytest.mark.parametrize("typed", ["Kieran OReilly", "KIERAN O'REILLY", "Kieran O Reilly", "kieran o’reilly"])
def test_apostrophes_and_particles(screener: Screener, typed: str) -> None:
    m = hit(screener, typed, "W13")
    assert m.band == "alert"


@pytest.mark.parametrize(
    ("typed", "entry", "mention"),
    [
        ("Lucja Wrobel", "W4", "'Łucja' written as 'Lucja'"),
        ("Torbjorn Kjaer", "W5", "written as"),
        ("Gerhard Strauss", "W6", "'Strauß' written as 'Strauss'"),
        ("Jurgen Kohler", "W3", "'Köhler' written as 'Kohler'"),
    ],
)
def test_accents_and_special_letters(screener: Screener, typed: str, entry: str, mention: str) -> None:
    m = hit(screener, typed, entry)
    assert m.band == "alert"
    says(m, mention)


def test_german_transliteration_ue_oe(screener: Screener) -> None:
    m = hit(screener, "Juergen Koehler", "W3")
    assert m.band == "alert"
    says(m, "'Köhler' written as 'Koehler'", "'Jürgen' written as 'Juergen'")


def test_transliteration_works_from_the_other_side_too() -> None:
    s = Screener([WatchEntry("X", "Hans Mueller")])
    m = hit(s, "Hans Müller", "X")
    assert m.band == "alert"
    says(m, "written as")


@pytest.mark.parametrize(
    "typed", ["Mr Daniel Okonjo", "Dr. Daniel Okonjo", "Mrs Daniel Okonjo", "Okonjo, Prof Daniel"]
)
def test_titles_are_ignored(screener: Screener, typed: str) -> None:
    m = hit(screener, typed, "W12")
    assert m.band == "alert"
    says(m, "first name matches", "surname matches")


def test_nickname_typed_for_full_name(screener: Screener) -> None:
    m = hit(screener, "Bill Hargreaves", "W2")
    assert m.band == "alert"
    says(m, "'Bill' is a short form of 'William'")


def test_full_name_typed_for_listed_nickname(screener: Screener) -> None:
    m = hit(screener, "William Fairbairn", "W14")
    assert m.band == "alert"
    says(m, "'Bill' is a short form of 'William'")


def test_name_cut_short_is_a_short_form() -> None:
    s = Screener([WatchEntry("X", "Christabel Ferraby")])
    m = hit(s, "Christa Ferraby", "X")
    says(m, "short form")


@pytest.mark.parametrize(
    ("typed", "slip"),
    [
        ("Rebecca Wainwrihgt", "letters swapped"),
        ("Rebecca Wainwrigjt", "neighbouring key"),
        ("Rebecca Wainwrright", "letter doubled"),
        ("Rebeca Wainwright", "double letter typed once"),
        ("Rebecca Wainwrigt", "letter missing"),
    ],
)
def test_one_letter_typos(screener: Screener, typed: str, slip: str) -> None:
    m = hit(screener, typed, "W1")
    assert m.band == "alert"
    says(m, "one letter different", slip)


def test_two_letter_typo_in_a_long_surname(screener: Screener) -> None:
    m = hit(screener, "Rebecca Wainwrifgt", "W1")
    says(m, "two letters different")


def test_sound_alike_spelling_of_a_surname(screener: Screener) -> None:
    m = hit(screener, "Rebecca Wanewright", "W1")
    assert m.band == "alert"
    says(m, "another spelling")


@pytest.mark.parametrize("typed", ["Wainwright Rebecca", "WAINWRIGHT, Rebecca", "Wainwright, Rebecca"])
def test_first_and_last_name_swapped(screener: Screener, typed: str) -> None:
    m = hit(screener, typed, "W1")
    assert m.band == "alert"
    if "," not in typed:  # "Surname, Forename" is a normal way to write a name, not a swap
        says(m, "first and last name swapped")


def test_middle_name_dropped(screener: Screener) -> None:
    m = hit(screener, "Harriet Oduya", "W7")
    assert m.band == "alert"
    says(m, "middle name not given")


def test_middle_name_added(screener: Screener) -> None:
    m = hit(screener, "Rebecca Louise Wainwright", "W1")
    assert m.band == "alert"
    says(m, "middle name 'Louise' not on the list")


@pytest.mark.parametrize("typed", ["H. Oduya", "H Oduya", "Oduya, H."])
def test_initial_for_forename(screener: Screener, typed: str) -> None:
    m = hit(screener, typed, "W7")
    assert m.band == "alert"
    says(m, "'H' is the initial of 'Harriet'")


@pytest.mark.parametrize("typed", ["Imogen Blake", "Imogen Carter"])
def test_either_half_of_double_barrelled_surname(screener: Screener, typed: str) -> None:
    m = hit(screener, typed, "W8")
    assert m.band == "alert"
    says(m, "double-barrelled")


@pytest.mark.parametrize("typed", ["Imogen Blake-Carter", "Imogen Carter Blake", "Imogen CarterBlake"])
def test_double_barrelled_surname_in_either_order_or_unhyphenated(screener: Screener, typed: str) -> None:
    assert hit(screener, typed, "W8").band == "alert"


def test_married_surname_added_to_listed_surname(screener: Screener) -> None:
    m = hit(screener, "Priya Thornbury-Patel", "W15")
    assert m.band == "alert"
    says(m, "double-barrelled")


@pytest.mark.parametrize(
    ("typed", "entry", "band"),
    [
        ("Muhammad Rahim", "W9", "alert"),
        ("Alexander Nowicki", "W10", "alert"),
        ("Sean Docherty", "W11", "alert"),  # sounds the same, surname exact
        ("Sean Dochertie", "W11", "review"),  # and the surname only close
    ],
)
def test_spelling_variants_and_transliterations(
    screener: Screener, typed: str, entry: str, band: str
) -> None:
    m = hit(screener, typed, entry)
    assert m.band == band
    says(m, "another spelling")


def test_alias(screener: Screener) -> None:
    m = hit(screener, "Tom Price", "W12")
    assert m.band == "alert"
    assert m.matched_name == "Tom Price"
    says(m, "matches alias 'Tom Price'")


def test_alias_with_a_typo_still_matches(screener: Screener) -> None:
    m = hit(screener, "Thomas Prise", "W12")
    says(m, "matches alias 'Tom Price'")


def test_surname_with_particle(screener: Screener) -> None:
    assert hit(screener, "Yves LeRoux", "W16").band == "alert"
    assert hit(screener, "yves le roux", "W16").band == "alert"


def test_combined_rules(screener: Screener) -> None:
    # A nickname, a typo in the surname and "Surname, Forename" order together.
    m = hit(screener, "Hargreavse, Bill", "W2")
    says(m, "short form", "one letter different")


def test_match_fields(screener: Screener) -> None:
    m = hit(screener, "Rebecca Wainwright", "W1")
    assert m.matched_name == "Rebecca Wainwright"
    assert isinstance(m.reasons, tuple) and all(isinstance(r, str) and r for r in m.reasons)
    assert 0.0 <= m.score <= 1.0


def test_results_are_best_first() -> None:
    s = Screener([WatchEntry("A", "Joanne Pemberton"), WatchEntry("B", "Joanna Pemberton")])
    matches = s.screen("Joanne Pemberton")
    assert [m.entry_id for m in matches][0] == "A"
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
