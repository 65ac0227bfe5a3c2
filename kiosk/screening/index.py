"""Blocking index: find the few listed names worth scoring for a typed name.

Two levels keep it small when many people share a name part:

* a vocabulary of distinct ASCII spellings ("smith", "mueller"), each with the listed names
  (records) that use it;
* lookup keys into that vocabulary: the spelling itself, every spelling with one letter deleted
  (a typed word one or two edits away shares such a key with the listed one — the symmetric
  deletion trick), and the sound-alike key.

A typed word is turned into the same keys, the vocabulary hits are checked with a real edit
distance, and the records of the words that pass are the candidates. Forename nicknames are
looked up directly by name.

Dictionary values are a bare int while a key has one hit and a list after that: most keys have
one hit, and a million one-element lists would cost a gigabyte.

The listed words' deletion keys are not stored. A listed word ``w`` has a deletion key ``k``
exactly when ``w`` is ``k`` with one letter inserted, so a lookup inserts each letter the
vocabulary uses at each place of each typed key and asks the vocabulary for the results (a
thousand or two dictionary probes, a fraction of a millisecond). Stored, the keys were most of
the index: a word of n letters has n of them, a million listed names some ten million, which
took a third of a million-name build to hash and sort and a hundred megabytes to hold.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from .compare import WEAK, compare_parts
from .phonetic import sound_key, vowel_key

# Words shorter than this get no deletion keys: deleting from "jo" or "ali" gives keys shared
# with thousands of unrelated words, and such short words are only matched exactly.
MIN_DELETE_LEN = 4
# What TokenIndex.word_match says of a listed word against a typed part.
NO_MATCH, WEAK_MATCH, STRONG = 0, 1, 2

# The index's own sound keys bypass the phonetic module's caches: a large build would only fill
# them with words no visitor types, pushing out the ones the kiosk looks up.
_sound_key = sound_key.__wrapped__
_vowel_key = vowel_key.__wrapped__


_Postings = dict[str, int | list[int]]


def _add(d: _Postings, key: str, value: int) -> None:
    # Callers never add the same value twice under one key (a word id or record id is added once
    # per key), so no membership test: on a common name that test would make the build quadratic.
    cur = d.get(key)
    if cur is None:
        d[key] = value
    elif isinstance(cur, int):
        d[key] = [cur, value]
    else:
        cur.append(value)


def _values(d: _Postings, key: str) -> tuple[int, ...] | list[int]:
    cur = d.get(key)
    if cur is None:
        return ()
    if isinstance(cur, int):
        return (cur,)
    return cur


def _sound_index_key(word: str) -> str:
    # A sound key of three consonants or fewer ("sk" for Sachi, Zak, Suki; "fks" for Fox) is
    # shared by far too many words to check each one; such names are looked up by the finer vowel
    # key, which still joins Sean/Shaun, Tareq/Tarik and Mohammed/Muhammad. (Variants with the
    # same first letter and a matching surname are also found through the surname alone.)
    key = _sound_key(word)
    return key if len(key) >= 4 else "~" + _vowel_key(word)


def deletion_keys(word: str) -> list[str]:
    """The word and every way of deleting one letter from it (may repeat: "anna" -> "ana" twice)."""
    if len(word) < MIN_DELETE_LEN:
        return [word]
    keys = [word[:i] + word[i + 1 :] for i in range(len(word))]
    keys.append(word)
    return keys


class TokenIndex:
    """Spellings -> records, with typo and sound-alike lookups. Not thread-safe by itself."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}  # spelling -> word id
        self._words: list[str] = []  # word id -> spelling
        self._postings: list[int | list[int] | None] = []  # word id -> record ids
        self._sur_postings: list[int | list[int] | None] = []  # word id -> records with it as surname
        self._sounds: dict[str, int | list[int]] = {}  # sound key -> word ids
        # Every letter a listed word uses: the letters a lookup inserts into a typed key.
        self._letters: set[str] = set()
        self._alphabet = ""  # the same, sorted, as inserted (rebuilt when a letter is added)

    def _word_id(self, spelling: str) -> int:
        wid = self._vocab.get(spelling)
        if wid is None:
            wid = len(self._words)
            self._vocab[spelling] = wid
            self._words.append(spelling)
            self._postings.append(None)
            self._sur_postings.append(None)
            if not self._letters.issuperset(spelling):
                self._letters.update(spelling)
                self._alphabet = "".join(sorted(self._letters))
            if len(spelling) >= 3:
                sounds = self._sounds
                key = _sound_index_key(spelling)
                cur = sounds.get(key)
                if cur is None:
                    sounds[key] = wid
                elif isinstance(cur, int):
                    sounds[key] = [cur, wid]
                else:
                    cur.append(wid)
        return wid

    def add(
        self, record: int, spellings: AbstractSet[str], surname_spellings: AbstractSet[str] = frozenset()
    ) -> None:
        """Index a record under each of its spellings (and, separately, its surname spellings)."""
        vocab = self._vocab
        for postings, sps in ((self._postings, spellings), (self._sur_postings, surname_spellings)):
            for sp in sps:
                wid = vocab.get(sp)
                if wid is None:
                    wid = self._word_id(sp)
                cur = postings[wid]
                if cur is None:
                    postings[wid] = record
                elif isinstance(cur, int):
                    postings[wid] = [cur, record]
                else:
                    cur.append(record)  # record ids are fresh and spellings a set: never a repeat

    def remove(
        self, record: int, spellings: AbstractSet[str], surname_spellings: AbstractSet[str] = frozenset()
    ) -> None:
        """Forget a record. Its words stay in the vocabulary (harmless, and re-adding is cheap)."""
        for postings, sps in ((self._postings, spellings), (self._sur_postings, surname_spellings)):
            for sp in sps:
                wid = self._vocab.get(sp)
                if wid is None:
                    continue
                cur = postings[wid]
                if cur == record:
                    postings[wid] = None
                elif isinstance(cur, list) and record in cur:
                    cur.remove(record)
                    if len(cur) == 1:
                        postings[wid] = cur[0]

    def records_of(self, spelling: str) -> tuple[int, ...] | list[int]:
        """Records that use exactly this spelling."""
        wid = self._vocab.get(spelling)
        cur = None if wid is None else self._postings[wid]
        if cur is None:
            return ()
        return (cur,) if isinstance(cur, int) else cur

    def similar_words(self, spellings: tuple[str, ...]) -> tuple[set[int], set[int]]:
        """Word ids that may be the same name part as a typed spelling: (strong, weak).

        Typed and listed words are found through shared deletion keys (one or two edits apart)
        or a shared sound key (:meth:`candidate_words`), then checked with the part comparison
        itself (:meth:`word_match`), so the caller only sees words that really match. Strong ones
        match well enough to identify a name with an initial or short form beside them; weak ones
        only together with another matching part.
        """
        strong: set[int] = set()
        weak: set[int] = set()
        found = self.candidate_words(spellings)
        for wid in set().union(*found):
            got = self.word_match(spellings, found, wid)
            if got == STRONG:
                strong.add(wid)
            elif got == WEAK_MATCH:
                weak.add(wid)
        return strong, weak

    def candidate_words(self, spellings: tuple[str, ...]) -> tuple[set[int], ...]:
        """For each typed spelling, the word ids sharing a deletion key or its sound key, unchecked.

        Their union is a superset of :meth:`similar_words`: on a large list a common key gives
        thousands, and the screener checks (:meth:`word_match`) only those whose records could
        still matter.
        """
        out: list[set[int]] = []
        vocab, sounds, letters = self._vocab, self._sounds, self._alphabet
        for sp in spellings:
            # The words with one of the typed keys among their own deletion keys (see
            # deletion_keys): a word that is a key itself, and a word of MIN_DELETE_LEN letters or
            # more that is a key with one letter inserted (those are the words with that key).
            keys = set(deletion_keys(sp))
            probe = set(keys)
            grow = probe.update
            ends: dict[str, list[str]] = {}  # an end of a key -> each letter put before it
            for k in keys:
                if len(k) < MIN_DELETE_LEN - 1:
                    continue
                for i in range(len(k) + 1):
                    end = k[i:]
                    led = ends.get(end)
                    if led is None:
                        led = ends[end] = [c + end for c in letters]
                    grow(map(k[:i].__add__, led))
            # A dict's keys view intersects by probing the dict with each element of the set.
            cands = {vocab[w] for w in vocab.keys() & probe}
            out.append(cands)
            if len(sp) >= 3:
                cur = sounds.get(_sound_index_key(sp))
                if cur is not None:
                    if isinstance(cur, int):
                        cands.add(cur)
                    else:
                        cands.update(cur)
        return tuple(out)

    def word_match(self, spellings: tuple[str, ...], found: tuple[set[int], ...], wid: int) -> int:
        """How listed word ``wid`` matches a typed part: STRONG, WEAK_MATCH or NO_MATCH.

        ``found`` is :meth:`candidate_words` of ``spellings``: each spelling is compared with the
        words its own keys found. Compared as a forename, which accepts the most (the scorer
        applies the role later); strong when a spelling matches it better than WEAK.
        """
        w = self._words[wid]
        got = NO_MATCH
        for sp, cands in zip(spellings, found, strict=True):
            if wid not in cands:
                continue
            m = compare_parts(sp, sp, w, w, True)
            if m is not None:
                if m.score > WEAK:
                    return STRONG
                got = WEAK_MATCH
        return got

    def postings_of(self, wid: int, surname_only: bool = False) -> int | list[int] | None:
        """The records of one word id: None, one record id, or a list of them."""
        return (self._sur_postings if surname_only else self._postings)[wid]

    def records_of_words(self, wids: set[int], surname_only: bool = False) -> set[int]:
        """Union of the records of several word ids (only those using them as surname, if asked)."""
        out: set[int] = set()
        postings = self._sur_postings if surname_only else self._postings
        for wid in wids:
            cur = postings[wid]
            if cur is None:
                continue
            if isinstance(cur, int):
                out.add(cur)
            else:
                out.update(cur)
        return out
