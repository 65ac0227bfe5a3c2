"""Sound-alike keys for spelling variants and transliterations of the same name.

Mohammed/Muhammad, Aleksander/Alexander, Husain/Hossain, Sean/Shaun, Stephen/Steven and
Dmitri/Dmitry differ in letters but not in what people hear. Two keys are used:

* :func:`sound_key` keeps the first sound and the consonants after it, with consonant spellings
  that sound alike rewritten to one form. It is coarse on purpose (Mark and Mirko share it) and
  serves to *find* candidates; a match on it alone is never enough.
* :func:`vowel_key` also keeps where the vowels are (each run of vowels becomes one "a"), so
  Sean/Shaun and Maryam/Meryem agree while Mark/Mirko and Maria/Mario do not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from doublemetaphone import doublemetaphone as _doublemetaphone  # type: ignore[import-untyped]

# Letter groups that sound alike, rewritten to one spelling. Longer groups are tried first so
# "sch" is not read as "s" + "ch".
_GROUPS = {
    # German, Polish and English spellings of "sh"
    **dict.fromkeys(("tsch", "tch", "sch", "sh", "sz", "cz"), "s"),
    # Christopher / Kristopher, Michail / Mykhailo
    **dict.fromkeys(("ch", "ck", "cc", "kh", "gh"), "k"),
    # Stephen / Steven (v -> f below), Philip / Filip; Gaelic "bh", "mh": Siobhan / Shevaun
    **dict.fromkeys(("ph", "bh", "mh"), "f"),
    **dict.fromkeys(("dh", "th", "dt"), "t"),
    # soft c
    "ce": "se",
    "ci": "si",
    "cy": "si",
}
_GROUP_RE = re.compile("|".join(sorted(_GROUPS, key=len, reverse=True)))
# Single letters that sound alike: Alexander / Aleksander, Vladimir / Wladimir, Tareq / Tarik.
_LETTERS = str.maketrans({"q": "k", "x": "ks", "c": "k", "z": "s", "v": "f", "w": "f", "y": "i"})
_VOWEL_RUNS = re.compile(r"[aeiou]+")
_VOWELS_AND_H = re.compile(r"[aeiouh]")
_END_VOWELS = re.compile(r"[aeiou]+$")


_DOUBLED = re.compile(r"(.)\1", re.DOTALL)


def undouble(s: str) -> str:
    """``s`` with each run of one letter written once ("anastassios" -> "anastasios")."""
    if _DOUBLED.search(s) is None:
        return s  # no letter twice in a row (most words): nothing to do, found in C
    # A plain loop: re.sub with a back-reference template is several times slower.
    out = s[:1]
    for ch in s[1:]:
        if ch != out[-1]:
            out += ch
    return out


# Letters that are silent or part of a vowel sound in English spellings of names: "gh" after a
# vowel (Leigh, Ashleigh, Kayleigh), "w" closing a vowel (Shawn, Dawn; not Polish -ewski, -owicz,
# where it is an "f"), "h" between vowels
# (Graham), a silent final "e" after a consonant (Graeme) and "p" between "m" and "s" or "t"
# (Thompson, Simpson).
_SILENT = re.compile(
    r"(?<=m)p(?=[st])|(?<=[aeiouy])gh(?![aeiouy])|(?<=[aeo])w(?![aeiouy]|sk|icz)|(?<=[aeiou])h(?=[aeiou])|(?<=[^aeiouy])e$"
)


@lru_cache(maxsize=200_000)
def _consonants(name: str) -> str:
    # Each expression is only run on a name with a letter it needs: every silent letter above is
    # a "p", "h" (of "gh" too), "w" or final "e" ("$" also matches before a final newline), and
    # every group has an "h", "c" or "z" or is "dt". Most names of a large list have none of
    # them, and the expressions are most of the time of a key (the same keys:
    # test_screening_fast_paths checks them against the plain expressions).
    if len(name) > 3 and ("h" in name or "w" in name or "p" in name or "e" in name[-2:]):
        name = _SILENT.sub("", name) or name
    if "h" in name or "c" in name or "z" in name or "dt" in name:
        name = _GROUP_RE.sub(_group_of, name)
    return name.translate(_LETTERS)


def _group_of(m: re.Match[str]) -> str:
    return _GROUPS[m.group()]


def first_sound(name: str) -> str:
    """The first sound of a name part as the keys write it ("ph" and "f" are both "f")."""
    return _consonants(name)[:1]


@lru_cache(maxsize=200_000)
def sound_key(name: str) -> str:
    """Coarse key of an ASCII lower-case name part: first sound plus consonants ("" if empty)."""
    if not name:
        return ""
    return _sound_key_of(_consonants(name))


def _sound_key_of(s: str) -> str:
    """:func:`sound_key` of a name whose :func:`_consonants` are ``s`` (not empty)."""
    head, tail = s[0], s[1:]
    if head in "aeiou":
        head = "a"  # Ebrahim / Ibrahim, Oleksandr / Aleksandr
    # "h" after the first letter is dropped: silent in Graham/Graeme and Sarah/Sara, and where it
    # is sounded (Mohammed) the vowel check in compare.py still separates the names.
    return undouble(head + _VOWELS_AND_H.sub("", tail))


def _final_vowel(run: str) -> str:
    for v in "aou":
        if v in run:
            return v
    return "e"


@lru_cache(maxsize=200_000)
def vowel_key(name: str) -> str:
    """Finer key: consonants as in the sound key, each run of vowels inside kept as one "a".

    A final vowel keeps its quality, because it often marks a different name rather than a
    different spelling (Maria/Mario, Julia/Julio).
    """
    if not name:
        return ""
    return _vowel_key_of(_consonants(name))


def vowel_key_unmemoised(name: str) -> str:
    """:func:`vowel_key` without filling the memo caches: for a table made once, whose names are not asked
    about again (the forename data's ~2,500 names were ~5,000 memo entries in every kiosk)."""
    return _vowel_key_of(_consonants.__wrapped__(name)) if name else ""


def _vowel_key_of(s: str) -> str:
    """:func:`vowel_key` of a name whose :func:`_consonants` are ``s`` (not empty)."""
    s = s.removesuffix("h") or s  # Sarah / Sara; a sounded "h" inside (Mohammed) is kept
    m = _END_VOWELS.search(s)
    end = _final_vowel(m.group()) if m else ""
    if m:
        s = s[: m.start()]
    s = _VOWEL_RUNS.sub("a", s) + end
    return undouble(s)


def index_sound_key(name: str) -> str:
    """The key the screening index files a word under: its :func:`sound_key`, or "~" and its
    :func:`vowel_key` when the sound key has fewer than four letters (see ``index.py``).

    Uncached, and the consonants worked out once for both keys: a large build computes this
    for a million words no visitor types, which would only push the cached ones out.
    """
    if not name:
        return "~"
    s = _consonants.__wrapped__(name)
    key = _sound_key_of(s)
    return key if len(key) >= 4 else "~" + _vowel_key_of(s)


def sound_and_vowel_keys(name: str) -> tuple[str, str, str]:
    """(:func:`sound_key`, :func:`vowel_key`, :func:`first_sound`) of a non-empty name, uncached,
    the consonants worked out once (for the screening index's table of listed words' keys)."""
    s = _consonants.__wrapped__(name)
    return _sound_key_of(s), _vowel_key_of(s), s[:1]


@lru_cache(maxsize=200_000)
def metaphone_keys(name: str) -> frozenset[str]:
    """Double Metaphone codes of an ASCII name part (primary and alternate), "" left out.

    Double Metaphone (Lawrence Philips, 2000) was built for names: it knows that "g" before
    "e"/"i" may sound as "j" (Geraldine/Jeraldine), that "c" and "k", "ph" and "f", "x" and
    "ks" sound alike, that doubled letters are one sound, and it gives a second code for a
    spelling with two readings (Jacob: JKP and AKP). The PyPI ``doublemetaphone`` package is the
    reference C++ implementation.
    """
    if not name:
        return frozenset()
    codes: tuple[str, str] = _doublemetaphone(name)
    return frozenset(k for k in codes if k)


def final_vowel(name: str) -> str:
    """How a name part ends, for telling gendered forms apart: "a", "o", "i" or "" (consonant).

    A final "h" after a vowel (Sarah, Fatimah) and a silent final "e" (Graeme, Jane) do not count.
    """
    s = name.removesuffix("h") if len(name) > 2 and name[-2:-1] in "aeiou" else name
    if len(s) > 2 and s.endswith("e") and s[-2] not in "aeiouy":
        s = s[:-1]
    last = s[-1:] if s else ""
    if last in ("a", "o"):
        return last
    if last in ("i", "y", "e"):
        return "i"
    if last == "u":
        return "o"
    return ""


# Polish and Czech spellings against the English and Russian romanisation of the same sounds,
# longest first: Wiśniewski/Vishnevsky, Kowalczyk/Kovalchik, Szewczenko/Shevchenko. The German
# romanisation of Russian and Ukrainian (Duden, DIN 1460) writes "shch", "ch" and "sh" as
# "schtsch", "tsch" and "sch": Schewtschenko/Shevchenko, Tschernow/Chernov.
_SLAVIC = (
    ("schtsch", "shch"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("szcz", "shch"),
    ("sz", "sh"),
    ("cz", "ch"),
    ("rz", "zh"),
    ("w", "v"),
    ("ie", "e"),
    ("ij", "i"),
    ("iy", "i"),
)


@lru_cache(maxsize=200_000)
def slavic_key(name: str) -> str:
    """One spelling for the Polish and English/Russian romanisations of a Slavic name.

    "sz", "cz", "rz" and "w" are written "sh", "ch", "zh" and "v", a soft "ie" as "e", and a
    final "-y" of "-sky"/"-ski" as "i"; Wiśniewski (wisniewski) and Vishnevsky then differ only by
    the "h" that marks the soft "ś".
    """
    for a, b in _SLAVIC:
        name = name.replace(a, b)
    return name[:-1] + "i" if name.endswith("y") else name


_HACEK_H = re.compile(r"(?<=[csz])h")


@lru_cache(maxsize=200_000)
def slavic_plain_key(name: str) -> str:
    """:func:`slavic_key` with the "h" of "sh", "ch" and "zh" left out.

    The Czech, Slovak, Croatian and Latvian spellings write these sounds "š", "č", "ž", which an
    ASCII keyboard or a passport scanner leaves as "s", "c", "z": Ševčenko typed as Sevcenko is
    Shevchenko (ISO 9 and the scientific transliteration of Cyrillic, read without the háček).
    """
    return _HACEK_H.sub("", slavic_key(name))


# "gh" after "a" or "ou" and before a vowel, silent in Irish surnames (Dougherty/Doherty,
# Callaghan/Callahan, Monaghan/Monahan: Edward MacLysaght, "The Surnames of Ireland", 1985, on
# the anglicised spellings of O Dochartaigh and O Ceallacháin), and an "h" between vowels.
_IRISH_GH = re.compile(r"(?<=[au])gh(?=[aeiouy])|(?<=[aeiou])h(?=[aeiou])")


def silent_gh_key(name: str) -> str:
    """The sound key of a surname read with the Irish silent "gh" (Dougherty -> that of Doherty).

    Kept apart from :func:`sound_key`, which reads the "gh" as "k" so that Dougherty and
    Docherty (the Scottish spelling, "ch" sounded) agree: both readings are right for one
    family or another.
    """
    return sound_key(_IRISH_GH.sub("", name)) if len(name) > 4 else sound_key(name)


# The vowel sounds a letter inside the first vowel of a name can spell, coarsely: "a" is open,
# "e", "i" and "y" front, "o" and "u" back; a "w" closing the vowel rounds it (Hewes, Shaw).
_VOWEL_CLASS = {"a": "A", "e": "E", "i": "E", "y": "E", "o": "O", "u": "O"}
_FIRST_VOWEL = re.compile(r"[aeiouy]+w?")
_ANY_VOWEL = frozenset("AEO")


@lru_cache(maxsize=200_000)
def first_vowel_sounds(name: str) -> frozenset[str]:
    """The coarse sounds ("A", "E", "O") the first vowel of an ASCII name part may spell.

    English spellings of one surname keep the quality of their first, stressed vowel (Reed/Reade,
    Neil/Neale, Bayley/Baillie, Chaudhry/Chowdhury), while surnames that only share consonants
    differ there (Colley/Kelly, Hill/Howell, Brown/Bryan, Barr/Boyer). Each letter of the vowel
    keeps its class, so a two-letter vowel may be read either way ("au", "ow" are "a" or "o";
    "ai", "ey" "a" or "e"). An "e", "i", "u" or "y" before an "r" that closes the syllable may be
    any of them: English says "er", "ir", "ur" alike, and Scots "Kerr" as "Carr" (Kerr/Carr,
    Burke/Birk, Clerk/Clark); "ar" and "or" keep their own sounds (Barr is not Boyer). "y"
    starting a word is a consonant (Yates).
    """
    start = 1 if name[:1] == "y" and name[1:2] in tuple("aeiou") else 0
    m = _FIRST_VOWEL.search(name, start)
    if m is None:
        return _ANY_VOWEL  # no vowel letter to go by (Mr, a bare consonant)
    sounds = frozenset("O" if ch == "w" else _VOWEL_CLASS[ch] for ch in m.group())
    rest = name[m.end() :]
    if (
        rest[:1] == "r"
        and (rest[1:2] not in tuple("aeiouy") or rest[1:2] == "r")
        and set(m.group()) <= set("eiuy")
    ):
        return _ANY_VOWEL
    return sounds


def same_first_vowel(a: str, b: str) -> bool:
    """Whether two name parts may start with the same vowel sound (see :func:`first_vowel_sounds`)."""
    return bool(first_vowel_sounds(a) & first_vowel_sounds(b))
