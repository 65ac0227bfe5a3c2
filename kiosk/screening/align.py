"""Line up the parts of a typed name with the parts of one listed name and score the pairing.

A typed name matches a listed name when one typed part matches the listed forename (or, more
weakly, a listed middle name) and a *different* typed part matches the listed surname (or one
half of it). Any further parts are paired up with what is left where they fit; parts that fit
nothing are middle names the list does not know about. Requiring both a forename and a surname
is what keeps a forename alone, or a common surname with an unrelated forename, from alerting.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compare import PROBABLE, TYPO1, WEAK, PartMatch, compare_tokens
from .normalize import ParsedName, Token

FORE, MIDDLE, SUR = 0, 1, 2

# What the pairing costs on top of the part scores (kept small: each is a normal way to write a
# name, and only together with weak part matches should they push a name out of the alert band).
SWAP_PENALTY = 0.02
EXTRA_WORD_PENALTY = 0.04
EXTRA_INITIAL_PENALTY = 0.02
PARTIAL_SURNAME_PENALTY = 0.02
UNSURE_SWAP_PENALTY = 0.05
_SURE = frozenset({"exact", "accent", "translit"})
# A surname part match this good (one plain slip of the keys in a word long enough to trust, or
# a sure respelling) leaves no doubt which surname was meant (see compare.py).
SURE_SURNAME = TYPO1 - 0.03
# Someone signing in under their middle name is possible but so is a coincidence; never alert.
MIDDLE_AS_FORENAME_CAP = 0.84


@dataclass(frozen=True, slots=True)
class ListedName:
    """A listed name or alias, split into parts with their roles."""

    tokens: tuple[Token, ...]
    roles: tuple[int, ...]
    joined: int  # index of the pseudo-part "whole double-barrelled surname", or -1
    surname_parts: int  # how many real parts the surname has
    display: str

    @property
    def surname_word(self) -> int:
        """Word number of the surname (0 for a one-word name)."""
        return self.tokens[-1].word if self.tokens else 0


def listed_name(parsed: ParsedName, display: str) -> ListedName:
    """Give each part of a listed name its role: first word forename, last word surname."""
    toks = list(parsed.tokens)
    words = parsed.words
    roles: list[int] = []
    for t in toks:
        if words == 1 or t.word == words - 1:
            roles.append(SUR)
        elif t.word == 0:
            roles.append(FORE)
        else:
            roles.append(MIDDLE)
    sur = [t for t, r in zip(toks, roles, strict=True) if r == SUR]
    joined = -1
    if len(sur) > 1:
        # "Paezdeacy" typed without the hyphen still matches "Páez-Deacy".
        joined = len(toks)
        toks.append(
            Token(
                display="-".join(t.display for t in sur),
                base="".join(t.base for t in sur),
                alt="".join(t.alt for t in sur),
                word=words - 1,
            )
        )
        roles.append(SUR)
    return ListedName(tuple(toks), tuple(roles), joined, len(sur), display)


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best pairing of a typed name with a listed name."""

    score: float
    reasons: tuple[str, ...]


def _q(text: str) -> str:
    return f"'{text}'"


def _part_reason(m: PartMatch, typed: Token, listed: Token, what: str) -> str:
    t, lst = _q(typed.display), _q(listed.display)
    if m.kind == "exact":
        return f"{what} matches"
    if m.kind == "accent":
        return f"{lst} written as {t}"
    if m.kind == "translit":
        return f"{lst} written as {t}"
    if m.kind == "nickname" or m.kind == "shortform":
        if m.detail == "diminutive:typed":
            return f"{t} is a pet form of {lst}"
        if m.detail == "diminutive:listed":
            return f"{lst} is a pet form of {t}"
        if m.detail == "sibling":
            return f"{t} and {lst} are sometimes used for one person, but are usually different names"
        if m.detail.startswith("sibling"):
            full = m.detail.split(":", 1)[1].capitalize()
            return f"{t} and {lst} are both short forms of '{full}'"
        if len(typed.base) > len(listed.base):
            return f"{lst} is a short form of {t}"
        return f"{t} is a short form of {lst}"
    if m.kind == "variant":
        if m.detail == "cognate":
            return f"{t} is {lst} in another Slavic language"
        return f"{t} is another spelling of {lst}"
    if m.kind == "initial":
        if len(typed.base) == 1:
            return f"{t} is the initial of {lst}"
        return f"listed initial {lst} fits {t}"
    if m.kind == "typo":
        if m.detail == "two letters different":
            return f"{t} is two letters different from {lst}"
        return f"{t} is one letter different from {lst} ({m.detail})"
    return f"{t} is like {lst}"


def align(query: ParsedName, listed: ListedName) -> Alignment | None:
    """Score the best pairing of ``query`` with ``listed``, or None when they do not match."""
    qt, et, roles = query.tokens, listed.tokens, listed.roles
    n, m = len(qt), len(et)
    fore_js = [j for j in range(m) if roles[j] != SUR]
    sur_js = [j for j in range(m) if roles[j] == SUR]
    # The listed forename and middle names first: most names a screening scores share only a
    # surname with the typed one, and with no forename match there is no pairing to score.
    sims: list[list[PartMatch | None]] = [[None] * m for _ in range(n)]
    if n == 2:
        if not _two_part_rows(qt, et, fore_js, sur_js, sims):
            return None
        return _best(query, listed, sims, fore_js, sur_js)
    found = False
    for i in range(n):
        row = sims[i]
        for j in fore_js:
            row[j] = pm = compare_tokens(qt[i], et[j], True)
            found = found or pm is not None
    if not found:
        return None
    for i in range(n):
        row = sims[i]
        for j in sur_js:
            row[j] = compare_tokens(qt[i], et[j], False)
    return _best(query, listed, sims, fore_js, sur_js)


def _two_part_rows(
    qt: tuple[Token, ...],
    et: tuple[Token, ...],
    fore_js: list[int],
    sur_js: list[int],
    sims: list[list[PartMatch | None]],
) -> bool:
    """The comparisons a two-part typed name needs, in ``sims``; False when no pairing can match.

    A pairing takes the forename from one typed part and the surname from the other, and with
    two typed parts nothing else is compared (``_assemble`` pairs only the parts left over), so
    the rows of an order are only needed when its first one matches: a typed surname compared
    as a forename (the costliest comparison) only when the typed forename matches a listed
    surname, which it seldom does. The rows left out are never read (the same scores as when
    every row is filled: the dumps of benchmarks/screening_dump.py are byte-identical).
    """
    if qt[0].word == qt[1].word:
        return False  # the two halves of one typed word are never forename and surname
    ok = False
    # Typed forename as the forename, typed surname as the surname.
    if not qt[1].is_initial and _row(qt[0], et, fore_js, True, sims[0]):
        ok = _row(qt[1], et, sur_js, False, sims[1]) or ok
    # The other order: the surname comparison first, the cheaper of the two.
    if not qt[0].is_initial and _row(qt[0], et, sur_js, False, sims[0]):
        ok = _row(qt[1], et, fore_js, True, sims[1]) or ok
    return ok


def _row(
    tok: Token, et: tuple[Token, ...], js: list[int], forename: bool, row: list[PartMatch | None]
) -> bool:
    """Compare ``tok`` with the listed parts ``js`` into ``row``; whether any matched."""
    found = False
    for j in js:
        row[j] = pm = compare_tokens(tok, et[j], forename)
        found = found or pm is not None
    return found


def _best(
    query: ParsedName,
    listed: ListedName,
    sims: list[list[PartMatch | None]],
    fore_js: list[int],
    sur_js: list[int],
) -> Alignment | None:
    qt = query.tokens
    n = len(qt)
    combos: list[tuple[float, int, int, int, int]] = []
    for i in range(n):
        for j in fore_js:
            fm = sims[i][j]
            if fm is None:
                continue
            for k in range(n):
                # Forename and surname must come from different typed words: the two halves of
                # "Edwards-Johnson" are one surname, not a forename "Johnson" and a surname.
                if k == i or qt[k].is_initial or qt[k].word == qt[i].word:
                    continue
                for s in sur_js:
                    sm = sims[k][s]
                    if sm is not None:
                        combos.append(((fm.score + sm.score) / 2, i, j, k, s))
    # Penalties only lower a pairing's score, so the part scores bound it: try the best-looking
    # pairings first and stop once no remaining one can win.
    combos.sort(reverse=True)
    best: tuple[float, tuple[str, ...]] | None = None
    for bound, i, j, k, s in combos:
        if best is not None and bound <= best[0]:
            break
        fm, sm = sims[i][j], sims[k][s]
        assert fm is not None and sm is not None  # only matching pairs are in combos
        got = _assemble(query, listed, sims, i, j, fm, k, s, sm)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    if best is None:
        return None
    return Alignment(score=max(0.0, min(1.0, best[0])), reasons=best[1])


def _assemble(
    query: ParsedName,
    listed: ListedName,
    sims: list[list[PartMatch | None]],
    i: int,
    j: int,
    fm: PartMatch,
    k: int,
    s: int,
    sm: PartMatch,
) -> tuple[float, tuple[str, ...]] | None:
    qt, et, roles = query.tokens, listed.tokens, listed.roles
    used_q = {i, k}
    used_e = {j, s}
    if s == listed.joined:
        used_e.update(x for x in range(len(et)) if roles[x] == SUR)
    elif listed.joined >= 0:
        used_e.add(listed.joined)
    reasons: list[str] = []
    fore_what = "first name" if roles[j] == FORE else "middle name"
    reasons.append(_part_reason(fm, qt[i], et[j], fore_what))
    reasons.append(_part_reason(sm, qt[k], et[s], "surname"))

    # Pair the remaining typed parts with what is left of the listed name, best fits first.
    extra_words: list[Token] = []
    extra_initials = 0
    sur_matched = 1 if s != listed.joined else listed.surname_parts
    sur_pairs = [(k, s)]  # (typed part, listed surname part)
    for r in range(len(qt)):
        if r in used_q:
            continue
        best_t, best_m = -1, None
        for t in range(len(et)):
            if t in used_e or t == listed.joined:
                continue
            mm = sims[r][t]
            if mm is not None and (best_m is None or mm.score > best_m.score):
                best_t, best_m = t, mm
        if best_m is None:
            if qt[r].is_initial:
                extra_initials += 1
            else:
                extra_words.append(qt[r])
            continue
        used_e.add(best_t)
        if roles[best_t] == SUR:
            sur_matched += 1
            sur_pairs.append((r, best_t))
        elif best_m.kind != "exact":
            reasons.append(_part_reason(best_m, qt[r], et[best_t], "middle name"))

    score = (fm.score + sm.score) / 2
    if roles[j] == MIDDLE:
        reasons.insert(0, f"{_q(qt[i].display)} is a middle name on the list, not the first name")
    if len(sur_pairs) > 1 and sorted(sur_pairs) != sorted(sur_pairs, key=lambda p: p[1]):
        reasons.append("the two halves of the surname are the other way round")
    if listed.surname_parts > 1 and sur_matched < listed.surname_parts:
        score -= PARTIAL_SURNAME_PENALTY
        sur_display = et[listed.joined].display
        reasons[1] = f"{reasons[1]}; part of the double-barrelled surname {_q(sur_display)}"
    if fm.kind == "shortform" and fm.score <= WEAK and sm.kind not in _SURE and sm.score < SURE_SURNAME:
        # A loose short form only counts beside the listed surname itself, or beside a surname
        # that leaves no doubt which one was meant (a plain slip of the keys in a long enough
        # word, Noldi Bwgum for Arnold Begum): never beside one that only may be it.
        return None
    if fm.kind == "shortform" and fm.score <= PROBABLE and sm.score <= WEAK:
        return None  # a short form by rule and a surname that only may match: two guesses
    if fm.kind == "initial" and sm.score <= PROBABLE:
        # An initial and a surname that only may be the same, or is only said alike (Reade for
        # Reed, which holds beside the exact forename): chance.
        return None
    if qt[k].word < qt[i].word:
        if min(fm.score, sm.score) <= WEAK:
            return None  # a swapped order and a doubtful part: chance, not a match
        score -= SWAP_PENALTY
        if fm.kind not in _SURE and sm.kind not in _SURE:
            # Swapped order with two inexact parts is how unrelated names line up by chance.
            score -= UNSURE_SWAP_PENALTY
        reasons.append("first and last name swapped")
    # A typed part hyphenated to the matched surname is the other half of a double-barrelled or
    # married surname ("Ball-Khan" for "Khan"), not an unknown middle name.
    other_half = [t for t in extra_words if t.word == qt[k].word]
    extra_words = [t for t in extra_words if t.word != qt[k].word]
    if other_half:
        score -= PARTIAL_SURNAME_PENALTY
        typed = "-".join(t.display for t in qt if t.word == qt[k].word)
        reasons.append(f"typed surname {_q(typed)} is double-barrelled; one half matches")
    if extra_words:
        score -= EXTRA_WORD_PENALTY * len(extra_words)
        names = ", ".join(_q(t.display) for t in extra_words)
        reasons.append(f"middle name {names} not on the list")
    score -= EXTRA_INITIAL_PENALTY * extra_initials
    missing_middle = any(roles[t] == MIDDLE and t not in used_e for t in range(len(et)))
    if missing_middle and not extra_words:
        reasons.append("middle name not given")
    if roles[j] == MIDDLE:
        score = min(score, MIDDLE_AS_FORENAME_CAP)
    return score, tuple(reasons)
