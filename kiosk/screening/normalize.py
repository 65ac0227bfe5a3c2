"""Turn a typed or listed name into comparable tokens.

Everything here is deterministic and cheap: it runs once per listed name when the index is
built and once per typed name at the kiosk.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from anyascii import anyascii

from .disguise import fold_junk, readings

#: Longest input we look at. A name longer than this is garbage or an attack; the prefix is
#: still screened so a real name followed by junk is not waved through.
MAX_INPUT_CHARS = 200
#: Raw characters looked at before invisible ones are removed: padding a name with thousands of
#: invisible characters must not push the name itself out of the part that is screened.
MAX_RAW_CHARS = 20 * MAX_INPUT_CHARS
#: Most name words we keep from one input (after titles are dropped).
MAX_WORDS = 8
#: Most hyphenated parts kept per word, and name parts kept in all: real names stay far below,
#: and the cap bounds the work one hostile input ("a-b-c-d-...") can cause.
MAX_PARTS_PER_WORD = 4
MAX_TOKENS = 8

# Titles and honorifics people put in front of (or after) their name at a sign-in screen.
TITLES = frozenset(
    """
    mr mister mrs ms miss mx master madam madame mme mlle dr doctor prof professor sir dame lord lady
    rev revd reverend fr father sr sister br brother pastor rabbi imam sheikh cllr councillor
    capt captain col colonel maj major lt sgt hon rt herr frau
    """.split()
)
# Generational suffixes and post-nominals carry no identity for screening.
SUFFIXES = frozenset("jr jnr junior sr snr senior ii iii iv phd md mbe obe cbe esq".split())

# Surname particles: "Le Roux", "van der Berg", "O Neill", "Mac Donald" are one surname, and are
# often typed run together ("LeRoux", "ONeill"), so a particle is joined to the word after it.
PARTICLES = frozenset(
    "de da di do dos das du des del della dela la le lo van von der den ter ten al el bin ibn ben "
    "bint abu st ste saint mac mc o ap ab".split()
)

# German and Scandinavian spellings of letters that anyascii flattens to one vowel: "Müller" is
# also written "Mueller", "Søren" as "Soeren", "Åse" as "Aase".
_EXPANSIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "æ": "ae", "å": "aa", "ß": "ss"})

_PUNCT = str.maketrans({**{ch: None for ch in "'’‘`´ʼ"}, **{ch: "-" for ch in "‐‑‒–—"}})
# Anything but letters, combining marks (accents, Indic vowel signs), hyphens and commas
# separates words.
_SEPARATORS = re.compile(r"[^\w\u0300-\u036f\u0900-\u0dff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff,-]|[\d_]")
_NOT_LETTER = re.compile(r"[^a-z]")


class Token(NamedTuple):
    """One name part: its display text and the ASCII spellings it may be typed as."""

    # A NamedTuple rather than a frozen dataclass: a large list creates millions of these and a
    # tuple is several times cheaper to build.

    display: str  # as written (case kept), for reasons shown to reception
    base: str  # ASCII, lower case, letters only: "Müller" -> "muller"
    alt: str  # the expanded transliteration: "Müller" -> "mueller" (== base when none applies)
    word: int  # which word of the name it came from (hyphenated parts share a word)

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every ASCII spelling of this token."""
        return (self.base,) if self.alt == self.base else (self.base, self.alt)

    @property
    def is_initial(self) -> bool:
        """A single letter ("J" or "J.") stands for a name, not a name itself."""
        return len(self.base) == 1


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name split into tokens, with how it was written."""

    tokens: tuple[Token, ...]
    surname_first: bool = False  # written "Surname, Forename"
    titles: tuple[str, ...] = field(default=())
    unusual: bool = False  # unusual characters were removed or read as letters to get this

    @property
    def words(self) -> int:
        """Number of words (a hyphenated surname is one word)."""
        return len({t.word for t in self.tokens})


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters only ("Łukasz" -> "lukasz")."""
    if text.isascii():
        return _NOT_LETTER.sub("", text.lower())
    return _NOT_LETTER.sub("", anyascii(text).lower())


def _token(display: str, word: int) -> Token | None:
    if display.isascii():
        # Most names: after _clean an ASCII part holds only letters (and a space where a
        # particle was joined), so no transliteration is needed.
        base = display.lower().replace(" ", "")
        return Token(display, base, base, word) if base else None
    low = display.casefold()
    base = ascii_fold(low)
    if not base:
        return None
    alt = ascii_fold(low.translate(_EXPANSIONS))
    return Token(display=display, base=base, alt=alt or base, word=word)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT_CHARS])
    # Apostrophes join ("O'Neill" == "ONeill"); hyphens split a word into parts but keep it one
    # word; full stops after initials, digits and any other symbol separate words.
    text = text.translate(_PUNCT)
    return _SEPARATORS.sub(" ", text)


def _join_particles(words: list[str]) -> list[str]:
    out: list[str] = []
    carry = ""
    for i, w in enumerate(words):
        # Never the first word (a forename "Van" or "Del") nor the last (nothing to join to).
        if 0 < i < len(words) - 1 and "-" not in w and ascii_fold(w) in PARTICLES:
            carry += w + " "
            continue
        out.append(carry + w if carry else w)
        carry = ""
    return out


def parse_readings(text: str) -> list[ParsedName]:
    """Every way to read a typed name: as typed (junk removed), then readings undoing a disguise.

    Readings that give the same parts as an earlier one are left out.
    """
    if not isinstance(text, str):
        text = str(text)
    out: list[ParsedName] = []
    seen: set[tuple[str, ...]] = set()
    for reading, unusual in readings(text[:MAX_RAW_CHARS]):
        parsed = _parse(reading, unusual)
        key = tuple(t.base for t in parsed.tokens)
        if key in seen:
            continue
        seen.add(key)
        out.append(parsed)
    return out


def parse_name(text: str) -> ParsedName:
    """Split a name into tokens, dropping titles and suffixes and undoing "Surname, Forename".

    Markup, invisible characters, symbols and look-alike letters of other scripts are removed
    first (see :mod:`kiosk.screening.disguise`).
    """
    if not isinstance(text, str):
        text = str(text)
    plain = _plain(text)
    if plain is not None:
        return plain
    folded, unusual = fold_junk(text[:MAX_RAW_CHARS])
    return _parse(folded, unusual)


def _plain(text: str) -> ParsedName | None:
    """:func:`parse_name` of a name that is only ASCII letters and spaces, without a title,
    suffix or particle; None for any other name.

    Most listed names are such, and a million-name build parses each: for them every step of
    the full parse (folding, NFKC, separators, titles, particles, hyphens) leaves the words as
    they are, so the tokens are the words, lower-cased (``test_screening_scale`` checks this
    against :func:`_parse` on many names).
    """
    if len(text) > MAX_INPUT_CHARS or not text.isascii() or not text.replace(" ", "").isalpha():
        return None
    words = text.split()
    n = len(words)
    if n > MAX_WORDS:
        return None
    if n > 1 and words[0].lower() in TITLES:
        return None
    if n > 2 and (words[-1].lower() in SUFFIXES or not PARTICLES.isdisjoint(w.lower() for w in words[1:-1])):
        return None
    return ParsedName(tokens=tuple(Token(w, w.lower(), w.lower(), i) for i, w in enumerate(words)))


def _parse(text: str, unusual: bool) -> ParsedName:
    cleaned = _clean(text)
    surname_first = False
    if "," in cleaned:
        head, _, tail = cleaned.partition(",")
        tail = tail.replace(",", " ")
        if head.strip() and tail.strip():
            surname_first = True
            cleaned = f"{tail} {head}"  # forename(s) first, as in the list
        else:
            cleaned = cleaned.replace(",", " ")
    raw_words = [w.strip("-") for w in cleaned.split()]
    raw_words = [w for w in raw_words if w]

    # Titles only count at the front ("Mr Lord" is a title, "Kerry Lord" a surname) and suffixes
    # only at the end; a name is never stripped down to nothing.
    words = list(raw_words)
    titles: list[str] = []
    while len(words) > 1 and ascii_fold(words[0]) in TITLES:
        titles.append(words.pop(0))
    while len(words) > 2 and ascii_fold(words[-1]) in SUFFIXES:
        titles.append(words.pop())
    words = words[:MAX_WORDS]
    words = _join_particles(words)

    tokens: list[Token] = []
    wi = 0  # words are numbered after empty ones are dropped, so numbers stay consecutive
    for w in words:
        before = len(tokens)
        for part in [p for p in w.split("-") if p][:MAX_PARTS_PER_WORD]:
            tok = _token(part, wi)
            if tok is not None:
                tokens.append(tok)
        wi += len(tokens) > before
        if len(tokens) >= MAX_TOKENS:
            tokens = tokens[:MAX_TOKENS]
            break
    return ParsedName(
        tokens=tuple(tokens), surname_first=surname_first, titles=tuple(titles), unusual=unusual
    )
