"""Compare one typed name part with one listed name part.

Each comparison yields a score in 0..1 and a *kind* that says in plain words why the two parts
are taken as the same name. The thresholds are general rules about how names are mistyped and
respelt, not fitted to any list:

* a single edit is a typo only when the word is long enough for one letter not to make it a
  different name ("Mark" and "Mary" are different people; "Jonathon" and "Jonathan" are not);
* very short words only accept slips a keyboard explains (a neighbouring key, two letters
  swapped, a doubled or dropped double letter);
* sound-alike keys need the letters to agree as well, because the key alone is coarse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel

from . import forenames, shortforms
from .forenames import is_full_name, is_known_name, relation, same_pet_name
from .normalize import Token
from .phonetic import (
    final_vowel,
    first_sound,
    metaphone_keys,
    same_first_vowel,
    slavic_key,
    slavic_plain_key,
    sound_and_vowel_keys,
    sound_key,
    vowel_key,
)
from .shortforms import (
    clipped_form,
    cognate,
    full_spellings,
    keeps_start,
    loose_short_form,
    may_clip_any,
    may_shorten,
    may_start_short,
    respell,
    same_cluster,
    strong_diminutive,
)

# Scores of each kind of part match. A name match averages its forename and surname parts, so
# with the band limits in screener.py an exact surname plus an initial or a short form still
# alerts, while two weak parts together only ask reception to look.
EXACT = 1.0
ACCENT = 0.98
TRANSLIT = 0.97
VARIANT = 0.9
NICKNAME = 0.9
TYPO1 = 0.88
SHORTFORM = 0.84
TYPO2 = 0.78
INITIAL = 0.72
# Another spelling that sounds the same but whose letters differ more (Sean/Shaun): with an
# exact surname it alerts, with anything less it only shows reception.
PROBABLE = 0.72
# A part that only *may* be the same name (a near spelling of a short forename, a loose sound-alike):
# with an exact surname it shows reception a review, never an alert.
WEAK = 0.68

_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    pos = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    out: dict[str, set[str]] = {ch: set() for ch in pos}
    for a, (ra, ca) in pos.items():
        for b, (rb, cb) in pos.items():
            # Rows are staggered by about half a key, so the key below-left is a neighbour too.
            if a != b and abs(ra - rb) <= 1 and -1 <= (cb - ca) + 0.5 * (rb - ra) <= 1:
                out[a].add(b)
    return {k: frozenset(v) for k, v in out.items()}


KEY_NEIGHBOURS = _neighbours()


@dataclass(frozen=True, slots=True)
class PartMatch:
    """How one typed part matched one listed part."""

    score: float
    kind: str  # exact, accent, translit, nickname, shortform, variant, typo, initial
    detail: str = ""  # the kind of slip for a typo, or the full name shared by two nicknames


def describe_edit(typed: str, listed: str) -> str | None:
    """Name the single keyboard slip that turns ``listed`` into ``typed``, if it is one."""
    lt, ll = len(typed), len(listed)
    if lt == ll:
        diff = [i for i in range(lt) if typed[i] != listed[i]]
        if len(diff) == 1:
            i = diff[0]
            if typed[i] in KEY_NEIGHBOURS.get(listed[i], ()):
                return "neighbouring key"
            return "letter changed"
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            if typed[i] == listed[i + 1] and typed[i + 1] == listed[i]:
                return "letters swapped"
        return None
    if lt == ll + 1:
        for i in range(lt):
            if typed[:i] + typed[i + 1 :] == listed:
                if (i > 0 and typed[i - 1] == typed[i]) or (i + 1 < lt and typed[i + 1] == typed[i]):
                    return "letter doubled"
                if (i > 0 and typed[i] in KEY_NEIGHBOURS.get(typed[i - 1], ())) or (
                    i + 1 < lt and typed[i] in KEY_NEIGHBOURS.get(typed[i + 1], ())
                ):
                    return "extra key pressed"
                return "extra letter"
        return None
    if lt == ll - 1:
        for i in range(ll):
            if listed[:i] + listed[i + 1 :] == typed:
                if (i > 0 and listed[i - 1] == listed[i]) or (i + 1 < ll and listed[i + 1] == listed[i]):
                    return "double letter typed once"
                return "letter missing"
        return None
    return None


# Endings that make a surname of a forename (the father's name): English and Scandinavian -son
# and -sen, Welsh/English -s, -kins, Slavic -ov/-ev/-in and their feminines and -ovich/-enko,
# Armenian -ian/-yan, Georgian -shvili, Romanian -escu, Greek -opoulos/-idis, Turkish -oglu (from
# the patronymic entries of Hanks & Hodges, "A Dictionary of Surnames", OUP 1988, and
# Wiktionary's "<language> patronymic suffixes" categories). A forename plus one of them is the
# surname Johnson, Petrov or Ivanescu, not the forename cut short.
_PATRONYMIC_ENDINGS = frozenset(
    """son sson sen ssen sohn s es kins kin ov ova ev eva ovich evich ovna evna ovic evic ovski
    ovsky enko ian yan shvili escu opoulos oglu ovitz owicz ewicz""".split()
)


def _patronymic(long_: str, stem_len: int) -> bool:
    """Whether ``long_`` is its first ``stem_len`` letters plus a patronymic surname ending."""
    rest = long_[stem_len:]
    return rest in _PATRONYMIC_ENDINGS and not is_full_name(long_)


def _first_letter_slip(a: str, b: str) -> bool:
    """Whether two words of one length differ only in their first letter, and not by a neighbouring key.

    A slip of the keys seldom hits the first letter, which a person types with care; words that
    differ only there are different names (Kerry/Terry, Hall/Ball, Darren/Warren). Letters that
    spell one sound (Gerashchenko/Jerashchenko, Cathy/Kathy, Yuri/Iuri, Walter/Valter) and one
    vowel for another (Alena/Elena) are spellings, not slips, and are left to the other rules.
    """
    return (
        len(a) == len(b)
        and a[0] != b[0]
        and a[1:] == b[1:]
        and b[0] not in KEY_NEIGHBOURS.get(a[0], ())
        and frozenset((a[0], b[0])) not in _SAME_SOUND_INITIALS
        and not (a[0] in "aeiouy" and b[0] in "aeiouy")
    )


# Initial letters that spell one sound in some language's romanisation of a name.
_SAME_SOUND_INITIALS = frozenset(
    frozenset(p) for p in ("ck", "cs", "kq", "cq", "gj", "jy", "iy", "vw", "sz", "xz", "fv", "hk", "gh", "jh")
)


def _inner_letter_dropped(a: str, b: str) -> bool:
    """Whether one word is the other with one letter inside it (not the first or last) left out."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1 or len(long_) < 5:
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_) - 1))


_DOUBLING = frozenset({"letter doubled", "double letter typed once"})
_SLIPS_FOR_SHORT_WORDS = frozenset(
    {"neighbouring key", "letters swapped", "letter doubled", "double letter typed once"}
)


def _typo(a: str, b: str, forename: bool) -> PartMatch | None:
    """A typing slip of one or two letters, scored by how much of the word is left to trust."""
    short = min(len(a), len(b))
    d = OSA.distance(a, b, score_cutoff=2)
    if d == 1:
        slip = describe_edit(a, b) or "letter changed"
        if _first_letter_slip(a, b):
            # Only ever a "may be" (see _first_letter_slip), however long the word.
            return PartMatch(WEAK, "typo", slip) if short >= 4 else None
        # Forenames are short and many differ by one letter (Mark/Mary, Paul/Paula), so a plain
        # one-letter change needs a longer word before it is trusted; below that it only asks
        # reception to look.
        if short >= (6 if forename else 5):
            return PartMatch(TYPO1, "typo", slip)
        if short >= 4 and slip in _SLIPS_FOR_SHORT_WORDS:
            return PartMatch(TYPO1 - 0.03, "typo", slip)
        if (
            forename
            and short >= 5
            and _inner_letter_dropped(a, b)
            and not is_known_name(a if len(a) < len(b) else b)
        ):
            # Renaa/Renata, Judih/Judith, Bodan/Bogdan: a letter lost from inside a forename of
            # six or more, keeping its first and last letters, unless what is left is a name
            # the data sets know (Maria is not Marina mistyped).
            return PartMatch(TYPO1 - 0.03, "typo", slip)
        if not forename and short >= 4 and _inner_letter_dropped(a, b):
            # Clak/Clark, Smat/Smart: a letter lost from inside a surname of five or more keeps
            # its first and last letters; surnames one letter apart at an end (Hall/Hal) do not.
            return PartMatch(TYPO1 - 0.03, "typo", slip)
        # Three-letter names (Ali, Lee, Tom) only keep their first letter as an anchor.
        if short >= 4 or (short == 3 and (slip in _SLIPS_FOR_SHORT_WORDS or a[0] == b[0])):
            return PartMatch(WEAK, "typo", slip)
        return None
    if d == 2 and a[0] == b[0]:
        if short >= (8 if forename else 7):
            return PartMatch(TYPO2, "typo", "two letters different")
        if short >= (6 if forename else 5):
            return PartMatch(WEAK, "typo", "two letters different")
    return None


@lru_cache(maxsize=500_000)
def compare_parts(q_base: str, q_alt: str, e_base: str, e_alt: str, forename: bool) -> PartMatch | None:
    """Compare a typed part with a listed part (ASCII spellings); None when they differ.

    ``forename`` allows the forename-only rules: nicknames, short forms and initials. The same
    as :func:`score_parts`; a forename spelt one way each side is first put to
    :func:`may_match`, from the typed word's keys and the listed word's (:func:`listed_keys`),
    which tells most pairs that cannot match at all (a screening's typed forename against the
    listed forenames of the records its surname finds) for less than the rules cost.
    """
    if (
        forename
        and q_alt == q_base
        and e_alt == e_base
        and not may_match(typed_keys(q_base), listed_keys(e_base))
    ):
        return None
    return score_parts(q_base, q_alt, e_base, e_alt, forename)


def score_parts(q_base: str, q_alt: str, e_base: str, e_alt: str, forename: bool) -> PartMatch | None:
    """compare_parts by the rules alone (no cache, no prefilter): what the prefilters are tested against."""
    m = _compare_parts(q_base, q_alt, e_base, e_alt, forename)
    if (
        forename
        and m is not None
        and m.score > WEAK
        and m.kind in ("shortform", "variant", "typo", "nickname")
        and (_gendered_pair(q_base, e_base) or _man_woman_ending(q_base, e_base))
    ):
        # Paul/Paula, Maria/Mario: one letter apart, but a man's and a woman's name.
        return PartMatch(WEAK, m.kind, m.detail)
    return m


def _compare_parts(q_base: str, q_alt: str, e_base: str, e_alt: str, forename: bool) -> PartMatch | None:
    if q_base == e_base:
        return PartMatch(EXACT, "exact")
    if q_alt == e_alt or q_base == e_alt or q_alt == e_base:
        return PartMatch(TRANSLIT, "translit")
    lq, le = len(q_base), len(e_base)
    if lq == 1 or le == 1:
        if forename and q_base[0] == e_base[0]:
            return PartMatch(INITIAL, "initial")
        return None
    if forename:
        if cognate(q_base, e_base):
            # Volodymyr/Vladimir/Uladzimir: one name in Ukrainian, Russian and Belarusian.
            return PartMatch(VARIANT, "variant", "cognate")
        rel = relation(q_base, e_base)
        if rel is not None and rel[0] != "sibling":
            return PartMatch(NICKNAME, "nickname", ":".join(x for x in rel if x))
        if rel is not None:
            # Two names that are only both short for a third (Sandra and Alexander, via
            # Alexandria) are often different people: show reception, do not alert, unless they
            # are also spellings of one name (Teresa and Theresa, both short to Tess).
            sibling = PartMatch(WEAK, "nickname", ":".join(x for x in rel if x))
            if same_pet_name(q_base, e_base):
                return PartMatch(VARIANT, "variant")  # Jodie/Jody, Terri/Terry: one pet name
            other = _spelling(q_base, q_alt, e_base, e_alt, forename)
            # Only a sure respelling (a slip of the keys, letters that agree) makes them one name:
            # two short forms of Eleanor said alike (Ellen, Elaine) are two names in everyday use.
            return other if other is not None and other.score > PROBABLE else sibling
        # A name cut short ("Alex", "Christoph") is a short form even when the data set lacks it,
        # but not a surname made from it (Johnson, Petrov: see _patronymic).
        if lq >= 4 and le >= lq + 2 and e_base.startswith(q_base) and not _patronymic(e_base, lq):
            return PartMatch(SHORTFORM, "shortform", "full")
        if le >= 4 and lq >= le + 2 and q_base.startswith(e_base) and not _patronymic(q_base, le):
            return PartMatch(SHORTFORM, "shortform", "short")
        # The same, once both are spelt as they sound (Max/Maksim, Jacky/Jacqueline).
        rq, re_ = respell(q_base), respell(e_base)
        if (
            lq >= 4
            and len(re_) >= len(rq) + 2
            and re_.startswith(rq)
            and not is_full_name(q_base)
            and not _patronymic(re_, len(rq))
        ):
            return PartMatch(SHORTFORM, "shortform", "full")
        if (
            le >= 4
            and len(rq) >= len(re_) + 2
            and rq.startswith(re_)
            and not is_full_name(e_base)
            and not _patronymic(rq, len(re_))
        ):
            return PartMatch(SHORTFORM, "shortform", "short")
    # (Each test of an alternative spelling is skipped where it is the base spelling again: the
    # rules are pure functions, so asking twice gives the same answer.)
    one_q, one_e = q_alt == q_base, e_alt == e_base
    if same_cluster(q_base, e_base) or (not (one_q and one_e) and same_cluster(q_alt, e_alt)):
        # Romanisations of one name (Hussain/Hossein, Sharma/Sarma); a loose one only alerts
        # with an exact surname.
        sim = Indel.normalized_similarity(q_base, e_base)
        return PartMatch(VARIANT if sim >= 0.5 else PROBABLE, "variant")
    spelt = _spelling(q_base, q_alt, e_base, e_alt, forename)
    if forename and (spelt is None or spelt.score < PROBABLE):
        # An everyday clipped form by rule (Gaz/Gary, Robbo/Robert, Seun/Oluwaseun): a guess,
        # so it holds the badge only when the surname agrees exactly.
        # A name that is itself a full name with short forms of its own (Mary) is not taken as a
        # clipped form of a longer one (Marianna).
        if not is_full_name(q_base) and clipped_form(q_base, e_base) is not None:
            return PartMatch(PROBABLE, "shortform", "full")
        if not is_full_name(e_base) and clipped_form(e_base, q_base) is not None:
            return PartMatch(PROBABLE, "shortform", "short")
        if strong_diminutive(q_base, e_base):
            return PartMatch(PROBABLE, "shortform", "diminutive:typed")
        if strong_diminutive(e_base, q_base):
            return PartMatch(PROBABLE, "shortform", "diminutive:listed")
        # A looser short form: one that keeps the start of the name (Max/Maxim, Kate/Katarina,
        # Olli/Oliver) is as sure as a clipped form; the others (Lina/Karolina, Lotti/Charlotte,
        # Mimi/Maria) only show reception.
        if spelt is None and not is_full_name(q_base):
            rule = loose_short_form(q_base, e_base)
            if rule is not None:
                return PartMatch(PROBABLE if keeps_start(rule) else WEAK, "shortform", "full")
        if spelt is None and not is_full_name(e_base):
            rule = loose_short_form(e_base, q_base)
            if rule is not None:
                return PartMatch(PROBABLE if keeps_start(rule) else WEAK, "shortform", "short")
    if (
        not forename
        and min(lq, le) >= 4
        and (q_base == e_base + "s" or e_base == q_base + "s")
        and (spelt is None or spelt.score < TYPO1)
    ):
        # Ryan/Ryans, Edward/Edwards, Phillip/Phillips: one surname with and without the "s".
        return PartMatch(TYPO1, "typo", "extra letter" if lq > le else "letter missing")
    return spelt


def _spelling(q_base: str, q_alt: str, e_base: str, e_alt: str, forename: bool) -> PartMatch | None:
    """A typing slip or another spelling of the same name, or None."""
    best: PartMatch | None = None
    # Tuples, not sets: a fixed order keeps the reason for a tie the same from run to run.
    for a in (q_base,) if q_alt == q_base else (q_base, q_alt):
        for b in (e_base,) if e_alt == e_base else (e_base, e_alt):
            m = _typo(a, b, forename)
            if m is not None and (best is None or m.score > best.score):
                best = m
    sound = _sound_alike(q_base, q_alt, e_base, e_alt, best, forename)
    if sound is not None and (best is None or sound.score > best.score or sound.kind == "typo"):
        best = sound
    return best


# A man's name in -ian and a woman's made from it in -ine, -ina, -iana, -ienne (Christian/Christine,
# Krystian/Kristina, Julian/Juliana, Adrian/Adrienne, Fabian/Fabienne, Damian/Damiana): the
# masculine and feminine forms of the Latin -ianus/-iana names in English, French, German,
# Polish, Italian and Spanish (Behind the Name lists each pair as "masculine/feminine form").
_IAN_FEMININES = ("ine", "ina", "yna", "iane", "ianne", "ienne", "iana", "yana")


def _man_woman_ending(a: str, b: str) -> bool:
    """Whether one name ends in "-ian" ("-yan") and the other in a feminine form of it.

    Two letters swapped (Bryna for Bryan, Florina for Florian) are taken as the slip they most
    often are, which the typo rule scores.
    """
    if describe_edit(a, b) == "letters swapped":
        return False
    for man, woman in ((a, b), (b, a)):
        if (
            len(man) >= 5
            and len(woman) >= 5
            and man.endswith(("ian", "yan"))
            and woman.endswith(_IAN_FEMININES)
            and not woman.endswith(("ian", "yan"))
        ):
            return True
    return False


def _gendered_pair(a: str, b: str) -> bool:
    """Whether two names differ as a masculine and a feminine form (an added "-a", or "-a"/"-o")."""
    if a[:1] != b[:1]:
        return False
    short, long_ = sorted((a, b), key=len)
    if (
        short[-1] in "slnt"
        and (len(short) >= 5 or short[-1] in "sl")
        and long_ in (short + "e", short + short[-1] + "e")
    ):
        # The French feminine -e: Louis/Louise, Denis/Denise, Daniel/Danielle, Simon/Simone
        # (but Ann/Anne and Clair/Claire are one name).
        return True
    if short[-1] not in "aeiouy" and long_ in (short + "y", short + "ie") and short[-2:-1] in tuple("aeiou"):
        # Emil/Emily, Noel/Noelie: a man's name and a woman's made from it.
        return True
    ends = {final_vowel(a), final_vowel(b)}
    if ends == {"a", "o"}:
        return a[:-1] == b[:-1] or Indel.normalized_similarity(a[:-1], b[:-1]) >= 0.8
    if ends == {"a", ""}:
        short, long_ = sorted((a, b), key=len)
        # "Ann"/"Anna" and "Hann"/"Hanna" are one name; "Paul"/"Paula", "Daniel"/"Daniela" are not.
        return long_ == short + "a" and short[-1] != short[-2]
    return False


def _sound_alike(
    q_base: str, q_alt: str, e_base: str, e_alt: str, best: PartMatch | None, forename: bool
) -> PartMatch | None:
    """Spellings of the same name that sound alike (see phonetic.py), or None."""
    lq, le = len(q_base), len(e_base)
    if min(lq, le) < 3:
        return None
    one = q_alt == q_base and e_alt == e_base  # no other spelling to try (see _compare_parts)
    if min(lq, le) >= 6 and (best is None or best.score <= WEAK):
        kq, ke = slavic_key(q_base), slavic_key(e_base)
        if kq != q_base or ke != e_base:
            if kq == ke or (kq[0] == ke[0] and OSA.distance(kq, ke, score_cutoff=1) <= 1):
                # Wiśniewski/Vishnevsky, Kowalczyk/Kovalchik: one name in two romanisations.
                return PartMatch(VARIANT, "variant")
            if not forename and slavic_plain_key(q_base) == slavic_plain_key(e_base):
                # Sevcenko (Ševčenko without its háčeks) and Shevchenko: held beside the exact
                # forename, shown to reception otherwise.
                return PartMatch(PROBABLE, "variant")
    if (
        not forename
        and (best is None or best.score <= WEAK)
        and not same_first_vowel(q_base, e_base)
        and (one or not same_first_vowel(q_alt, e_alt))
    ):
        # Surnames that share their consonants but not their first, stressed vowel are other
        # families (Colley/Kelly, Hill/Howell, Brown/Bryan, Mitchell/Musil): see phonetic.py.
        return None
    sim = Indel.normalized_similarity(q_base, e_base)
    if sound_key(q_base) == sound_key(e_base) or (not one and sound_key(q_alt) == sound_key(e_alt)):
        # The sound key is coarse, so the letters must broadly agree too: Mohammed/Muhammad
        # 0.75 and Graham/Graeme 0.67 agree, Mark/Mirko 0.67 (4 letters) does not.
        same_vowels = vowel_key(q_base) == vowel_key(e_base)
        if best is not None and best.score > WEAK and (not same_vowels or best.detail in _DOUBLING):
            return best  # a plain slip of the keys: say so rather than "another spelling"
        if (
            sim >= 0.72
            or (best is not None and best.score > WEAK)
            or (same_vowels and min(lq, le) >= 5 and OSA.distance(q_base, e_base, score_cutoff=2) <= 2)
        ):
            return PartMatch(VARIANT, "variant")
        if (
            forename
            and same_vowels
            and min(lq, le) >= 4
            and first_sound(q_base) == first_sound(e_base)
            and not _ch_onset_differs(q_base, e_base)
            and final_vowel(q_base) == final_vowel(e_base)
        ):
            # Sean/Shaun, Graham/Graeme, Mohamed/Muhammad: the same sounds in the same order.
            # Held when the surname agrees exactly, shown to reception otherwise.
            return PartMatch(PROBABLE, "variant")
        if (
            not forename
            and min(lq, le) >= 4
            # One consonant (Moya, Mayo, Mae) is too little to tell two surnames apart by sound.
            and len(sound_key(q_base)) >= 2
            and first_sound(q_base) == first_sound(e_base)
            and metaphone_keys(q_base) == metaphone_keys(e_base)
            and (same_vowels or sim >= 0.6)
        ):
            # Reed/Reade, Neil/Neale, Bayley/Baillie, Carr/Kerr, Chaudhry/Chowdhury: surnames
            # spelt apart but said alike by both keys. Held when the forename agrees exactly.
            return PartMatch(PROBABLE, "variant")
        if same_vowels or (min(lq, le) >= 5 and sim >= 0.66):
            return PartMatch(max(WEAK, best.score if best else 0.0), "variant")
    if min(lq, le) >= 4 and final_vowel(q_base) == final_vowel(e_base):
        codes_q = (
            metaphone_keys(q_base) if q_alt == q_base else metaphone_keys(q_base) | metaphone_keys(q_alt)
        )
        codes_e = (
            metaphone_keys(e_base) if e_alt == e_base else metaphone_keys(e_base) | metaphone_keys(e_alt)
        )
        shared = codes_q & codes_e
        if shared and max(len(c) for c in shared) >= 2:
            # Double Metaphone: Geoffrey/Jeffrey, Yasmin/Jasmine, Philippa/Filipa, Rebekah/Rebecca.
            if sim >= 0.72 or (best is not None and best.score > WEAK):
                return PartMatch(VARIANT, "variant")
            if sim >= 0.6 and forename:
                return PartMatch(PROBABLE, "variant")
            if not forename and codes_q == codes_e and q_base[0] == e_base[0]:
                # Hughes/Hewes: every Double Metaphone code the same, letters far apart. Only
                # shown to reception, and only found beside a rare forename typed exactly.
                return PartMatch(WEAK, "variant")
    return None


def _ch_onset_differs(a: str, b: str) -> bool:
    """Whether one forename starts with "ch" before a vowel and the other with a plain "c" or "k".

    The sound keys read "ch" as "k" (Christopher/Kristopher, Chloe), right before a consonant;
    before a vowel an English forename's "ch" is "tsh" or "sh" (Charles, Charlotte, Chelsea,
    Cheryl, Chantal), so Cheryl is not another spelling of Carol.
    """
    ch_a = a.startswith("ch") and a[2:3] in tuple("aeiouy")
    ch_b = b.startswith("ch") and b[2:3] in tuple("aeiouy")
    return ch_a != ch_b and (a.startswith("ch") != b.startswith("ch"))


def compare_tokens(q: Token, e: Token, forename: bool) -> PartMatch | None:
    """Compare two tokens (see :func:`compare_parts`)."""
    m = compare_parts(q.base, q.alt, e.base, e.alt, forename)
    # lower(), not casefold(): casefold() turns "ß" into "ss" and would hide "Strauß"/"Strauss".
    if m is not None and m.kind == "exact" and q.display.lower() != e.display.lower():
        # Same letters once accents are dropped ("Angelo" for "Ângelo").
        return PartMatch(ACCENT, "accent")
    return m


class WordKeys:
    """The keys of one word that :func:`may_beat_weak` reads, worked out once for the word.

    The screening index keeps one for each listed word it has checked (``TokenIndex``), rather
    than each rule asking its own memo cache for the word's sound, vowel, Slavic and respelt keys.
    """

    __slots__ = (
        "word",
        "sound",
        "vowels",
        "first",
        "final",
        "_slavic",
        "_respelt",
        "_spellings",
        "_full_name",
        "_known",
    )

    def __init__(self, word: str) -> None:
        self.word = word
        self.sound, self.vowels, self.first = sound_and_vowel_keys(word)
        self.final = final_vowel(word)
        # The rest only when a rule asks (most words are answered by the keys above).
        self._slavic: str | None = None
        self._respelt: str | None = None
        self._spellings: tuple[str, ...] | None = None
        self._full_name: bool | None = None
        self._known: bool | None = None

    def known(self) -> bool:
        """forenames.known of the word (whether the relation test must look further)."""
        if self._known is None:
            self._known = forenames.known(self.word)
        return self._known

    def slavic(self) -> str:
        """phonetic.slavic_key of the word."""
        if self._slavic is None:
            self._slavic = slavic_key.__wrapped__(self.word)
        return self._slavic

    def respelt(self) -> str:
        """shortforms.respell of the word."""
        if self._respelt is None:
            self._respelt = respell.__wrapped__(self.word)
        return self._respelt

    def spellings(self) -> tuple[str, ...]:
        """shortforms.full_spellings of the word, and its respelling (what loose_short_form tries)."""
        if self._spellings is None:
            self._spellings = (*full_spellings(self.word), self.respelt())
        return self._spellings

    def full_name(self) -> bool:
        """forenames.is_full_name of the word."""
        if self._full_name is None:
            self._full_name = is_full_name(self.word)
        return self._full_name


class TypedKeys(WordKeys):
    """:class:`WordKeys` of a typed word, and which of the data sets' rules it can meet at all."""

    __slots__ = ("cognate", "cluster", "relates")

    def __init__(self, word: str) -> None:
        super().__init__(word)
        # cognate(word, x) needs the word itself in a cognate group; same_cluster(word, x) needs
        # it in a cluster; relation(word, x) needs forenames.may_relate_to_some(word).
        self.cognate = bool(shortforms._cognate_groups(shortforms.translit_key(word)))
        self.cluster = word in shortforms._tables()[2]
        self.relates = forenames.may_relate_to_some(word)
        self.spellings()
        self.full_name()


@lru_cache(maxsize=32_768)
def listed_keys(word: str) -> WordKeys:
    """The :class:`WordKeys` of a listed word, kept for the 32,768 words asked for last.

    One table for the screening index's count (TokenIndex.is_strong) and compare_parts'
    prefilter: a few screenings' worth of checked words.
    """
    return WordKeys(word)


@lru_cache(maxsize=256)
def typed_keys(word: str) -> TypedKeys:
    """The :class:`TypedKeys` of a typed spelling (a few a screening, asked for many listed words)."""
    return TypedKeys(word)


def may_beat_weak(t: TypedKeys, x: WordKeys) -> bool:
    """False only when compare_parts(t.word, t.word, x.word, x.word, True) is None or no better than WEAK.

    An exact "cannot match better than WEAK" test from per-word keys (one spelling each side,
    compared as a forename, as TokenIndex.word_match does), for the surname rule's count of
    strongly matching listed words (Screener._surname_singles). It holds a necessary condition
    of every way _compare_parts can return more than WEAK (the man's/woman's-name check after
    it only lowers a score):

    * the same word (exact, translit); an initial of the same letter;
    * cognate, same_cluster and relation (nicknames, with the sibling's pet-name and spelling
      answers): only for a typed word in a cognate group, in a cluster, or that may be related
      to some name at all (forenames.may_relate_to_some), then _may_relate's test with each
      word's ``known`` kept in its keys (tried last: it is the costliest);
    * a name cut short, as written or respelt: one starts the other, two letters or more longer;
    * _spelling: a typo beats WEAK only one edit apart (OSA), or two with the same first letter
      and eight letters or more; the sound-alike rules only with three letters or more, through
      the Slavic keys (six letters or more, one of them rewritten: equal or one edit apart with
      the same first letter), the same sound key with the same vowel key or a similarity of 0.72,
      or a shared Double Metaphone code of two letters or more with the same final vowel, four
      letters or more and a similarity of 0.6;
    * a clipped form (shortforms.may_clip_any), a strong diminutive (the same first two letters,
      then the rule itself) or a loose short form that keeps the start (shortforms.may_start_short),
      each as long as the short one is not a full name.

    ``test_screening_prefilters`` checks it against compare_parts on many pairs of known names,
    their slips, respellings and short forms, filler words, and hypothesis pairs.
    """
    return _may_score(t, x, False)


def may_match(t: TypedKeys, x: WordKeys) -> bool:
    """False only when compare_parts(t.word, t.word, x.word, x.word, True) is None.

    :func:`may_beat_weak` widened to the rules that score WEAK (the same necessary conditions,
    see there): a typo two edits apart with the same first letter from six letters, the sound
    key with a similarity of 0.66 (or the vowel key), and any loose short form
    (shortforms.may_shorten: the rules that do not keep the start as well). For align's
    forename comparisons, most of which are a typed forename against a listed one that does
    not match at all. ``test_screening_prefilters`` checks it against compare_parts.
    """
    return _may_score(t, x, True)


def _may_score(t: TypedKeys, x: WordKeys, weak: bool) -> bool:
    """may_match when ``weak``, else may_beat_weak."""
    q, w = t.word, x.word
    if q == w:
        return True
    lq, le = len(q), len(w)
    if lq == 1 or le == 1:
        return q[0] == w[0]
    if t.cognate or (t.cluster and same_cluster(q, w)):
        return True
    if lq >= 4 and le >= lq + 2 and w.startswith(q):
        return True
    if le >= 4 and lq >= le + 2 and q.startswith(w):
        return True
    rq, rw = t.respelt(), x.respelt()
    if lq >= 4 and len(rw) >= len(rq) + 2 and rw.startswith(rq):
        return True
    if le >= 4 and len(rq) >= len(rw) + 2 and rq.startswith(rw):
        return True
    short = min(lq, le)
    if -2 <= lq - le <= 2:
        d = OSA.distance(q, w, score_cutoff=2)
        if d == 1 or (d == 2 and short >= (6 if weak else 8) and q[0] == w[0]):
            return True
    if short >= 3:
        if short >= 6 and (t.slavic() != q or x.slavic() != w):
            kq, ke = t.slavic(), x.slavic()
            if kq == ke or (kq[0] == ke[0] and OSA.distance(kq, ke, score_cutoff=1) <= 1):
                return True
        sim = Indel.normalized_similarity(q, w)
        if t.sound == x.sound and (sim >= (0.66 if weak else 0.72) or t.vowels == x.vowels):
            return True
        if short >= 4 and sim >= 0.6 and t.final == x.final:
            shared = metaphone_keys(q) & metaphone_keys(w)
            if shared and max(len(c) for c in shared) >= 2:
                return True
    if q[:2] == w[:2] and (strong_diminutive(q, w) or strong_diminutive(w, q)):
        return True
    loose = may_shorten if weak else may_start_short
    if not t.full_name() and (may_clip_any(q, x.spellings()) or loose(q, rq, w, x.spellings())):
        return True
    if (may_clip_any(w, t.spellings()) or loose(w, rw, q, t.spellings())) and not x.full_name():
        return True
    return t.relates and forenames.may_relate_known(q, t.known(), w, x.known())


def sure_beats_weak(t: TypedKeys, x: WordKeys) -> bool:
    """True only when compare_parts(t.word, t.word, x.word, x.word, True) is certainly better than WEAK.

    The sound-alike spellings most words of a large list that the surname rule's count checks
    are (Kuroc/Koreq): a typed word that may be related to no name (so relation() is None and
    its sibling answer, WEAK, cannot come first), three letters or more each side, the same
    sound key, and either a similarity of 0.72 (VARIANT, or the slip of the keys it keeps), or
    the same vowel key with five letters and at most two edits (VARIANT) or four letters, the
    same first sound and final vowel and no "ch" before a vowel on one side only (PROBABLE). The
    rules _compare_parts tries before _spelling answer either nothing or more than WEAK, and
    a spelling better than WEAK is returned as it is; what is left is the man's/woman's-name
    check after it, which must not apply.
    """
    q, w = t.word, x.word
    if t.relates or t.sound != x.sound:
        return False
    lq, le = len(q), len(w)
    short = min(lq, le)
    if short < 3:
        return False
    if Indel.normalized_similarity(q, w) < 0.72:
        if t.vowels != x.vowels or short < 4:
            return False
        if not (
            (short >= 5 and OSA.distance(q, w, score_cutoff=2) <= 2)
            or (t.first == x.first and t.final == x.final and not _ch_onset_differs(q, w))
        ):
            return False
    return not _gendered_pair(q, w) and not _man_woman_ending(q, w)
