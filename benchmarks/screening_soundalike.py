#!/usr/bin/env python3
"""A second unseen screening set: other names (Mimesis), and sound-alike respellings made by rule.

    .venv/bin/pip install mimesis                       # the "bench" extra
    .venv/bin/python benchmarks/screening_soundalike.py OUT_DIR [--seed 5] [--entries 600]
    python ../shared/screening/evaluate.py OUT_DIR --misses 5

``screening_unseen.py`` draws its names from Faker and its variants from ``nam_dict``; this set
shares neither, so a rule fitted to that set's pairs does not help here:

* forenames and surnames from the locale data of the ``mimesis`` package (British, German,
  Polish, Russian, Ukrainian, Czech, Slovak, Croatian, Hungarian, Italian, Portuguese, Spanish,
  French, Greek, Turkish, Dutch and Swedish locales), transliterated to Latin letters where they
  are not (the Persian and Arabic locales are left out: their names are written without short
  vowels, which a transliteration cannot put back, "Mlk Lfth");
* spelling variants made by rewriting one spot of a listed forename or surname with a spelling
  of the same sound (``RESPELLINGS``: ph/f, c/k, ck/k, g/j before e and i, i/y, a doubled or single
  consonant, x/ks, s/z between vowels, w/v, ou/u, -ie/-y/-ey, th/t, -ine/-yne, ch/sh is NOT used:
  it changes the sound). The table is the usual list of English and European sound-alike
  spellings (e.g. the rules of Soundex and Daitch-Mokotoff Soundex, Philips' Metaphone), written
  for this benchmark; the engine's code is not consulted.

Categories: ``spelling-variant`` (one respelling), ``combined`` (a respelling plus a typing slip,
or plus a dropped or added middle name, or written surname first), ``typo``, ``exact``,
``middle-name``; negatives ``neg-same-surname``, ``neg-same-forename`` and ``neg-random``, each a
name no listed name comes near. There is no nickname category: no maintained nickname source is
installed that the engine does not already use.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from anyascii import anyascii
from mimesis import Person
from mimesis.locales import Locale
from rapidfuzz.distance import Indel

LOCALES = [
    (30, "en-gb"),
    (8, "pl"),
    (4, "ru"),
    (4, "uk"),
    (3, "cs"),
    (2, "sk"),
    (2, "hr"),
    (3, "hu"),
    (4, "it"),
    (4, "pt"),
    (3, "es"),
    (3, "fr"),
    (2, "el"),
    (4, "tr"),
    (3, "de"),
    (2, "nl"),
    (2, "sv"),
]
# (pattern, replacement): one spelling of a sound and another spelling of it.
RESPELLINGS = [
    (r"ph", "f"),
    (r"(?<=[aeiou])f(?=[aeiou])", "ph"),
    (r"^c(?=[aou])", "k"),
    (r"^k(?=[aou])", "c"),
    (r"(?<=[aeiou])ck", "k"),
    (r"(?<=[aeiou])k(?=[aeiou])", "ck"),
    (r"^g(?=[ei])", "j"),
    (r"^j(?=[ei])", "g"),
    (r"(?<=[^aeiou])i(?=[^aeiou])", "y"),
    (r"(?<=[^aeiou])y(?=[^aeiou])", "i"),
    (r"(?<=[aeiou])([bdfglmnprst])(?=[aeiou])", r"\1\1"),
    (r"([bdfglmnprst])\1", r"\1"),
    (r"x", "ks"),
    (r"ks", "x"),
    (r"(?<=[aeiou])s(?=[aeiou])", "z"),
    (r"(?<=[aeiou])z(?=[aeiou])", "s"),
    (r"^w", "v"),
    (r"^v", "w"),
    (r"th", "t"),
    (r"(?<=[^aeiou])ie$", "y"),
    (r"(?<=[^aeiou])y$", "ie"),
    (r"(?<=[^aeiou])ey$", "y"),
    (r"ine$", "yne"),
    (r"ou", "u"),
]
KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NOT_NAMES = {"mr", "mrs", "ms", "miss", "dr", "major", "sir", "lord", "lady", "rev", "prof"}


def plain(s: str) -> str:
    return "".join(ch for ch in anyascii(s).lower() if ch.isalpha())


def latin(s: str) -> str:
    return s if plain(s) and s.isascii() else anyascii(s).title()


def respellings(word: str) -> list[str]:
    """Every spelling of ``word`` that differs from it at one spot by a rule of ``RESPELLINGS``."""
    low = word.lower()
    out: list[str] = []
    if len(low) < 4:
        return out  # Jim, Ann: a respelling of a short name is mostly another name (Gim, An)
    for pat, rep in RESPELLINGS:
        for m in re.finditer(pat, low):
            new = low[: m.start()] + m.expand(rep) + low[m.end() :]
            if new != low and len(new) >= 3 and new not in out:
                out.append(new)
    return [w.capitalize() for w in out]


class Gen:
    def __init__(self, seed: int, entries: int) -> None:
        self.rng = random.Random(seed)
        self.n = entries
        self.people = {loc: Person(Locale(loc), seed=seed * 100 + i) for i, (_w, loc) in enumerate(LOCALES)}
        self.entries: list[dict[str, object]] = []
        self.queries: list[dict[str, object]] = []
        self.parts: list[tuple[str, list[str], str]] = []

    def loc(self) -> str:
        return self.rng.choices([loc for _w, loc in LOCALES], [w for w, _l in LOCALES])[0]

    def forename(self, loc: str) -> str:
        return self._name(self.people[loc].first_name)

    def surname(self, loc: str) -> str:
        return self._name(self.people[loc].last_name)

    @staticmethod
    def _name(draw: Callable[[], str]) -> str:
        # Mimesis's locale data holds a few entries that are no name ("`Mr", "Major"): drawn again.
        for _ in range(20):
            word = latin(draw()).split()[0].split("-")[0]
            if word.isalpha() and word.lower() not in NOT_NAMES and len(word) >= 2:
                return word
        return "Quorndon"

    def typo(self, word: str) -> str:
        i = self.rng.randrange(1, len(word) - 1)
        kind = self.rng.choice(["swap", "drop", "double", "key"])
        if kind == "swap" and word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if kind == "double":
            return word[:i] + word[i] + word[i:]
        ch = word[i].lower()
        for row in KEYS:
            j = row.find(ch)
            if j > 0 and kind == "key":
                return word[:i] + row[j - 1] + word[i + 1 :]
        return word[:i] + word[i + 1 :]

    def build(self) -> None:
        for i in range(self.n):
            loc = self.loc()
            fore, sur = self.forename(loc), self.surname(loc)
            middles = [self.forename(loc)] if self.rng.random() < 0.2 else []
            self.entries.append({"id": f"S{i:04d}", "name": " ".join([fore, *middles, sur]), "aliases": []})
            self.parts.append((fore, middles, sur))
        listed = [({plain(f), *map(plain, m)}, plain(s)) for f, m, s in self.parts]

        def near(a: str, b: str) -> bool:
            return a == b or a[:3] == b[:3] or Indel.normalized_similarity(a, b) >= 0.6

        def clear(fore: str, sur: str) -> bool:
            """No listed name has a forename near ``fore`` and a surname near ``sur``."""
            f, s = plain(fore), plain(sur)
            return not any(near(s, ls) and any(near(f, lf) for lf in lfs) for lfs, ls in listed)

        rng = self.rng
        want = {"exact": 60, "typo": 80, "middle-name": 60, "spelling-variant": 300, "combined": 150}
        made: dict[str, int] = defaultdict(int)
        for _round in range(30):
            for i in rng.sample(range(self.n), self.n):
                cats = [c for c, n in want.items() if made[c] < n]
                if not cats:
                    break
                cat = rng.choice(cats)
                q = self.make(cat, *self.parts[i])
                if q:
                    self.queries.append({"query": q, "expect": f"S{i:04d}", "category": cat})
                    made[cat] += 1
        for cat, count in (("neg-same-surname", 300), ("neg-same-forename", 200), ("neg-random", 400)):
            got = 0
            for _try in range(count * 20):
                if got == count:
                    break
                fore, _m, sur = rng.choice(self.parts)
                loc = self.loc()
                if cat == "neg-same-surname":
                    fore = self.forename(loc)
                elif cat == "neg-same-forename":
                    sur = self.surname(loc)
                else:
                    fore, sur = self.forename(loc), self.surname(loc)
                if len(plain(fore)) >= 2 and clear(fore, sur):
                    self.queries.append({"query": f"{fore} {sur}", "expect": None, "category": cat})
                    got += 1
        rng.shuffle(self.queries)

    def make(self, cat: str, fore: str, middles: list[str], sur: str) -> str | None:
        rng = self.rng
        if cat == "exact":
            return " ".join([fore, *middles, sur])
        if cat == "typo":
            if len(sur) >= 5 and rng.random() < 0.5:
                return f"{fore} {self.typo(sur)}"
            return f"{self.typo(fore)} {sur}" if len(fore) >= 5 else None
        if cat == "middle-name":
            return f"{fore} {sur}" if middles else f"{fore} {self.forename(self.loc())} {sur}"
        part = rng.choice(["fore", "sur"])
        variants = respellings(fore if part == "fore" else sur)
        if not variants:
            return None
        v = rng.choice(variants)
        f2, s2 = (v, sur) if part == "fore" else (fore, v)
        if cat == "spelling-variant":
            return f"{f2} {s2}"
        how = rng.choice(["typo", "middle", "order"])
        if how == "typo":
            other = s2 if part == "fore" else f2
            if len(other) < 5:
                return None
            return f"{f2} {self.typo(s2)}" if part == "fore" else f"{self.typo(f2)} {s2}"
        if how == "middle":
            return f"{f2} {s2}" if middles else f"{f2} {self.forename(self.loc())} {s2}"
        return f"{s2}, {f2}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--entries", type=int, default=600)
    a = ap.parse_args()
    g = Gen(a.seed, a.entries)
    g.build()
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "watchlist.jsonl", "w", encoding="utf-8") as f:
        for e in g.entries:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(out / "queries.jsonl", "w", encoding="utf-8") as f:
        for q in g.queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    cats: dict[str, int] = defaultdict(int)
    for q in g.queries:
        cats[str(q["category"])] += 1
    print(f"{len(g.entries)} entries, {len(g.queries)} queries in {out}: {dict(sorted(cats.items()))}")


if __name__ == "__main__":
    main()
