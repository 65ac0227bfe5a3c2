"""Disguises of a name a determined person could type on a kiosk's keyboard or paste (issue 14).

Shared by tests/integration/services/test_screening_disguises.py (through the real sign-in
service), tests/unit/screening/test_screening_disguise.py (hypothesis properties) and
benchmarks/screening_disguises.py (the table). Letters are looked up by their Unicode names
(``unicodedata.lookup``), so every disguise uses the real code points of its kind.

* ``WORD_DISGUISES``: each changes one name word; applied to every word of a name.
* ``NAME_DISGUISES``: each changes the forename and surname fields together.
* ``REFUSED_AT_KIOSK``: disguises the kiosk refuses at input ("characters that cannot be used",
  or "must contain letters"); the screener alone must still hold them.
* ``NO_UNUSUAL_REASON``: disguises that remove no character a name could not have (case, a
  title, a reversed order): held, but without "unusual characters removed".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Word = Callable[[str], str]
Name = Callable[[str, str], tuple[str, str]]


def _lookup(name: str, fallback: str) -> str:
    try:
        return unicodedata.lookup(name)
    except KeyError:
        return fallback


def _per_letter(pattern_upper: str, pattern_lower: str | None = None) -> Word:
    """Each ASCII letter written as the character named by the pattern ("{}" is the letter)."""
    lower = pattern_lower or pattern_upper

    def change(w: str) -> str:
        return "".join(
            _lookup((pattern_upper if c.isupper() else lower).format(c.upper()), c)
            if c.isascii() and c.isalpha()
            else c
            for c in w
        )

    return change


def _math(style: str) -> Word:
    # The few letters a style lacks in the mathematical block are in Letterlike Symbols
    # (ℬ, ℭ, ℍ...): _lookup falls back to the plain letter for those, as a person copying would.
    return _per_letter(f"MATHEMATICAL {style} CAPITAL {{}}", f"MATHEMATICAL {style} SMALL {{}}")


def _small_caps(w: str) -> str:
    # "Sᴀʀᴀʜ": the first letter a capital, the rest small capitals (Q and X have none).
    return w[:1] + "".join(
        _lookup(f"LATIN LETTER SMALL CAPITAL {c.upper()}", c) if c.isalpha() else c for c in w[1:]
    )


def _modifier(w: str) -> str:
    return "".join(_lookup(f"MODIFIER LETTER SMALL {c.upper()}", c) if c.isalpha() else c for c in w)


def _inside(ch: str) -> Word:
    return lambda w: w[:2] + ch + w[2:] if len(w) > 3 else w + ch


def _zalgo(w: str) -> str:
    marks = "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u0316\u0317\u0318\u0323\u0324\u0325\u0334\u0335\u0336\u0337\u0338\u0489\u0363\u036f"
    return "".join(
        c + marks[i % len(marks)] + marks[(i * 7 + 3) % len(marks)] + marks[(i * 5 + 11) % len(marks)]
        for i, c in enumerate(w)
    )


def _stretched(w: str) -> str:
    """The first vowel typed three times ("Saaarah")."""
    m = re.search("[aeiouAEIOU]", w)
    return w if m is None else w[: m.start()] + m.group() * 3 + w[m.end() :]


def _mixed_case(w: str) -> str:
    return "".join(c.lower() if i % 2 == 0 else c.upper() for i, c in enumerate(w))


def _leet(table: dict[str, str]) -> Word:
    trans = str.maketrans(table)
    return lambda w: w.translate(trans)


def _math_bold_with_digits(w: str) -> str:
    """Digits for letters, then letters and digits in mathematical bold ("𝐒𝟒𝐫𝟒𝐡")."""
    w = w.translate(str.maketrans({"o": "0", "e": "3", "a": "4", "s": "5", "t": "7"}))
    bold = _math("BOLD")
    return "".join(
        _lookup(f"MATHEMATICAL BOLD DIGIT {unicodedata.name(c).split()[-1]}", c) if c.isdigit() else bold(c)
        for c in w
    )


_GREEK = str.maketrans(dict(zip("ABEHIKMNOPTXYZov", "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖον", strict=True)))
_ARMENIAN = str.maketrans(dict(zip("ohnugqS", "օհոսցզՏ", strict=True)))
_CHEROKEE = str.maketrans(dict(zip("ABCDEGHJKLMPRSTVWZ", "ᎪᏴᏟᎠᎬᏀᎻᎫᏦᏞᎷᏢᏒᏚᎢᏙᏔᏃ", strict=True)))
_CYRILLIC = str.maketrans(
    {
        **dict(zip("aeopcxyisj", "аеорсхуіѕј", strict=True)),
        **dict(zip("ABEHKMOPCTXSIJ", "АВЕНКМОРСТХЅІЈ", strict=True)),
    }
)
_FULL_LEET = {"a": "@", "s": "$", "i": "!", "l": "1", "e": "3", "o": "0", "t": "7"}


def _then(*changes: Word) -> Word:
    def change(w: str) -> str:
        for c in changes:
            w = c(w)
        return w

    return change


WORD_DISGUISES: dict[str, Word] = {
    "fullwidth letters": lambda w: "".join(chr(ord(c) + 0xFEE0) for c in w),
    "mathematical bold italic": _math("BOLD ITALIC"),
    "mathematical script": _math("SCRIPT"),
    "mathematical bold script (𝓢𝓪𝓻𝓪𝓱)": _math("BOLD SCRIPT"),
    "mathematical fraktur": _math("FRAKTUR"),
    "mathematical double-struck": _math("DOUBLE-STRUCK"),
    "mathematical sans-serif bold": _math("SANS-SERIF BOLD"),
    "mathematical monospace": _math("MONOSPACE"),
    "circled letters (one)": lambda w: _per_letter("CIRCLED LATIN CAPITAL LETTER {}")(w[0]) + w[1:],
    "small capitals (Sᴀʀᴀʜ)": _small_caps,
    "modifier letters (ˢᵃʳᵃʰ)": _modifier,
    "Greek look-alikes": lambda w: w.translate(_GREEK),
    "Armenian look-alikes": lambda w: w.translate(_ARMENIAN),
    "Cherokee look-alikes (capitals)": lambda w: w.upper().translate(_CHEROKEE),
    "Zalgo (stacked combining marks)": _zalgo,
    "strike-through U+0336": lambda w: "".join(c + "\u0336" for c in w),
    "combining grapheme joiner U+034F": _inside("\u034f"),
    "halfwidth Hangul filler U+FFA0": _inside("\uffa0"),
    "em space U+2003": _inside("\u2003"),
    "ideographic space between letters": "\u3000".join,
    "en dash inside word": _inside("\u2013"),
    "comma inside word (Sa,rah)": _inside(","),
    "capital I for l (MitcheII)": lambda w: w.replace("l", "I"),
    "rn for m, vv for w (Sarnuel Levvis)": lambda w: (
        w.replace("m", "rn").replace("w", "vv").replace("W", "VV")
    ),
    "@ for a": _leet({"a": "@"}),
    "$ for s": _leet({"s": "$", "S": "$"}),
    "! for i": _leet({"i": "!"}),
    "| for l": _leet({"l": "|"}),
    "| for i and l": _leet({"l": "|", "i": "|"}),
    "3 for e, 0 for o": _leet({"e": "3", "o": "0"}),
    "1 for i": _leet({"i": "1"}),
    "1 for l": _leet({"l": "1"}),
    "leet: @ $ ! 1 3 0 7": _leet(_FULL_LEET),
    "a vowel stretched (Saaarah)": _stretched,
    "stretched and last letter doubled (Saaarahh)": lambda w: _stretched(w) + w[-1],
    "mixed case (sArAh)": _mixed_case,
    "all capitals": str.upper,
    "letters separated by underscores": "_".join,
    "letters separated by slashes": "/".join,
    "letters separated by commas": ",".join,
    "letters separated by comma and space": ", ".join,
    "in double quotes": lambda w: f'"{w}"',
    "in curly quotes": lambda w: f"\u201c{w}\u201d",
    "in brackets": lambda w: f"({w})",
    "in square brackets": lambda w: f"[{w}]",
    "in guillemets": lambda w: f"\u00ab{w}\u00bb",
    "leading emoji": lambda w: "\U0001f600" + w,
    "trailing emoji after a space": lambda w: w + " \U0001f44d",
    "flag before": lambda w: "\U0001f1ec\U0001f1e7 " + w,
    "flag after": lambda w: w + "\U0001f1ec\U0001f1e7",
    "waving hand with skin tone inside": _inside("\U0001f44b\U0001f3fd"),
    # two disguises at once
    "Cyrillic look-alikes + spaced out": _then(lambda w: w.translate(_CYRILLIC), " ".join),
    "math bold + digits": _math_bold_with_digits,
    "leet + stretched": _then(_stretched, _leet(_FULL_LEET)),
    "emoji inside + Greek look-alikes": _then(lambda w: w.translate(_GREEK), _inside("\U0001f600")),
    "small capitals + underscores": _then(_small_caps, "_".join),
    "fullwidth + thin space": _then(lambda w: "".join(chr(ord(c) + 0xFEE0) for c in w), _inside("\u2009")),
    "Zalgo + digits": _then(_leet({"o": "0", "e": "3"}), _zalgo),
}

# Refused at the kiosk with a friendly message; the screener alone still holds them.
REFUSED_WORD_DISGUISES: dict[str, Word] = {
    "circled letters (Ⓢⓐⓡⓐⓗ)": _per_letter(
        "CIRCLED LATIN CAPITAL LETTER {}", "CIRCLED LATIN SMALL LETTER {}"
    ),
    "parenthesised letters (⒮⒜⒭⒜⒣)": _per_letter("PARENTHESIZED LATIN SMALL LETTER {}"),
    "squared letters": _per_letter("SQUARED LATIN CAPITAL LETTER {}"),
    "negative circled letters": _per_letter("NEGATIVE CIRCLED LATIN CAPITAL LETTER {}"),
    "negative squared letters": _per_letter("NEGATIVE SQUARED LATIN CAPITAL LETTER {}"),
    "regional indicator letters": _per_letter("REGIONAL INDICATOR SYMBOL LETTER {}"),
    "soft hyphen U+00AD": _inside("\u00ad"),
    "word joiner U+2060": _inside("\u2060"),
    "Mongolian vowel separator U+180E": _inside("\u180e"),
    "tag characters U+E0041 U+E0042": _inside("\U000e0041\U000e0042"),
    "zero width joiner emoji after": lambda w: w + "\U0001f468\u200d\U0001f469",
    "circled + mixed case": _then(
        _mixed_case, _per_letter("CIRCLED LATIN CAPITAL LETTER {}", "CIRCLED LATIN SMALL LETTER {}")
    ),
    "quotes + soft hyphen": _then(_inside("\u00ad"), lambda w: f'"{w}"'),
}

# English names as Russian and Greek newspapers write them (practical transcription).
CYRILLIC_NAMES = {
    ("William", "Hargreaves"): ("Уильям", "Харгривз"),
    ("Sarah", "Jones"): ("Сара", "Джонс"),
    ("Rebecca", "Wainwright"): ("Ребекка", "Уэйнрайт"),
    ("Thomas", "Mitchell"): ("Томас", "Митчелл"),
    ("Olivia", "Bennett"): ("Оливия", "Беннетт"),
    ("James", "Sullivan"): ("Джеймс", "Салливан"),
    ("Lily", "Patel"): ("Лили", "Патель"),
    ("Samuel", "Lewis"): ("Сэмюэл", "Льюис"),
}
GREEK_NAMES = {
    ("William", "Hargreaves"): ("Γουίλιαμ", "Χάργκριβς"),
    ("Sarah", "Jones"): ("Σάρα", "Τζόουνς"),
    ("Rebecca", "Wainwright"): ("Ρεβέκκα", "Γουέινραϊτ"),
    ("Thomas", "Mitchell"): ("Τόμας", "Μίτσελ"),
    ("Olivia", "Bennett"): ("Ολίβια", "Μπένετ"),
    ("James", "Sullivan"): ("Τζέιμς", "Σάλιβαν"),
    ("Lily", "Patel"): ("Λίλι", "Πατέλ"),
    ("Samuel", "Lewis"): ("Σάμιουελ", "Λιούις"),
}


def _leet_name(first: str, last: str) -> tuple[str, str]:
    change = _leet(_FULL_LEET)
    return change(last) + ",", change(first)


NAME_DISGUISES: dict[str, Name] = {
    "reversed with a comma (Jones, Sarah)": lambda f, s: (s + ",", f),
    "fields swapped": lambda f, s: (s, f),
    "whole name in quotes": lambda f, s: ('"' + f, s + '"'),
    "whole name in brackets": lambda f, s: ("(" + f, s + ")"),
    "title Mrs": lambda f, s: ("Mrs " + f, s),
    "title Dr.": lambda f, s: ("Dr. " + f, s),
    "titles Prof Dr": lambda f, s: ("Prof Dr " + f, s),
    "suffix Jr": lambda f, s: (f, s + " Jr"),
    "suffix III": lambda f, s: (f, s + " III"),
    "suffix BSc": lambda f, s: (f, s + " BSc"),
    "suffix , BSc (Hons)": lambda f, s: (f, s + ", BSc (Hons)"),
    "title Mr and suffix Snr": lambda f, s: ("Mr " + f, s + " Snr"),
    "emoji before the name": lambda f, s: ("\U0001f338 " + f, s),
    "flag after the name": lambda f, s: (f, s + " \U0001f1f5\U0001f1f1"),
    "Cyrillic transliteration (Сара Джонс)": lambda f, s: CYRILLIC_NAMES[(f, s)],
    "Greek transliteration (Σάρα Τζόουνς)": lambda f, s: GREEK_NAMES[(f, s)],
    # two disguises at once
    "fullwidth + reversed with a comma": lambda f, s: (
        "".join(chr(ord(c) + 0xFEE0) for c in s) + ",",
        "".join(chr(ord(c) + 0xFEE0) for c in f),
    ),
    "leet + reversed with a comma": _leet_name,
    "spaced out + reversed with a comma": lambda f, s: (" ".join(s) + ",", " ".join(f)),
    "title + Zalgo": lambda f, s: ("Dr " + _zalgo(f), _zalgo(s)),
    "Cyrillic transliteration + title": lambda f, s: (
        "Мистер " + CYRILLIC_NAMES[(f, s)][0],
        CYRILLIC_NAMES[(f, s)][1],
    ),
}

REFUSED_NAME_DISGUISES: dict[str, Name] = {
    # Drawn as "Sarah Jones": the surname is typed backwards after a right-to-left override.
    "RTL override, surname typed backwards": lambda f, s: (f, "\u202e" + s[::-1]),
    "RTL isolate, surname typed backwards": lambda f, s: (f, "\u2067" + s[::-1] + "\u2069"),
}

# Held, but nothing a name could not have was removed: no "unusual characters removed".
NO_UNUSUAL_REASON = frozenset(
    {
        "mixed case (sArAh)",
        "all capitals",
        "reversed with a comma (Jones, Sarah)",
        "fields swapped",
        "title Mrs",
        "title Dr.",
        "titles Prof Dr",
        "suffix Jr",
        "suffix III",
        "suffix BSc",
        "suffix , BSc (Hons)",
        "title Mr and suffix Snr",
        "stretched and last letter doubled (Saaarahh)",
        # a name in another script is not unusual characters; its English reading may say so
        "Cyrillic transliteration (Сара Джонс)",
        "Greek transliteration (Σάρα Τζόουνς)",
        "Cyrillic transliteration + title",
    }
)


def as_name(change: Word) -> Name:
    """A word disguise applied to both fields."""
    return lambda f, s: (change(f), change(s))
