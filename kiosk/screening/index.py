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

The deletion keys are most of the index: a word of n letters has n of them, a million listed
names some fourteen million. Held as strings in a dict they would take 1.4 GB, so a list built in
one go (:meth:`TokenIndex.bulk`) keeps them as a hash table of word ids in two flat arrays
(``array('I')``, 4 bytes a key): the bucket of a key's hash holds the ids of the words with a
deletion key of that hash, and a lookup keeps only the words that really have the key, so a
hash collision never adds a candidate. Words added after that go to a small dict as before.

A list of PROBE_FROM names or more stores no deletion keys at all: hashing and sorting them
was a quarter of a million-name build. A listed word ``w`` has a deletion key ``k`` exactly when
``w`` is ``k`` with one letter inserted, so a lookup inserts each letter the vocabulary uses at
each place of each typed key and asks the vocabulary for the results: the same candidates for a
thousand or two dictionary probes a typed spelling (some 0.4 ms, against 0.03 ms for the table,
which is why smaller lists keep it).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from itertools import accumulate

from .compare import WEAK, TypedKeys, compare_parts, listed_keys, may_beat_weak, sure_beats_weak
from .phonetic import index_sound_key

# Words shorter than this get no deletion keys: deleting from "jo" or "ali" gives keys shared
# with thousands of unrelated words, and such short words are only matched exactly.
MIN_DELETE_LEN = 4
#: A bulk build of at least this many names keeps no deletion keys; lookups probe (see above).
PROBE_FROM = 400_000
_HASH_BITS = 0xFFFFFFFF
# What TokenIndex.word_match says of a listed word against a typed part.
NO_MATCH, WEAK_MATCH, STRONG = 0, 1, 2

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


def _add_sounding(cands: set[int], sounds: dict[str, int | list[int]], spelling: str) -> None:
    """Add to ``cands`` the words that sound like ``spelling`` (one word id, or a list of them)."""
    cur = sounds.get(_sound_index_key(spelling))
    if cur is not None:
        if isinstance(cur, int):
            cands.add(cur)
        else:
            cands.update(cur)


# A sound key of three consonants or fewer ("sk" for Sachi, Zak, Suki; "fks" for Fox) is shared by
# far too many words to check each one; such names are looked up by the finer vowel key, which
# still joins Sean/Shaun, Tareq/Tarik and Mohammed/Muhammad. (Variants with the same first letter
# and a matching surname are also found through the surname alone.) The phonetic module's caches
# are bypassed: a large build would only fill them with words no visitor types.
_sound_index_key = index_sound_key


def deletion_keys(word: str) -> list[str]:
    """The word and every way of deleting one letter from it (may repeat: "anna" -> "ana" twice)."""
    if len(word) < MIN_DELETE_LEN:
        return [word]
    keys = [word[:i] + word[i + 1 :] for i in range(len(word))]
    keys.append(word)
    return keys


def _deletes_to(word: str, key: str) -> bool:
    """Whether deleting one letter of ``word`` (one letter longer than ``key``) gives ``key``."""
    n = len(key)
    i = 0
    while i < n and word[i] == key[i]:
        i += 1
    # Deleting at the first difference is the only deletion that can work.
    return word[i + 1 :] == key[i:]


class TokenIndex:
    """Spellings -> records, with typo and sound-alike lookups. Not thread-safe by itself."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}  # spelling -> word id
        self._words: list[str] = []  # word id -> spelling
        self._postings: list[int | list[int] | None] = []  # word id -> record ids
        self._sur_postings: list[int | list[int] | None] = []  # word id -> records with it as surname
        self._keys: dict[str, int | list[int]] = {}  # deletion key -> word ids (words added one by one)
        self._sounds: dict[str, int | list[int]] = {}  # sound key -> word ids
        # Deletion keys of a bulk build: (hash, word id) pairs while it runs, then a hash table.
        self._pending: tuple[array[int], array[int]] | None = None
        self._mask = 0
        self._starts: array[int] = array("I")  # bucket -> first slot in _slots; one past the end
        self._slots: array[int] = array("I")  # word ids, grouped by bucket
        # No deletion keys kept (a bulk build of PROBE_FROM names or more): lookups probe instead.
        self._probe = False
        # Every letter a listed word uses (sorted: the letters a probing lookup inserts).
        self._letter_set: set[str] = set()
        self._letters = ""

    @contextmanager
    def bulk(self, size: int | None = None) -> Iterator[None]:
        """Add many records at once: their deletion keys go into the compact table at the end.

        ``size``, the number of records if known: from PROBE_FROM on no deletion keys are kept.
        """
        if self._pending is not None or self._starts or self._probe:
            yield  # already in (or past) a bulk build: add as usual
            return
        if size is not None and size >= PROBE_FROM and not self._words:
            self._probe = True
            yield
            return
        self._pending = (array("I"), array("I"))
        try:
            yield
        finally:
            self._freeze()

    def _freeze(self) -> None:
        assert self._pending is not None
        hashes, wids = self._pending
        self._pending = None  # the arrays go as soon as they are used
        n = len(hashes)
        if not n:
            return
        size = 1024
        while size * 2 < n:
            size *= 2  # about two keys a bucket
        mask = size - 1
        # A counting sort: count each bucket, then drop each word id into its bucket's next slot.
        buckets = array("I", map(mask.__and__, hashes))
        del hashes
        counts = array("I", bytes(4 * size))
        for b in buckets:
            counts[b] += 1
        starts = array("I", [0])
        starts.extend(accumulate(counts))
        del counts
        nxt = array("I", starts)
        slots = array("I", bytes(4 * n))
        for b, wid in zip(buckets, wids, strict=True):
            p = nxt[b]
            slots[p] = wid
            nxt[b] = p + 1
        del buckets, wids, nxt
        self._mask, self._starts, self._slots = mask, starts, slots

    def _word_id(self, spelling: str) -> int:
        wid = self._vocab.get(spelling)
        if wid is None:
            wid = len(self._words)
            self._vocab[spelling] = wid
            self._words.append(spelling)
            self._postings.append(None)
            self._sur_postings.append(None)
            if not self._letter_set.issuperset(spelling):
                self._letter_set.update(spelling)
                self._letters = "".join(sorted(self._letter_set))
            pending = self._pending
            if self._probe:
                pass  # the deletion keys are found by probing (see candidate_words)
            elif pending is not None:
                if len(spelling) >= MIN_DELETE_LEN:
                    # The word itself is found through the vocabulary: only its deletions go here.
                    hs = [hash(spelling[:i] + spelling[i + 1 :]) & _HASH_BITS for i in range(len(spelling))]
                    pending[0].extend(hs)
                    pending[1].extend([wid] * len(hs))
            else:
                keys = self._keys
                # Inlined _add: this loop is most of the time of adding many words one by one.
                for key in deletion_keys(spelling):
                    cur = keys.get(key)
                    if cur is None:
                        keys[key] = wid
                    elif isinstance(cur, int):
                        if cur != wid:
                            keys[key] = [cur, wid]
                    elif cur[-1] != wid:
                        cur.append(wid)
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
        if self._probe:
            return self._probed_words(spellings)
        out: list[set[int]] = []
        words, vocab, keys = self._words, self._vocab, self._keys
        starts, slots, mask = self._starts, self._slots, self._mask & _HASH_BITS
        sounds = self._sounds
        for sp in spellings:
            cands: set[int] = set()
            out.append(cands)
            for key in deletion_keys(sp):
                # The words with this key among their deletion keys (see deletion_keys): the word
                # itself, those added one by one, and those in the bulk table.
                wid = vocab.get(key)
                if wid is not None:
                    cands.add(wid)
                cur = keys.get(key)
                if cur is not None:
                    if isinstance(cur, int):
                        cands.add(cur)
                    else:
                        cands.update(cur)
                if starts:
                    b = hash(key) & mask
                    lo, hi = starts[b], starts[b + 1]
                    if lo < hi:
                        n = len(key) + 1
                        for hit in slots[lo:hi]:
                            word = words[hit]
                            if len(word) == n and _deletes_to(word, key):
                                cands.add(hit)
            if len(sp) >= 3:
                _add_sounding(cands, sounds, sp)
        return tuple(out)

    def _probed_words(self, spellings: tuple[str, ...]) -> tuple[set[int], ...]:
        """:meth:`candidate_words` of an index that keeps no deletion keys."""
        out: list[set[int]] = []
        vocab, sounds, letters = self._vocab, self._sounds, self._letters
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
                _add_sounding(cands, sounds, sp)
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

    def is_strong(self, typed: tuple[TypedKeys, ...], found: tuple[set[int], ...], wid: int) -> bool | None:
        """Whether :meth:`word_match` of these spellings and ``wid`` is STRONG, when the keys tell.

        True when one spelling certainly matches it better than WEAK (compare.sure_beats_weak),
        False when none can (compare.may_beat_weak), None when only word_match can say.
        ``typed`` are compare.typed_keys of the spellings, ``found`` their candidate_words. The
        listed word's keys are worked out once and kept for the next screenings (compare.listed_keys).
        """
        keys = listed_keys(self._words[wid])
        got: bool | None = False
        for t, cands in zip(typed, found, strict=True):
            if wid in cands:
                if sure_beats_weak(t, keys):
                    return True
                if got is False and may_beat_weak(t, keys):
                    got = None
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
