"""Undo what a person could do to a name to slip it past the screening.

Two levels, both applied before a name is split into parts:

* :func:`fold_junk` removes what never belongs in a name and could only hide one: markup,
  invisible and blank characters of every kind (variation selectors, the braille blank, Hangul
  fillers, thin and hair spaces, zero-width and direction marks), emoji and other symbols, dots
  placed inside a word, and letters of another script that look like Latin letters inside a Latin
  word (Unicode TS #39 confusables, "Wіllіаm" with Cyrillic "і" and "а"). It is always right to
  do this, so listed names and typed names both go through it.
* :func:`readings` also gives other readings of a typed name that a disguise would leave:
  punctuation inside a word dropped ("Sa-rah", "S.a.r.a.h"), letters spaced out run together
  ("S a r a h J o n e s"), digits used as letters ("J0n3s"), a capital I used for a small l
  ("WiIIiam") and a word written wholly in look-alike letters of another script. Such a reading
  is screened beside the name as typed and the best match wins, so a real hyphen or initial
  still counts as typed.

The look-alike table is built from the Unicode confusables data (``confusables.txt`` of
Unicode TS #39, as shipped in the maintained ``confusable-homoglyphs`` package's
``confusables.json``), keeping each character's single-letter Latin prototype.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

#: The reason shown to reception when any of this was undone.
UNUSUAL_REASON = "unusual characters removed"

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) plus the other blanks that
# render as nothing or as a gap inside a word: the braille blank, Hangul fillers, tatweel and
# the Mongolian vowel separator. Deleted, so "Sa\u2800rah" reads "Sarah".
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x0640, 0x0640),  # Arabic tatweel (stretches a word, no letter)
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero width space/joiners, direction marks
    (0x202A, 0x202E),  # direction embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, deprecated format characters
    (0x2800, 0x2800),  # braille pattern blank
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
# Spaces that are not a plain space: inside a name they hide a letter boundary, so they are
# deleted. The plain, no-break and ideographic spaces separate words as usual.
_WORD_SPACES = frozenset(" \u00a0\u3000\t\n\r")
# Dots and bullets that can sit inside a word without looking like a full stop.
_MID_DOTS = frozenset("\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u2024\u16eb\u318d")
_ASCII_BREAKS = str.maketrans("\t\n\r", "   ")
# Quotes and brackets put around a name or a part of it.
_WRAPPERS = frozenset('"()[]{}\u00ab\u00bb\u201c\u201d\u201e\u2039\u203a\u300c\u300d')
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]{0,200}>")
# Inline tags are dropped outright ("<b>Sa</b>rah" is "Sarah"); block tags separate words.
_INLINE_TAG = re.compile(
    r"<\s*/?\s*(?:a|abbr|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|"
    r"strike|strong|sub|sup|tt|u|var|wbr)\b[^<>]{0,200}>",
    re.IGNORECASE,
)

# Look-alikes the confusables data gives as a capital "l" (the prototype of "I") or leaves out:
# in a name a capital I-like stroke is a capital I, and a small palochka is read as a small l.
_LOOKALIKE_OVERRIDES = {
    "\u0406": "i",  # Cyrillic І
    "\u0399": "i",  # Greek Ι
    "\u04c0": "i",  # Cyrillic Ӏ (palochka)
    "\u04cf": "l",  # Cyrillic ӏ (small palochka)
    "\u0456": "i",  # Cyrillic і
    "\u043a": "k",  # Cyrillic к (a small capital K)
    "\u043c": "m",  # Cyrillic м
    "\u043d": "h",  # Cyrillic н
    "\u0442": "t",  # Cyrillic т
    "\u0432": "b",  # Cyrillic в
    "\u043f": "n",  # Cyrillic п
    "\u0475": "v",  # Cyrillic ѵ
    "\u03ba": "k",  # Greek κ
    "\u03b7": "n",  # Greek η
    "\u03c4": "t",  # Greek τ
    "\u03c9": "w",  # Greek ω
    "\u0261": "g",  # Latin script g
}

# Digits typed for the letters they look like, only inside a word that has letters.
_DIGITS_L = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"})
_DIGITS_I = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"})
# A word, with the combining marks on its letters ("3" in "ḿ̖3" is inside the word).
_WORD_WITH_DIGITS = re.compile(r"(?:\w|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+")
# Punctuation between two letters of one word (but not a comma, which reverses the name).
_INNER_PUNCT = re.compile(
    r"(?<=[^\W\d_])[.\-\u2010-\u2015\u2212_/\\*+~^=#%&:;()\[\]{}\"<>|!?@$]+(?=[^\W\d_])"
)
# A comma between two letters with no space ("Sa,rah"): read without it beside the reading of a
# name reversed without a space ("Jones,Sarah").
_INNER_COMMA = re.compile(r"(?<=[^\W\d_]),(?=[^\W\d_])")
# Letter pairs that draw another letter in most typefaces ("Sarnuel Levvis"): "rn" for "m" is
# the one Latin sequence the Unicode confusables data lists; "vv" for "w" is added here.
_LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"), ("VV", "W"))
# In a sans-serif typeface a capital I and a small l are the same stroke: a capital I inside a word
# with small letters is read as an l ("WiIIiam", "EIIis"), and a small l starting a word as an I
# ("lan Smith", "lsaac"), the second as a reading of its own beside the name as typed.
_CAPITAL_I_INSIDE = re.compile(r"(?<=[A-Za-z])I+(?=[a-z]|$)|(?<=[A-Za-z])I+(?=I*[a-z])")
_SMALL_L_FIRST = re.compile(r"(?<![^\W\d_])l(?=[a-z])")


def _capital_i_as_l(text: str) -> str:
    def word(m: re.Match[str]) -> str:
        w = m.group()
        if not any(ch.islower() for ch in w):
            return w  # "WILLIAM", "ALI": capitals throughout
        return _CAPITAL_I_INSIDE.sub(lambda i: "l" * len(i.group()), w)

    return re.sub(r"\S+", word, text) if "I" in text else text


_SPACED_RUN_MIN = 4


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, str]:
    """Non-Latin letter -> the ASCII letter it looks like (lower case)."""
    pairs = _lookalike_pairs()  # the parsed data set is gone by now: the table is made in fresh memory
    out = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}
    out.update(_LOOKALIKE_OVERRIDES)
    return out


def _lookalike_pairs() -> str:
    """The look-alikes of Unicode TS #39's confusables data (``confusable_homoglyphs``), as one string.

    Each non-Latin letter followed by the lower-case ASCII letter it looks like. The data set is a
    900 kB JSON file of ~20,000 small objects; the table keeps ~1,100 letters. Kept as dictionary
    entries made while the parsed data was alive, those letters sat scattered over the allocator's
    pools and held ~6 MB of them after the data was freed; one string (one allocation) holds nothing.
    """
    path = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    data: dict[str, list[dict[str, str]]] = json.loads(path.read_text(encoding="utf-8"))
    parts: list[str] = []
    for ch, glyphs in data.items():
        if len(ch) != 1 or ch.isascii() or not ch.isalpha():
            continue
        if unicodedata.name(ch, "").startswith("LATIN"):
            continue  # Latin letters with marks are transliterated, not read by look
        letters = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if letters:
            parts.append(ch + letters[0].lower())
    return "".join(parts)


def _look(table: dict[str, str], ch: str) -> str:
    """The Latin letter a non-Latin look-alike shows, in the same case."""
    if _is_latin(ch) or ch not in table:
        return ch
    latin = table[ch]
    return latin.upper() if ch.isupper() else latin


def _is_ignorable(cp: int) -> bool:
    for lo, hi in _IGNORABLE_RANGES:
        if lo <= cp <= hi:
            return True
    return False


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _strip_markup(text: str) -> str:
    if "&" in text:
        import html  # only for a name with "&" in it: its entities table (~2,200 names) is not kept otherwise

        text = html.unescape(text)
    if "<" in text:
        text = _INLINE_TAG.sub("", text)
        text = _TAG.sub(" ", text)
    return text


# Letters written as symbols or as Latin letters no name uses, read by their Unicode name (the
# UnicodeData.txt names, through :mod:`unicodedata`): circled, parenthesised, squared and
# negative letters (NFKC gives a letter for only some of them), small capitals ("ᴊᴏɴᴇs"), and
# modifier letters without a compatibility mapping.
_LETTER_NAME = re.compile(
    r"^(?:(?:NEGATIVE )?(?:CIRCLED|PARENTHESIZED|SQUARED|NEGATIVE SQUARED) LATIN (?:CAPITAL|SMALL) LETTER"
    r"|LATIN LETTER SMALL CAPITAL|MODIFIER LETTER (?:CAPITAL|SMALL)(?: CAPITAL)?"
    r"|LATIN (?:SUBSCRIPT|SUPERSCRIPT) (?:CAPITAL|SMALL) LETTER) ([A-Z])$"
)
_REGIONAL = (0x1F1E6, 0x1F1FF)  # regional indicator symbols A..Z: two of them draw a flag
# Combining marks that draw over or around a letter, or add a letter above it: no name has
# them (Unicode "Mn"/"Me"), so they are removed wherever they are.
_OVERLAY_MARKS = frozenset(
    [
        *range(0x0334, 0x0339),
        *range(0x0363, 0x0370),
        0x0488,
        0x0489,
        *range(0x20D2, 0x20D4),
        *range(0x20D8, 0x20DB),
        *range(0x20DD, 0x20E1),
        *range(0x20E2, 0x20E5),
        *range(0x20E5, 0x20F1),
    ]
)


@lru_cache(maxsize=4096)
def letter_of_symbol(ch: str) -> str | None:
    """The Latin letter a symbol or an unusual Latin letter stands for ("Ⓢ", "🅐", "ᴊ"), or None."""
    m = _LETTER_NAME.match(unicodedata.name(ch, ""))
    if m is None:
        return None
    letter = m.group(1)
    name = unicodedata.name(ch)
    return letter if "CAPITAL LETTER" in name and "SMALL CAPITAL" not in name else letter.lower()


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


def _drop_stacked_marks(text: str) -> str:
    """Remove overlays, marks on what is not a letter, and all but the first combining mark left
    on a Latin letter after NFC.

    Composed text (NFC) leaves a Latin letter at most one mark in real names (the Yoruba "ọ̀");
    a pile of them ("Zalgo" text) or a strike-through only hides the letter.
    """
    if not any(unicodedata.combining(ch) or unicodedata.category(ch) == "Me" for ch in text):
        return text
    out: list[str] = []
    marks = 0
    latin_base = False
    for ch in text:
        if not _is_mark(ch):
            out.append(ch)
            marks = 0
            latin_base = ch.isalpha() and _is_latin(ch)
            continue
        if ord(ch) in _OVERLAY_MARKS or not out or not out[-1].isalpha():
            continue  # an overlay, or a mark on a digit, a symbol or a space
        marks += 1
        if latin_base and marks > 1:
            continue
        out.append(ch)
    return "".join(out)


def _letters_of_symbols(text: str) -> str:
    """Symbols that are letters ("Ⓢ", "🅐", "⒮") and small capitals read as the letters."""
    if all(ch.isascii() for ch in text):
        return text
    return "".join(letter_of_symbol(ch) or ch if not ch.isascii() else ch for ch in text)


_REGIONAL_RUN = re.compile("[\U0001f1e6-\U0001f1ff]{3,}")


def _regional_letters(text: str) -> str:
    """Three or more regional indicator symbols in a row read as letters ("🇸🇦🇷🇦🇭").

    Two of them draw a flag, and flags are removed as symbols; this is a reading beside that.
    """
    return _REGIONAL_RUN.sub(
        lambda m: "".join(chr(ord("A") + ord(c) - _REGIONAL[0]) for c in m.group()), text
    )


def _drop_invisible(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(" " if ch in "\t\n\r" else ch)
            continue
        if ch in _WORD_SPACES:
            out.append(" ")
            continue
        if _is_ignorable(ord(ch)) or ch in _MID_DOTS:
            continue
        cat = unicodedata.category(ch)
        # Other spaces, controls, format characters, private use, unassigned, and every symbol
        # (emoji, dingbats, arrows, maths, currency, modifier symbols).
        if cat in ("Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn", "Cs", "So", "Sm", "Sc"):
            continue
        if cat == "Sk" and ch not in "´`ˊˋ":  # spacing accents double as apostrophes
            continue
        out.append(ch)
    return "".join(out)


def _fold_mixed_words(text: str) -> str:
    """Inside a word with Latin letters, read other scripts' look-alike letters as Latin."""
    table = lookalikes()
    words = text.split(" ")
    for i, w in enumerate(words):
        if w.isascii() or not any(ch.isascii() and ch.isalpha() for ch in w):
            continue
        if not any(ch in table for ch in w):
            continue
        words[i] = "".join(_look(table, ch) for ch in w)
    return " ".join(words)


@lru_cache(maxsize=20_000)
def fold_junk(text: str) -> tuple[str, bool]:
    """The name with markup, invisible characters, symbols and look-alikes removed.

    Returns the folded text (NFKC-normalised) and whether anything unusual was removed.
    """
    if text.isascii() and "<" not in text and "&" not in text:
        # Nothing to fold in a plain ASCII name; quotes or brackets around a part are removed
        # when it is split into words, and a name does not have them.
        return text.translate(_ASCII_BREAKS), any(ch in _WRAPPERS for ch in text)
    nfc = unicodedata.normalize("NFC", text)
    cleaned = _strip_markup(nfc)
    cleaned = _letters_of_symbols(cleaned)
    cleaned = _drop_stacked_marks(cleaned)
    cleaned = _drop_invisible(cleaned)
    compat = unicodedata.normalize("NFKC", cleaned)
    if not compat.isascii():
        compat = _fold_mixed_words(compat)
        compat = _drop_invisible(compat)  # NFKC can expose a symbol ("℡" -> "TEL" is fine)
    # Any gap but a plain or no-break space (an ideographic or em space) is unusual too.
    unusual = " ".join(compat.split()) != " ".join(nfc.split()) or any(
        (ch.isspace() and not ch.isascii() and ch != "\u00a0") or ch in _WRAPPERS for ch in nfc
    )
    return compat, unusual


def _join_spaced_letters(text: str) -> str:
    """Run together four or more single letters in a row ("S a r a h" -> "Sarah").

    A capital inside the run starts a new word when the run mixes cases, so "S a r a h J o n e s"
    reads "Sarah Jones"; initials ("J R Smith", "J. R. R. Tolkien") are too few to count.
    """
    words = text.split()
    out: list[str] = []
    run: list[str] = []
    # After a spaced-out surname and its comma ("J o n e s, S a m"), the forename's run counts
    # from two letters.
    after_reversed = [False]

    def spelled(run: list[str]) -> bool:
        # Four or more letters; or, after a spaced-out surname and its comma, two or more; or a
        # capital followed by small letters ("R r t"), which initials never are.
        if len(run) >= (2 if after_reversed[0] else _SPACED_RUN_MIN):
            return True
        return len(run) >= 2 and run[0].isupper() and all(ch.islower() for ch in run[1:])

    def flush() -> None:
        if spelled(run):
            letters = "".join(run)
            if letters in (letters.upper(), letters.lower()):
                out.append(letters)
            else:
                word = ""
                for ch in letters:
                    if ch.isupper() and word:
                        out.append(word)
                        word = ""
                    word += ch
                out.append(word)
        else:
            out.extend(run)
        run.clear()

    for w in words:
        bare = w.strip(".")
        if len(bare) == 1 and bare.isalpha():
            run.append(bare)
            continue
        if len(bare) == 2 and bare[0].isalpha() and bare[1] == ",":
            # The run ends a reversed name: "J o n e s, S a r a h".
            run.append(bare[0])
            spaced = spelled(run)
            flush()
            out[-1] += ","
            after_reversed[0] = spaced
            continue
        flush()
        out.append(w)
        after_reversed[0] = False
    flush()
    return " ".join(out)


def _read_lookalike_words(text: str) -> str:
    """Read words written wholly in another script's look-alike letters as the Latin they show."""
    table = lookalikes()
    words = text.split(" ")
    for i, w in enumerate(words):
        letters = [ch for ch in w if ch.isalpha()]
        if letters and all(ch in table or _is_latin(ch) for ch in letters) and not w.isascii():
            words[i] = "".join(_look(table, ch) for ch in w)
    return " ".join(words)


def _ones(m: re.Match[str]) -> str:
    """A run of 1s read the way names most often have i and l: i, ll, ill, illi..."""
    n = len(m.group())
    if n == 1:
        return "i"
    if n == 2:
        return "ll"
    if n == 3:
        return "ill"
    return "i" + "l" * (n - 2) + "i"


def _digits_as_letters(text: str, table: dict[int, str]) -> str:
    def one(m: re.Match[str]) -> str:
        w = m.group()
        if not any(ch.isalpha() for ch in w):
            return w
        return w.translate(table)

    return _WORD_WITH_DIGITS.sub(one, text)


# Symbols typed for letters, beside a letter or digit of the same word ("J@m3$", "Wa|nwr|ght").
# A bar is as ambiguous as a 1 (i or l), so it is read as a 1 and the 1s are tried both ways.
_SYMBOL_INSIDE = re.compile(r"(?<=[^\W_])[@$|!\u20ac]+|[@$|!\u20ac]+(?=[^\W_])")
_SYMBOL_LETTERS = str.maketrans({"@": "a", "$": "s", "|": "1", "!": "i", "\u20ac": "e"})
# Three or more single letters separated by commas ("S,a,r,a,h", "S, a, r, a, h"): read as spaced
# out, so a run of four or more in all is a word and fewer stay initials.
_COMMA_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_](?:\s*,\s*[^\W\d_](?![^\W\d_])){2,}")
# A letter written three or more times in a row ("Saaarah"): no name has that.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}", re.IGNORECASE)
# Right-to-left overrides, embeddings and isolates: what follows is drawn backwards (up to the
# matching pop, or the end), so "\u202esenoJ" shows as "Jones".
_RTL_START = "\u202e\u202b\u2067"
_RTL_END = "\u202c\u2069"
#: Most 1s (or bars) in one name tried both as i and as l (16 readings); beyond it, three common ones.
_MAX_AMBIGUOUS = 4
#: Most readings of one typed name (the first, as typed, included).
MAX_READINGS = 20
_READING_CHARS = 1000


def _rtl_visual(text: str) -> str:
    """The text in the order it is drawn when a right-to-left override reverses a part of it."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _RTL_START:
            j = i + 1
            while j < len(text) and text[j] not in _RTL_END and text[j] not in _RTL_START:
                j += 1
            out.append(text[i + 1 : j][::-1])
            i = j + 1 if j < len(text) and text[j] in _RTL_END else j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _ones_both_ways(text: str) -> list[str]:
    """Every reading of the 1s inside words as i or l (at most _MAX_AMBIGUOUS), other digits as letters."""
    words = text.split(" ")
    slots = [
        (wi, ci)
        for wi, w in enumerate(words)
        if any(c.isalpha() for c in w)
        for ci, c in enumerate(w)
        if c == "1"
    ]
    out = []
    for mask in range(1 << len(slots)):
        chars = [list(w) for w in words]
        for bit, (wi, ci) in enumerate(slots):
            chars[wi][ci] = "l" if mask >> bit & 1 else "i"
        out.append(_digits_as_letters(" ".join("".join(c) for c in chars), _DIGITS_L))
    return out


def _collapse_stretched(text: str) -> list[str]:
    """A letter typed three or more times read once and twice ("Saaarah": "Sarah", "Saarah")."""
    return [_STRETCHED.sub(r"\1", text), _STRETCHED.sub(r"\1\1", text)]


# Names of English-speaking people written in Cyrillic or Greek letters follow a practical
# transcription of the English sounds (for Russian: the Ryazanov/Giliarevsky conventions used
# by Russian newspapers and publishers, e.g. "Джонс" for Jones, "Уильям" for William; for
# Greek: the ELOT 743 letters read back with English spellings, "Τζ" for J, "Μπ" for B).
# These read such a name back the way an English name is spelled; anyascii, which reads by
# the letters' own sounds ("Dzhons"), stays the first reading.
_CYRILLIC_ENGLISH: tuple[tuple[str, str], ...] = (
    ("уэ", "we"),
    ("уи", "wi"),
    ("уо", "wo"),
    ("уа", "wa"),
    ("дж", "j"),
    ("тч", "tch"),
    ("кс", "x"),
    ("кк", "cc"),
    ("ью", "ew"),
    ("ья", "ia"),
    ("ия", "ia"),
    ("эй", "ai"),
    ("ей", "ai"),
    ("ай", "igh"),
    ("ой", "oy"),
    ("ё", "o"),
    ("х", "h"),
    ("ц", "ts"),
    ("ч", "ch"),
    ("ш", "sh"),
    ("щ", "shch"),
    ("ж", "zh"),
    ("ы", "y"),
    ("э", "a"),
    ("ю", "u"),
    ("я", "ya"),
    ("й", "y"),
    ("ь", ""),
    ("ъ", ""),
)
_GREEK_ENGLISH: tuple[tuple[str, str], ...] = (
    ("γκου", "w"),
    ("γου", "w"),
    ("ιου", "u"),
    ("ου", "u"),
    ("τζ", "j"),
    ("μπ", "b"),
    ("ντ", "d"),
    ("γκ", "g"),
    ("κκ", "cc"),
    ("τσ", "tch"),
    ("αι", "ai"),
    ("ει", "ai"),
    ("οι", "oi"),
    ("χ", "h"),
    ("θ", "th"),
    ("φ", "f"),
    ("ψ", "ps"),
    ("ξ", "x"),
    ("β", "v"),
    ("η", "i"),
    ("υ", "y"),
    ("ω", "o"),
    ("ς", "s"),
)


# Greek writes the English /juː/ after a consonant "ιου" (Λιούις Lewis, Χιούιτ Hewitt, Στιούαρτ
# Stewart, Μάθιους Matthews), which English spells "ew" unless an "e" follows (Σάμιουελ Samuel,
# Μάνιουελ Manuel); ELOT 743 and the Greek press's spellings of English names.
_GREEK_YOU = re.compile(r"(?<=[βγδζθκλμνξπρσςτφχψ])ιου(?!ε)")


def _english_reading(word: str, greek_b: bool = False, greek_ew: bool = False) -> str:
    """A Cyrillic or Greek word read back as the English name it transcribes (else unchanged).

    Greek β is a v, but names from the Bible keep it for a b ("Ρεβέκκα"): ``greek_b`` reads it so.
    ``greek_ew`` reads a "ιου" after a consonant as the English "ew" (Λιούις, Lewis).
    """
    if not any(ch.isalpha() and not _is_latin(ch) for ch in word):
        return word
    if greek_b:
        word = word.replace("β", "μπ").replace("Β", "Μπ")
    low = word.lower()
    if any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in low):
        # Greek accents and the diaeresis only mark stress and a vowel said apart: drop them.
        low = "".join(ch for ch in unicodedata.normalize("NFD", low) if not _is_mark(ch))
        if greek_ew:
            low = _GREEK_YOU.sub("ew", low)
        table = _GREEK_ENGLISH
    else:
        table = _CYRILLIC_ENGLISH
    for src, dst in table:
        low = low.replace(src, dst)
    if table is _CYRILLIC_ENGLISH and low.endswith("з"):
        low = low[:-1] + "s"  # an English final -s said /z/ ("Харгривз")
    low = anyascii(low)
    return low.capitalize() if word[:1].isupper() else low


@lru_cache(maxsize=20_000)
def readings(text: str) -> tuple[tuple[str, bool], ...]:
    """The typed name folded of junk, then other readings that undo a disguise.

    Each reading is (text, unusual): whether reading the name that way removed or changed
    unusual characters. The first reading is the name as typed (only junk removed).
    """
    plain, unusual = fold_junk(text)
    out = [(plain, unusual)]
    seen = {" ".join(plain.split())}
    raw = text
    if _REGIONAL_RUN.search(raw):
        raw = _regional_letters(raw)
    if any(ch in _RTL_START for ch in raw):
        raw = _rtl_visual(raw)
    if _SYMBOL_INSIDE.search(raw):
        raw = _SYMBOL_INSIDE.sub(lambda m: m.group().translate(_SYMBOL_LETTERS), raw)
    # Other readings look at the start only: a name is at most MAX_INPUT_CHARS (normalize.py),
    # spaced-out letters double that; the rest of a long input is padding.
    source = (plain if raw is text else fold_junk(raw)[0])[:_READING_CHARS]
    joined = _COMMA_LETTERS.sub(lambda m: " ".join(re.sub(r"[\s,]", "", m.group())), source)
    joined = _INNER_PUNCT.sub("", joined)
    joined = _join_spaced_letters(joined)
    joined = _capital_i_as_l(joined)
    english: list[str] = []
    if not joined.isascii():
        english.append(" ".join(_english_reading(w) for w in joined.split(" ")))
        if "β" in joined.lower():
            english.append(" ".join(_english_reading(w, greek_b=True) for w in joined.split(" ")))
        bare = "".join(ch for ch in unicodedata.normalize("NFD", joined.lower()) if not _is_mark(ch))
        if _GREEK_YOU.search(bare):
            english.append(" ".join(_english_reading(w, greek_ew=True) for w in joined.split(" ")))
        joined = _read_lookalike_words(joined)
    candidates = [joined]
    if any(ch.isdigit() for ch in joined):
        candidates = [_digits_as_letters(joined, _DIGITS_L)]
        ones = sum(ch == "1" for ch in joined)
        if 0 < ones <= _MAX_AMBIGUOUS:
            candidates.extend(_ones_both_ways(joined))
        elif ones:
            candidates.append(_digits_as_letters(joined, _DIGITS_I))
            # A lone 1 for an i, a run of them for a double l ("W1ll1am", "Wi11iam").
            mixed = re.sub(r"1+", _ones, joined)
            candidates.append(_digits_as_letters(mixed, _DIGITS_L))
        candidates.append(joined)
    candidates.extend(english)
    if _SMALL_L_FIRST.search(joined):
        candidates.append(_SMALL_L_FIRST.sub("I", joined))
    if _INNER_COMMA.search(joined):
        candidates.append(_INNER_COMMA.sub("", joined))
    for c in list(candidates):
        if "rn" in c or "vv" in c.lower():
            for pair, letter in _LOOKALIKE_PAIRS:
                c = c.replace(pair, letter)
            candidates.append(c)
    for c in list(candidates):
        if _STRETCHED.search(c):
            candidates.extend(_collapse_stretched(c))
    if _SYMBOL_INSIDE.search(plain) and _STRETCHED.search(plain):
        # A letter stretched beside symbols for letters ("AAA@@" for "Aaa"): read the stretch
        # before the symbols, which would otherwise join it and stretch it further.
        for c in _collapse_stretched(plain[:_READING_CHARS]):
            c = _SYMBOL_INSIDE.sub(lambda m: m.group().translate(_SYMBOL_LETTERS), c)
            candidates.append(c)
            if any(ch.isdigit() for ch in c):  # and digits for letters beside them ("AAA@3" for "Aae")
                candidates.append(_digits_as_letters(c, _DIGITS_L))
    for c in candidates:
        c = " ".join(c.split())
        if c and c not in seen and len(out) < MAX_READINGS:
            seen.add(c)
            out.append((c, True))
    return tuple(out)
