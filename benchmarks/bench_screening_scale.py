#!/usr/bin/env python3
"""Screening at scale: build time, memory and lookup latency for a very large ban list.

    python benchmarks/bench_screening_scale.py [--entries 100000] [--queries 400] [--list realistic]
    python benchmarks/bench_screening_scale.py --entries 1000000

Builds the screener (kiosk.screening.Screener) over ``--entries`` names and prints:

* build seconds (wall and CPU) and the resident memory the screener added (RSS MB), beside a plain
  ``dict`` of the same names built in the same run (the floor: what holding the names costs);
* p50/p99/max per lookup (wall and CPU milliseconds) for typed names: listed names with typos,
  nicknames, initials, swapped order, titles, and names not on the list;
* the same names looked up with rapidfuzz's ``process.extract`` over every listed name (brute-force
  fuzzy matching, C++), on a sample, and the ratio: how many times faster the index answers;
* one add and one remove on the built list (what a ban changed at reception costs).

``--list realistic`` (default): UK and international forenames and surnames with their real skew
(bench_screening.make_list: thousands share "Smith" at a million). ``--list filler``: the made-up
names that ``evaluate.py --scale`` pads the list with. Goals (issues #14 and #20): 100,000 entries
p99 ≤ 5 ms and build ≤ 10 s; 1,000,000 entries p99 ≤ 20 ms, build ≤ 30 s, ≤ 1 GB. On a shared
machine read the CPU figures and the ratios, not the wall seconds.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_screening import make_list, make_queries  # noqa: E402

from kiosk.screening import Screener, WatchEntry  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def filler(n: int, seed: int = 7) -> list[WatchEntry]:
    """The made-up names evaluate.py --scale pads a list with (the same generator)."""
    rng = random.Random(seed)
    cons, vows = "bcdfghjklmnpqrstvwxz", "aeiouy"

    def word(k: int) -> str:
        return "".join(rng.choice(cons) + rng.choice(vows) for _ in range(k)).capitalize() + rng.choice(cons)

    return [WatchEntry(f"F{i:07d}", f"{word(rng.randint(2, 3))} {word(rng.randint(2, 4))}") for i in range(n)]


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def run(n: int, n_queries: int, kind: str, fuzzy_sample: int) -> None:
    entries = make_list(n) if kind == "realistic" else filler(n)
    queries = make_queries(entries, n_queries) if kind == "realistic" else _filler_queries(entries, n_queries)
    gc.collect()
    base = _rss_mb()

    # The floor: a plain dict of the same names, built and looked up in this run.
    t = time.perf_counter()
    plain = {e.name.lower(): e.id for e in entries}
    dict_build = time.perf_counter() - t
    dict_mb = _rss_mb() - base
    t = time.perf_counter()
    for q in queries:
        plain.get(q.lower())
    dict_lookup = (time.perf_counter() - t) / len(queries)
    names = list(plain)
    del plain
    gc.collect()

    before = _rss_mb()
    t, c = time.perf_counter(), time.process_time()
    screener = Screener(entries)
    build, build_cpu = time.perf_counter() - t, time.process_time() - c
    index_mb = _rss_mb() - before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    for q in queries[:20]:  # a running kiosk has screened before
        screener.screen(q)
    wall: list[float] = []
    cpu: list[float] = []
    flagged = 0
    for q in queries:
        t, c = time.perf_counter(), time.thread_time()
        flagged += bool(screener.screen(q))
        cpu.append(time.thread_time() - c)
        wall.append(time.perf_counter() - t)

    from rapidfuzz import fuzz, process

    sample = queries[:fuzzy_sample]
    t = time.perf_counter()
    for q in sample:
        process.extract(q, names, scorer=fuzz.WRatio, limit=20, score_cutoff=85)
    fuzzy = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    for q in sample:
        screener.screen(q)
    ours_sample = (time.perf_counter() - t) / len(sample)

    e = WatchEntry("NEW-1", "Rebecca Wainwright-Oyelaran", ("Becky Oyelaran",))
    t = time.perf_counter()
    screener.add(e)
    add = time.perf_counter() - t
    t = time.perf_counter()
    screener.remove(e.id)
    remove = time.perf_counter() - t

    ms = 1000.0
    print(f"entries {n:,} ({kind} names), {len(queries)} queries, {flagged / len(queries):.0%} flagged")
    print(
        f"  build       {build:7.2f} s wall, {build_cpu:6.2f} s CPU   (a plain dict of the names: {dict_build:.2f} s,"
        f" {build / max(dict_build, 1e-9):.0f}x)"
    )
    print(
        f"  memory      {index_mb:7.0f} MB added by the screener   (the names' dict: {dict_mb:.0f} MB);"
        f" process peak {peak_mb:.0f} MB, input list {before - base - dict_mb:.0f}+ MB before it"
    )
    print(
        f"  lookup wall p50 {_pct(wall, 0.5) * ms:6.2f} ms  p99 {_pct(wall, 0.99) * ms:6.2f} ms  max {max(wall) * ms:6.2f} ms"
    )
    print(
        f"  lookup CPU  p50 {_pct(cpu, 0.5) * ms:6.2f} ms  p99 {_pct(cpu, 0.99) * ms:6.2f} ms  max {max(cpu) * ms:6.2f} ms"
    )
    print(
        f"  reference   dict.get {dict_lookup * 1e6:.2f} us/lookup;"
        f" rapidfuzz process.extract (WRatio) over all names {fuzzy * ms:.1f} ms/lookup"
        f" = {fuzzy / max(ours_sample, 1e-9):.0f}x the screener's {ours_sample * ms:.2f} ms on the same {len(sample)}"
    )
    print(f"  update      add one entry {add * ms:.2f} ms, remove it {remove * ms:.2f} ms")


def _filler_queries(entries: list[WatchEntry], k: int) -> list[str]:
    rng = random.Random(2)
    out = []
    for _ in range(k):
        fore, sur = rng.choice(entries).name.split()
        i = rng.randrange(1, len(sur))
        out.append(
            rng.choice(
                [f"{fore} {sur}", f"{fore} {sur[:i]}{sur[i + 1 :]}", f"{sur}, {fore}", f"{fore[0]} {sur}"]
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000, help="listed names (default 100000)")
    ap.add_argument("--queries", type=int, default=400, help="typed names screened")
    ap.add_argument("--list", choices=("realistic", "filler"), default="realistic", help="which names")
    ap.add_argument("--fuzzy-sample", type=int, default=10, help="queries also run through rapidfuzz")
    a = ap.parse_args()
    if a.entries < 1 or a.queries < 1 or a.fuzzy_sample < 1:
        sys.exit("--entries, --queries and --fuzzy-sample must be at least 1")
    run(a.entries, a.queries, a.list, min(a.fuzzy_sample, a.queries))


if __name__ == "__main__":
    main()
