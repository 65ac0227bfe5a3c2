"""Name knowledge beyond the nicknames data: one test per rule family (issue 14)."""

from __future__ import annotations

import pytest

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.phonetic import final_vowel, metaphone_keys
from kiosk.screening.shortforms import clipped_form, diminutive, loose_short_form, same_cluster, translit_key


def band(listed: str, typed: str) -> str | None:
    got = Screener([WatchEntry("X", listed)]).screen(typed)
    return got[0].band if got else None


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Gary Hollis", "Gaz Hollis"),
        ("Barry Quinn", "Baz Quinn"),
        ("Sharon Platt", "Shaz Platt"),
        ("Derek Towner", "Del Towner"),
        ("Terence Vane", "Tel Vane"),
        ("Kerry Doyle", "Kez Doyle"),
        ("Robert Fenwick", "Robbo Fenwick"),
        ("Jonathan Pike", "Jonno Pike"),
        ("Gary Hollis", "Gazza Hollis"),
    ],
)
def test_british_clipped_forms_alert_when_the_surname_agrees(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert"


def test_a_clipped_form_by_rule_with_a_misspelt_surname_is_only_shown() -> None:
    assert band("Gareth Hollis", "Gaz Hollis") == "alert"  # Gareth/Gaz is not in the table
    assert band("Gareth Hollis", "Gaz Holliss") == "review"


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Katarzyna Nowak", "Kasia Nowak"),
        ("Małgorzata Wiśniewska", "Gosia Wiśniewska"),
        ("Tomasz Zieliński", "Tomek Zielinski"),
        ("Aleksandr Petrov", "Sasha Petrov"),
        ("Alexandra Petrova", "Sascha Petrova"),  # table spells it Aleksandra, German Sascha
        ("Dmitri Volkov", "Dima Volkov"),
        ("Anastasia Orlova", "Nastja Orlova"),  # German/Polish romanisation of Nastya
        ("Jakub Dvořák", "Kuba Dvorak"),
        ("Dafydd Pritchard", "Dai Pritchard"),
        ("Ionuț Popescu", "Ionut Popescu"),
        ("Giuseppe Russo", "Peppe Russo"),
        ("Francisco Sousa", "Chico Sousa"),
        ("Mehmet Yılmaz", "Memo Yilmaz"),
        ("Harpreet Gill", "Preet Gill"),
        ("Oluwaseun Adeyemi", "Seun Adeyemi"),
        ("Chukwuemeka Obi", "Emeka Obi"),
        ("Kwadwo Mensah", "Kojo Mensah"),
        ("Maria Branco", "Marika Branco"),
        ("Ilona Török", "Ilonka Torok"),
        ("Ireneusz Wnuk", "Irek Wnuk"),
        ("Catherine Law", "Katie Law"),  # a clipped form that spells the first sound with a K
    ],
)
def test_short_forms_of_many_languages_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Karolina Hak", "Lina Hak"),
        ("Charlotte Greer", "Lotti Greer"),
        ("Maxim Orlov", "Max Orlov"),
        ("Viorica Ionita", "Vivi Ionita"),
        ("Maria Branco", "Marika Brancoe"),  # a pet form and a misspelt surname
    ],
)
def test_looser_short_forms_are_shown_for_review(listed: str, typed: str) -> None:
    assert band(listed, typed) == "review"


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Sean Docherty", "Shaun Docherty"),
        ("Graham Stokes", "Graeme Stokes"),
        ("Muhammad Iqbal", "Mohamed Iqbal"),
        ("Geoffrey Lamb", "Jeffrey Lamb"),
        ("Catherine Boyd", "Katherine Boyd"),
        ("Philippa Moss", "Filipa Moss"),
        ("Yasmin Shah", "Jasmine Shah"),
        ("Hussain Mirza", "Hossein Mirza"),
        ("Vivien Thompson", "Vivien Tomson"),
        ("Bohdan Ryan", "Bohdan Ryans"),
    ],
)
def test_sound_alike_spellings_alert_when_the_surname_agrees(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Susan Whitfield", "Hannah Whitfield"),
        ("Patrick Doyle", "Peter Doyle"),
        ("Paul Reynolds", "Paula Reynolds"),
        ("Maria Costa", "Mario Costa"),
        ("Daniel Frost", "Daniela Frost"),
        ("Mary Oshodi", "Marianna Oshodi"),
    ],
)
def test_different_names_never_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) != "alert", (listed, typed)


def test_rule_helpers() -> None:
    assert clipped_form("gaz", "gary") == "stem+z"
    assert clipped_form("seun", "oluwaseun") == "prefix"
    assert clipped_form("robbo", "robert") == "stem+o"
    assert clipped_form("mark", "marcus") is None
    assert loose_short_form("lina", "karolina") == "end"
    assert loose_short_form("ian", "christian") is None  # a vowel-led end is another name
    assert diminutive("nastja", "anastasia") and diminutive("sascha", "alexandra")
    assert not diminutive("sasha", "natalia")
    assert same_cluster("hussain", "hossein") and not same_cluster("hussain", "hassan")
    assert translit_key("tatjana") == translit_key("tatyana")
    assert metaphone_keys("geraldine") & metaphone_keys("jeraldine")
    assert final_vowel("graeme") == final_vowel("graham") == ""
    assert final_vowel("maria") == "a" and final_vowel("mario") == "o"
