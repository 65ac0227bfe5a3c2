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

import html
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

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
_SYMBOL_LETTERS = str.maketrans({"@": "a", "$": "s", "|": "l", "!": "i"})
_WORD_WITH_DIGITS = re.compile(r"\w+")
# Punctuation between two letters of one word (but not a comma, which reverses the name).
_INNER_PUNCT = re.compile(r"(?<=[^\W\d_])[.\-\u2010\u2011_/\\*+~^=#%&:;()\[\]{}\"<>|!?@$]+(?=[^\W\d_])")
_CAPITAL_I_INSIDE = re.compile(r"(?<=[a-z])I+(?=[a-z]|$)|(?<=[a-z])I+(?=I*[a-z])")
_SPACED_RUN_MIN = 4


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, str]:
    """Non-Latin letter -> the ASCII letter it looks like (lower case)."""
    path = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    data: dict[str, list[dict[str, str]]] = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for ch, glyphs in data.items():
        if len(ch) != 1 or ch.isascii() or not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            continue  # Latin letters with marks are transliterated, not read by look
        letters = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if letters:
            out[ch] = letters[0].lower()
    out.update(_LOOKALIKE_OVERRIDES)
    return out


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
        text = html.unescape(text)
    if "<" in text:
        text = _INLINE_TAG.sub("", text)
        text = _TAG.sub(" ", text)
    return text


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
        return text.translate(_ASCII_BREAKS), False  # nothing to fold in a plain ASCII name
    nfc = unicodedata.normalize("NFC", text)
    cleaned = _strip_markup(nfc)
    cleaned = _drop_invisible(cleaned)
    compat = unicodedata.normalize("NFKC", cleaned)
    if not compat.isascii():
        compat = _fold_mixed_words(compat)
        compat = _drop_invisible(compat)  # NFKC can expose a symbol ("℡" -> "TEL" is fine)
    unusual = " ".join(compat.split()) != " ".join(nfc.split())
    return compat, unusual


def _join_spaced_letters(text: str) -> str:
    """Run together four or more single letters in a row ("S a r a h" -> "Sarah").

    A capital inside the run starts a new word when the run mixes cases, so "S a r a h J o n e s"
    reads "Sarah Jones"; initials ("J R Smith", "J. R. R. Tolkien") are too few to count.
    """
    words = text.split()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= _SPACED_RUN_MIN:
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
        flush()
        out.append(w)
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


_SYMBOL_INSIDE = re.compile(r"(?<=[^\W\d_])[@$|!]+|[@$|!]+(?=[^\W\d_])")


@lru_cache(maxsize=20_000)
def readings(text: str) -> tuple[tuple[str, bool], ...]:
    """The typed name folded of junk, then other readings that undo a disguise.

    Each reading is (text, unusual): whether reading the name that way removed or changed
    unusual characters. The first reading is the name as typed (only junk removed).
    """
    plain, unusual = fold_junk(text)
    out = [(plain, unusual)]
    seen = {" ".join(plain.split())}
    source = plain
    if _SYMBOL_INSIDE.search(text):
        source = fold_junk(_SYMBOL_INSIDE.sub(lambda m: m.group().translate(_SYMBOL_LETTERS), text))[0]
    joined = _INNER_PUNCT.sub("", source)
    joined = _join_spaced_letters(joined)
    joined = _CAPITAL_I_INSIDE.sub(lambda m: "l" * len(m.group()), joined)
    if not joined.isascii():
        joined = _read_lookalike_words(joined)
    candidates = [joined]
    if any(ch.isdigit() for ch in joined):
        candidates = [_digits_as_letters(joined, _DIGITS_L)]
        if "1" in joined:
            candidates.append(_digits_as_letters(joined, _DIGITS_I))
            # A lone 1 for an i, a run of them for a double l ("W1ll1am", "Wi11iam").
            mixed = re.sub(r"1+", _ones, joined)
            candidates.append(_digits_as_letters(mixed, _DIGITS_L))
        candidates.append(joined)
    for c in candidates:
        c = " ".join(c.split())
        if c and c not in seen:
            seen.add(c)
            out.append((c, True))
    return tuple(out)
