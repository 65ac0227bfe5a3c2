"""Incremental updates, the public data types, and the normaliser's building blocks."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.normalize import parse_name
from kiosk.screening.phonetic import sound_key, vowel_key


def test_len_counts_entries_not_aliases() -> None:
    s = Screener([WatchEntry("A", "Rebecca Wainwright", aliases=("Becky Stone", "Rebecca Stone"))])
    assert len(s) == 1


def test_add_makes_a_name_screenable() -> None:
    s = Screener()
    assert s.screen("Rebecca Wainwright") == []
    s.add(WatchEntry("A", "Rebecca Wainwright"))
    assert [m.entry_id for m in s.screen("Rebecca Wainwright")] == ["A"]


def test_remove_stops_matching_name_and_aliases() -> None:
    s = Screener(
        [WatchEntry("A", "Rebecca Wainwright", aliases=("Becky Stone",)), WatchEntry("B", "Ola Nordmann")]
    )
    assert s.remove("A") is True
    assert s.screen("Rebecca Wainwright") == []
    assert s.screen("Becky Stone") == []
    assert [m.entry_id for m in s.screen("Ola Nordmann")] == ["B"]
    assert s.remove("A") is False
    assert len(s) == 1


def test_add_with_same_id_replaces_the_entry() -> None:
    s = Screener([WatchEntry("A", "Rebecca Wainwright")])
    s.add(WatchEntry("A", "Rebecca Stone"))
    assert len(s) == 1
    assert s.screen("Rebecca Wainwright") == []
    assert [m.entry_id for m in s.screen("Rebecca Stone")] == ["A"]


def test_removing_one_entry_keeps_others_sharing_its_words() -> None:
    s = Screener([WatchEntry("A", "Gareth Smith"), WatchEntry("B", "Gareth Smith")])
    s.remove("A")
    assert [m.entry_id for m in s.screen("Gareth Smith")] == ["B"]


def test_re_adding_after_remove() -> None:
    s = Screener([WatchEntry("A", "Gareth Smith")])
    s.remove("A")
    s.add(WatchEntry("A", "Gareth Smith"))
    assert [m.entry_id for m in s.screen("Gareth Smith")] == ["A"]


def test_watch_entry_is_frozen_and_takes_a_list_of_aliases() -> None:
    e = WatchEntry("A", "Rebecca Wainwright", aliases=["Becky Stone"])  # type: ignore[arg-type]
    assert e.aliases == ("Becky Stone",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.name = "x"  # type: ignore[misc]


def test_one_match_per_entry_even_when_name_and_alias_both_match() -> None:
    s = Screener([WatchEntry("A", "Rebecca Wainwright", aliases=("Becky Wainwright",))])
    matches = s.screen("Rebecca Wainwright")
    assert [m.entry_id for m in matches] == ["A"]
    assert matches[0].matched_name == "Rebecca Wainwright"


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        ("Mr. Donald O'Hara", ["donald", "ohara"]),
        ("Wainwright, Rebecca", ["rebecca", "wainwright"]),
        ("Yves le Roux", ["yves", "leroux"]),
        ("Łucja Wróbel-Nowak", ["lucja", "wrobel", "nowak"]),
        ("Dr", ["dr"]),
    ],
)
def test_parse_name(text: str, bases: list[str]) -> None:
    assert [t.base for t in parse_name(text).tokens] == bases


def test_transliteration_spellings() -> None:
    tok = parse_name("Jürgen Ødegård").tokens
    assert tok[0].spellings == ("jurgen", "juergen")
    assert tok[1].spellings == ("odegard", "oedegaard")


@pytest.mark.parametrize(
    ("a", "b"),
    [("mohammed", "muhammad"), ("aleksander", "alexander"), ("sean", "shaun"), ("stephen", "steven")],
)
def test_sound_alike_keys_agree(a: str, b: str) -> None:
    assert sound_key(a) == sound_key(b)
    assert vowel_key(a) == vowel_key(b)


def test_vowel_key_separates_final_vowels() -> None:
    assert vowel_key("maria") != vowel_key("mario")
