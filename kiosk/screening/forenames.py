"""Nicknames and short forms of forenames: the ``nicknames`` data set and :mod:`.shortforms`.

The data set (about 1,100 English given names with their diminutives) lists, for each full
name, its nicknames; we use it in both directions and treat two nicknames of the same full
name as related ("Bill" and "Will" are both William).
"""

from __future__ import annotations

from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz import process
from rapidfuzz.distance import Indel

from . import shortforms
from .disguise import lookalikes
from .phonetic import undouble, vowel_key, vowel_key_unmemoised

# The nicknames data set: (full name -> its nicknames, nickname -> its full names).
_NickTables = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]
_NICK_TABLES: _NickTables | None = None


def _nick_tables() -> _NickTables:
    """The data set's two lookups, read once from its CSV (~50 ms, which an import should not cost).

    Kept as sorted tuples with each name one string, not as the data set's ``NickNamer`` (sets of
    strings, each name a new string wherever the CSV repeats it): the same lookups in about half the
    memory of the kiosk (~0.5 MB).
    """
    global _NICK_TABLES
    if _NICK_TABLES is None:
        namer = NickNamer()
        one: dict[str, str] = {}

        def compact(lookup: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
            return {
                one.setdefault(k, k): tuple(sorted(one.setdefault(n, n) for n in names))
                for k, names in lookup.items()
            }

        _NICK_TABLES = (compact(namer._nickname_lookup), compact(namer._canonical_lookup))
    return _NICK_TABLES


def _normalized(name: str) -> str:
    return name.lower().strip()  # as the data set's NickNamer normalises a name it is asked about


def warm_up() -> None:
    """Load the data sets now, so the first visitor does not wait for them."""
    _nick_tables()
    lookalikes()
    shortforms.warm_up()
    _spellings_of_known()  # the respelling table, built here rather than inside the first lookup
    _gate_tables()


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=50_000)
def _canonicals(name: str) -> frozenset[str]:
    if name not in _gate_tables()[0] and name == name.lower().strip():
        return _NONE  # not in the data (the lookup would raise and catch a KeyError to say so)
    return frozenset(_nick_tables()[1].get(_normalized(name), ()))


@lru_cache(maxsize=50_000)
def _nicknames(name: str) -> frozenset[str]:
    if name not in _gate_tables()[0] and name == name.lower().strip():
        return _NONE
    return frozenset(_nick_tables()[0].get(_normalized(name), ()))


@lru_cache(maxsize=50_000)
def related_names(name: str) -> frozenset[str]:
    """Every forename the data set ties to ``name``: its full forms, short forms and siblings."""
    out = set(_canonicals(name)) | set(_nicknames(name))
    for full in _canonicals(name):
        out |= _nicknames(full)
    if not out:
        for stem in _pet_stems(name):
            out |= _canonicals(stem)
    out |= shortforms.related(name)
    # And the other spellings the data sets know of each (Rudolph beside Rudolf, Phillip beside
    # Philip): the data sets spell a full name one way, a list may hold it another.
    out |= {n for other in list(out) for n in _spelt_alike(other)}
    out.discard(name)
    return frozenset(out)


# Links in the nicknames data set between two separate full names, each with short forms of its
# own (a genealogy source records that one person went by the other name): taken as a
# coincidence to show reception, never as the same name.
_SEPARATE_NAMES = frozenset(
    frozenset(p)
    for p in (
        ("susan", "hannah"),
        ("susannah", "hannah"),
        ("peter", "patrick"),
        ("janet", "jessie"),
        ("stephanie", "annie"),
        ("amelia", "emily"),
        ("gilbert", "wilber"),
        ("eileen", "helen"),
        ("oswald", "waldo"),
        ("rosemary", "marie"),
        ("emma", "emily"),
        # The Gaelic and Welsh forms of John are given in Britain as names of their own.
        ("ian", "john"),
        ("iain", "john"),
        ("sean", "john"),
        ("eoin", "john"),
        ("evan", "john"),
    )
)

# Endings that make a pet form of a short form (Bill -> Billie, Jack -> Jacky, Fred -> Freddie).
_PET_ENDINGS = ("ie", "y", "ey", "i", "ee")


def _pet_stems(name: str) -> tuple[str, ...]:
    """The short forms a pet form is made from: "billie" -> ("bill", "bil"), "freddie" -> ("fredd", "fred")."""
    out: list[str] = []
    for end in _PET_ENDINGS:
        if name.endswith(end) and len(name) - len(end) >= 3:
            stem = name[: -len(end)]
            out.append(stem)
            if stem[-1] == stem[-2]:
                out.append(stem[:-1])
    return tuple(out)


def relation(query: str, listed: str) -> tuple[str, str | None] | None:
    """How two ASCII lower-case forenames are related, or None.

    Returns ("direct", None) when the data set lists one as a nickname of the other (it is not
    consistent about which way round, so the caller calls the shorter one the short form), and
    ("sibling", full) when both are only short forms of the same ``full`` name.
    """
    if query == listed or not _may_relate(query, listed):
        return None
    got = _relation(query, listed)
    if got is None:
        got = _respelt_relation(query, listed)
    if got is not None and frozenset((query, listed)) in _SEPARATE_NAMES:
        return ("sibling", "")
    return got


def _relation(query: str, listed: str) -> tuple[str, str | None] | None:
    if (
        listed in _canonicals(query)
        or query in _nicknames(listed)
        or query in _canonicals(listed)
        or listed in _nicknames(query)
    ):
        return ("direct", None)
    if shortforms.diminutive(query, listed):
        return ("direct", None)
    shared = _canonicals(query) & _canonicals(listed)
    if shared:
        return ("sibling", min(shared))
    if not _canonicals(query) and not _nicknames(query):
        # A pet form the data set lacks, made from a short form it has: Billie/William (Bill),
        # Jacky/John (Jack).
        for stem in _pet_stems(query):
            if listed in _canonicals(stem) or stem in _nicknames(listed):
                return ("direct", None)
    if not _canonicals(listed) and not _nicknames(listed):
        for stem in _pet_stems(listed):
            if query in _canonicals(stem) or stem in _nicknames(query):
                return ("direct", None)
    full = shortforms.shared_full(query, listed)
    if full is not None:
        return ("sibling", full)
    return None


# An exact "cannot be related" test in front of relation(): most pairs a large list's screening
# compares are two names neither data set knows, and the full test (every table, both ways, and
# each name's respellings) costs some 15 µs a pair. The reasoning, disjunct by disjunct of
# _relation(a, b), where "known" is _known below:
#   b in C(a), b in N(a), a in C(b), a in N(b) and C(a) & C(b): one of them is in the nicknames
#   data (NK holds every name of its tables); diminutive(a, b) and shared_full(a, b): the
#   translit_key of one of them is a key of the diminutive table (TKK); the pet-stem branches: a
#   stem of one of them is in the nicknames data, or the other name is. So two unknown names
#   are never related directly, and _respelt_relation only adds pairs of their respellings
#   (names the data sets know, so known), none when neither has one (_known's last test is a
#   superset of respellings() being non-empty). With `x` known (or respelt) and `y` neither,
#   every branch fails that needs y, or a name y is a nickname, canonical or pet stem of, in the
#   data (such a y is in NK, so known); what is left is diminutive's test of translit_key(y)
#   against the full names that translit_key(x), or of a respelling of x, is a short form of
#   (_close_spelling): _close_fulls(x).
# test_screening_fast_paths checks relation() with and without this test on many pairs.


@lru_cache(maxsize=1)
def _gate_tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(every name of the nicknames data, the diminutive table's translit keys, every name in
    the respelling table)."""
    nk: set[str] = set()
    for lookup in _nick_tables():
        for key, names in lookup.items():
            nk.add(key)
            nk.update(names)
    by_full, by_short = shortforms._keyed()
    table = _spellings_of_known()
    respelt = frozenset(n for names in table.values() for n in names)
    return frozenset(nk), frozenset(by_full) | frozenset(by_short), respelt


@lru_cache(maxsize=100_000)
def _known(name: str) -> bool:
    """Whether ``name`` could be related to another name (see the reasoning above): a superset."""
    if not (name.isascii() and name.isalpha() and name.islower()):
        return True  # the data sets normalise other input; not worth reasoning about
    nk, tkk, respelt = _gate_tables()
    pet = name.endswith(_PET_ENDINGS)  # else it has no pet stems and no other pet spellings
    if name in nk or shortforms.translit_key(name) in tkk or (pet and any(s in nk for s in _pet_stems(name))):
        return True
    # respellings(name) is not empty only if one of these finds a name in the respelling table.
    table = _spellings_of_known()
    return (
        "=" + _spelling_key(name) in table
        or (pet and any(alt in respelt for alt in _pet_spellings(name)))
        or (len(name) >= 5 and vowel_key(name) in table)
    )


@lru_cache(maxsize=50_000)
def _close_fulls(name: str) -> tuple[str, ...]:
    """The full names that translit_key of ``name`` or of one of its respellings is a short form of."""
    by_short = shortforms._keyed()[1]
    out: list[str] = []
    for x in (name, *respellings(name)):
        out.extend(by_short.get(shortforms.translit_key(x), ()))
    return tuple(out)


def _may_relate(a: str, b: str) -> bool:
    """False only when relation(a, b) is certainly None (see the reasoning above)."""
    ka = _known(a)
    if not ka and not may_relate_to_some(a):
        # Asked for the typed name first (cached: it meets many listed names), which spares
        # working out whether each listed name is known.
        return False
    return may_relate_known(a, ka, b, _known(b))


def may_relate_known(a: str, ka: bool, b: str, kb: bool) -> bool:
    """_may_relate(a, b) given ``ka`` and ``kb``, whether each is known (``known``): for a caller
    that keeps them (the screening index keeps them for its listed words)."""
    if ka and kb:
        return True
    if not ka and not kb:
        return False
    x, y = (a, b) if ka else (b, a)
    fulls = _close_fulls(x)
    if not fulls:
        return False
    ky = shortforms.translit_key(y)
    return any(shortforms._close_spelling(f, ky) for f in fulls)


@lru_cache(maxsize=1_000)
def may_relate_to_some(name: str) -> bool:
    """False only when relation(name, x) is None for every other name ``x`` (see _may_relate).

    An unknown name is related only to a known one with a full name in _close_fulls that
    translit_key(name) is a close spelling of; _close_fulls gives only full names of the
    diminutive table, so an unknown name close to none of them is related to no name. Asked
    once for each typed word, before its comparisons with many listed words.
    """
    if _known(name):
        return True
    key = shortforms.translit_key(name)
    fulls = shortforms._keyed()[0]
    if key in fulls:
        return True
    n = len(key)
    if n < 5:
        return False
    # _close_spelling's similarity is 0.85 or more; 0.8 leaves room for rounding (a superset).
    # Indel's similarity is at most 1 - |n - m| / (n + m), so a full name of m letters needs
    # |n - m| <= 0.2 (n + m): m from 2n/3 to 3n/2.
    by_len = _long_fulls()
    near = [f for m in range((2 * n) // 3, (3 * n) // 2 + 1) for f in by_len.get(m, ())]
    return process.extractOne(key, near, scorer=Indel.normalized_similarity, score_cutoff=0.8) is not None


@lru_cache(maxsize=1)
def _long_fulls() -> dict[int, tuple[str, ...]]:
    """The diminutive table's full names (translit keys) of five letters or more, by length."""
    out: dict[int, list[str]] = {}
    for f in shortforms._keyed()[0]:
        if len(f) >= 5:
            out.setdefault(len(f), []).append(f)
    return {m: tuple(v) for m, v in out.items()}


def known(name: str) -> bool:
    """Whether ``name`` could be related to another name at all, as _may_relate sees it (a superset)."""
    return _known(name)


def is_full_name(name: str) -> bool:
    """Whether the data set knows ``name`` as a full name with short forms of its own (Mary)."""
    return len(_nicknames(name)) >= 3


def is_known_name(name: str) -> bool:
    """Whether the data sets know ``name`` as a given name (full, short or a spelling of one)."""
    return bool(_canonicals(name) or _nicknames(name)) or shortforms.is_listed(name)


@lru_cache(maxsize=1)
def _spellings_of_known() -> dict[str, tuple[str, ...]]:
    """Spelling key -> the forenames the data sets know with that key (see :func:`respellings`)."""
    nicknames, canonicals = _nick_tables()
    known: set[str] = set(nicknames) | set(canonicals)
    known |= shortforms.known_names()
    out: dict[str, set[str]] = {}
    for name in known:
        if name.isalpha():
            out.setdefault("=" + _spelling_key(name), set()).add(name)
            if len(name) >= 5:
                out.setdefault(vowel_key_unmemoised(name), set()).add(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _spelt_alike(name: str) -> tuple[str, ...]:
    """The forenames the data sets know that have ``name``'s spelling key (``name`` itself among them if known)."""
    return _spellings_of_known().get("=" + _spelling_key(name), ())


def _spelling_key(name: str) -> str:
    """A forename with doubled letters single and "ph" as "f" (Adolph/Adolf, Rudolph/Rudolf)."""
    return undouble(name.replace("ph", "f"))


def _pet_spellings(name: str) -> tuple[str, ...]:
    """The other spellings of an English pet ending: -i, -ie, -y, -ey and -ee are one sound.

    Maggi, Magi, Maggy and Maggie; Debi and Debbie; Terri and Terry, each after a consonant
    (the pet suffix "-ie/-y" in the Oxford English Dictionary; Hanks, Hardcastle & Hodges, "A
    Dictionary of First Names", OUP 2006).
    """
    out: list[str] = []
    for end in _PET_ENDINGS:
        if name.endswith(end) and len(name) - len(end) >= 3:
            stem = name[: -len(end)]
            if stem[-1] in "aeiouwy":
                continue  # the suffix follows a consonant; "Dewey" is de-wey, not Dew + -ey
            for other in _PET_ENDINGS:
                if other != end:
                    out.append(stem + other)
                    if stem[-1] not in "aeiouy" and stem[-1] != stem[-2]:
                        out.append(stem + stem[-1] + other)  # Magi -> Maggie
    return tuple(out)


def same_pet_name(a: str, b: str) -> bool:
    """Whether two forenames are one pet name with two spellings of its ending (Jodie/Jody)."""
    return a != b and (b in _pet_spellings(a) or undouble(b) in map(undouble, _pet_spellings(a)))


@lru_cache(maxsize=50_000)
def respellings(name: str) -> tuple[str, ...]:
    """Forenames the data sets know that are another spelling of ``name``, which they do not know.

    A doubled or single letter is one spelling (Gregg/Greg, Tassos/Tasos, Anastassios/Anastasios:
    doubling is free in English, Greek and Italian romanisations), so is "ph" for "f"
    (Adolph/Adolf), and for a name the data sets do not know, another pet ending (Magi/Maggie,
    see _pet_spellings); and so is one vowel for
    another inside a name of five letters or more, keeping the first letter and the length to one
    letter (Harald/Harold, Katarina/Katerina, Ekaterina/Ekatarina): the Scandinavian, German and
    English forms of one name often differ so (Behind the Name lists them as one name's "other
    languages"). The vowel rule is only for a name the data sets do not know: Dan and Don are
    different names.
    """
    table = _spellings_of_known()
    out = [n for n in _spelt_alike(name) if n != name]
    if not is_known_name(name):
        # A pet form the data sets do not know, spelt with another pet ending they do (Magi/Maggie).
        for alt in _pet_spellings(name):
            for n in _spelt_alike(alt):
                if n == alt and n not in out:
                    out.append(n)
    if len(name) >= 5 and not is_known_name(name):
        out.extend(
            n
            for n in table.get(vowel_key(name), ())
            if n[0] == name[0]
            and abs(len(n) - len(name)) <= 1
            and Indel.normalized_similarity(n, name) >= 0.8
            and n not in out
        )
    return tuple(out)


@lru_cache(maxsize=100_000)
def _respelt_relation(query: str, listed: str) -> tuple[str, str | None] | None:
    """:func:`_relation` once either name is spelt as the data sets spell it (see respellings)."""
    for q in (query, *respellings(query)):
        for e in (listed, *respellings(listed)):
            if (q, e) == (query, listed) or q == e:
                continue
            got = _relation(q, e)
            if got is not None:
                return got
    return None
