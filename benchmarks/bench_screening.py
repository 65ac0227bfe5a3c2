#!/usr/bin/env python3
"""Time the ban-list screener at several list sizes.

    .venv/bin/python benchmarks/bench_screening.py [--sizes 1000,100000,1000000] [--queries 300]

For each size it builds a synthetic but realistic list (common British and international forenames
and surnames with their real skew, plus rarer generated surnames, some middle names, double-barrelled
surnames and aliases), then times:

* the build;
* screening a few hundred typed names: exact, typo, nickname, initial, swapped, dropped middle name
  and names that are not on the list (mean, p50, p99, max);
* add and remove of single entries on the built list;

and finally a full rebuild of a 10,000-entry list. Timings are wall-clock on this machine; nothing
here asserts on them.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.screening import Screener, WatchEntry  # noqa: E402

FORENAMES = """
Oliver George Harry Jack Jacob Noah Charlie Muhammad Thomas Oscar William James Leo Alfie Henry Joshua Freddie
Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Mohammed Logan Theo Harrison Benjamin
Mason Sebastian Finley Adam Dylan Zachary Riley Teddy Theodore David Toby Jake Louie Elijah Reuben Arlo Hugo
Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Evie Sophia Sophie Grace Ruby Freya Charlotte Daisy
Chloe Alice Phoebe Florence Sienna Matilda Evelyn Ivy Elsie Millie Rosie Harper Esme Willow Imogen Eliza Emma
John Michael Paul Andrew Mark Peter Richard Stephen Robert Christopher Anthony Simon Ian Gary Kevin Neil Martin
Susan Sarah Karen Julie Helen Claire Nicola Lisa Joanne Michelle Rachel Amanda Tracey Donna Angela Deborah Jane
Priya Aisha Fatima Zainab Maryam Ayesha Amir Omar Yusuf Ibrahim Hassan Ali Bilal Imran Tariq Raj Sanjay Deepak
Agnieszka Katarzyna Piotr Tomasz Krzysztof Andrzej Marek Ewa Anna Maria Ioana Andrei Mihai Elena Chidi Ngozi
Oluwaseun Kwame Kofi Abena Amara Tunde Siobhan Niamh Aoife Ciaran Declan Sean Eoin Dafydd Rhys Ffion Gethin
""".split()
SURNAMES = """
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris
Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young
Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan
Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali
Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens
Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott
Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson
Nowak Kowalski Wiśniewski Müller Schröder Jørgensen García Popescu Öztürk Yılmaz Okafor Adeyemi Mensah Nguyen
Chowdhury Rahman Iqbal Malik Siddiqui Gallagher O'Brien O'Connor MacLeod McCarthy Doyle Byrne Quinn
""".split()
NICKS = {
    "William": "Bill",
    "Robert": "Bob",
    "Elizabeth": "Liz",
    "Margaret": "Maggie",
    "Alexander": "Alex",
    "Thomas": "Tom",
    "Joseph": "Joe",
    "Samuel": "Sam",
    "Richard": "Dick",
    "Michael": "Mike",
    "Christopher": "Chris",
    "Daniel": "Dan",
    "Benjamin": "Ben",
    "Charlotte": "Lottie",
    "Edward": "Ted",
}
_CONS, _VOWS = "bcdfghklmnprstvwz", "aeiou"


_WEIGHTS: dict[int, list[float]] = {}


def _zipf_choice(rng: random.Random, pool: list[str]) -> str:
    # Real names are skewed: weights 1/(rank + 10) give the commonest about 3% of the pool's
    # draws, like David or Smith in the UK.
    w = _WEIGHTS.setdefault(len(pool), [1 / (r + 10) for r in range(len(pool))])
    return rng.choices(pool, weights=w)[0]


def _made_up_surname(rng: random.Random) -> str:
    word = "".join(rng.choice(_CONS) + rng.choice(_VOWS) for _ in range(rng.randint(2, 3)))
    return (word + rng.choice(["", "s", "n", "ton", "ley", "er", "ski", "son"])).capitalize()


def make_list(n: int, seed: int = 1) -> list[WatchEntry]:
    """A synthetic ban list of ``n`` entries."""
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        fore = _zipf_choice(rng, FORENAMES)
        sur = _zipf_choice(rng, SURNAMES) if rng.random() < 0.5 else _made_up_surname(rng)
        r = rng.random()
        if r < 0.10:
            name = f"{fore} {rng.choice(FORENAMES)} {sur}"
        elif r < 0.15:
            name = f"{fore} {sur}-{_made_up_surname(rng)}"
        else:
            name = f"{fore} {sur}"
        aliases = (f"{fore} {_made_up_surname(rng)}",) if rng.random() < 0.03 else ()
        entries.append(WatchEntry(f"E{i:07d}", name, aliases))
    return entries


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word))
    op = rng.choice("dist")
    if op == "d":
        return word[:i] + word[i + 1 :]
    if op == "i":
        return word[:i] + word[i] + word[i:]
    if op == "t" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]


def make_queries(entries: list[WatchEntry], k: int, seed: int = 2) -> list[str]:
    """``k`` typed names: variations of listed names and names that are not listed."""
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        e = rng.choice(entries)
        parts = e.name.split()
        fore, sur = parts[0], parts[-1]
        kind = rng.randrange(8)
        if kind == 0:
            out.append(e.name.upper())
        elif kind == 1:
            out.append(f"{fore} {_typo(rng, sur)}")
        elif kind == 2:
            out.append(f"{NICKS.get(fore, fore)} {sur}")
        elif kind == 3:
            out.append(f"{fore[0]}. {sur}")
        elif kind == 4:
            out.append(f"{sur}, {fore}")
        elif kind == 5:
            out.append(f"Mrs {fore} {sur}")
        else:
            out.append(f"{rng.choice(FORENAMES)} {_made_up_surname(rng)}")  # not on the list
    return out


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:8.3f}"


def bench(n: int, n_queries: int) -> dict[str, float]:
    """Build a list of ``n`` entries and time build, screening and updates."""
    entries = make_list(n)
    queries = make_queries(entries, n_queries)
    gc.collect()
    t0 = time.perf_counter()
    screener = Screener(entries)
    build = time.perf_counter() - t0
    for q in queries[:20]:  # warm caches as a running kiosk would have them
        screener.screen(q)
    lat = []
    flagged = 0
    for q in queries:
        t = time.perf_counter()
        flagged += bool(screener.screen(q))
        lat.append(time.perf_counter() - t)
    lat.sort()
    rng = random.Random(3)
    adds = [WatchEntry(f"NEW{i}", f"{rng.choice(FORENAMES)} {_made_up_surname(rng)}") for i in range(200)]
    t = time.perf_counter()
    for e in adds:
        screener.add(e)
    add_each = (time.perf_counter() - t) / len(adds)
    t = time.perf_counter()
    for e in adds:
        screener.remove(e.id)
    remove_each = (time.perf_counter() - t) / len(adds)
    return {
        "n": n,
        "build_s": build,
        "mean": statistics.fmean(lat),
        "p50": lat[len(lat) // 2],
        "p99": lat[min(len(lat) - 1, int(0.99 * len(lat)))],
        "max": lat[-1],
        "flagged": flagged / len(queries),
        "add": add_each,
        "remove": remove_each,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,100000,1000000", help="comma-separated list sizes")
    ap.add_argument("--queries", type=int, default=300, help="typed names screened per size")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]

    print(
        f"{'entries':>9} {'build s':>8} {'mean ms':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'add ms':>8} {'rm ms':>8} {'flagged':>8} {'max RSS':>9}"
    )
    for n in sizes:
        r = bench(n, a.queries)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{n:>9,} {r['build_s']:8.2f} {_ms(r['mean'])} {_ms(r['p50'])} {_ms(r['p99'])} {_ms(r['max'])} "
            f"{_ms(r['add'])} {_ms(r['remove'])} {r['flagged']:8.1%} {rss_mb:7.0f} MB",
            flush=True,
        )

    entries = make_list(10_000, seed=9)
    t = time.perf_counter()
    Screener(entries)
    print(f"rebuild of a 10,000-entry list: {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
