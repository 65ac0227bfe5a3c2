"""The screener: a ban list indexed for fast, forgiving name matching."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Sized
from dataclasses import dataclass
from typing import NamedTuple

from .align import SUR, Alignment, ListedName, align, listed_name
from .compare import TypedKeys, typed_keys
from .disguise import UNUSUAL_REASON
from .forenames import related_names, warm_up
from .index import NO_MATCH, STRONG, TokenIndex, _add, _values
from .normalize import ParsedName, Token, _plain, parse_name, parse_readings
from .phonetic import metaphone_keys, silent_gh_key, slavic_plain_key

#: At or above this score the badge is held and reception alerted.
ALERT_AT = 0.85
#: At or above this score (and below ALERT_AT) reception is shown the match but the visitor
#: is not stopped. Below it nothing is reported.
REVIEW_AT = 0.70
#: Most matches returned for one name; reception cannot act on a longer list anyway.
MAX_MATCHES = 20
#: Safety valve for a typed surname shared by a huge number of listed people: at most this many
#: names found through one typed part alone are scored (names found through two parts always are).
MAX_SINGLE_PART_CANDIDATES = 3000
#: A surname shared by at most this many listed names: each of them is scored, whatever the
#: typed forename starts with.
FEW_BY_SURNAME = 8
#: Score of a name typed as one word that is the listed forename and surname run together
#: ("Sarahjones"), or of a listed one-word name typed as the whole name or as forename+surname.
JOINED_SCORE = 0.95
#: Score of a listed one-word name typed as the surname beside some forename: shown to reception.
MONONYM_AS_SURNAME = 0.8
_EMPTY: frozenset[int] = frozenset()
_SOUND_LETTERS = {"k": "c", "c": "k", "f": "p", "t": "t"}
_FREEZE_FROM = 50_000  # records; below this a full collection is quick anyway
#: Parsed listed names kept between screenings (see Screener._listed).
LISTED_CACHE = 4096


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One person on the ban list: a stable id, their name and any aliases."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Callers often pass a list; keep the entry hashable and immutable.
        object.__setattr__(self, "aliases", tuple(self.aliases or ()))


@dataclass(frozen=True, slots=True)
class Match:
    """A listed person a typed name may be, with how sure we are and why."""

    entry_id: str
    score: float  # 0..1, higher is surer
    band: str  # "alert": hold the badge and alert reception; "review": show, do not stop
    reasons: tuple[str, ...]  # plain-English, for the receptionist
    matched_name: str  # the listed name or alias that matched


# A scored match of one record: score, entry id, whether it is an alias, the listed text, reasons.
_Hit = tuple[float, str, bool, str, tuple[str, ...]]


def _parse_listed(text: str) -> ListedName | None:
    parsed = parse_name(text)
    return listed_name(parsed, text) if parsed.tokens else None


class _Keys(NamedTuple):
    """Everything a listed text is indexed under."""

    spellings: set[str]
    sur_spellings: set[str]
    # First letters of the forename and middle names: a name found through its surname alone can
    # only match if another typed part starts like one of these (initials, short forms).
    initials: set[str]
    joined: set[str]  # see _joined_keys
    tails: set[str]  # see _tail_keys


def _keys(listed: ListedName) -> _Keys:
    spellings: set[str] = set()
    sur_spellings: set[str] = set()
    initials: set[str] = set()
    for t, r in zip(listed.tokens, listed.roles, strict=True):
        sps = t.spellings
        spellings.update(sps)
        if r == SUR:
            sur_spellings.update(sps)
        else:
            initials.add(t.base[0])
    return _Keys(spellings, sur_spellings, initials, _joined_keys(listed), _tail_keys(listed))


def _plain_keys(tokens: tuple[Token, ...]) -> _Keys:
    """:func:`_keys` of a plain name (see :func:`.normalize._plain`): one part a word, each spelt one way.

    Its listed name has no joined surname, the last word is the surname and the others the
    forename and middle names, so the keys follow from the words alone (the same as _keys
    gives: ``test_screening_fast_paths`` checks it).
    """
    bases = [t.base for t in tokens]
    sur = bases[-1]
    if len(bases) == 1:
        return _Keys({sur}, {sur}, set(), {sur} if len(sur) >= 3 else set(), set())
    fore = bases[0]
    joined = {fore + sur, "".join(bases)} if len(fore) >= 2 else set()
    return _Keys(set(bases), {sur}, {b[0] for b in bases[:-1]}, joined, _forename_tails(fore))


class Screener:
    """Screens typed names against a ban list (names and aliases).

    Build it once from the list, keep it up to date with :meth:`add` and :meth:`remove`, and call
    :meth:`screen` for every name typed at sign-in. Safe to share between threads.

    A record (a listed name or alias) is held as its entry id and text only, a few dozen bytes;
    the few a screening scores are parsed again when needed (parsing is deterministic) and the
    most recent kept, so a million-name list stays well under a gigabyte.
    """

    def __init__(self, entries: Iterable[WatchEntry] = ()) -> None:
        self._lock = threading.RLock()
        self._index = TokenIndex()
        # Record id -> entry id (None once removed), the listed text, whether it is an alias.
        self._rec_entry: list[str | None] = []
        self._rec_text: list[str] = []
        self._rec_alias = bytearray()
        self._listed_cache: dict[str, ListedName | None] = {}  # listed text -> parsed (see _listed)
        # Listed text -> its keys, while a list is built: many people share a name.
        self._keys_cache: dict[str, _Keys | None] | None = None
        self._by_entry: dict[str, int | list[int]] = {}
        self._by_initial: dict[str, set[int]] = {}  # first letter of a forename or middle name -> records
        # Forename+surname run together ("sarahjones") and one-word names ("cher") -> records.
        self._by_joined: dict[str, int | list[int]] = {}
        # Consonant-led ends of forenames ("lina" of Karolina) -> records: short forms that start
        # with another letter than the full name.
        self._by_tail: dict[str, int | list[int]] = {}
        warm_up()
        # The build creates millions of small objects and no reference cycles; the cyclic
        # collector scanning them again and again would more than double the build time.
        was_enabled = gc.isenabled()
        gc.disable()
        self._keys_cache = {}
        try:
            with self._index.bulk(len(entries) if isinstance(entries, Sized) else None):
                for entry in entries:
                    self._add(entry)
        finally:
            self._keys_cache = None
            if was_enabled:
                gc.enable()
            if len(self._rec_entry) >= _FREEZE_FROM:
                # Move the index out of the collector's sight: otherwise the first full collection
                # after a large build scans millions of objects and stalls one screening for a
                # second. (The index holds no reference cycles, so dropping it still frees it.)
                gc.freeze()

    def __len__(self) -> int:
        return len(self._by_entry)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_entry

    def add(self, entry: WatchEntry) -> None:
        """Add an entry, replacing any entry with the same id."""
        with self._lock:
            self._add(entry)

    def remove(self, entry_id: str) -> bool:
        """Remove an entry by id; returns whether it was there."""
        with self._lock:
            return self._remove(entry_id)

    def update(self, added: Iterable[WatchEntry], removed: Iterable[str] = ()) -> None:
        """Add (or replace) and remove entries as one change: a screening running in another thread sees
        the list before it or after it, never part-way (the cost is that of the entries changed)."""
        with self._lock:
            for entry_id in removed:
                self._remove(entry_id)
            for entry in added:
                self._add(entry)

    def _add(self, entry: WatchEntry) -> None:
        if entry.id in self._by_entry:
            self._remove(entry.id)
        rids: list[int] = []
        if entry.aliases:
            seen: set[str] = set()
            for i, text in enumerate((entry.name, *entry.aliases)):
                if text not in seen and self._add_text(entry.id, text, i > 0, rids):
                    seen.add(text)
        else:
            self._add_text(entry.id, entry.name, False, rids)
        self._by_entry[entry.id] = rids[0] if len(rids) == 1 else rids

    def _text_keys(self, text: str) -> _Keys | None:
        cache = self._keys_cache
        if cache is not None:
            if text in cache:
                return cache[text]
            if len(cache) >= 20_000:
                cache.clear()  # keep the build's memory flat; common names come back at once
        plain = _plain(text)
        keys: _Keys | None
        if plain is not None:
            keys = _plain_keys(plain.tokens)
        else:
            listed = _parse_listed(text)
            keys = None if listed is None else _keys(listed)
        if cache is not None:
            cache[text] = keys
        return keys

    def _add_text(self, entry_id: str, text: str, is_alias: bool, rids: list[int]) -> bool:
        keys = self._text_keys(text)
        if keys is None:
            return False
        rid = len(self._rec_entry)
        self._rec_entry.append(entry_id)
        self._rec_text.append(text)
        self._rec_alias.append(is_alias)
        self._index.add(rid, keys.spellings, keys.sur_spellings)
        by_initial = self._by_initial
        for letter in keys.initials:
            by_letter = by_initial.get(letter)
            if by_letter is None:
                by_initial[letter] = by_letter = set()
            by_letter.add(rid)
        for key in keys.joined:
            _add(self._by_joined, key, rid)
        for key in keys.tails:
            _add(self._by_tail, key, rid)
        rids.append(rid)
        return True

    def _remove(self, entry_id: str) -> bool:
        rids = self._by_entry.pop(entry_id, None)
        if rids is None:
            return False
        for rid in [rids] if isinstance(rids, int) else rids:
            listed = self._listed_of(rid)
            if listed is None:
                continue
            keys = _keys(listed)
            self._index.remove(rid, keys.spellings, keys.sur_spellings)
            for letter in keys.initials:
                self._by_initial[letter].discard(rid)
            for key in keys.joined:
                _discard(self._by_joined, key, rid)
            for key in keys.tails:
                _discard(self._by_tail, key, rid)
            self._rec_entry[rid] = None
        return True

    def _listed(self, text: str) -> ListedName | None:
        """A listed text parsed for scoring: parsed again when needed, the recent ones kept.

        Many listed people share a name ("John Smith" a few hundred times in a million), and
        they share one parse.
        """
        cache = self._listed_cache
        if text in cache:
            return cache[text]
        listed = _parse_listed(text)
        if len(cache) >= LISTED_CACHE:
            cache.clear()  # cheaper than keeping an order; the hot names come back at once
        cache[text] = listed
        return listed

    def _listed_of(self, rid: int) -> ListedName | None:
        """Record ``rid`` parsed (None once removed)."""
        if self._rec_entry[rid] is None:
            return None
        return self._listed(self._rec_text[rid])

    def screen(self, name: str) -> list[Match]:
        """Return the listed people ``name`` may be, best first (empty when none).

        The name is read as typed and, where it holds something a disguise would leave (dots or
        hyphens inside words, letters spaced out, digits for letters, look-alike letters), also
        with that undone; the best reading counts, and its reasons say what was removed.
        """
        parsed_all = parse_readings(name if isinstance(name, str) else str(name))
        best: dict[str, tuple[float, bool, str, tuple[str, ...], bool]] = {}
        with self._lock:
            for parsed in parsed_all:
                for score, entry_id, is_alias, display, reasons in self._screen_reading(parsed):
                    prev = best.get(entry_id)
                    # On a tie the listed name beats an alias (it is what reception knows them
                    # by), and the name as typed beats a reading of it.
                    mine = (score, not is_alias, not parsed.unusual)
                    if prev is None or mine > (prev[0], not prev[1], not prev[4]):
                        best[entry_id] = (score, is_alias, display, reasons, parsed.unusual)
        out = []
        for entry_id, (score, is_alias, display, reasons, unusual) in best.items():
            if is_alias:
                reasons = (f"matches alias '{display}'", *reasons)
            if unusual:
                reasons = (UNUSUAL_REASON, *reasons)
            band = "alert" if score >= ALERT_AT else "review"
            out.append(Match(entry_id, round(score, 4), band, reasons, display))
        out.sort(key=lambda m: (-m.score, m.entry_id))
        return out[:MAX_MATCHES]

    def _screen_reading(self, parsed: ParsedName) -> list[_Hit]:
        """Scored matches of one reading of a typed name (any score at or above REVIEW_AT)."""
        out: list[_Hit] = []
        toks = parsed.tokens
        if not toks:
            return out
        out.extend(self._joined_matches(parsed))
        # A single word (a forename alone, a surname alone) never identifies anyone.
        if len(toks) < 2 or all(t.is_initial for t in toks):
            return out
        entries, texts, aliases = self._rec_entry, self._rec_text, self._rec_alias
        # The score depends on the listed text only: people listed under one name are scored once.
        aligned: dict[str, Alignment | None] = {}
        for rid in self._candidates(parsed):
            entry_id = entries[rid]
            if entry_id is None:
                continue
            text = texts[rid]
            if text in aligned:
                got = aligned[text]
            else:
                listed = self._listed(text)
                got = aligned[text] = None if listed is None else align(parsed, listed)
            if got is None or got.score < REVIEW_AT:
                continue
            out.append((got.score, entry_id, bool(aliases[rid]), text, got.reasons))
        return out

    def _joined_matches(self, parsed: ParsedName) -> list[_Hit]:
        """Names written as one word, and listed one-word names (mononyms)."""
        out: list[_Hit] = []
        toks = [t for t in parsed.tokens if not t.is_initial] or list(parsed.tokens)
        typed = "".join(t.base for t in toks)
        shown = " ".join(t.display for t in toks)
        for rid in _values(self._by_joined, typed):
            listed = self._listed_of(rid)
            if listed is None:
                continue
            if listed.surname_word == 0:
                why = f"'{shown}' is the one-word name '{listed.display}'"
            else:
                why = f"'{shown}' is '{listed.display}' written as one word"
            out.append(self._hit(JOINED_SCORE, rid, listed, why))
        if len(toks) >= 2:
            # A listed one-word name typed as the surname beside a forename.
            last = toks[-1]
            for rid in _values(self._by_joined, last.base):
                listed = self._listed_of(rid)
                if listed is None or listed.surname_word != 0 or len(last.base) < 3:
                    continue
                why = f"surname {last.display!r} is the one-word name '{listed.display}'"
                out.append(self._hit(MONONYM_AS_SURNAME, rid, listed, why))
        return out

    def _hit(self, score: float, rid: int, listed: ListedName, why: str) -> _Hit:
        entry_id = self._rec_entry[rid]
        assert entry_id is not None  # _listed_of gives None for a removed record
        return (score, entry_id, bool(self._rec_alias[rid]), listed.display, (why,))

    def _candidates(self, parsed: ParsedName) -> set[int]:
        """Records worth scoring.

        Those found through two typed parts, plus those whose *surname* was found through one
        strong typed part and whose forename or middle name starts like another typed part
        (initials, short forms and other forename relations the keys cannot find). Set
        operations keep this in C even when a typed part is as common as "Smith".
        """
        index = self._index
        toks = parsed.tokens
        # Each typed part's candidate words are checked (index.word_match, the costly step) only
        # where their records can still change the answer: on a large list a common key finds
        # thousands of words, and most of their records share nothing with the other typed parts.
        parts: list[_Part] = []
        for qi, tok in enumerate(toks):
            if tok.is_initial:
                continue
            sps = tok.spellings
            per = index.candidate_words(sps)
            words = set().union(*per)
            related: set[int] = set()
            for other in related_names(tok.base):
                related.update(index.records_of(other))
            parts.append(_Part(qi, sps, per, words, related, index.records_of_words(words) | related, {}))
        out: set[int] = set()
        for qi, tok in enumerate(toks):
            # A rare forename typed exactly: every listed name with it is scored, so a surname
            # spelt quite differently but sounding the same (Hughes/Hewes) is still found.
            if not tok.is_initial and len(tok.base) >= 4 and len(toks) > 1:
                exact = index.records_of(tok.base)
                if 0 < len(exact) <= FEW_BY_SURNAME:
                    sounds = {
                        key
                        for j, t in enumerate(toks)
                        if j != qi and len(t.base) >= 4
                        for key in _surname_sounds(t.base)
                    }
                    for rid in exact:
                        listed = self._listed_of(rid)
                        if listed is None or listed.tokens[0].base != tok.base:
                            continue  # the listed forename itself, not a middle name or surname
                        if any(
                            not sounds.isdisjoint(_surname_sounds(t.base))
                            for t, r in zip(listed.tokens, listed.roles, strict=True)
                            if r == SUR
                        ):
                            out.add(rid)
        # Records found through two typed parts (from different typed words, see align): a record
        # another part cannot reach is never in such a pair, so only the candidate words with a
        # record the other parts may reach are checked.
        every: list[set[int]] = []
        for px in parts:
            reach: set[int] = set()
            for py in parts:
                if toks[py.qi].word != toks[px.qi].word:
                    reach |= py.reach
            mine = set(px.related)
            if reach:
                for wid in px.words:
                    cur = index.postings_of(wid)
                    if cur is None or (reach.isdisjoint(cur) if isinstance(cur, list) else cur not in reach):
                        continue
                    if self._word_match(index, px, wid) != NO_MATCH:
                        if isinstance(cur, int):
                            mine.add(cur)
                        else:
                            mine.update(cur)
            every.append(mine)
        for x in range(len(parts)):
            for y in range(x + 1, len(parts)):
                if toks[parts[x].qi].word != toks[parts[y].qi].word:
                    out |= every[x] & every[y]
        budget = MAX_SINGLE_PART_CANDIDATES
        for px in parts:
            qi = px.qi
            letters = {t.base[0] for j, t in enumerate(toks) if j != qi}
            # A short form can start with another letter than its full name (Zhenya, Evgenia).
            letters.update(r[0] for j, t in enumerate(toks) if j != qi for r in related_names(t.base))
            # Kate for Catherine, Flip for Philippa: a short form may spell the first sound anew.
            letters.update(_SOUND_LETTERS.get(x, "") for x in list(letters))
            letters.discard("")
            tails = [
                _values(self._by_tail, t.base)
                for j, t in enumerate(toks)
                if j != qi and t.base in self._by_tail
            ]
            singles, complete = self._surname_singles(index, px, out, letters, tails, len(toks) > 1)
            if complete and len(singles) <= FEW_BY_SURNAME and len(toks) > 1:
                # Few listed people have this surname: score them all, whatever their forename
                # starts with (Sascha for Alexandr, Kojo for Kwadwo).
                out |= singles
                budget -= len(singles)
                continue
            for tail in tails:
                out |= singles.intersection(tail)
            for letter in letters:
                fits = singles & self._by_initial.get(letter, _EMPTY)
                if len(fits) > budget:
                    fits = set(sorted(fits)[:budget])
                out |= fits
                budget -= len(fits)
                if budget <= 0:
                    return out
        return out

    @staticmethod
    def _word_match(index: TokenIndex, part: _Part, wid: int) -> int:
        got = part.checked.get(wid)
        if got is None:
            got = part.checked[wid] = index.word_match(part.spellings, part.per_spelling, wid)
        return got

    def _surname_singles(
        self,
        index: TokenIndex,
        part: _Part,
        out: set[int],
        letters: set[str],
        tails: list[tuple[int, ...] | list[int]],
        may_take_all: bool,
    ) -> tuple[set[int], bool]:
        """Records not yet in ``out`` with a strongly matching word of ``part`` as their surname.

        Returns (records, complete). Only the words with a record whose forename starts with one
        of ``letters`` or has one of ``tails`` are always checked, so the records in those sets
        are all there; the rest are checked (``may_take_all``) until more than FEW_BY_SURNAME
        records are found, and ``complete`` says whether every word was.
        """
        by_initial = self._by_initial
        sur_words: list[tuple[int, int | list[int]]] = []
        raw: set[int] = set()
        for wid in part.words:
            cur = index.postings_of(wid, surname_only=True)
            if cur is None:
                continue
            sur_words.append((wid, cur))
            if isinstance(cur, int):
                raw.add(cur)
            else:
                raw.update(cur)
        raw -= out
        wanted: set[int] = set()
        for tail in tails:
            wanted |= raw.intersection(tail)
        for letter in letters:
            wanted |= raw & by_initial.get(letter, _EMPTY)
        found: set[int] = set()
        rest: list[tuple[int, int | list[int]]] = []
        typed = tuple(map(typed_keys, part.spellings)) if sur_words else ()
        for wid, cur in sur_words:
            if wanted.isdisjoint(cur) if isinstance(cur, list) else cur not in wanted:
                rest.append((wid, cur))
            elif self._strong(index, part, typed, wid):
                if isinstance(cur, int):
                    found.add(cur)
                else:
                    found.update(cur)
        found -= out
        if len(found) > FEW_BY_SURNAME or not may_take_all:
            return found, not rest
        # The words that may match strongly, those with the most records first: they reach the
        # count soonest. (The order changes no answer: a record of these words is in none of the
        # sets the caller intersects ``found`` with, and all of them are checked when few match.)
        rest = [(wid, cur) for wid, cur in rest if self._strong(index, part, typed, wid, only_may=True)]
        rest.sort(key=_record_count, reverse=True)
        for n, (wid, cur) in enumerate(rest):
            if self._word_match(index, part, wid) == STRONG:
                if isinstance(cur, int):
                    found.add(cur)
                else:
                    found.update(cur)
                found -= out
                if len(found) > FEW_BY_SURNAME:
                    return found, n == len(rest) - 1
        return found, True

    def _strong(
        self, index: TokenIndex, part: _Part, typed: tuple[TypedKeys, ...], wid: int, only_may: bool = False
    ) -> bool:
        """Whether word ``wid`` matches ``part`` strongly (index.word_match), its keys asked first.

        ``only_may``: whether it may, when only word_match can say (which is then left for later).
        """
        got = part.checked.get(wid)
        if got is not None:
            return got == STRONG
        sure = index.is_strong(typed, part.per_spelling, wid)
        if sure is not None:
            if sure:
                part.checked[wid] = STRONG
            return sure
        return only_may or self._word_match(index, part, wid) == STRONG


def _record_count(word: tuple[int, int | list[int]]) -> int:
    cur = word[1]
    return 1 if isinstance(cur, int) else len(cur)


class _Part(NamedTuple):
    """A typed part while the candidates are gathered (see Screener._candidates)."""

    qi: int  # its place among the typed parts
    spellings: tuple[str, ...]
    per_spelling: tuple[set[int], ...]  # candidate words found by each spelling (unchecked)
    words: set[int]  # all of them
    related: set[int]  # records of the names the forename data relates to it
    reach: set[int]  # every record of a candidate word or a related name (a superset)
    checked: dict[int, int]  # word id -> index.word_match, once asked


def _surname_sounds(word: str) -> tuple[object, ...]:
    """Keys under which two spellings of one surname agree, for the rare-forename search.

    Double Metaphone (Hughes/Hewes), the Slavic key without the "h" of "sh"/"ch"/"zh"
    (Schewtschenko, Shevchenko and Sevcenko: see :func:`.phonetic.slavic_plain_key`), and the
    sound key with the Irish silent "gh" (Dougherty/Doherty: :func:`.phonetic.silent_gh_key`).
    """
    return (metaphone_keys(word), "~" + slavic_plain_key(word), "=" + silent_gh_key(word))


def _discard(d: dict[str, int | list[int]], key: str, value: int) -> None:
    cur = d.get(key)
    if cur == value:
        del d[key]
    elif isinstance(cur, list) and value in cur:
        cur.remove(value)
        if len(cur) == 1:
            d[key] = cur[0]


def _joined_keys(listed: ListedName) -> set[str]:
    """Keys under which a listed name is found when typed as one word (see ``_joined_matches``)."""
    toks = [t for i, t in enumerate(listed.tokens) if i != listed.joined]
    if not toks:
        return set()
    if listed.surname_word == 0:
        if len(toks) == 1 and len(toks[0].base) >= 3:
            return set(toks[0].spellings)  # a one-word name ("Cher")
        return set()
    fore = [t for t, r in zip(listed.tokens, listed.roles, strict=True) if r != SUR]
    sur = [listed.tokens[listed.joined if listed.joined >= 0 else -1]]
    if not fore or not sur or len(fore[0].base) < 2:
        return set()
    return {fore[0].base + sur[0].base, "".join(t.base for t in toks)}


def _tail_keys(listed: ListedName) -> set[str]:
    """Consonant-led ends of the listed forename that could be said as a short form (see shortforms)."""
    for t, r in zip(listed.tokens, listed.roles, strict=True):
        if r != SUR:
            return _forename_tails(t.base)  # the forename only
    return set()


def _forename_tails(b: str) -> set[str]:
    out: set[str] = set()
    for n in range(3, len(b) - 1):
        tail = b[-n:]
        if tail[0] not in "aeiouy" and b[-n - 1] != tail[0]:
            out.add(tail)
        elif tail[0] in "aeiouy" and n <= len(b) - 3 and tail[-1] in "aeiouy":
            out.add(tail)  # Ina of Regina (see shortforms.loose_short_form)
    return out
