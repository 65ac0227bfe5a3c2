#!/usr/bin/env python3
"""Build a labelled screening set from name sources the screening engine does not use.

    .venv/bin/pip install gender-guesser Faker        # the "bench" extra
    .venv/bin/python benchmarks/screening_unseen.py OUT_DIR [--seed 11] [--entries 600]
    python ../shared/screening/evaluate.py OUT_DIR --misses 5

It writes OUT_DIR/watchlist.jsonl and OUT_DIR/queries.jsonl in the format of the dev set, so the
project's scorer reads it unchanged. The engine's name knowledge comes from the ``nicknames``
package, the ``name-variants`` clusters and the tables in ``kiosk/screening/shortforms.py``; this
set comes from elsewhere:

* forenames by country, and their short forms and variant spellings, from Jörg Michael's
  ``nam_dict.txt`` (the "gender" dictionary, 2008, GNU FDL) as shipped in the ``gender-guesser``
  package: its ``=`` lines pair a short form or variant with its full name across Europe,
  Russia, Turkey and the Middle East;
* more forenames and all surnames from ``Faker``'s locales (British, Irish, Polish, Russian,
  Ukrainian, Romanian, Portuguese, Italian, Lithuanian, Turkish, Czech, Hungarian, Indian,
  Pakistani, Yoruba, Igbo, Hausa, Twi...);
* British and Irish surname spelling groups written for this benchmark (``SURNAME_VARIANTS``).

Query categories follow the dev set, plus ``disguise`` (a listed name with invisible characters,
look-alike letters, markup, dots, spaced letters or digits for letters).
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from collections import defaultdict
from collections.abc import Set as AbstractSet
from functools import cache
from importlib import resources
from pathlib import Path

from anyascii import anyascii
from faker import Faker
from rapidfuzz.distance import Indel

# nam_dict.txt columns (gender_guesser.detector.Detector.COUNTRIES): one frequency character each
# from column 30 on.
COUNTRIES = """great_britain ireland usa italy malta portugal spain france belgium luxembourg
    the_netherlands east_frisia germany austria swiss iceland denmark norway sweden finland estonia
    latvia lithuania poland czech_republic slovakia hungary romania bulgaria bosniaand croatia kosovo
    macedonia montenegro serbia slovenia albania greece russia belarus moldova ukraine armenia
    azerbaijan georgia the_stans turkey arabia israel china india japan korea vietnam
    other_countries""".split()

# Where the families of a UK school come from (weights), with the Faker locale for surnames and
# the nam_dict country for forenames (None: forenames from Faker too).
ORIGINS = [
    (30, "en_GB", "great_britain"),
    (8, "en_IE", "ireland"),
    (8, "pl_PL", "poland"),
    (3, "ru_RU", "russia"),
    (3, "uk_UA", "ukraine"),
    (5, "ro_RO", "romania"),
    (4, "pt_PT", "portugal"),
    (4, "it_IT", "italy"),
    (3, "lt_LT", "lithuania"),
    (4, "tr_TR", "turkey"),
    (2, "cs_CZ", "czech_republic"),
    (2, "hu_HU", "hungary"),
    (5, "en_IN", "india"),
    (4, "en_PK", "arabia"),
    (4, "yo_NG", None),
    (3, "ig_NG", None),
    (2, "ha_NG", None),
    (2, "tw_GH", None),
    (2, "de_DE", "germany"),
    (2, "fr_FR", "france"),
    (2, "el_GR", "greece"),
]
COMMON_SURNAMES = """Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Roberts Johnson Lewis
    Walker Robinson Wood Thompson White Watson Jackson Wright Green Harris Cooper King Lee Martin
    Clarke James Morgan Hughes Edwards Hill Moore Clark Harrison Scott Young Morris Hall Ward Turner
    Carter Phillips Mitchell Patel Adams Campbell Anderson Allen Cook Khan Ali Hussain""".split()
# Spellings of one British or Irish surname (written for this benchmark; the engine has no list).
SURNAME_VARIANTS = [
    ["Gray", "Grey"],
    ["Reid", "Reed", "Read", "Reade"],
    ["Thomson", "Thompson", "Tomson"],
    ["Phillips", "Philips", "Phillipps"],
    ["Clark", "Clarke"],
    ["Davies", "Davis", "Davys"],
    ["Brown", "Browne"],
    ["Matthews", "Mathews"],
    ["Bailey", "Baillie", "Bayley"],
    ["Stephens", "Stevens"],
    ["Stephenson", "Stevenson"],
    ["Macdonald", "McDonald", "MacDonald"],
    ["Mackenzie", "McKenzie"],
    ["Neill", "Neil", "Neal", "Neale"],
    ["Byrne", "Byrnes", "Burn"],
    ["Kelly", "Kelley"],
    ["Murphy", "Murphey"],
    ["Ryan", "Ryans"],
    ["Gallagher", "Gallacher"],
    ["Doherty", "Docherty", "Dougherty"],
    ["Rogers", "Rodgers"],
    ["Hughes", "Hewes"],
    ["Lloyd", "Loyd"],
    ["Powell", "Powel"],
    ["Jenkins", "Jenkyns"],
    ["Griffiths", "Griffith"],
    ["Vaughan", "Vaughn"],
    ["Price", "Pryce"],
    ["Lyons", "Lions"],
    ["Kavanagh", "Cavanagh"],
    ["Callaghan", "Callahan"],
    ["Monaghan", "Monahan"],
    ["Shaughnessy", "Shaughnessey"],
    ["Carr", "Kerr"],
    ["Cox", "Coxe"],
    ["Fox", "Foxe"],
    ["Parry", "Parrie"],
    ["Ellis", "Elliss"],
    ["Whyte", "White"],
    ["Smyth", "Smith", "Smythe"],
    ["Wilkinson", "Wilkenson"],
    ["Mohammed", "Muhammad", "Mohamed"],
    ["Hussain", "Hussein", "Husain"],
    ["Chaudhry", "Choudhury", "Chowdhury"],
    ["Nowak", "Novak"],
    ["Kowalski", "Kovalski"],
    ["Wisniewski", "Vishnevsky"],
    ["Popescu", "Popesku"],
    ["Ivanov", "Ivanoff"],
    ["Shevchenko", "Schewtschenko", "Sevcenko"],
    ["Yilmaz", "Jilmaz"],
    ["Okafor", "Okaphor"],
    ["Adeyemi", "Adeyemmi"],
    ["Mensah", "Mensa"],
    ["Boateng", "Boatemg"],
]
TITLES = ["Mr", "Mr.", "Mrs", "Ms", "Miss", "Dr", "Dr.", "Mx"]
KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def nam_dict() -> tuple[dict[str, list[tuple[str, int]]], list[tuple[str, str]]]:
    """(country -> [(forename, frequency)], [(short or variant, full)]) from nam_dict.txt."""
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    by_country: dict[str, list[tuple[str, int]]] = defaultdict(list)
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        parts = line.split()
        if line[0] == "=":
            if len(parts) >= 3 and parts[1].isalpha() and parts[2].isalpha():
                pairs.append((parts[1], parts[2]))
            continue
        if len(parts) < 2 or "+" in parts[1] or not parts[1].isalpha():
            continue
        cols = line[30:-1]
        for i, ch in enumerate(cols[: len(COUNTRIES)]):
            if ch != " ":
                freq = int(ch, 16) if ch in "0123456789ABCDEF" else 1
                by_country[COUNTRIES[i]].append((parts[1], freq))
    return by_country, pairs


def plain(s: str) -> str:
    return "".join(ch for ch in anyascii(s).lower() if ch.isalpha())


def latin(s: str) -> str:
    """Faker's Cyrillic, Greek and Devanagari names, written in Latin letters."""
    if all(unicodedata.name(ch, "LATIN").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE")) for ch in s):
        return s
    return anyascii(s).title()


class Gen:
    def __init__(self, seed: int, entries: int) -> None:
        self.rng = random.Random(seed)
        self.n = entries
        self.by_country, self.pairs = nam_dict()
        self.fakers = {loc: Faker(loc) for _w, loc, _c in ORIGINS}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 1000 + i)
        self.related: dict[str, set[str]] = defaultdict(set)
        for a, b in self.pairs:
            self.related[plain(a)].add(plain(b))
            self.related[plain(b)].add(plain(a))
        for group in SURNAME_VARIANTS:
            for a in group:
                self.related[plain(a)].update(plain(b) for b in group if b != a)
        self.by_pair: dict[str, list[str]] = defaultdict(list)
        for a, b in self.pairs:
            self.by_pair[plain(a)].append(b)
            self.by_pair[plain(b)].append(a)
        self._forms: dict[str, tuple[list[str], list[str]]] = {}
        self.entries: list[dict[str, object]] = []
        self.queries: list[dict[str, object]] = []
        self.parts: dict[str, tuple[str, list[str], str]] = {}  # id -> (forename, middles, surname)

    # ------------------------------------------------------------------ names
    def origin(self) -> tuple[str, str | None]:
        weights = [w for w, _l, _c in ORIGINS]
        _w, loc, country = self.rng.choices(ORIGINS, weights)[0]
        return loc, country

    def forename(self, loc: str, country: str | None) -> str:
        names = self.by_country.get(country or "", [])
        if names and self.rng.random() < 0.75:
            common = [n for n, f in names if f >= 4] or [n for n, _f in names]
            return self.rng.choice(common)
        f = self.fakers[loc]
        return latin(f.first_name()).split()[0]

    def surname(self, loc: str) -> str:
        return latin(self.fakers[loc].last_name()).split()[0]

    def unrelated_forename(self, loc: str, country: str | None, to: AbstractSet[str]) -> str:
        for _ in range(50):
            cand = self.forename(loc, country)
            p = plain(cand)
            if all(
                p != t
                and p[:3] != t[:3]
                and Indel.normalized_similarity(p, t) < 0.6
                and t not in self.related[p]
                for t in to
            ):
                return cand
        return "Zebedee"

    def unrelated_surname(self, loc: str, to: AbstractSet[str]) -> str:
        for _ in range(50):
            cand = self.surname(loc)
            p = plain(cand)
            if all(Indel.normalized_similarity(p, t) < 0.7 and t not in self.related[p] for t in to):
                return cand
        return "Quorndon"

    # ------------------------------------------------------------------ watch list
    def build_list(self) -> None:
        # Each country's names spelt plain once (not once per pair: that took a minute).
        plain_names = {c: {plain(n) for n, _f in names} for c, names in self.by_country.items()}
        self.fulls_by_country = {
            c: sorted({b for _a, b in self.pairs if plain(b) in plain_names[c]}) for c in self.by_country
        }
        for i in range(self.n):
            eid = f"U{i:04d}"
            loc, country = self.origin()
            fore = self.forename(loc, country)
            if i % 4 == 0:  # a quarter of the list has a forename with short forms
                fulls = self.fulls_by_country.get(country or "", [])
                if fulls:
                    fore = self.rng.choice(fulls)
            middles = [self.forename(loc, country)] if self.rng.random() < 0.18 else []
            sur = self.surname(loc)
            if i % 11 == 3:
                sur = self.rng.choice(self.rng.choice(SURNAME_VARIANTS))
            if i % 13 == 5:
                sur = self.rng.choice(COMMON_SURNAMES)
            if self.rng.random() < 0.12:
                sur = f"{sur}-{self.surname(self.origin()[0])}"
            aliases = []
            if self.rng.random() < 0.15:
                aliases.append(f"{fore} {self.surname(loc)}")
            name = " ".join([fore, *middles, sur])
            self.entries.append({"id": eid, "name": name, "aliases": aliases})
            self.parts[eid] = (fore, middles, sur)

    # ------------------------------------------------------------------ queries
    def q(self, query: str, expect: str | None, cat: str) -> None:
        self.queries.append({"query": query, "expect": expect, "category": cat})

    def typo(self, word: str) -> str:
        if len(word) < 5:
            return word
        i = self.rng.randrange(1, len(word) - 1)
        kind = self.rng.choice(["swap", "drop", "double", "key"])
        if kind == "swap" and word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if kind == "drop":
            return word[:i] + word[i + 1 :]
        if kind == "double":
            return word[:i] + word[i] + word[i:]
        ch = word[i].lower()
        for row in KEYS:
            j = row.find(ch)
            if j >= 0:
                nb = (
                    row[j - 1]
                    if j > 0 and (self.rng.random() < 0.5 or j == len(row) - 1)
                    else row[min(j + 1, len(row) - 1)]
                )
                return word[:i] + nb + word[i + 1 :]
        return word[:i] + word[i + 1 :]

    def short_forms(self, fore: str) -> tuple[list[str], list[str]]:
        """(nicknames, spelling variants) of a forename in nam_dict's "=" lines."""
        p = plain(fore)
        if p in self._forms:
            return self._forms[p]
        nick: list[str] = []
        var: list[str] = []
        for x in self.by_pair.get(p, ()):
            px = plain(x)
            if px == p:
                continue
            similar = Indel.normalized_similarity(px, p) >= 0.7 and abs(len(px) - len(p)) <= 2
            (var if similar and px[0] == p[0] else nick).append(x)
        self._forms[p] = (nick, var)
        return nick, var

    def surname_variants(self, sur: str) -> list[str]:
        p = plain(sur)
        for group in SURNAME_VARIANTS:
            if p in {plain(g) for g in group}:
                return [g for g in group if plain(g) != p]
        return []

    def disguise(self, name: str) -> str:
        cyr = {
            "a": "а",
            "e": "е",
            "o": "о",
            "p": "р",
            "c": "с",
            "x": "х",
            "y": "у",
            "i": "і",
            "s": "ѕ",
            "A": "А",
            "B": "В",
            "E": "Е",
            "H": "Н",
            "K": "К",
            "M": "М",
            "O": "О",
            "P": "Р",
            "C": "С",
            "T": "Т",
            "X": "Х",
            "S": "Ѕ",
            "I": "І",
            "J": "Ј",
        }
        kind = self.rng.choice(
            [
                "fe0f",
                "braille",
                "thin",
                "middot",
                "emoji",
                "cyrillic",
                "dots",
                "hyphen",
                "spaced",
                "digits",
                "html",
                "filler",
            ]
        )
        words = name.split()

        def inside(ch: str) -> str:
            return " ".join(w[:2] + ch + w[2:] if len(w) > 3 else w for w in words)

        if kind == "fe0f":
            return inside("\ufe0f")
        if kind == "braille":
            return inside("\u2800")
        if kind == "thin":
            return inside(self.rng.choice(["\u2009", "\u200a", "\u2006"]))
        if kind == "middot":
            return inside("\u00b7")
        if kind == "emoji":
            return inside(self.rng.choice(["😀", "🌸", "⭐", "♥"]))
        if kind == "filler":
            return inside(self.rng.choice(["\u3164", "\u115f", "\uffa0"]))
        if kind == "cyrillic":
            return "".join(cyr.get(ch, ch) for ch in name)
        if kind == "dots":
            return " ".join(".".join(w) if len(w) > 2 else w for w in words)
        if kind == "hyphen":
            return inside("-")
        if kind == "spaced":
            return " ".join(" ".join(w) for w in words)
        if kind == "digits":
            return name.translate(str.maketrans({"o": "0", "e": "3", "a": "4", "s": "5", "t": "7"}))
        return f"<b>{words[0]}</b> " + " ".join(words[1:])

    def build_queries(self) -> None:
        rng = self.rng
        ids = [e["id"] for e in self.entries]
        # Every listed name and alias as (forename and middle names, surname halves).
        people: list[tuple[set[str], set[str]]] = []
        for e in self.entries:
            for text in [e["name"], *e["aliases"]]:  # type: ignore[misc]
                words = str(text).split()
                people.append(({plain(w) for w in words[:-1]}, {plain(h) for h in words[-1].split("-")}))

        @cache
        def near(a: str, b: str) -> bool:
            return a == b or Indel.normalized_similarity(a, b) >= 0.7 or b in self.related[a]

        self._people, self._near = people, near
        counts = {
            "exact": 75,
            "title": 75,
            "order": 75,
            "initial": 75,
            "middle-name": 112,
            "typo": 110,
            "diacritics": 163,
            "double-barrelled": 75,
            "alias": 75,
            "nickname": 150,
            "spelling-variant": 150,
            "combined": 61,
            "disguise": 150,
        }
        made = defaultdict(int)
        order = list(ids)
        for _round in range(40):
            rng.shuffle(order)
            for eid in order:
                fore, middles, sur = self.parts[eid]
                full = " ".join([fore, *middles, sur])
                cat = rng.choice([c for c in counts if made[c] < counts[c]] or [None])
                if cat is None:
                    break
                q = self.make(cat, eid, fore, middles, sur, full)
                if q:
                    self.q(q, eid, cat)
                    made[cat] += 1

        # Negatives: a name that no listed name or alias comes near (a forename near a listed
        # forename and a surname near its surname would be the same person misspelt).
        # Cached: the same listed surname is drawn again and again, and each call scans the list.
        @cache
        def forenames_near_surname(sur: str) -> frozenset[str]:
            out: set[str] = set()
            for fores, surs in people:
                if any(near(plain(h), s) for h in sur.split("-") for s in surs):
                    out |= fores
            return frozenset(out)

        @cache
        def surnames_near_forename(fore: str) -> frozenset[str]:
            out: set[str] = set()
            for fores, surs in people:
                if any(near(plain(fore), f) for f in fores):
                    out |= surs
            return frozenset(out)

        all_surnames = {s for _f, surs in people for s in surs}
        for _ in range(393):
            eid = rng.choice(ids)
            _fore, _middles, sur = self.parts[eid]
            half = rng.choice(sur.split("-"))
            loc, country = self.origin()
            f = self.unrelated_forename(loc, country, forenames_near_surname(half))
            self.q(f"{f} {half}", None, "neg-same-surname")
        for _ in range(195):
            eid = rng.choice(ids)
            fore, _m, _s = self.parts[eid]
            s = self.unrelated_surname(self.origin()[0], surnames_near_forename(fore))
            self.q(f"{fore} {s}", None, "neg-same-forename")
        for _ in range(580):
            loc, country = self.origin()
            f = self.forename(loc, country)
            s = self.unrelated_surname(loc, all_surnames)
            self.q(f"{f} {s}", None, "neg-random")
        for _ in range(72):
            s = rng.choice(COMMON_SURNAMES)
            loc, country = self.origin()
            f = self.unrelated_forename(loc, country, forenames_near_surname(s))
            self.q(f"{f} {s}", None, "neg-common-surname")
        for _ in range(65):
            eid = rng.choice(ids)
            _f, _m, sur = self.parts[eid]
            used = {x[0] for x in forenames_near_surname(sur) if x}
            letters = [c for c in "ABCDEFGHJKLMNPRSTW" if c.lower() not in used]
            if letters:
                dot = "." if rng.random() < 0.5 else ""
                self.q(f"{rng.choice(letters)}{dot} {sur}", None, "neg-initial")
        for _ in range(37):
            loc, country = self.origin()
            self.q(
                self.forename(loc, country) if rng.random() < 0.7 else self.surname(loc),
                None,
                "neg-single-name",
            )
        rng.shuffle(self.queries)

    def make(self, cat: str, eid: str, fore: str, middles: list[str], sur: str, full: str) -> str | None:
        rng = self.rng
        entry = self.entries[int(eid[1:])]
        if cat == "exact":
            return (
                rng.choice([full, full.lower(), full.upper(), f"  {fore}  {sur} "]) if not middles else full
            )
        if cat == "title":
            return f"{rng.choice(TITLES)} {full}"
        if cat == "order":
            return rng.choice([f"{sur}, {fore}", f"{sur.upper()}, {fore}", f"{sur} {fore}"])
        if cat == "initial":
            return f"{fore[0]}{rng.choice(['', '.'])} {sur}"
        if cat == "middle-name":
            if middles:
                return f"{fore} {sur}"
            loc, country = self.origin()
            return f"{fore} {self.forename(loc, country)} {sur}"
        if cat == "typo":
            if rng.random() < 0.5 and len(sur) >= 5:
                return f"{fore} {self.typo(sur)}"
            if len(fore) >= 5:
                return f"{self.typo(fore)} {sur}"
            return None
        if cat == "diacritics":
            folded = anyascii(full)
            return folded if folded != full else None
        if cat == "double-barrelled":
            if "-" in sur:
                return f"{fore} {rng.choice(sur.split('-'))}"
            return None
        if cat == "alias":
            return rng.choice(entry["aliases"]) if entry["aliases"] else None  # type: ignore[arg-type]
        if cat == "nickname":
            nick, _var = self.short_forms(fore)
            return f"{rng.choice(nick)} {sur}" if nick else None
        if cat == "spelling-variant":
            _nick, var = self.short_forms(fore)
            svar = self.surname_variants(sur)
            if svar and (not var or rng.random() < 0.5):
                return f"{fore} {rng.choice(svar)}"
            return f"{rng.choice(var)} {sur}" if var else None
        if cat == "combined":
            nick, var = self.short_forms(fore)
            if not nick and not var:
                return None
            f = rng.choice(nick + var)
            if len(sur) >= 5 and rng.random() < 0.6:
                return rng.choice([f"{f} {self.typo(sur)}", f"{self.typo(sur)}, {f}"])
            return f"{sur}, {f}".lower() if rng.random() < 0.5 else f"Mr {f} {sur}"
        if cat == "disguise":
            return self.disguise(f"{fore} {sur}")
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--entries", type=int, default=600)
    a = ap.parse_args()
    g = Gen(a.seed, a.entries)
    g.build_list()
    g.build_queries()
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "watchlist.jsonl", "w", encoding="utf-8") as f:
        for e in g.entries:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(out / "queries.jsonl", "w", encoding="utf-8") as f:
        for q in g.queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    cats = defaultdict(int)
    for q in g.queries:
        cats[q["category"]] += 1
    print(f"{len(g.entries)} entries, {len(g.queries)} queries in {out}: {dict(sorted(cats.items()))}")


if __name__ == "__main__":
    main()
